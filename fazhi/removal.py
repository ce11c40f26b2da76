"""Taking reports out of the marts (``fazhi remove``) while raw keeps them.

A removal is a row of ``raw.report_removals``; ``stg_reports`` skips those
reports, so the next build drops their sections, sentences, facts and mart rows
(the parse tables and marts keep only current reports). Their text and
sightings stay in ``raw.*``: landing the same file again does not bring it back.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fazhi.warehouse import connect


class UnknownReport(LookupError):
    """A name that is neither a landed file name nor a report id (or its prefix)."""


def resolve(con, names: Sequence[str]) -> list[str]:
    """The report ids that ``names`` (file names, report ids, id prefixes of 8+ characters) mean."""
    ids: list[str] = []
    for name in names:
        rows = con.execute("""
            select distinct report_id from raw.report_sources
            where doc = $name or report_id = $name or (length($name) >= 8 and starts_with(report_id, $name))
            order by report_id""", {"name": name}).fetchall()
        if not rows:
            raise UnknownReport(f"no landed report is called {name!r} (a file name or a report id; see dim_reports)")
        ids += [r for (r,) in rows if r not in ids]
    return ids


def mark_removed(warehouse: Path, names: Sequence[str], run_id: str, at: datetime, reason: str | None = None) -> list[str]:
    """Record the reports ``names`` as removed in ``warehouse`` (a working copy); return their ids."""
    with connect(warehouse) as con:
        ids = resolve(con, names)
        con.executemany(
            "insert into raw.report_removals values (?, ?, ?, ?) on conflict do nothing",
            [(i, at, run_id, reason) for i in ids])
    return ids
