"""Plain-text reports: every encoding decodes to the same text, junk is refused."""
from __future__ import annotations

import os
import random

import pytest

from fazhi.ingest.readers import ReadError, read_document

from . import fixtures

TEXT = fixtures.report_text()


@pytest.mark.parametrize(("encode", "encoding"), [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    (lambda t: t.encode("gb18030"), "gb18030"),
    (lambda t: t.encode("gbk"), "gb18030"),
    (lambda t: t.encode("gb2312"), "gb18030"),
    (lambda t: t.encode("utf-16"), "utf-16"),
    (lambda t: t.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    (lambda t: t.encode("utf-32"), "utf-32"),
])
def test_encodings_decode_to_the_same_text(encode, encoding):
    doc = read_document("report.txt", encode(TEXT))
    assert doc.text == TEXT
    assert doc.encoding == encoding
    assert doc.format == "txt"


def test_utf8_bom_is_stripped():
    doc = read_document("report.txt", b"\xef\xbb\xbf" + TEXT.encode())
    assert not doc.text.startswith("\ufeff")
    assert doc.text == TEXT


def test_big5_traditional_text():
    text = "法治政府建設情況報告，本年度依法行政工作取得新進展。"
    doc = read_document("report.txt", text.encode("big5"))
    assert (doc.text, doc.encoding) == (text, "big5")


@pytest.mark.parametrize("text", ["东沽街", "关于", "报告", "法治政府", "区教育局2022年"])
def test_short_gb18030_is_not_read_as_korean_or_big5(text):
    doc = read_document("t.txt", text.encode("gb18030"))
    assert (doc.text, doc.encoding) == (text, "gb18030")


def test_text_is_not_normalised():
    text = "\u3000\u3000一、标题\r\n（一）全角１２３ 与\t制表符\r\n\r\n  结尾。 \n"
    for encoding in ("utf-8", "gb18030", "utf-16"):
        assert read_document("t.txt", text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig", "utf-8"])
def test_seeds_re_encoded_decode_identically(seeds, encoding):
    for name, text in seeds:
        doc = read_document(name, text.encode(encoding))
        assert doc.text == text, f"{name} in {encoding}"
        assert doc.encoding == encoding


def test_seeds_as_gbk_where_gbk_can_encode_them(seeds):
    for name, text in seeds:
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            continue  # e.g. a no-break space: GB18030 only
        assert read_document(name, data).text == text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file (0 bytes)"),
    (b"  \r\n\t \n", "empty file (only whitespace)"),
    ("\ufeff   \n".encode("utf-8"), "empty file (only whitespace)"),
    (b"\x00\x01\x02binary\x00\x00data", "contains NUL bytes"),
    (b"%PDF-1.7\n1 0 obj", "the file is a PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00", "the file is a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "the file is a PNG image"),
    (b"just an English note, no report here\n", "no Chinese text"),
])
def test_bad_text_files_explain_themselves(data, reason):
    with pytest.raises(ReadError) as caught:
        read_document("x.txt", data)
    assert reason in caught.value.reason


def test_random_bytes_are_binary_junk():
    rng = random.Random(7)
    for size in (40, 300, 5000):
        data = bytes(rng.randrange(256) for _ in range(size))
        with pytest.raises(ReadError) as caught:
            read_document("junk.txt", data)
        assert caught.value.stage == "decode"
        assert any(w in caught.value.reason for w in ("binary", "not text", "do not read"))


def test_random_bytes_without_nul_or_controls_are_refused():
    rng = random.Random(11)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(ReadError) as caught:
        read_document("junk.txt", data)
    assert caught.value.stage == "decode"


def test_control_characters_mark_binary():
    data = ("报告" + "".join(chr(c) for c in range(1, 9)) * 20).encode("utf-8")
    with pytest.raises(ReadError, match="control or unassigned"):
        read_document("x.txt", data)


def test_damaged_utf8_names_the_offset():
    offset = len(TEXT[:40].encode("utf-8"))
    data = TEXT.encode("utf-8")
    damaged = data[:offset] + b"\xff" + data[offset:]
    with pytest.raises(ReadError) as caught:
        read_document("x.txt", damaged)
    assert f"invalid UTF-8 byte 0xff at offset {offset}" in caught.value.reason


def test_utf8_cut_mid_character_is_refused():
    data = TEXT.encode("utf-8")[:-1]
    with pytest.raises(ReadError, match="UTF-8"):
        read_document("x.txt", data)


def test_odd_length_utf16_is_refused():
    data = TEXT.encode("utf-16")[:-1]
    with pytest.raises(ReadError, match="invalid utf-16 after its byte-order mark"):
        read_document("x.txt", data)


def test_undecodable_bytes_are_refused():
    # GB18030 lead bytes followed by bytes no encoding here accepts.
    data = ("报告" * 20).encode("gb18030") + b"\x81\x20\xfe\x7f" * 20
    with pytest.raises(ReadError) as caught:
        read_document("x.txt", data)
    assert caught.value.stage == "decode"
    assert "GB18030" in caught.value.reason or "binary" in caught.value.reason


def test_urandom_is_never_accepted():
    for _ in range(20):
        with pytest.raises(ReadError):
            read_document("x.txt", os.urandom(512))
