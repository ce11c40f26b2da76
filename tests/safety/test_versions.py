"""The current version of a report is the one whose bytes were seen last."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb

HEAD = "某区人民政府2023年法治政府建设情况报告\n一、行政复议\n全年共受理行政复议案件{n}件。\n"


def fazhi(*args: str) -> None:
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True,
                         env=os.environ.copy())
    assert out.returncode == 0, out.stderr[-3000:]


def test_a_file_put_back_to_an_earlier_version_is_current_again(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = inbox / "report.txt"
    warehouse = str(tmp_path / "wh" / "fazhi.duckdb")
    report.write_text(HEAD.format(n=584), encoding="utf-8")
    fazhi("ingest", str(inbox), "--warehouse", warehouse)
    report.write_text(HEAD.format(n=585), encoding="utf-8")
    fazhi("ingest", str(inbox), "--warehouse", warehouse)
    report.write_text(HEAD.format(n=584), encoding="utf-8")   # put back: these bytes are the ones seen last
    fazhi("run", str(inbox), "--warehouse", warehouse)
    with duckdb.connect(warehouse, read_only=True) as con:
        assert con.execute("select count(*) from raw.reports").fetchone()[0] == 2
        values = {r[0] for r in con.execute("select value from fct_facts where unit = '件'").fetchall()}
    assert values == {584}
