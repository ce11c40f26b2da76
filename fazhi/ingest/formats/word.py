"""A Word .docx report -> its paragraphs and tables in document order.

Each paragraph is a line; a table becomes one line a row with the cells
joined by a tab (a cell merged across columns gives its text once and an
empty cell for each further column, so every row keeps the table's columns;
a cell's own paragraphs and nested tables are joined by a space). This is
the form every decoder gives a table, read by ``fazhi.extract.tables``. Headers, footers,
comments and text boxes are not report text and are left out. The core
property ``title`` is kept when it names the document.
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .base import Document, ReadError, count_ideographs, require_chinese


def read_docx(data: bytes) -> Document:
    """A .docx file: paragraphs and flattened tables, one a line."""
    document = _open(data)
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines.extend(_block_lines(block))
    text = "\n".join(lines)
    require_chinese(text, "the Word document")
    return Document(text=text, format="docx", title=_core_title(document))


def _open(data: bytes):
    if not data:
        raise ReadError("parse", "empty file (0 bytes)")
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError("parse", "old binary Word (.doc) file named .docx: save it as .docx")
        raise ReadError("parse", "not a .docx file (not a ZIP/OOXML package)")
    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise ReadError("parse", f"corrupt .docx: damaged ZIP package ({err})") from None
    except KeyError as err:
        raise ReadError("parse", f"not a Word document: the package has no {err}") from None
    except ValueError as err:
        raise ReadError("parse", f"not a Word document ({err})") from None
    except Exception as err:  # malformed XML inside the package
        raise ReadError("parse", f"corrupt .docx ({type(err).__name__}: {err})") from None


def _block_lines(block: Paragraph | Table) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    return [row for row in _table_rows(block) if row]


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # one cell merged across columns: its text once, the columns kept
                cells.append("")
                continue
            seen.add(cell._tc)
            cells.append(_cell_text(cell))
        rows.append("\t".join(cells).rstrip("\t") if any(cells) else "")
    return rows


def _cell_text(cell) -> str:
    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text.strip())
        else:
            parts.extend(row.replace("\t", " ") for row in _table_rows(block))
    return " ".join(p for p in parts if p)


def _core_title(document) -> str | None:
    title = (document.core_properties.title or "").strip()
    title = re.sub(r"\s+", " ", title)
    return title if count_ideographs(title) >= 4 else None
