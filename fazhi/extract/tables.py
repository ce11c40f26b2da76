"""Table regions of a report text and their rows of cells.

First step of extraction for tables, before the prose scan: ``find_tables``
finds the stretches of text that are tables and reads them into rows of
cells; ``table_facts.py`` turns the rows into facts, and the prose scan skips
numbers inside these stretches (``table_rows.py`` reads a stretch into
rows). One reader for every source: a decoded
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

from fazhi.extract.table_rows import EMPTY, NEXT_TABLE, SPACES, VALUE, Cell, Table, delimited, one_cell

# The gate: a line holding nothing but a number, or a number after a run of
# spaces (each opens with a literal, which the regex engine finds fast), or a
# cell delimiter (a substring test). ~900 M chars/s on text without tables.
_NUMBER_LINE = re.compile(r"\n[ \t]*[-+]?[0-9][0-9,.]*%?[ \t]*(?:\n|$)")
_SPACED_NUMBER = re.compile(r"  +[-+]?[0-9]")

# A label line in a table: short, not a sentence of prose.
_LABEL_MAX = 60
_PROSE_END = ("。", "；", "！", "？")


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
            table = delimited(lines[i:j])
        elif kind in "VLS":
            j = _run(lines, i, "VLS")
            table = one_cell(lines[i:j])
            if table is None:
                # no table one cell a line: the run's last line may head a table of spaced cells
                k = j - 1
                while k > i and lines[k][3] == "B":
                    k -= 1
                if k > i and lines[k][3] == "S" and _next_kind(lines, k + 1) == "D":
                    i = k
                    continue
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
        elif VALUE.fullmatch(s) or s in EMPTY:
            kind = "V"
        elif SPACES.search(s) and _space_row(s):
            kind = "D" if any(VALUE.fullmatch(c) for c in SPACES.split(s)) else "S"
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
    cells = SPACES.split(s)
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
        if j > i and values and k == "L" and NEXT_TABLE.match(lines[j][2]):
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





def _caption(lines, i: int) -> Cell | None:
    """The line above a table that names it (表1：… / …情况统计表), if any."""
    j = i - 1
    while j >= 0 and lines[j][3] == "B":
        j -= 1
    if j < 0 or lines[j][3] not in "LS" or not _CAPTION.match(lines[j][2]):
        return None
    start, end, s, _ = lines[j]
    return Cell(start, end, s)


