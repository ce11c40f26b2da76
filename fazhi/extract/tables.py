"""Table regions of a report text and their rows of cells.

First step of extraction for tables, before the prose scan: ``find_tables``
finds the stretches of text that are tables and reads them into rows of
cells; ``table_facts.py`` turns the rows into facts, and the prose scan skips
numbers inside these stretches. One reader for every source: a decoded
HTML, DOCX or PDF table arrives as one row a line with its cells separated by
a tab (see ``fazhi/ingest/formats``), and tables flattened into text arrive as

* one row a line with cells between ``|`` (``a | 1 | 2 |``);
* one cell a line with a ``|`` after it and a lone ``|`` between rows;
* one row a line with cells between tabs or runs of two or more spaces;
* one cell a line and nothing else (rows are read back from the run of
  labels and the run of numbers after them).

The scan is cheap: a text without a delimiter or a line holding only a number
returns at once after one regex search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# The gate: a line holding nothing but a number, or a number after a run of
# spaces (each opens with a literal, which the regex engine finds fast), or a
# cell delimiter (a substring test). ~900 M chars/s on text without tables.
_NUMBER_LINE = re.compile(r"\n[ \t]*[-+]?[0-9][0-9,.]*%?[ \t]*(?:\n|$)")
_SPACED_NUMBER = re.compile(r"  +[-+]?[0-9]")
# A value cell: a number, with a % or a measure word after it (12件, 3.5万元) or not.
CELL_UNITS = "%|万元|亿元|千元|元|人次|件次|件|个|人|名|项|次|条|家|户|场|起|宗|天|份|篇|期|批"
_VALUE = re.compile(rf"[-+−]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:{CELL_UNITS})?")
_EMPTY = frozenset(("", "/", "-", "—", "－", "--", "——", "－－", "\\", "／", "无", "…"))
_SPACES = re.compile(r" {2,}|\t")
# A label line in a table: short, not a sentence of prose.
_LABEL_MAX = 60
_PROSE_END = ("。", "；", "！", "？")
_SERIAL_HEAD = ("序号", "编号")
# At most this many label lines above a one-cell-a-line table's first values belong to it.
_HEAD_LINES = 24
# A label cell longer than this that counts something (开展培训3次) is prose in a cell.
_PROSE_CELL = 16
_COUNTED = re.compile(r"[0-9][件个人项次条家户元起场%]")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: ``text`` is ``report_text[start:end]`` (stripped)."""

    start: int
    end: int
    text: str

    @property
    def is_value(self) -> bool:
        return _VALUE.fullmatch(self.text) is not None

    @property
    def is_empty(self) -> bool:
        return self.text in _EMPTY


@dataclass
class Table:
    """A table region ``[start, end)`` and its rows, in text order.

    ``layout`` is "rows" when each row's cells are given (delimiters) and
    "cells" when rows were read back from one cell a line; ``caption`` is
    the line above the table that names it (表1：…), if any.
    """

    start: int
    end: int
    layout: str
    rows: list[list[Cell]] = field(default_factory=list)
    caption: Cell | None = None

    @cached_property
    def prose_cells(self) -> list[Cell]:
        """Label cells that are sentences counting something, not heads."""
        return [c for row in self.rows for c in row
                if len(c.text) > _PROSE_CELL and not c.is_value and _COUNTED.search(c.text)]


def find_tables(text: str) -> list[Table]:
    """Every table region of ``text`` with its rows, in text order."""
    if not ("|" in text or "\t" in text or _NUMBER_LINE.search(text) or _spaced_cells(text)):
        return []
    lines = _lines(text)
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        kind = lines[i][3]
        if kind == "S" and _next_kind(lines, i + 1) == "D":
            kind = "D"   # a head row of a table whose cells are spaced apart
        if kind == "D":
            j = _run(lines, i, "D")
            table = _delimited(text, lines[i:j])
        elif kind in "VLS":
            j = _run(lines, i, "VLS")
            table = _one_cell(lines[i:j])
        else:
            i += 1
            continue
        if table is not None:
            table.caption = table.caption or _caption(lines, i)
            if table.caption is not None:
                table.start = min(table.start, table.caption.start)
            tables.append(table)
        i = max(j, i + 1)
    return tables


