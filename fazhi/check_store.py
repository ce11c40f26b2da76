"""Storing a check run: one dq.check_results row per check and its failing rows
(``fazhi.failure_rows``), and the previous run's failing rows that this run did not check
again carried forward (a run that checked only its touched reports' rows, ``fazhi.check_scope``).

``fazhi.checks.check_run`` calls them after ``validate``, on the run's working copy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi.check_results import CheckResult, Failure, add_sentence_starts, opened
from fazhi.check_scope import Scope
from fazhi.failure_rows import forget_run, insert_failures
from fazhi.news import previous_run

if TYPE_CHECKING:
    from fazhi.check_results import Warehouse


def store_results(warehouse: Warehouse, run_id: str, results: list[CheckResult], failures: bool = True) -> None:
    """Write one dq.check_results row per check and each failing row (``fazhi.failure_rows``)
    (with its stable ``failure_key``; ``fazhi.news.classify`` then sets its status); without
    ``failures`` the failing rows are not written (a ``FailureSink`` stored them)."""
    import pyarrow as pa

    checks = pa.table({
        "run_id": [run_id] * len(results), "check_name": [r.check_name for r in results],
        "severity": [r.severity for r in results], "table_name": [r.table_name for r in results],
        "description": [r.description for r in results], "rows_checked": [r.rows_checked for r in results],
        "rows_failing": [r.rows_failing for r in results], "success": [r.success for r in results],
    })
    # One insert per table from Arrow: row-by-row inserts took seconds for a few thousand failures.
    with opened(warehouse) as con:
        con.execute("delete from dq.check_results where run_id = ?", [run_id])
        con.register("new_checks", checks)
        con.execute("insert into dq.check_results by name select * from new_checks")
        if failures:
            forget_run(con, run_id)
            insert_failures(con, run_id, [(r, f) for r in results for f in r.failures])


# Failing rows per check kept in memory for the report and the mail (they list ROWS_PER_CHECK
# rows): the flow's own (the rest are in dq.check_failures) and those carried forward.
LISTED = 50


def carry_forward(warehouse: Warehouse, run_id: str, results: list[CheckResult], scope: Scope,
                  listed: int = LISTED) -> int:
    """Extend to this run the previous run's failing rows that this run did not check again.

    For each check that read only the rows involving touched reports: a failing
    row of the previous run is still failing when its report is current and
    untouched and no row checked now has its key. Its stored row is marked as
    failing through this run (``fazhi.failure_rows``: not copied). Only the first
    ``listed`` rows of each check come back into ``results`` (``listed`` counts all
    of them), and the check's counts in dq.check_results are brought up to date.
    Returns the number of rows carried.
    """
    scoped = {r.check_name: r for r in results if r.scoped}
    if not scoped:
        return 0
    import pyarrow as pa

    checked = pa.table({"check_name": [n for n, r in scoped.items() for _ in r.checked_keys],
                        "failure_key": [k for r in scoped.values() for k in r.checked_keys]},
                       schema=pa.schema([("check_name", pa.string()), ("failure_key", pa.string())]))
    with opened(warehouse) as con:
        con.register("checked_rows", checked)
        before = previous_run(con, run_id)
        if before is None:
            return 0
        con.execute("""
            update dq.failing_rows as f set through_run_id = $run
            where f.through_run_id = $before and list_contains($checks, f.check_name)
              and f.report_id in (select report_id from dim_reports)
              and f.report_id not in (select unnest($touched::varchar[]))
              and not exists (select 1 from checked_rows as c
                              where c.check_name = f.check_name and c.failure_key = f.failure_key)""",
                    {"run": run_id, "before": before, "checks": sorted(scoped), "touched": sorted(scope.touched)})
        carried = "(select * from dq.failing_rows where through_run_id = $run and run_id < $run)"
        counts = dict(con.execute(f"select check_name, count(*) from {carried} group by all",
                                  {"run": run_id}).fetchall())
        first = con.execute(f"""
            select check_name, report_id, doc, metric, detail, sentence, span_start, span_end from {carried}
            qualify row_number() over (partition by check_name order by doc, span_start) <= $listed
            order by check_name, doc, span_start""", {"run": run_id, "listed": listed}).fetchall()
        for name, n in counts.items():
            con.execute("""update dq.check_results set rows_failing = rows_failing + ?, success = false
                           where run_id = ? and check_name = ?""", [n, run_id, name])
    shown: dict[str, list[Failure]] = {}
    for name, *row in first:
        shown.setdefault(name, []).append(Failure(*row))
    for name, n in counts.items():
        r = scoped[name]
        r.listed = r.traced + n
        r.rows_failing += n
        r.failures = r.failures + shown.get(name, [])[:max(0, listed - len(r.failures))]
    add_sentence_starts(warehouse, [r for r in results if r.check_name in counts])
    return sum(counts.values())
