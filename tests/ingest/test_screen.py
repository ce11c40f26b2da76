"""Text that is not a report is not landed: the reason is recorded instead."""
from __future__ import annotations

import pytest

from fazhi.ingest.land import land
from fazhi.ingest.screen import not_a_report
from fazhi.ingest.sources import iter_inputs
from fazhi.warehouse import connect, ensure_schema

REPORT = "某镇2021年法治政府建设情况的报告。一、主要做法：全年办理行政复议案件十二件，调解矛盾纠纷三十起。"


@pytest.mark.parametrize("text, verdict", [
    (REPORT, None),                                                          # a short report passes
    ("", "not a report: 0 Chinese"),                                         # empty
    ("备忘", "not a report: 2 Chinese"),                                     # too short
    ('{"doc": "a.txt", "start": 12, "value": 3, "unit": "件", "kind": "case"}\n' * 40,
     "not a report: only"),                                                  # data, a little Chinese
    ("Annual report on the rule of law, 2022. " * 30, "not a report: 0 Chinese"),   # no Chinese
])
def test_not_a_report(text, verdict):
    reason = not_a_report(text)
    assert (reason is None) if verdict is None else reason.startswith(verdict)


def test_screened_files_are_recorded_not_landed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "notes.txt").write_text("TODO: 问一下2022年的文件", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    ensure_schema(warehouse)
    summary = land(iter_inputs([folder], 2**20), warehouse, "run-1")
    assert (summary.landed, summary.failed) == (1, 1)
    with connect(warehouse, read_only=True) as con:
        assert con.execute("select doc from raw.reports").fetchall() == [("report.txt",)]
        doc, stage, reason = con.execute("select doc, stage, reason from raw.ingest_errors").fetchone()
    assert (doc, stage) == ("notes.txt", "screen") and "Chinese" in reason
