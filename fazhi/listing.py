"""Warehouse tables printed one row a line, for scripts and scorers (``fazhi reports``).

JSONL writes one object a line with dates as ISO strings; CSV writes a header
then the rows.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

# dim_reports as `fazhi reports` prints it (the input of ../shared/eval/score_metadata.py).
REPORT_FIELDS = ("doc", "report_id", "title", "report_year", "issuer", "issuer_level", "region", "region_level",
                 "region_code", "province", "city", "county", "published", "duplicate_of")


def report_rows(con) -> list[tuple]:
    """Every current report file, duplicates included, by file name."""
    return con.execute(f"select {', '.join(REPORT_FIELDS)} from dim_reports order by doc, report_id").fetchall()


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def write_rows(fields: Sequence[str], rows: Iterable[Sequence], fmt: str, out: TextIO) -> None:
    """Rows as JSONL (one object a line) or CSV (a header, then the rows)."""
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(fields)
        writer.writerows([_plain(v) for v in row] for row in rows)
        return
    for row in rows:
        out.write(json.dumps({k: _plain(v) for k, v in zip(fields, row)}, ensure_ascii=False) + "\n")
