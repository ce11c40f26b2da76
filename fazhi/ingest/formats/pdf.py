"""The text layer of a PDF report, its visual lines rebuilt into paragraphs.

pdfplumber (pdfminer) gives each page's lines with their positions; pypdf
stands in when pdfminer cannot map a font to Unicode or cannot parse the
file. The reader measures the text block's left and right edges over the whole
document, drops lone page numbers at the top or bottom of a page, and hands
the lines to ``wraps.join_lines`` so Chinese paragraphs cut by the layout
are joined, also across a page break. Pages without text that hold images
(scans) are read by OCR (``ocr``) and joined the same way. A PDF with
no text to read, or cut short, raises ``ReadError`` instead of partial text.
"""
from __future__ import annotations

import bisect
import io
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass

import pdfplumber
import pypdf
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .base import Document, ReadError, is_cjk, require_chinese
from .wraps import Line, join_lines

# Horizontal gap between two characters, as a share of the font size,
# above which a space is kept (justified CJK lines spread their glyphs).
_SPACE_GAP = 0.5
# How close to the right edge a line must end to count as full, and how far
# right of the left edge it must start to count as indented (font sizes).
_FULL_SLACK = 1.2
_INDENT_MIN = 1.0
# Share of all lines that must end (or start) at a position to make it an edge.
_EDGE_SHARE = 0.05
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*"
)
# Font size given a table row (its glyphs are spread over cells; no wrap is measured on it).
_TABLE_SIZE = 10.0
_CID_TOKEN = re.compile(r"\(cid:\d+\)")
# Kangxi radicals (U+2F00–U+2FD5) that some PDF fonts map ideographs to.
_KANGXI = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}


@dataclass(frozen=True)
class _Measured:
    text: str
    x0: float
    x1: float
    size: float


def read_pdf(data: bytes) -> Document:
    """A .pdf file: its text layer as paragraphs, and its /Title when meaningful."""
    _check_envelope(data)
    pages, info = _extract(data)
    if not all(pages):  # pages without text: scans, read by OCR (fazhi.ingest.formats.ocr)
        from .ocr import read_scanned_pages

        pages, annotate = read_scanned_pages(data, pages)
    else:
        annotate = None
    text, lines = layout_text(pages)
    require_chinese(text, "the PDF text layer")
    document = Document(text=text, format="pdf", title=_info_title(info))
    return annotate(document, lines) if annotate else document


def layout_text(pages: list[list]) -> tuple[str, list]:
    """Measured lines of each page (``text``, ``x0``, ``x1``, ``size``) -> the text, and
    the lines it was joined from (page numbers dropped). Also used for OFD and OCR lines."""
    lines = [line for page in pages for line in _drop_page_numbers(page)]
    if not lines:
        raise ReadError("extract", "no text layer (scanned?)")
    return join_lines(_classify(lines)).translate(_KANGXI), lines


