"""Failing rows on their way into dq.check_failures, a checked part at a time.

The flow's checks (``fazhi.checks.check_run``) validate a large table in parts;
a ``FailureSink`` writes each part's failing rows into ``dq.check_failures`` as
soon as the part is checked, and leaves in memory only the first ``keep`` rows
of each check (what the report and the mail list) with the count of all of
them (``CheckResult.listed``). Held whole, the failing rows of 100,000 reports
(~340,000 rows, each with its sentence) grew the checks' memory with the corpus.
``failure_table`` is the Arrow form of failing rows that ``checks.store_results``
writes too.
"""
from __future__ import annotations

from fazhi.news import failure_key


def failure_table(run_id: str, failing: list[tuple]):
    """``(check result, failure)`` pairs as an Arrow table of dq.check_failures' columns."""
    import pyarrow as pa

    return pa.table({
        "run_id": [run_id] * len(failing), "check_name": [r.check_name for r, _ in failing],
        "severity": [r.severity for r, _ in failing], "report_id": [f.report_id for _, f in failing],
        "doc": [f.doc for _, f in failing], "metric": [f.metric for _, f in failing],
        "detail": [f.detail for _, f in failing], "sentence": [f.sentence for _, f in failing],
        "span_start": pa.array([f.span_start for _, f in failing], pa.int32()),
        "span_end": pa.array([f.span_end for _, f in failing], pa.int32()),
        "failure_key": [failure_key(f.doc or f.report_id, r.check_name, f.metric, f.span_start, f.span_end)
                        for r, f in failing],
    })


def insert_failures(con, run_id: str, failing: list[tuple]) -> None:
    """Append ``(check result, failure)`` pairs to dq.check_failures (one insert from Arrow)."""
    if not failing:
        return
    con.register("new_failures", failure_table(run_id, failing))
    try:
        con.execute("insert into dq.check_failures by name select * from new_failures")
    finally:
        con.unregister("new_failures")


class FailureSink:
    """Stores each checked part's failing rows at once and keeps the first ``keep`` of a check.

    Created on the run's read-write connection: the run's earlier rows (a retried run) go first.
    """

    def __init__(self, con, run_id: str, keep: int):
        self.con, self.run_id, self.keep = con, run_id, keep
        con.execute("delete from dq.check_failures where run_id = ?", [run_id])

    def take(self, result) -> None:
        """Write ``result``'s failing rows (one part's check) and trim them to the first ``keep``."""
        insert_failures(self.con, self.run_id, [(result, f) for f in result.failures])
        self.trim(result)

    def trim(self, result) -> None:
        """Keep the first ``keep`` failing rows in memory, counting all of them in ``listed``."""
        result.listed = result.traced
        result.failures = result.failures[:self.keep]
