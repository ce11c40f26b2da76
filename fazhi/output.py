"""How the command line prints rows: a rich table for people, CSV or JSON lines for scripts.

``fazhi sql`` and ``fazhi status`` take ``--format table|csv|json``; the choices
are enums so typer lists them in ``--help`` and refuses anything else.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum

from rich.console import Console
from rich.table import Table


class RowFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _plain(value: object) -> object:
    """A JSON-ready value: dates as ISO text, decimals as numbers."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def print_rows(console: Console, columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: RowFormat,
               title: str | None = None) -> None:
    """``rows`` under ``columns``: a table, CSV with a header row, or one JSON object per line."""
    if fmt is RowFormat.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    elif fmt is RowFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, map(_plain, row))), ensure_ascii=False, default=str) + "\n")
    else:
        t = Table(*columns, title=title)
        for row in rows:
            t.add_row(*("" if v is None else str(v) for v in row))
        console.print(t)
