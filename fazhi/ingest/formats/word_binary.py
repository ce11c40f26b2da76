"""Old binary Word (.doc, Word 97–2003) and WPS (.wps) files -> the report's text.

A .doc is a compound file (read with olefile) whose WordDocument stream starts
with the File Information Block; the FIB points at the piece table (the Clx in
the 0Table or 1Table stream), which says where each run of characters is stored,
as 8-bit cp1252 or UTF-16. The main document is its first ``ccpText``
characters. Paragraph marks become line breaks; of a field, only its result is
kept (a hyperlink's words, not its instruction). Kingsoft's .wps files are
mostly Word binaries under another name and read the same way; a .doc or .wps
that is really a .docx, RTF or web page is handed to the reader it is.
"""
from __future__ import annotations

import io
import struct

import olefile

from .base import Document, ReadError, require_chinese

_WORD_MAGIC = 0xA5EC
# FIB offsets (Word 97 and later): flags, ccpText, fcClx/lcbClx.
_FLAGS, _CCP_TEXT, _FC_CLX = 0x0A, 0x4C, 0x01A2
_F_WHICH_TABLE, _F_ENCRYPTED, _F_OBFUSCATED = 0x0200, 0x0100, 0x8000
_NFIB_WORD97 = 101
# Characters with a meaning in the text stream.
_PARAGRAPH = {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": "\t", "\x0e": "\n"}
# A table cell ends with \x07 and so does its row: a cell mark right after
# another is taken as the row's end (an empty cell reads the same: a limit of
# reading the text stream without the paragraph properties).
_ROW_END = "\x07\x07"
_DROP = set("\x00\x01\x02\x03\x04\x05\x06\x08\x1f")
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"


def read_doc(data: bytes, format: str = "doc") -> Document:  # noqa: A002 (the format's name)
    """A .doc (or .wps) file: the main document's text, one paragraph a line."""
    other = _other_container(data, format)
    if other is not None:
        return other
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 (olefile raises OSError and others on junk)
        raise ReadError("parse", f"not a Word binary (.{format}): {err}") from None
    with ole:
        if not ole.exists("WordDocument"):
            kind = "Kingsoft WPS's own format" if format == "wps" else "no WordDocument stream"
            raise ReadError("parse", f"not a Word-compatible .{format} ({kind}): save it as .docx")
        word = ole.openstream("WordDocument").read()
        flags = _fib(word, format)
        table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise ReadError("parse", f"corrupt .{format}: the {table_name} stream is missing")
        table = ole.openstream(table_name).read()
        title = _title(ole)
    try:
        text = _clean(_main_text(word, table, format))
    except (struct.error, IndexError, ValueError) as err:  # offsets pointing outside the streams
        raise ReadError("parse", f"corrupt .{format}: {err}") from None
    require_chinese(text, f"the .{format} document")
    return Document(text=text, format=format, title=title)


def read_wps(data: bytes) -> Document:
    """A .wps file: read as the Word binary it usually is."""
    return read_doc(data, "wps")


def _other_container(data: bytes, format: str) -> Document | None:
    """Sites rename .docx, RTF and saved pages to .doc: read those as what they are."""
    head = data[:512].lstrip()
    if data[:4] == b"PK\x03\x04":
        from .word import read_docx

        return read_docx(data)
    if head.startswith(b"{\\rtf"):
        raise ReadError("parse", f"an RTF file named .{format}: save it as .docx")
    if head[:100].lower().startswith((b"<html", b"<!doctype html", b"<?xml", b"<meta")):
        from .webpage import read_html

        return read_html(data)
    if b"multipart/related" in data[:2048].lower():  # a saved page (Word's "single file web page")
        from .mht import read_mht

        return read_mht(data)
    return None


def _fib(word: bytes, format: str) -> int:
    if len(word) < 0x01AA:
        raise ReadError("parse", f"corrupt .{format}: the WordDocument stream is too short ({len(word)} bytes)")
    magic, nfib = struct.unpack_from("<HH", word, 0)
    if magic != _WORD_MAGIC:
        raise ReadError("parse", f"not a Word binary (.{format}): unknown signature 0x{magic:04X}")
    if nfib < _NFIB_WORD97:
        raise ReadError("parse", f"a Word 6/95 file (.{format}, version {nfib}): save it as .docx")
    (flags,) = struct.unpack_from("<H", word, _FLAGS)
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise ReadError("parse", f"encrypted .{format}: a password is needed to read it")
    return flags


def _main_text(word: bytes, table: bytes, format: str) -> str:
    """The first ccpText characters, assembled from the piece table."""
    (ccp_text,) = struct.unpack_from("<i", word, _CCP_TEXT)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    clx = table[fc_clx:fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        (size,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + size
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise ReadError("parse", f"corrupt .{format}: no piece table")
    (lcb,) = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5:pos + 5 + lcb]
    pieces = (len(plc) - 4) // 12
    if pieces <= 0:
        raise ReadError("parse", f"corrupt .{format}: an empty piece table")
    cps = struct.unpack_from(f"<{pieces + 1}i", plc, 0)
    parts, done = [], 0
    for i in range(pieces):
        if done >= ccp_text:
            break
        (fc,) = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * i + 2)
        count = min(cps[i + 1] - cps[i], ccp_text - done)
        if fc & 0x40000000:  # 8-bit characters at fc / 2
            start = (fc & 0x3FFFFFFF) // 2
            parts.append(word[start:start + count].decode("cp1252", "replace"))
        else:
            parts.append(word[fc:fc + 2 * count].decode("utf-16-le", "replace"))
        done += count
    return "".join(parts)


def _clean(raw: str) -> str:
    """Control characters -> line breaks and tabs (table rows: cells by tabs); fields -> their result."""
    raw = raw.replace(_ROW_END, "\r")
    out: list[str] = []
    depth_skipping: list[bool] = []   # per open field: still in its instruction?
    for ch in raw:
        if ch == _FIELD_BEGIN:
            depth_skipping.append(True)
        elif ch == _FIELD_SEPARATOR and depth_skipping:
            depth_skipping[-1] = False
        elif ch == _FIELD_END and depth_skipping:
            depth_skipping.pop()
        elif any(depth_skipping):
            continue
        elif ch in _PARAGRAPH:
            out.append(_PARAGRAPH[ch])
        elif ch not in _DROP:
            out.append("-" if ch == "\x1e" else ch)
    lines = [line.rstrip("\t ").strip() for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)


def _title(ole: olefile.OleFileIO) -> str | None:
    try:
        title = ole.get_metadata().title
    except Exception:  # noqa: BLE001 (a broken property set is no reason to refuse the text)
        return None
    if isinstance(title, bytes):
        for encoding in ("gb18030", "cp1252"):
            try:
                title = title.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    title = (title or "").strip("\x00 ").strip() if isinstance(title, str) else ""
    return title if any("\u4e00" <= ch <= "\u9fff" for ch in title) and len(title) >= 4 else None
