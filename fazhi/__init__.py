"""fazhi: a data warehouse for China's annual rule-of-law government reports.

Report files land in DuckDB (``fazhi.ingest``), dbt turns them into sections,
sentences and facts (parsers in ``fazhi.text`` and ``fazhi.extract``), Great
Expectations checks them (``fazhi.checks``) and the result is mailed
(``fazhi.report``, ``fazhi.mail``). ``fazhi.cli`` is the command line.
"""

__version__ = "0.1.0"
