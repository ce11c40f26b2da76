"""End to end: a folder as analysts leave it, every good report read, every bad one explained."""
from __future__ import annotations

from fazhi.ingest.readers import ReadError, read_document
from fazhi.ingest.sources import iter_inputs

from . import fixtures

MB = 2**20


def _read_all(root):
    docs, errors = {}, {}
    for inp in iter_inputs([root], MB):
        key = inp.location[len(str(root)) + 1:]
        if inp.error:
            errors[key] = (inp.stage, inp.error)
            continue
        try:
            docs[key] = read_document(inp.name, inp.data, charset=inp.charset)
        except ReadError as err:
            errors[key] = (err.stage, err.reason)
    return docs, errors


def test_every_good_report_read_every_bad_one_explained(tmp_path):
    formats, expected_errors = fixtures.build_inbox(tmp_path, MB)
    docs, errors = _read_all(tmp_path)
    assert {key: doc.format for key, doc in docs.items()} == formats
    assert errors.keys() == expected_errors.keys()
    for key, (stage, reason) in expected_errors.items():
        assert errors[key][0] == stage, key
        assert errors[key][1].startswith(reason), (key, errors[key])


def test_good_reports_carry_the_report_text(tmp_path):
    fixtures.build_inbox(tmp_path, MB)
    docs, _ = _read_all(tmp_path)
    text = fixtures.report_text()
    for key in ("a_gbk.txt", "b_utf16.txt", "d_report.pdf", "k_batch.zip!sub/utf8.txt"):
        assert docs[key].text == text, key
    assert docs["e_report.docx"].text == fixtures.docx_expected_text()
    assert docs["c_page.html"].title == fixtures.PAGE_TITLE
    assert docs["a_gbk.txt"].encoding == "gb18030" and docs["b_utf16.txt"].encoding == "utf-16"


def test_size_error_names_size_and_limit(tmp_path):
    fixtures.build_inbox(tmp_path, MB)
    _, errors = _read_all(tmp_path)
    assert errors["l_huge.txt"][1] == "too large: 1048577 bytes is over the limit of 1048576 bytes (FAZHI_MAX_FILE_MB)"
