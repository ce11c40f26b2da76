"""Word .docx reports: paragraphs and tables in order; bad packages refused."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from fazhi.ingest.readers import ReadError, read_document

from . import fixtures


def test_paragraphs_and_table_rows_in_document_order():
    doc = read_document("report.docx", fixtures.report_docx())
    assert doc.format == "docx"
    assert doc.text == fixtures.docx_expected_text()


def test_table_rows_are_lines_with_tab_separated_cells():
    lines = read_document("report.docx", fixtures.report_docx()).text.splitlines()
    assert "审核文件（件）\t98\t120" in lines
    assert "主要指标对比" in lines  # merged across 3 columns: once, not 3 times


def test_core_title_is_the_document_title():
    assert read_document("report.docx", fixtures.report_docx()).title == fixtures.TITLE


def test_nested_table_is_flattened_into_its_cell():
    document = docx.Document()
    document.add_paragraph("法治政府建设情况报告")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "执法检查"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, row in enumerate((("季度", "次数"), ("一季度", "3"))):
        for c, value in enumerate(row):
            inner.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    lines = read_document("t.docx", out.getvalue()).text.splitlines()
    assert lines[1] == "执法检查\t季度 次数 一季度 3"


def test_docx_without_chinese_is_refused():
    document = docx.Document()
    document.add_paragraph("Annual report")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ReadError, match="no Chinese text"):
        read_document("en.docx", out.getvalue())


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"plain text pretending to be Word", "not a .docx file (not a ZIP/OOXML package)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old binary Word (.doc) file named .docx"),
])
def test_bad_docx_explains(data, reason):
    with pytest.raises(ReadError) as caught:
        read_document("bad.docx", data)
    assert caught.value.stage == "parse"
    assert reason in caught.value.reason


def test_zip_that_is_not_a_word_package():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match="not a Word document"):
        read_document("bad.docx", out.getvalue())


def test_truncated_docx():
    data = fixtures.report_docx()
    with pytest.raises(ReadError, match="corrupt .docx|not a Word document"):
        read_document("cut.docx", data[: len(data) // 2])