def _spaced_cells(text: str) -> bool:
    """A number after a run of spaces that follows a word (not an indent)."""
    for m in _SPACED_NUMBER.finditer(text):
        if m.start() and not text[m.start() - 1].isspace():
            return True
    return False


def inside(tables: list[Table], start: int) -> bool:
    """Whether offset ``start`` lies in one of the (sorted) table regions and
    is the table reader's: numbers in a cell of prose (整改措施：开展培训3次)
    are left to the prose scan."""
    for t in tables:
        if t.start <= start < t.end:
            return not any(c.start <= start < c.end for c in t.prose_cells)
        if start < t.start:
            return False
    return False


# ---------------------------------------------------------------- lines

def _lines(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, stripped content, class) of every line.

    Classes: D delimited (cells between | or tabs, or runs of spaces around
    a number), V one value or empty mark, L a short label, B blank, P prose.
    """
    out = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        # tabs are kept: a decoded table's leading empty cells hold its columns in place
        s = raw.strip(" \r\u3000\xa0")
        if not s.strip():
            kind = "B"
            s = ""
        elif "\t" in s.strip():
            kind = "D"   # (a tab only before or after the text is an indent)
        elif "|" in s:
            kind = "D"
        elif _VALUE.fullmatch(s) or s in _EMPTY:
            kind = "V"
        elif _SPACES.search(s) and _space_row(s):
            kind = "D" if any(_VALUE.fullmatch(c) for c in _SPACES.split(s)) else "S"
        elif len(s) <= _LABEL_MAX and not s.endswith(_PROSE_END) and "。" not in s:
            kind = "L"
        else:
            kind = "P"
        lead = len(raw) - len(raw.lstrip())
        out.append((pos + lead, pos + lead + len(s), s, kind))
        pos = end + 1
    return out


def _space_row(s: str) -> bool:
    """A line whose runs of spaces separate short cells, one of them a number."""
    cells = _SPACES.split(s)
    return len(cells) >= 2 and all(len(c) <= 30 for c in cells)


def _run(lines, i: int, kinds: str) -> int:
    """End of the run of lines of ``kinds`` from ``i``; blank lines and, for a
    delimited run, single label lines between delimited ones are inside. A
    caption (表2：…) after a table's values starts the next table."""
    n = len(lines)
    j = i
    last = i
    values = False
    while j < n:
        k = lines[j][3]
        if j > i and values and k == "L" and _NEXT_TABLE.match(lines[j][2]):
            break
        values = values or k in "DV"
        if k in kinds:
            last = j
        elif k == "B":
            pass
        elif kinds == "D" and k in "LVS" and j + 1 < n and _next_kind(lines, j + 1) == "D":
            last = j
        else:
            break
        j += 1
    return last + 1


def _next_kind(lines, j: int) -> str:
    while j < len(lines) and lines[j][3] == "B":
        j += 1
    return lines[j][3] if j < len(lines) else "B"


_CAPTION = re.compile(r"^(?:[0-9]*表\s*[0-9一二三四五六七八九十]*\s*[:：．.、]?|.*(?:统计表|情况表|一览表|汇总表|统计|情况)(?:[（(].*[）)])?$)")


_NEXT_TABLE = re.compile(r"[0-9]*表\s*[0-9一二三四五六七八九十]+")


def _caption(lines, i: int) -> Cell | None:
    """The line above a table that names it (表1：… / …情况统计表), if any."""
    j = i - 1
    while j >= 0 and lines[j][3] == "B":
        j -= 1
    if j < 0 or lines[j][3] != "L" or not _CAPTION.match(lines[j][2]):
        return None
    start, end, s, _ = lines[j]
    return Cell(start, end, s)


