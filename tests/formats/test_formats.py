"""Every format a site publishes lands, and yields the facts of the same text as .txt.

The fixture report is rendered into each format (``render.py``) and landed in
a real DuckDB warehouse; the facts of each landed text are compared with the
facts of the .txt (floor: 0.95 of them). raw.reports says how the text was
read (text, ocr) and, for OCR, with what confidence.
"""
from __future__ import annotations

import pytest

from fazhi.ingest.land import land
from fazhi.ingest.sources import iter_inputs
from fazhi.warehouse import connect, ensure_schema

from .conftest import recall, write
from .report_text import TITLE

FORMATS = {  # file -> (format, method)
    "report.doc": ("doc", "text"),
    "report.wps": ("wps", "text"),
    "report.ofd": ("ofd", "text"),
    "report.mht": ("mht", "text"),
    "scanned.pdf": ("pdf", "ocr"),
    "scanned.ofd": ("ofd", "ocr"),
}


@pytest.fixture(scope="module")
def landed(tmp_path_factory, rendered):
    """Every rendered file landed in one warehouse: {doc: (format, method, confidence, text)}."""
    root = tmp_path_factory.mktemp("formats")
    folder = write(root / "in", rendered)
    warehouse = root / "fazhi.duckdb"
    ensure_schema(warehouse)
    summary = land(iter_inputs([folder], 50 * 2**20), warehouse, "run-formats")
    assert summary.failed == 0, summary.errors
    with connect(warehouse, read_only=True) as con:
        rows = con.execute("select doc, format, method, ocr_confidence, text from raw.reports").fetchall()
    return {r[0]: r[1:] for r in rows}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_lands_with_its_method(landed, name):
    fmt, method = FORMATS[name]
    assert name in landed, f"{name} did not land"
    landed_format, landed_method, confidence, text = landed[name]
    assert (landed_format, landed_method) == (fmt, method)
    assert TITLE in text
    if method == "ocr":
        assert confidence is not None and 0.9 <= confidence <= 1.0
    else:
        assert confidence is None


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_yields_the_facts_of_the_txt(landed, facts_of, name):
    expected = facts_of(landed["report.txt"][3])
    assert sum(expected.values()) >= 30, "the fixture report should carry many facts"
    found = facts_of(landed[name][3])
    share = recall(found, expected)
    print(f"\n{name}: {sum((found & expected).values())} of {sum(expected.values())} facts ({share:.3f})")
    assert share >= 0.95, f"{name}: only {share:.3f} of the .txt facts; missing {expected - found}"


def test_text_formats_are_read_exactly(landed):
    """.doc, .wps and .mht hold the paragraphs as the .txt does (OFD and scans are laid-out pages)."""
    txt = landed["report.txt"][3].strip()
    for name in ("report.doc", "report.wps", "report.mht"):
        assert landed[name][3].strip() == txt, name


def test_pdf_with_a_scanned_page_among_text_pages_is_read_whole(rendered):
    """A text PDF with one page that is an image: that page is read by OCR, in its place."""
    import io

    import pypdf

    from fazhi.ingest.readers import read_document
    from tests.ingest import fixtures

    from . import render

    appendix = ["附件", "全年共受理行政复议案件58件，审结52件。"]
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(fixtures.report_pdf()))
    writer.add_page(pypdf.PdfReader(io.BytesIO(render.scanned_pdf(text=appendix))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    document = read_document("mixed.pdf", out.getvalue())
    assert document.method == "text+ocr"
    assert document.text.startswith(fixtures.report_text())
    assert document.text.endswith("\n".join(appendix))
