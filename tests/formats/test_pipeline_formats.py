"""One real run (Prefect flow, dbt build, GX checks, report) over every format.

The marts say how each fact was read (fct_facts.read_method) and mark numbers
OCR was unsure of (ocr_low_confidence; here every OCR line counts as unsure,
FAZHI_OCR_LOW_CONFIDENCE above 1); a scanned report that contradicts itself
is named "read by OCR" in the mail's text and in the HTML report.
"""
from __future__ import annotations

import pytest

from fazhi.report import render_text
from fazhi.warehouse import connect

from . import render
from .conftest import write

# The tests' own contradiction: 审结 39 > 受理 33.
CONTRADICTION = ["白石镇人民政府2024年度法治政府建设情况报告", "一、行政复议工作",
                 "全年镇政府共受理行政复议案件33件，审结行政复议案件39件，其中撤销决定5件。"]


@pytest.fixture(scope="module")
def run(tmp_path_factory, rendered, pipeline_runner):
    root = tmp_path_factory.mktemp("formats_run")
    folder = write(root / "in", {**rendered, "contradiction.pdf": render.scanned_pdf(text=CONTRADICTION)})
    warehouse = root / "warehouse" / "fazhi.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("FAZHI_OCR_LOW_CONFIDENCE", "1.01")
    try:
        summary = pipeline_runner([folder], warehouse)
    finally:
        mp.undo()
    return summary, warehouse


def test_every_format_lands_and_builds(run):
    summary, warehouse = run
    assert summary.landing.failed == 0, summary.landing.errors
    assert summary.landing.landed == 8
    assert summary.dbt_tests_failed == 0
    with connect(warehouse, read_only=True) as con:
        # The same text in several formats is one report for the marts (dim_reports.duplicate_of):
        # every file's own facts are in the parse table.
        counts = dict(con.execute("""select r.doc, count(*) from intermediate.int_facts f
                                     join staging.stg_reports r using (report_id) group by r.doc""").fetchall())
    for doc in ("report.doc", "report.wps", "report.ofd", "report.mht", "scanned.pdf", "scanned.ofd"):
        assert counts.get(doc, 0) >= 0.95 * counts["report.txt"], (doc, counts)


def test_facts_say_how_they_were_read(run):
    _, warehouse = run
    with connect(warehouse, read_only=True) as con:
        methods = dict(con.execute("select doc, read_method from staging.stg_reports").fetchall())
        rows = con.execute("""select doc, any_value(read_method), bool_and(ocr_low_confidence),
                                     bool_or(ocr_low_confidence)
                              from fct_facts group by doc""").fetchall()
    for doc in ("scanned.pdf", "scanned.ofd", "contradiction.pdf"):
        assert methods[doc] == "ocr", doc
    for doc in ("report.txt", "report.doc", "report.wps", "report.ofd", "report.mht"):
        assert methods[doc] == "text", doc
    # fct_facts holds one file per text (the others are duplicates): its numbers are marked by how it was read
    by_doc = {doc: (method, all_low, any_low) for doc, method, all_low, any_low in rows}
    assert by_doc["contradiction.pdf"] == ("ocr", True, True)
    assert ("text", False, False) in by_doc.values()
    for doc, (method, all_low, any_low) in by_doc.items():
        assert (all_low, any_low) == ((True, True) if method == "ocr" else (False, False)), doc


def test_a_failing_scanned_report_is_named_read_by_ocr(run):
    summary, _ = run
    failing = [f for c in summary.checks if not c.success for f in c.failures]
    scanned = [f for f in failing if f.doc == "contradiction.pdf"]
    assert scanned and all(f.read_by_ocr for f in scanned)
    assert not any(f.read_by_ocr for f in failing if f.doc != "contradiction.pdf")
    text = render_text(summary)
    assert "contradiction.pdf (read by OCR)" in text
    html = summary.report_path.read_text(encoding="utf-8")
    assert 'contradiction.pdf <small class="ocr">(read by OCR)</small>' in html