def _check_envelope(data: bytes) -> None:
    """Refuse what is not a PDF, or a PDF cut short, before parsing it."""
    if not data:
        raise ReadError("parse", "empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        start = data[:16].decode("latin-1").strip()
        raise ReadError("parse", f"not a PDF: no %PDF- header (file starts with {start!r})")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("parse", f"truncated PDF: no %%EOF at the end ({len(data)} bytes; download cut short?)")


def _extract(data: bytes) -> tuple[list[list[_Measured]], dict]:
    """Lines of every page, from pdfplumber, else from pypdf.

    pdfminer reads a ToUnicode map by CID, so fonts with a standard CMap
    such as UniGB-UCS2-H come out as "(cid:N)"; pypdf reads those right,
    and sometimes recovers a file pdfminer gives up on.
    """
    try:
        return _checked(*_plumber_pages(data))
    except ReadError as first:
        if first.reason.startswith("encrypted"):
            raise
        try:
            return _checked(*_pypdf_pages(data))
        except ReadError:
            raise first from None


def _checked(pages: list[list[_Measured]], info: dict) -> tuple[list[list[_Measured]], dict]:
    _reject_unmapped([line for page in pages for line in page])
    return pages, info


def _plumber_pages(data: bytes) -> tuple[list[list[_Measured]], dict]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            info = dict(pdf.metadata or {})
            pages: list[list[_Measured]] = []
            for page in pdf.pages:
                pages.append(_page_lines(page))
                if pages[-1]:  # stop as soon as the text so far is mostly unmapped
                    _reject_unmapped([line for lines in pages for line in lines])
            return pages, info
    except ReadError:
        raise
    except PdfminerException as err:
        raise _parse_error(err.args[0] if err.args else err) from None
    except Exception as err:  # malformed input can fail anywhere in pdfminer
        raise _parse_error(err) from None


def _parse_error(err: object) -> ReadError:
    if isinstance(err, PDFPasswordIncorrect):
        return ReadError("parse", "encrypted PDF: a password is needed to read it")
    detail = f"{type(err).__name__}: {err}" if isinstance(err, Exception) else str(err)
    return ReadError("parse", f"corrupt PDF ({detail})")


def _page_lines(page) -> list[_Measured]:
    page = page.dedupe_chars()
    tables = _ruled_tables(page)
    rows = page.extract_text_lines(strip=True, return_chars=True, x_tolerance_ratio=_SPACE_GAP)
    placed: list[tuple[float, _Measured]] = []
    for row in rows:
        text = row["text"].strip()
        middle = (row["top"] + row["bottom"]) / 2
        if text and not any(top <= middle <= bottom and x0 <= row["x0"] <= x1
                            for (x0, top, x1, bottom), _lines in tables):
            size = statistics.median(ch["size"] for ch in row["chars"]) if row["chars"] else 10.0
            placed.append((row["top"], _Measured(text, row["x0"], row["x1"], size)))
    for (x0, top, _x1, _bottom), lines in tables:
        # no width: a table wider than the text must not move the text block's right edge
        placed.extend((top + k * 1e-3, _Measured(line, x0, x0, _TABLE_SIZE)) for k, line in enumerate(lines))
    placed.sort(key=lambda p: p[0])
    return [line for _top, line in placed]


def _ruled_tables(page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """The page's ruled tables (pdfplumber finds them by their lines): each as
    its bbox and one line a row, cells joined by a tab (a cell's own line
    wraps joined, a merged cell's spanned columns empty), the form every
    decoder gives a table so that one table reader reads them all."""
    found = []
    if not page.lines and not page.rects:
        return found   # no rules drawn, no ruled table (find_tables would cost ~20 ms a page)
    for table in page.find_tables():
        lines = []
        for row in table.extract():
            cells = [re.sub(r"\s*\n\s*", "", cell or "").strip() for cell in row]
            if any(cells):
                lines.append("\t".join(cells).rstrip("\t"))
        if len(lines) >= 2:
            found.append((table.bbox, lines))
    return found


def _pypdf_pages(data: bytes) -> tuple[list[list[_Measured]], dict]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("parse", "encrypted PDF: a password is needed to read it")
        info = {k.lstrip("/"): v for k, v in (reader.metadata or {}).items()}
        return [_pypdf_page_lines(page) for page in reader.pages], info
    except ReadError:
        raise
    except Exception as err:  # malformed input can fail anywhere in pypdf
        raise _parse_error(err) from None


def _pypdf_page_lines(page) -> list[_Measured]:
    """Lines from pypdf's text runs: a run's start comes from its text
    matrix, its end is estimated (CJK one em a character, Latin half)."""
    runs: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, font_size):
        m = _multiply(tm, cm)
        runs.append((text, m[4], m[5], font_size * math.hypot(m[0], m[1])))

    page.extract_text(visitor_text=visit)
    return _runs_to_lines(runs)


def _runs_to_lines(runs: list[tuple[str, float, float, float]]) -> list[_Measured]:
    """Runs on one baseline form a line; a newline or a change of baseline
    starts the next."""
    lines: list[_Measured] = []
    current: list[tuple[str, float, float, float]] = []

    def flush() -> None:
        if current:
            lines.append(_measure_runs(current))
            current.clear()

    for text, x, y, size in runs:
        for i, part in enumerate(text.split("\n")):
            if i > 0 or (current and abs(y - current[-1][2]) > max(size, 1.0) / 2):
                flush()
            if part.strip():
                current.append((part, x, y, size))
    flush()
    return [line for line in lines if line.text]


def _measure_runs(runs: list[tuple[str, float, float, float]]) -> _Measured:
    text = "".join(r[0] for r in runs)
    stripped = text.strip()
    last_text, last_x, _, last_size = runs[-1]
    x0 = runs[0][1] + _ems(text[: len(text) - len(text.lstrip())]) * runs[0][3]
    x1 = last_x + _ems(last_text.rstrip()) * last_size
    return _Measured(stripped, x0, x1, statistics.median(r[3] for r in runs))


def _ems(text: str) -> float:
    return sum(1.0 if is_cjk(ch) or unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f] (``a`` applied first)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _drop_page_numbers(lines: list) -> list:
    """Without a lone page number ("- 3 -", "第3页") as first or last line."""
    if lines and _PAGE_NUMBER.fullmatch(lines[-1].text):
        lines = lines[:-1]
    if lines and _PAGE_NUMBER.fullmatch(lines[0].text):
        lines = lines[1:]
    return lines


def _reject_unmapped(lines: list[_Measured]) -> None:
    """Fonts without a Unicode map come out as "(cid:123)": no usable text."""
    if not lines:
        return
    total = sum(len(line.text) for line in lines)
    unmapped = sum(len(m) for line in lines for m in _CID_TOKEN.findall(line.text))
    if unmapped > total / 2:
        raise ReadError("extract", "text layer has no Unicode mapping (fonts without ToUnicode): "
                                   "the text cannot be recovered")


def _classify(lines: list) -> list[Line]:
    """Mark each line full/indented against the document's text block."""
    size = statistics.median(line.size for line in lines)
    left = _edge([line.x0 for line in lines], size, outermost=min)
    right = _edge([line.x1 for line in lines], size, outermost=max)
    return [
        Line(line.text,
             full=right - line.x1 <= _FULL_SLACK * line.size,
             indented=line.x0 - left >= _INDENT_MIN * line.size)
        for line in lines
    ]


def _edge(values: list[float], size: float, outermost) -> float:
    """The outermost position that several lines share (within a quarter
    character): the margin, not one stray line that sticks out."""
    values = sorted(values)
    needed = max(2, math.ceil(len(values) * _EDGE_SHARE))
    tolerance = size / 4
    shared = [v for v in values
              if bisect.bisect_right(values, v + tolerance) - bisect.bisect_left(values, v - tolerance) >= needed]
    return outermost(shared) if shared else outermost(values)


def _info_title(info: dict) -> str | None:
    """The /Title entry when it names the document, not a tool or file."""
    title = info.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-16" if title[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1", "replace")
    if not isinstance(title, str):
        return None
    title = re.sub(r"^Microsoft Word - ", "", title.strip())
    title = re.sub(r"\.(docx?|wps|pdf)$", "", title, flags=re.IGNORECASE).strip()
    has_chinese = re.search(r"[\u4e00-\u9fff]", title) is not None
    return title if has_chinese and len(title) >= 4 else None
