"""Rows of cells read from a table region's lines: the cells and tables ``tables.py`` finds.

``tables.find_tables`` classifies a text's lines and finds the table regions;
this module reads a region into rows of ``Cell``s, from delimited lines
(``delimited``: cells between | or tabs or runs of spaces, or one cell a line
with a lone | between rows) or from one cell a line (``one_cell``: rows read
back from a run of labels and the run of values after it). ``table_facts``
reads the rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A value cell: a number, with a % or a measure word after it (12件, 3.5万元) or not.
CELL_UNITS = "%|万元|亿元|千元|元|人次|件次|件|个|人|名|项|次|条|家|户|场|起|宗|天|份|篇|期|批"
# A change may be written with its verb (下降3.2%, ↑15%).
CHANGE_WORDS = "增长|增加|上升|提高|下降|减少|降低|↑|↓"
VALUE = re.compile(rf"(?:{CHANGE_WORDS})?[-+−]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:[万亿](?!元))?(?:{CELL_UNITS})?")
# Cells that hold no number (an empty cell is no fact).
EMPTY = frozenset(("", "/", "-", "—", "－", "--", "——", "－－", "\\", "／", "无", "…"))
# Cells of a line apart by a tab or a run of spaces.
SPACES = re.compile(r" {2,}|\t")
_SERIAL_HEAD = ("序号", "编号")
# At most this many label lines above a one-cell-a-line table's first values belong to it.
_HEAD_LINES = 24
# A label cell longer than this that counts something (开展培训3次) is prose in a cell.
_PROSE_CELL = 16
_COUNTED = re.compile(r"[0-9][件个人项次条家户元起场%]")
# A caption that starts the next table (表2：…).
NEXT_TABLE = re.compile(r"[0-9]*表\s*[0-9一二三四五六七八九十]+")


class Cell:
    """One cell: ``text`` is ``report_text[start:end]`` (stripped); whether it
    holds a number (``is_value``) or nothing (``is_empty``) is read once."""

    __slots__ = ("start", "end", "text", "is_value", "is_empty")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.is_value = VALUE.fullmatch(text) is not None
        self.is_empty = text in EMPTY

    def __repr__(self) -> str:
        return f"Cell({self.start}, {self.end}, {self.text!r})"


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

    def __post_init__(self) -> None:
        self.prose_cells = prose_cells(self.rows)


def prose_cells(rows: list[list[Cell]]) -> list[Cell]:
    """Label cells that are sentences counting something, not heads."""
    return [c for row in rows for c in row
            if len(c.text) > _PROSE_CELL and not c.is_value and _COUNTED.search(c.text)]


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
    return _split(start, s, SPACES)


def delimited(lines) -> Table | None:
    """A region of delimited lines as rows (a lone | between rows: one cell a line)."""
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

def one_cell(lines) -> Table | None:
    """Rows read back from one cell a line: a run of labels, then the run of
    values that belongs to the last of them. The labels before it are the new
    column heads when there are at least as many as values, else parent labels
    (三、本年度办理结果 above (一)予以公开). A row number (序号) is the value
    just before a row's label."""
    cells = [Cell(s, s + len(t), t) for s, _e, t, k in lines if k != "B"]
    n_values = sum(c.is_value for c in cells)
    captioned = bool(cells) and NEXT_TABLE.match(cells[0].text) is not None
    if not n_values or n_values + sum(c.is_empty for c in cells) < (1 if captioned else 3):
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
    first_cell, last = rows[0][0], rows[-1][-1]
    return Table(first_cell.start, last.end, "cells", rows)
