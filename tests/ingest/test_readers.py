"""Choosing the reader: by extension only, nothing guessed."""
from __future__ import annotations

import pytest

from fazhi.ingest.readers import Document, ReadError, read_document

from . import fixtures


@pytest.mark.parametrize(("name", "build", "fmt"), [
    ("a.txt", lambda: fixtures.report_text().encode("gbk"), "txt"),
    ("A.TXT", lambda: fixtures.report_text().encode("utf-8"), "txt"),
    ("b.pdf", fixtures.report_pdf, "pdf"),
    ("B.PDF", fixtures.report_pdf, "pdf"),
    ("c.docx", fixtures.report_docx, "docx"),
    ("d.html", fixtures.report_page, "html"),
    ("d.htm", fixtures.report_page, "html"),
    ("d.shtml", fixtures.report_page, "html"),
    ("folder.v2/e.txt", lambda: fixtures.report_text().encode("utf-8"), "txt"),
])
def test_reader_by_extension(name, build, fmt):
    doc = read_document(name, build())
    assert isinstance(doc, Document)
    assert doc.format == fmt


@pytest.mark.parametrize(("name", "reason"), [
    ("scan.jpg", "unsupported file type '.jpg'"),
    ("data.xlsx", "unsupported file type '.xlsx'"),
    ("old.rtf", "unsupported file type '.rtf' (save it as .docx)"),
    ("slides.pptx", "unsupported file type '.pptx'"),
    ("README", "no file extension"),
])
def test_unsupported_types_are_not_guessed(name, reason):
    with pytest.raises(ReadError) as caught:
        read_document(name, fixtures.report_text().encode("utf-8"))
    assert caught.value.stage == "read"
    assert caught.value.reason.startswith(reason)


def test_pdf_named_txt_is_refused_not_read_as_pdf():
    with pytest.raises(ReadError, match="binary data, not text: the file is a PDF"):
        read_document("report.txt", fixtures.report_pdf())


def test_read_error_carries_stage_and_reason():
    err = ReadError("decode", "empty file (0 bytes)")
    assert (err.stage, err.reason, str(err)) == ("decode", "empty file (0 bytes)", "decode: empty file (0 bytes)")
