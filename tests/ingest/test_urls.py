"""Web addresses: downloaded within size and time limits, named sensibly."""
from __future__ import annotations

import time

from fazhi.ingest.readers import read_document
from fazhi.ingest.sources import iter_inputs

from . import fixtures
from .conftest import Route

MB = 2**20


def _one(url: str, max_bytes: int = MB, timeout: float = 5.0):
    [inp] = list(iter_inputs([url], max_bytes, timeout=timeout, allow_private=True))   # the site is on 127.0.0.1
    return inp


def test_page_is_downloaded_and_read(site):
    page = fixtures.report_page("gbk", declare="none")
    site.routes["/art/2024/3/5/art_1.html"] = Route(page, headers={"Content-Type": "text/html; charset=GBK"})
    inp = _one(site.url("/art/2024/3/5/art_1.html"))
    assert (inp.name, inp.location, inp.size, inp.error, inp.charset) == (
        "art_1.html", site.url("/art/2024/3/5/art_1.html"), len(page), None, "gbk")
    doc = read_document(inp.name, inp.data, charset=inp.charset)
    assert doc.title == fixtures.PAGE_TITLE and doc.encoding == "gb18030"


def test_name_from_content_disposition(site):
    site.routes["/download?id=7"] = Route(fixtures.report_pdf(), headers={
        "Content-Type": "application/octet-stream",
        "Content-Disposition": "attachment; filename*=UTF-8''%E6%B1%9F%E4%B8%B4%E5%8C%BA%E6%8A%A5%E5%91%8A.pdf"})
    inp = _one(site.url("/download?id=7"))
    assert inp.name == "江临区报告.pdf"
    assert read_document(inp.name, inp.data).format == "pdf"


def test_raw_gbk_name_in_content_disposition(site):
    raw = 'attachment; filename="报告.docx"'.encode("gbk").decode("latin-1")
    site.routes["/file"] = Route(fixtures.report_docx(), headers={"Content-Disposition": raw})
    assert _one(site.url("/file")).name == "报告.docx"


def test_extension_from_content_type_for_script_urls(site):
    site.routes["/view.jsp?id=3"] = Route(fixtures.report_pdf(), headers={"Content-Type": "application/pdf"})
    site.routes["/"] = Route(fixtures.report_page("utf-8"), headers={"Content-Type": "text/html"})
    assert _one(site.url("/view.jsp?id=3")).name == "view.pdf"
    assert _one(site.url("/")).name == "download.html"


def test_zip_download_is_opened(site):
    site.routes["/batch.zip"] = Route(fixtures.zip_bytes({"a.txt": fixtures.report_text().encode("gbk")}),
                                      headers={"Content-Type": "application/zip"})
    [inp] = list(iter_inputs([site.url("/batch.zip")], MB, allow_private=True))
    assert inp.location == site.url("/batch.zip") + "!a.txt"
    assert read_document(inp.name, inp.data).text == fixtures.report_text()


def test_http_error_status(site):
    inp = _one(site.url("/missing.html"))
    assert (inp.stage, inp.error, inp.data) == ("fetch", "HTTP 404 Not Found", None)
    assert inp.name == "missing.html"


def test_declared_length_over_the_limit(site):
    site.routes["/big.pdf"] = Route(b"%" * 5000)
    inp = _one(site.url("/big.pdf"), max_bytes=1024)
    assert inp.error == "too large: 4.9 KB is over the limit of 1.0 KB (FAZHI_MAX_FILE_MB)"


def test_undeclared_length_stops_at_the_limit(site):
    site.routes["/stream.txt"] = Route(b"x" * 50_000, declare_length=False)
    inp = _one(site.url("/stream.txt"), max_bytes=10_000)
    assert inp.data is None
    assert inp.error.startswith("too large") and "9.8 KB" in inp.error


def test_slow_server_times_out(site):
    site.routes["/slow.html"] = Route(b"<html></html>", delay=3.0)
    start = time.monotonic()
    inp = _one(site.url("/slow.html"), timeout=0.5)
    assert time.monotonic() - start < 2.5
    assert inp.error == "timed out after 0.5 s"


def test_connection_refused():
    inp = _one("http://127.0.0.1:9/report.html", timeout=2)
    assert inp.stage == "fetch" and inp.error.startswith("cannot connect")
