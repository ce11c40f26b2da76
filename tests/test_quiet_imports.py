"""A run's standard error says what happened to the run, not what a library lacks.

urllib3 warns that PySocks is missing whenever a module looks for SOCKS proxy support
(trafilatura's downloads, requests' adapters). Those libraries silence the warning once
they are imported, but a run imports in two threads at once, and a stopped run once
showed it above its one line. fazhi silences it in every process that imports fazhi.
"""
from __future__ import annotations

import subprocess
import sys


def _stderr(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stderr


_LOOK_FOR_SOCKS = "try:\n    import urllib3.contrib.socks\nexcept ImportError:\n    pass\n"


def test_urllib3_looking_for_socks_says_nothing_in_a_fazhi_process():
    assert "SOCKS support" in _stderr(_LOOK_FOR_SOCKS)   # what urllib3 says here, without PySocks
    assert _stderr("import fazhi\n" + _LOOK_FOR_SOCKS) == ""


def test_other_warnings_still_show():
    assert "UserWarning: still said" in _stderr("import fazhi, warnings\nwarnings.warn('still said')")
