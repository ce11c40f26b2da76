"""PDF reports: the text layer, wraps joined, headings kept, bad PDFs refused."""
from __future__ import annotations

import io

import pdfplumber
import pypdf
import pytest

from fazhi.ingest.formats.wraps import Line, is_wrap, join_lines, starts_heading
from fazhi.ingest.readers import ReadError, read_document

from . import fixtures
from .fixtures import LEFT, SIZE, PdfText, make_pdf


def test_fixture_has_two_pages_and_a_real_text_layer():
    data = fixtures.report_pdf()
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "江临区司法局" in pdf.pages[0].extract_text()
        assert "(cid:" not in pdf.pages[1].extract_text()


@pytest.mark.parametrize("encoding", ["Identity-H", "UniGB-UCS2-H"])
def test_two_page_report_reads_as_paragraphs(encoding):
    doc = read_document("report.pdf", fixtures.report_pdf(encoding))
    assert doc.format == "pdf"
    assert doc.text == fixtures.report_text()


def test_headings_stay_at_line_starts():
    lines = read_document("report.pdf", fixtures.report_pdf()).text.splitlines()
    for _, heading in (b for b in fixtures.BODY if b[0]):
        assert heading in lines
    assert "1.持续深化法治宣传教育，推动普法工作进机关、进社区、进企业、进学校。" in lines


def test_paragraph_over_the_page_break_is_joined_and_page_numbers_dropped():
    text = read_document("report.pdf", fixtures.report_pdf()).text
    assert "- 1 -" not in text and "- 2 -" not in text
    pages = fixtures.layout_report()
    last_of_page_one, first_of_page_two = pages[0][-2].text, pages[1][0].text  # [-1]: page number
    assert last_of_page_one + first_of_page_two in text
    assert last_of_page_one not in text.splitlines()


def test_title_from_info_without_tool_prefix():
    doc = read_document("report.pdf", fixtures.report_pdf())
    assert doc.title == fixtures.TITLE


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(ReadError) as caught:
        read_document("scan.pdf", fixtures.scanned_pdf())
    assert (caught.value.stage, caught.value.reason) == ("extract", "no text layer (scanned?)")


def test_truncated_pdf_is_refused():
    with pytest.raises(ReadError) as caught:
        read_document("cut.pdf", fixtures.truncated_pdf())
    assert caught.value.stage == "parse"
    assert "truncated PDF" in caught.value.reason


def test_corrupt_pdf_is_refused():
    with pytest.raises(ReadError) as caught:
        read_document("bad.pdf", fixtures.corrupt_pdf())
    assert caught.value.stage == "parse"
    assert "corrupt PDF" in caught.value.reason


def test_password_protected_pdf_is_refused():
    with pytest.raises(ReadError) as caught:
        read_document("locked.pdf", fixtures.encrypted_pdf("secret"))
    assert (caught.value.stage, caught.value.reason) == ("parse", "encrypted PDF: a password is needed to read it")


def test_pdf_with_owner_password_only_is_read():
    assert read_document("r.pdf", fixtures.encrypted_pdf("")).text == fixtures.report_text()


def test_html_saved_as_pdf_is_named():
    with pytest.raises(ReadError, match="not a PDF: no %PDF- header"):
        read_document("report.pdf", b"<!DOCTYPE html><html>404</html>")


def test_empty_pdf_file():
    with pytest.raises(ReadError, match="empty file"):
        read_document("report.pdf", b"")


def test_pdf_without_chinese_is_refused():
    data = make_pdf([[PdfText("Annual report 2023", LEFT, 700)]])
    with pytest.raises(ReadError, match="no Chinese text"):
        read_document("en.pdf", data)


def test_kangxi_radicals_become_ideographs():
    # Some PDF fonts map 一 to the Kangxi radical U+2F00.
    line = "\u2f00、主要工作和成效"
    data = make_pdf([[PdfText("报告标题", LEFT, 760), PdfText(line, LEFT, 740)]])
    assert "一、主要工作和成效" in read_document("r.pdf", data).text.splitlines()


def test_wide_spaced_title_keeps_no_spaces_between_glyphs():
    # A title set with a little extra spacing between its glyphs.
    title = "法治政府建设情况报告"
    chars = [PdfText(ch, 150 + i * SIZE * 1.3, 760) for i, ch in enumerate(title)]
    paragraph = [PdfText("本年度依法行政工作取得新进展，", LEFT + 2 * SIZE, 730),
                 PdfText("各项制度得到落实，执法行为更加规范", LEFT, 710),
                 PdfText("。", LEFT, 690)]
    lines = read_document("r.pdf", make_pdf([chars + paragraph])).text.splitlines()
    assert lines == [title, "本年度依法行政工作取得新进展，各项制度得到落实，执法行为更加规范。"]


# ------------------------------------------------------------ the wrap rules

def _full(text: str) -> Line:
    return Line(text, full=True, indented=False)


@pytest.mark.parametrize(("first", "second", "wrap"), [
    (_full("全面推行行政执法公示、执法全过程记录和重大"), _full("执法决定法制审核制度。"), True),
    (_full("合法性审核率达到百分之"), _full("百，向市政府备案文件6件。"), True),
    (_full("全年审核各类文件合计"), _full("120件。"), True),
    (_full("……组织开展专题培训，"), _full("提升能力。"), True),
    (_full("工作取得明显进展。"), _full("下一步继续推进。"), False),          # sentence ended
    (_full("现将有关情况报告如下："), _full("一年来成效明显。"), False),       # colon ends
    (_full("落实“谁执法谁普法”责任。”"), _full("继续推进。"), False),          # 。 then closing quote
    (_full("一是加强学习，二是"), _full("（一）强化统筹"), False),             # heading follows
    (_full("某某情况如下"), _full("1.持续深化法治宣传"), False),
    (_full("某某情况如下"), _full("第二章 附则"), False),
    (Line("一、主要工作和成效", full=False, indented=True), _full("区委高度重视"), False),
    (_full("全面推行行政执法公示"), Line("二、存在问题", full=False, indented=True), False),
    (_full("全面推行行政执法公示"), Line("新段落开始了", full=True, indented=True), False),
    (_full("English words at the"), _full("end of a line"), False),           # no CJK at the break
])
def test_is_wrap(first, second, wrap):
    assert is_wrap(first, second) is wrap


@pytest.mark.parametrize(("text", "heading"), [
    ("一、总体情况", True), ("（二）主要做法", True), ("(三)措施", True), ("1.加强学习", True),
    ("2、强化监督", True), ("（1）细化任务", True), ("①完善制度", True), ("第三章 保障", True),
    ("1.5亿元资金到位", False), ("2023年，我区", False), ("一是加强学习", False), ("区委高度重视", False),
])
def test_starts_heading(text, heading):
    assert starts_heading(text) is heading


def test_join_lines_keeps_breaks_and_joins_wraps():
    lines = [
        Line("标题报告", full=False, indented=True),
        Line("一、总体情况", full=False, indented=True),
        Line("2023年，我局认真贯彻落实各项", full=True, indented=True),
        Line("部署要求，取得明显成效。", full=False, indented=False),
        Line("（一）制度建设", full=False, indented=True),
    ]
    assert join_lines(lines) == "标题报告\n一、总体情况\n2023年，我局认真贯彻落实各项部署要求，取得明显成效。\n（一）制度建设"
