"""Bytes -> text for .txt files (and the decoding step of web pages).

Order of trust: a byte-order mark, then a charset the file or server
declared, then strict UTF-8, then charset-normalizer limited to the Chinese
encodings (GB18030, which covers GBK and GB2312, and Big5). Unrestricted
detection misreads short GB18030 text as Korean, and even Big5 wins over
GB18030 on a few characters, so GB18030 is preferred on a tie. The text is
returned exactly as decoded: no whitespace or character normalisation.
"""
from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from .base import Document, ReadError, require_chinese

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts the same
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared names that mean "GB18030 or a subset of it" on Chinese sites.
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312", "gb18030"}
_CANDIDATES = ["gb18030", "big5"]
# File signatures that say "this is not text", with what the file really is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or .docx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office (.doc/.xls) file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1a")


def read_txt(data: bytes) -> Document:
    """A .txt file: decoded text, exactly as decoded, and its encoding."""
    text, encoding = decode_text(data)
    require_chinese(text, "the text")
    return Document(text=text, format="txt", encoding=encoding)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return (text, normalised encoding name) or raise."""
    if not data:
        raise ReadError("decode", "empty file (0 bytes)")
    text, encoding = _decode(data, declared)
    if not text.strip():
        raise ReadError("decode", "empty file (only whitespace)")
    _reject_binary_text(text)
    return text, encoding


def normalise_encoding(name: str | None) -> str | None:
    """A codec name in Python's spelling ('gb18030', 'utf-8'), or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    bom = _bom_encoding(data)
    if bom:
        return _strict(data, bom, f"invalid {bom} after its byte-order mark"), bom
    _reject_binary_bytes(data)
    encoding = normalise_encoding(declared)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if _nearly_utf8(data):
            raise ReadError("decode", f"invalid UTF-8 byte 0x{data[err.start]:02x} at offset "
                                      f"{err.start} in otherwise UTF-8 text (damaged or cut-off file?)") from None
    for encoding in _detect_chinese(data):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _undecodable(data)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError("decode", f"{what}: {err.reason} at byte offset {err.start}") from None


def _reject_binary_bytes(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError("decode", f"binary data, not text: the file is {kind}")
    if b"\x00" in data:
        raise ReadError("decode", "binary data, not text (contains NUL bytes)")


def _nearly_utf8(data: bytes) -> bool:
    """Valid UTF-8 except for a few bytes: a damaged UTF-8 file, not GBK."""
    decoded = data.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    good = len(decoded) - len(decoded.encode("ascii", "ignore")) - bad  # non-ASCII characters
    return good >= 20 * bad


def _detect_chinese(data: bytes) -> list[str]:
    """Plausible Chinese encodings for ``data``, most likely first."""
    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        return []
    least_chaos = min(m.chaos for m in matches)
    ranked = sorted(matches, key=lambda m: (m.chaos > least_chaos + 0.01, m.encoding != "gb18030"))
    return [normalise_encoding(m.encoding) or m.encoding for m in ranked]


def _undecodable(data: bytes) -> ReadError:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as err:
        return ReadError("decode", f"not text in UTF-8, GB18030 or Big5 (invalid GB18030 "
                                   f"byte 0x{data[err.start]:02x} at offset {err.start})")
    return ReadError("decode", "bytes do not read as Chinese text in UTF-8, GB18030 or Big5 "
                               "(binary data?)")


def _plainly_printable(text: str) -> bool:
    """No control or unassigned character at all: the common case, decided in C."""
    for blank in ("\t", "\u3000", "\xa0", "\f", "\v"):  # blanks Python does not call printable
        if blank in text:
            text = text.replace(blank, " ")
    return all(line.isprintable() for line in text.splitlines())


def _reject_binary_text(text: str) -> None:
    """Decoded text full of control or unassigned characters is binary junk."""
    if _plainly_printable(text):
        return
    odd = sum(1 for ch in text if _is_odd(ch))
    if odd > max(2, len(text) // 200):
        share = 100 * odd / len(text)
        raise ReadError("decode", f"binary data, not text ({share:.0f}% control or unassigned characters)")


def _is_odd(ch: str) -> bool:
    if ch in _ALLOWED_CONTROLS:
        return False
    return unicodedata.category(ch) in ("Cc", "Cn", "Cs")