# ---------------------------------------------------------------- delimited rows

def _split(start: int, raw: str, sep: re.Pattern[str] | str) -> list[Cell]:
    """The cells of one line, with offsets; the empty piece after a closing
    delimiter and before an opening one is not a cell."""
    pieces = []
    pos = 0
    parts = raw.split(sep) if isinstance(sep, str) else sep.split(raw)
    for k, piece in enumerate(parts):
        at = raw.find(piece, pos) if piece else pos
        pos = at + len(piece)
        if isinstance(sep, str) and k < len(parts) - 1:
            pos += len(sep)
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        pieces.append(Cell(start + at + lead, start + at + lead + len(stripped), stripped))
    if pieces and not pieces[-1].text:
        pieces.pop()
    if pieces and not pieces[0].text and isinstance(sep, str):
        pieces.pop(0)
    return pieces


def _cells_of(line) -> list[Cell]:
    start, _end, s, kind = line
    if kind not in "DS":
        return [Cell(start, start + len(s), s)]
    if "|" in s:
        return _split(start, s, "|")
    return _split(start, s, _SPACES)


def _delimited(text: str, lines) -> Table | None:
    lines = [ln for ln in lines if ln[3] != "B"]
    rows: list[list[Cell]] = []
    if sum(ln[2] == "|" for ln in lines) >= 2:
        # one cell a line, a lone | between rows
        row: list[Cell] = []
        for ln in lines:
            if ln[2] == "|":
                if row:
                    rows.append(row)
                row = []
            else:
                row.extend(_cells_of(ln))
        if row:
            rows.append(row)
    else:
        rows = [_cells_of(ln) for ln in lines]
    if sum(c.is_value for r in rows for c in r) < 1 or len(rows) < 2:
        return None
    return Table(lines[0][0], lines[-1][1], "rows", rows)


# ---------------------------------------------------------------- one cell a line

def _one_cell(lines) -> Table | None:
    """Rows read back from one cell a line: a run of labels, then the run of
    values that belongs to the last of them. The labels before it are the new
    column heads when there are at least as many as values, else parent labels
    (三、本年度办理结果 above (一)予以公开). A row number (序号) is the value
    just before a row's label."""
    cells = [Cell(s, s + len(t), t) for s, _e, t, k in lines if k != "B"]
    values = sum(c.is_value for c in cells)
    captioned = bool(cells) and _NEXT_TABLE.match(cells[0].text) is not None
    if not values or values + sum(c.is_empty for c in cells) < (1 if captioned else 3):
        return None
    serials = any(c.text in _SERIAL_HEAD for c in cells)
    rows: list[list[Cell]] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    for k, c in enumerate(cells):
        if c.is_value or c.is_empty:
            values.append(c)
            continue
        if values:
            if serials and values[-1].text.isdigit() and (len(values) > 1 or any(
                    x.text in _SERIAL_HEAD for x in labels)):
                serial = values.pop()   # the next row's number
                if not values:          # right after the header row
                    labels.append(serial)
                    values = []
                    labels.append(c)
                    continue
                rows.append(labels + values)
                labels, values = [serial], []
            else:
                rows.append(labels + values)
                labels, values = [], []
        labels.append(c)
    if values:
        rows.append(labels + values)
    rows = [r for r in rows if any(c.is_value or c.is_empty for c in r)]
    if not rows:
        return None
    # a table's heads are a few lines: labels further up, or up to one that counts
    # something (12件), are prose, left to the prose scan
    first = next(k for k, c in enumerate(rows[0]) if c.is_value or c.is_empty)
    head = rows[0][max(0, first - _HEAD_LINES):first]
    cut = max((k + 1 for k, c in enumerate(head) if _COUNTED.search(c.text)), default=0)
    rows[0] = head[cut:] + rows[0][first:]
    # the table ends with its last value; trailing labels belong to the prose
    first = rows[0][0]
    last = rows[-1][-1]
    return Table(first.start, last.end, "cells", rows)
