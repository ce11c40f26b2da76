"""What cannot be read is a clear, recorded ingest error naming the file and the reason.

Encrypted files, scans with OCR turned off (FAZHI_OCR=off), scans over the page
limit (FAZHI_OCR_MAX_PAGES) or the time limit (FAZHI_OCR_TIMEOUT_S), encrypted
Word binaries and Kingsoft's own .wps format: each lands as one row of
raw.ingest_errors, never as partial text.
"""
from __future__ import annotations

import olefile
import pytest

from fazhi.ingest.land import land
from fazhi.ingest.readers import ReadError, read_document
from fazhi.ingest.sources import iter_inputs
from fazhi.warehouse import connect, ensure_schema

from . import render
from .conftest import write


def _land_one(tmp_path, name: str, data: bytes) -> tuple[str, str, str]:
    """Land one file; return its (doc, stage, reason) from raw.ingest_errors."""
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    summary = land(iter_inputs([write(tmp_path / "in", {name: data})], 50 * 2**20), warehouse, "run-refusals")
    assert (summary.landed, summary.failed) == (0, 1)
    with connect(warehouse, read_only=True) as con:
        rows = con.execute("select doc, stage, reason from raw.ingest_errors").fetchall()
        assert con.execute("select count(*) from raw.reports").fetchone()[0] == 0
    assert len(rows) == 1 and "\n" not in rows[0][2]
    return rows[0]


def test_encrypted_pdf_is_a_recorded_error(tmp_path, rendered):
    doc, stage, reason = _land_one(tmp_path, "locked.pdf", render.encrypt(rendered["scanned.pdf"]))
    assert (doc, stage) == ("locked.pdf", "parse")
    assert reason == "encrypted PDF: a password is needed to read it"


def test_scan_with_ocr_off_is_a_recorded_error(tmp_path, rendered, monkeypatch):
    monkeypatch.setenv("FAZHI_OCR", "off")
    doc, stage, reason = _land_one(tmp_path, "scan.pdf", rendered["scanned.pdf"])
    assert (doc, stage) == ("scan.pdf", "extract")
    assert reason == "scanned PDF (2 of 2 pages are images), no text to read and OCR is off (FAZHI_OCR=off)"


def test_scanned_ofd_with_ocr_off_is_a_recorded_error(tmp_path, rendered, monkeypatch):
    monkeypatch.setenv("FAZHI_OCR", "off")
    doc, stage, reason = _land_one(tmp_path, "scan.ofd", rendered["scanned.ofd"])
    assert (doc, stage) == ("scan.ofd", "extract")
    assert reason.endswith("no text to read and OCR is off (FAZHI_OCR=off)")


def test_scan_over_the_page_limit_is_a_recorded_error(tmp_path, rendered, monkeypatch):
    monkeypatch.setenv("FAZHI_OCR_MAX_PAGES", "1")
    doc, stage, reason = _land_one(tmp_path, "long.pdf", rendered["scanned.pdf"])
    assert (doc, stage) == ("long.pdf", "extract")
    assert reason == ("scanned PDF (2 of 2 pages are images): 2 pages need OCR, "
                      "more than the limit of 1 (FAZHI_OCR_MAX_PAGES)")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_scan_over_the_time_limit_is_a_recorded_error(tmp_path, rendered, monkeypatch, workers):
    monkeypatch.setenv("FAZHI_OCR_TIMEOUT_S", "0.2")
    monkeypatch.setenv("FAZHI_OCR_WORKERS", workers)
    doc, stage, reason = _land_one(tmp_path, "slow.pdf", rendered["scanned.pdf"])
    assert (doc, stage) == ("slow.pdf", "extract")
    assert reason == "OCR of 2 page(s) took longer than the limit of 0.2 s (FAZHI_OCR_TIMEOUT_S)"


def test_ocr_works_again_after_a_timeout(rendered, monkeypatch):
    """A timeout stops the busy workers; the next file gets fresh ones."""
    monkeypatch.setenv("FAZHI_OCR_TIMEOUT_S", "0.2")
    with pytest.raises(ReadError):
        read_document("slow.pdf", rendered["scanned.pdf"])
    monkeypatch.delenv("FAZHI_OCR_TIMEOUT_S")
    assert read_document("scan.pdf", rendered["scanned.pdf"]).method == "ocr"


def test_encrypted_doc_is_a_recorded_error(tmp_path):
    doc, stage, reason = _land_one(tmp_path, "locked.doc", render.word_doc(encrypted=True))
    assert (doc, stage, reason) == ("locked.doc", "parse", "encrypted .doc: a password is needed to read it")


def test_kingsoft_wps_without_a_word_stream_is_a_recorded_error(tmp_path):
    data = render.compound_file({"WpsContent": b"\x00" * 64})
    assert olefile.isOleFile(data=data)
    doc, stage, reason = _land_one(tmp_path, "old.wps", data)
    assert (doc, stage) == ("old.wps", "parse")
    assert reason == "not a Word-compatible .wps (Kingsoft WPS's own format): save it as .docx"


def test_docx_named_doc_is_read_as_docx(rendered):
    from tests.ingest import fixtures

    assert read_document("renamed.doc", fixtures.report_docx()).format == "docx"


def test_doc_table_rows_are_lines_with_tab_separated_cells():
    text = "年度执法统计\n审核文件（件）\x0798\x07120\x07\x07培训（人次）\x07300\x07426\x07\x07以上数据截至年底。"
    lines = read_document("table.doc", render.word_doc(text=text)).text.splitlines()
    assert lines == ["年度执法统计", "审核文件（件）\t98\t120", "培训（人次）\t300\t426", "以上数据截至年底。"]


def test_word_single_file_web_page_named_doc_is_read_as_mht():
    assert read_document("saved.doc", render.mht()).format == "mht"


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("cut.ofd", b"PK\x03\x04 cut short", "not a readable OFD (not an OFD file"),
    ("empty.mht", b"", "empty file (0 bytes)"),
    ("images.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
                   b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n", "web archive without an HTML page"),
    ("junk.doc", b"\xd0\xcf\x11\xe0" + bytes(600), "not a Word binary (.doc)"),
])
def test_broken_files_are_refused_with_the_reason(name, data, reason):
    with pytest.raises(ReadError) as caught:
        read_document(name, data)
    assert caught.value.stage == "parse" and caught.value.reason.startswith(reason)


def test_a_page_ocr_cannot_render_is_this_files_error_not_the_runs():
    """A renderer or recogniser failure (here: a page index past the end) becomes a ReadError."""
    from fazhi.ingest.formats import ocr

    with pytest.raises(ReadError) as caught:
        ocr.read_pdf_pages(render.scanned_pdf(), [7], ocr.Options(workers=2))
    assert caught.value.stage == "extract" and caught.value.reason.startswith("OCR failed (")

