"""fazhi: a data warehouse for China's annual rule-of-law government reports.

Report files land in DuckDB (``fazhi.ingest``), dbt turns them into sections,
sentences and facts (parsers in ``fazhi.text`` and ``fazhi.extract``), Great
Expectations checks them (``fazhi.checks``) and the result is mailed
(``fazhi.report``, ``fazhi.mail``). ``fazhi.cli`` is the command line.
"""

import warnings

__version__ = "0.1.0"

# urllib3 warns that PySocks is missing whenever a module looks for SOCKS proxy support
# (trafilatura's downloads, requests' adapters); fazhi uses no SOCKS proxy. Those libraries
# silence the warning once imported, but a run imports in two threads at once, and a stopped
# run once printed it above its one line. Set here, it holds in every process fazhi starts.
warnings.filterwarnings("ignore", message="SOCKS support in urllib3 requires")
