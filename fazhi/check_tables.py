"""What the checks read: each suite's table, its needed columns, the touched reports' rows, in parts.

``fazhi.checks.validate`` reads every suite's table from the run's working copy
into Arrow (only the columns its checks and failure context need; only the rows
involving the reports ``fazhi.check_scope`` says were touched; a large table on a
full validation in parts) and hands it to Great Expectations. ``read_ahead`` reads
the next table on a thread of its own while GX checks the one before: DuckDB lets
go of the interpreter lock while it reads, GX holds it while it checks.
"""
from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fazhi.check_scope import FULL, Scope

if TYPE_CHECKING:
    import pyarrow as pa

SENTENCE, SPAN = "sentence_text", ("start_offset", "end_offset")
_CONTEXT = ("report_id", "doc", "metric", SENTENCE, *SPAN)

# Rows of one suite's table checked at once on a full validation: GX's pandas engine took
# 2.6 GB on fct_facts at 100,000 reports (3.1 M rows) read whole; in parts of this size
# (and with the batches dropped, checks._forget_batches) a full validation there peaked at 1.7 GB.
CHECK_PART_ROWS = 250_000


def checked_columns(kwargs: dict) -> list[str]:
    """The columns one expectation checks."""
    return [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]


def needed_columns(spec: dict) -> set[str]:
    """The columns a suite's checks and its failure context read."""
    columns = {spec["meta"]["key"], *_CONTEXT}
    for meta in [spec["meta"], *(e.get("meta") or {} for e in spec["expectations"])]:
        columns.update(meta.get("detail", []))
        columns.add(meta.get("sentence", SENTENCE))
        columns.update(meta.get("span", SPAN))
    for e in spec["expectations"]:
        columns.update(checked_columns(e.get("kwargs", {})))
    return columns


def report_columns(spec: dict) -> list[str]:
    """The columns of a suite's rows that name a report (``meta.reports``; default ``report_id``).

    A check comparing a report with others (last year's report, the same body's
    other figures) names each of them, so a row involving any touched report is checked.
    """
    return list(spec["meta"].get("reports", ["report_id"]))


def read_tables(con, suites: list[dict], scope: Scope = FULL) -> dict[str, tuple[pa.Table, bool]]:
    """Each suite's table as ``read_table`` reads it, whole (for tests and tools)."""
    return {s["name"]: read_table(con, s, scope) for s in suites}


def parts(con, spec: dict, scope: Scope) -> list[tuple[int, int] | None]:
    """How a suite's table is read: whole (``[None]``), or on a full validation of more than
    CHECK_PART_ROWS rows, in parts ``(i, n)`` of the rows whose key hashes to ``i`` modulo ``n``.

    Every expectation but uniqueness reads one row at a time, and all copies of a key value
    fall in one part: a suite that asks another column to be unique is read whole.
    """
    key = spec["meta"]["key"]
    unique_elsewhere = any(e["type"] == "expect_column_values_to_be_unique" and e["kwargs"].get("column") != key
                           for e in spec["expectations"])
    if not scope.full or unique_elsewhere:
        return [None]
    rows = con.execute(f"select count(*) from {spec['meta']['table']}").fetchall()[0][0]
    n = -(-rows // CHECK_PART_ROWS)
    return [None] if n <= 1 else [(i, n) for i in range(n)]


def read_table(con, spec: dict, scope: Scope = FULL, part: tuple[int, int] | None = None) -> tuple[pa.Table, bool]:
    """A suite's table (or ``part`` of it, see ``parts``), only the columns its checks and
    failure context need, as Arrow, and whether it holds only the rows involving ``scope``'s
    touched reports.

    DECIMAL columns are read as DOUBLE: GX serialises each Decimal value of its
    results through a call that walks the stack (seconds on a large table).
    """
    table = spec["meta"]["table"]
    present = dict(con.execute(f"select column_name, column_type from (describe {table})").fetchall())
    needed = needed_columns(spec)
    wanted = ", ".join(f'"{c}"::double as "{c}"' if t.upper().startswith("DECIMAL") else f'"{c}"'
                       for c, t in present.items() if c in needed)
    where, scoped = _scope_filter(spec, table, present, scope)
    if part is not None:
        where = f' where hash("{spec["meta"]["key"]}") % {part[1]} = {part[0]}'
    touched = sorted(scope.touched)
    return con.sql(f"select {wanted} from {table}{where}", params=[touched] * where.count("?")).to_arrow_table(), scoped


def _scope_filter(spec: dict, table: str, present: dict, scope: Scope) -> tuple[str, bool]:
    """The WHERE clause (with one ``?`` per report column) that keeps the rows involving a touched
    report, or none: on a full scope, for a table without report columns, and for a check across
    reports when a report vanished (its neighbours' rows changed without naming it).

    A check across reports keeps every row of a report one of whose rows involves a touched
    report: its rows share failure keys (the key names the row's own report, the first
    column), so all rows behind a key are checked again, or none.
    """
    columns = [c for c in report_columns(spec) if c in present]
    if scope.full or not columns or (len(columns) > 1 and scope.vanished):
        return "", False
    if not scope.touched:   # nothing to read
        return " where false", True
    involved = " or ".join(f'"{c}" in (select unnest(?::varchar[]))' for c in columns)
    if len(columns) == 1:
        return f" where {involved}", True
    own = columns[0]
    return f' where "{own}" in (select "{own}" from {table} where {involved})', True


@dataclass(frozen=True)
class Read:
    """One part of one suite's table, as read (``read_table``)."""

    spec: dict
    part: tuple[int, int] | None
    table: pa.Table
    scoped: bool


def read_ahead(con, suites: list[dict], scope: Scope = FULL) -> Iterator[Read]:
    """Every part of every suite's table in order, each read while the one before is checked.

    At most two parts are held: the one handed out and the one being read. The reads go through
    a cursor of ``con`` (a connection of their own to the same database).
    """
    jobs = [(spec, part) for spec in suites for part in parts(con, spec, scope)]
    if not jobs:
        return
    cursor = con.cursor()
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="fazhi-check-reads") as reader:
            def read(i: int):
                spec, part = jobs[i]
                return reader.submit(lambda: Read(spec, part, *read_table(cursor, spec, scope, part)))

            ahead = read(0)
            for i in range(len(jobs)):
                current = ahead.result()
                ahead = read(i + 1) if i + 1 < len(jobs) else None
                yield current
                del current
    finally:
        cursor.close()
