"""Which reports a run's checks must read: the ones the run touched, or all of them.

``fazhi.checks.validate`` asks ``decide`` before reading the tables. The last
validation's view of the warehouse is kept in ``dq.check_scope`` (one row per
current report: its id, when it was parsed, which report it duplicates) and
``dq.check_scope_state`` (a fingerprint of the checks themselves). A report is
*touched* when its row differs from the kept one: new, re-parsed, removed,
superseded by a corrected file, or turned into (or out of) a duplicate. Its rows
are checked again; the other reports' failing rows are carried forward from the
previous run (``fazhi.check_store.carry_forward``).

Everything is checked again on a full refresh, on the first validation, and when
the checks changed: the expectation suites, the ``qa_`` models, the seeds they
read, the run-time parameters or this module's ``SCOPE_VERSION``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from fazhi.config import DBT_DIR, EXPECTATIONS_DIR

# Bump when the way checks read or carry rows changes: the next run checks everything.
SCOPE_VERSION = "1"

SCOPE_DDL = """
create table if not exists dq.check_scope (
    report_id     varchar primary key,   -- a current report, as the last validation saw it
    parsed_at     timestamp,
    duplicate_of  varchar
);
create table if not exists dq.check_scope_state (
    run_id        varchar not null,      -- the run whose validation this view is
    fingerprint   varchar not null       -- of the checks (suites, qa_ models, seeds, parameters)
);
"""


@dataclass(frozen=True)
class Scope:
    """``full``: read every row; else the rows of ``touched`` reports (``vanished`` ones among them
    are no longer current: removed, superseded or now duplicates)."""

    full: bool
    reason: str
    touched: frozenset[str] = field(default_factory=frozenset)
    vanished: frozenset[str] = field(default_factory=frozenset)


FULL = Scope(True, "asked")


def fingerprint(suites: list[dict], parameters: dict[str, object]) -> str:
    """A hash of what decides the checks' outcome other than the data."""
    h = hashlib.sha256(SCOPE_VERSION.encode())
    h.update(json.dumps([suites, parameters], sort_keys=True, default=str).encode())
    for folder, pattern in ((DBT_DIR / "models" / "quality", "*"), (DBT_DIR / "seeds", "*.csv"),
                            (EXPECTATIONS_DIR, "*.json")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                h.update(path.name.encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


_CURRENT = "select report_id, parsed_at, duplicate_of from dim_reports"


def decide(con, fingerprint_now: str, full_refresh: bool = False) -> Scope:
    """The scope of this validation, read from the run's working copy (read-only is enough)."""
    if full_refresh:
        return Scope(True, "full refresh")
    if not _has_state(con):
        return Scope(True, "first validation")
    kept = con.execute("select fingerprint from dq.check_scope_state").fetchone()
    if kept is None:
        return Scope(True, "first validation")
    if kept[0] != fingerprint_now:
        return Scope(True, "the checks changed")
    changed = con.execute(f"""
        with current_reports as ({_CURRENT}),
        differ as (
            (select * from current_reports except select * from dq.check_scope)
            union
            (select * from dq.check_scope except select * from current_reports)
        )
        select distinct differ.report_id, current_reports.report_id is null as vanished
        from differ left join current_reports using (report_id)""").fetchall()
    touched = frozenset(r for r, _ in changed)
    vanished = frozenset(r for r, gone in changed if gone)
    current = con.execute("select count(*) from dim_reports").fetchone()[0]
    if len(touched - vanished) >= current:
        return Scope(True, "every report touched", touched, vanished)
    return Scope(False, "touched reports", touched, vanished)


def _has_state(con) -> bool:
    return bool(con.execute("""select 1 from information_schema.tables
                               where table_schema = 'dq' and table_name = 'check_scope_state'""").fetchall())


def record(con, run_id: str, fingerprint_now: str) -> None:
    """Keep this validation's view of the reports (a read-write connection to the working copy)."""
    con.execute(SCOPE_DDL)
    con.execute("delete from dq.check_scope")
    con.execute(f"insert into dq.check_scope {_CURRENT}")
    con.execute("delete from dq.check_scope_state")
    con.execute("insert into dq.check_scope_state values (?, ?)", [run_id, fingerprint_now])
