"""Saved web pages: the article without chrome, page metadata, GBK decoding."""
from __future__ import annotations

import pytest

from fazhi.ingest.readers import ReadError, read_document

from . import fixtures

ARTICLE = "\n".join([fixtures.PAGE_TITLE, *fixtures.PAGE_PARAGRAPHS])


@pytest.mark.parametrize(("charset", "declare", "encoding"), [
    ("gbk", "meta-http-equiv", "gb18030"),
    ("gb2312", "meta-http-equiv", "gb18030"),
    ("gb18030", "meta-charset", "gb18030"),
    ("utf-8", "meta-charset", "utf-8"),
    ("gbk", "none", "gb18030"),       # no declaration: detected
])
def test_article_text_without_chrome(charset, declare, encoding):
    doc = read_document("page.html", fixtures.report_page(charset, declare))
    assert doc.format == "html"
    assert doc.encoding == encoding
    assert doc.text == ARTICLE
    for chrome in fixtures.PAGE_CHROME:
        assert chrome not in doc.text


def test_page_metadata_from_meta_tags():
    doc = read_document("page.htm", fixtures.report_page())
    assert (doc.title, doc.published, doc.source_name) == (
        fixtures.PAGE_TITLE, fixtures.PAGE_DATE, fixtures.PAGE_SOURCE)


def test_page_metadata_from_the_info_line_without_meta_tags():
    doc = read_document("page.shtml", fixtures.report_page(with_meta=False))
    assert (doc.title, doc.published, doc.source_name) == (
        fixtures.PAGE_TITLE, fixtures.PAGE_DATE, fixtures.PAGE_SOURCE)


def test_wrong_declared_charset_falls_back_to_detection():
    data = fixtures.report_page("gbk").replace(b"charset=gbk", b"charset=utf-8")
    doc = read_document("page.html", data)
    assert doc.encoding == "gb18030"
    assert doc.text == ARTICLE


def test_server_charset_is_honoured():
    data = fixtures.report_page("gbk", declare="none")
    assert read_document("page.html", data, charset="GBK").encoding == "gb18030"


def test_utf16_page_with_bom():
    html = fixtures.report_page("utf-8", declare="none").decode("utf-8")
    doc = read_document("page.html", html.encode("utf-16"))
    assert doc.encoding == "utf-16"
    assert doc.text == ARTICLE


def test_xhtml_with_xml_declaration():
    html = fixtures.report_page("utf-8").decode("utf-8")
    data = ('<?xml version="1.0" encoding="utf-8"?>\n' + html).encode("utf-8")
    assert read_document("page.xhtml", data).text == ARTICLE


def test_page_table_rows_become_tab_separated_lines():
    html = fixtures.report_page("utf-8").decode("utf-8").replace(
        "<p>\u3000\u3000二、存在的不足</p>",
        "<table><tr><td>项目</td><td>数量</td></tr><tr><td>评查案卷</td><td>80</td></tr></table>"
        "<p>\u3000\u3000二、存在的不足</p>")
    lines = read_document("page.html", html.encode("utf-8")).text.splitlines()
    assert "项目\t数量" in lines and "评查案卷\t80" in lines


def test_table_layout_page():
    doc = read_document("old.htm", fixtures.report_page_table_layout())
    assert doc.text == ARTICLE
    assert (doc.title, doc.published, doc.source_name) == (
        fixtures.PAGE_TITLE, fixtures.PAGE_DATE, fixtures.PAGE_SOURCE)


def test_site_name_is_cut_from_the_page_title():
    html = fixtures.report_page("utf-8", with_meta=False).decode("utf-8").replace(
        f"<h1>{fixtures.PAGE_TITLE}</h1>", "")
    doc = read_document("page.html", html.encode("utf-8"))
    assert doc.title == fixtures.PAGE_TITLE
    assert doc.text.splitlines()[0] == fixtures.PAGE_TITLE


def test_page_without_an_article_is_refused():
    html = "<html><head><meta charset='utf-8'></head><body><div>首页 | 政务公开</div><a>登录</a></body></html>"
    with pytest.raises(ReadError) as caught:
        read_document("index.html", html.encode("utf-8"))
    assert caught.value.stage == "extract"
    assert "no article text" in caught.value.reason or "no Chinese text" in caught.value.reason


def test_empty_page_is_refused():
    with pytest.raises(ReadError, match="empty file"):
        read_document("page.html", b"")


def test_pdf_saved_as_html_is_named():
    with pytest.raises(ReadError, match="the file is a PDF"):
        read_document("page.html", fixtures.report_pdf())
