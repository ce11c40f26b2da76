"""What one run did, and its record in ``dq.runs`` (what ``fazhi status`` shows).

The flow fills a ``RunSummary`` step by step and ``record_run`` stores it at the
end; ``load_run`` reads a recorded run back (``fazhi report``) and
``record_mail`` updates its mail status after a resend.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fazhi.check_results import CheckResult, Failure, add_sentence_starts
from fazhi.ingest.land import IngestError, LandingSummary
from fazhi.news import News, read_news
from fazhi.run_ids import new_run_id, utcnow  # noqa: F401  (re-exported)
from fazhi.warehouse import connect

FACT_TABLES = ("fct_facts", "fct_cases", "fct_rates", "fct_counts")


@dataclass
class RunSummary:
    run_id: str
    trigger: str
    started_at: datetime
    landing: LandingSummary = field(default_factory=LandingSummary)
    reports_total: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    finished_at: datetime | None = None
    status: str = "running"
    report_path: Path | None = None
    mail_status: str = "not configured"
    mail_error: str | None = None
    dbt_tests_failed: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    news: News | None = None  # failing rows new / open / fixed / acknowledged (fazhi.news)
    code_fingerprint: str | None = None  # the code that built it (fazhi.fingerprint)

    @property
    def errors_failed(self) -> int:
        return sum(1 for c in self.checks if not c.success and c.severity == "error")

    @property
    def warnings_failed(self) -> int:
        return sum(1 for c in self.checks if not c.success and c.severity == "warning")

    @property
    def checks_passed(self) -> int:
        return sum(1 for c in self.checks if c.success)

    @property
    def verdict(self) -> str:
        """The mail subject's words: '3 errors, 2 warnings in 12 reports'."""
        def n(k: int, word: str) -> str:
            return f"{k} {word}{'' if k == 1 else 's'}"
        dbt = f", {n(self.dbt_tests_failed, 'dbt test')} failed" if self.dbt_tests_failed else ""
        return (f"{n(self.errors_failed, 'error')}, {n(self.warnings_failed, 'warning')}{dbt} "
                f"in {n(self.reports_total, 'report')}")


def count_facts(warehouse: Path) -> tuple[int, dict[str, int]]:
    """Current reports and rows per fact table."""
    with connect(warehouse, read_only=True) as con:
        reports = con.execute("select count(*) from dim_reports").fetchone()[0]
        facts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in FACT_TABLES}
    return reports, facts


def record_run(warehouse: Path, s: RunSummary) -> None:
    """Insert or replace the run's row in dq.runs."""
    row = dict(
        run_id=s.run_id, trigger=s.trigger, started_at=s.started_at, finished_at=s.finished_at, status=s.status,
        files_seen=s.landing.seen, files_landed=s.landing.landed, files_skipped=s.landing.skipped,
        files_failed=s.landing.failed, facts=s.facts.get("fct_facts"),
        checks_failed=s.errors_failed + s.warnings_failed, errors_failed=s.errors_failed,
        warnings_failed=s.warnings_failed, report_path=str(s.report_path) if s.report_path else None,
        mail_status=s.mail_status, mail_error=s.mail_error, reports=s.reports_total,
        timings=json.dumps(s.timings), dbt_tests_failed=s.dbt_tests_failed,
        new_failures=s.news.new if s.news else None, code_fingerprint=s.code_fingerprint,
    )
    columns = ", ".join(row)
    with connect(warehouse) as con:
        con.execute(f"insert or replace into dq.runs ({columns}) values ({', '.join('?' * len(row))})",
                    list(row.values()))


# ---------------------------------------------------------------- a recorded run, read back
# `fazhi report` rebuilds a past run's summary from what the run stored, to
# show or mail its report again.

class RunNotFound(LookupError):
    """No such run in dq.runs (or no run with a report)."""


def load_run(warehouse: Path, run_id: str | None = None) -> RunSummary:
    """A recorded run's summary from dq.runs, dq.check_results, dq.check_failures and
    raw.ingest_errors; ``run_id`` None means the latest run that wrote a report.

    Not stored, so left empty: row counts of fact tables
    no check reads (runs recorded before dq.runs had ``reports`` and ``timings``
    also lack those).
    """
    with connect(warehouse, read_only=True) as con:
        row = _run_row(con, run_id)
        s = RunSummary(run_id=row[0], trigger=row[1], started_at=row[2], finished_at=row[3], status=row[4],
                       landing=LandingSummary(seen=row[5] or 0, landed=row[6] or 0, skipped=row[7] or 0,
                                              failed=row[8] or 0),
                       report_path=Path(row[10]) if row[10] else None, mail_status=row[11] or "not configured",
                       mail_error=row[12])
        s.landing.errors = _ingest_errors(con, s.run_id)
        s.checks = _check_results(con, s.run_id)
        s.reports_total, s.facts = _sizes(con, s.run_id, row[9])
        if row[13] is not None:
            s.reports_total = row[13]
        s.timings = json.loads(row[14]) if row[14] else {}
        s.dbt_tests_failed = row[15] or 0
        s.news = read_news(con, s.run_id)
    add_sentence_starts(warehouse, s.checks)  # for highlighting, while the facts are still there
    return s


_RUN_COLUMNS = """run_id, trigger, started_at, finished_at, status, files_seen, files_landed, files_skipped,
                  files_failed, facts, report_path, mail_status, mail_error, reports, timings, dbt_tests_failed"""


def _run_row(con, run_id: str | None) -> tuple:
    if run_id is None:
        row = con.execute(f"select {_RUN_COLUMNS} from dq.runs where report_path is not null "
                          "order by started_at desc limit 1").fetchone()
        if row is None:
            raise RunNotFound("no run with a report in dq.runs: run `fazhi run` first")
        return row
    row = con.execute(f"select {_RUN_COLUMNS} from dq.runs where run_id = ?", [run_id]).fetchone()
    if row is None:
        raise RunNotFound(f"no run {run_id!r} in dq.runs (see `fazhi status`)")
    if row[10] is None:
        raise RunNotFound(f"run {run_id!r} wrote no report (status: {row[4]})")
    return row


def _ingest_errors(con, run_id: str) -> list[IngestError]:
    rows = con.execute("""select doc, location, size_bytes, sha256, stage, reason from raw.ingest_errors
                          where run_id = ? order by occurred_at, location""", [run_id]).fetchall()
    return [IngestError(*r) for r in rows]


# Failing rows read back per check: the report lists the first 50 and counts the rest.
LISTED_PER_CHECK = 50


def _check_results(con, run_id: str) -> list[CheckResult]:
    failures: dict[str, list[Failure]] = {}
    for r in con.execute("""select check_name, report_id, doc, metric, detail, sentence, span_start, span_end
                            from dq.check_failures where run_id = ?
                            qualify row_number() over (partition by check_name order by doc, span_start) <= ?
                            order by check_name, doc, span_start""", [run_id, LISTED_PER_CHECK]).fetchall():
        failures.setdefault(r[0], []).append(Failure(*r[1:]))
    listed = dict(con.execute("select check_name, count(*) from dq.check_failures where run_id = ? group by all",
                              [run_id]).fetchall())
    return [CheckResult(name, severity, table, description or "", checked, failing, failures.get(name, []),
                        listed=listed.get(name, 0))
            for name, severity, table, description, checked, failing in con.execute(
                """select check_name, severity, table_name, description, rows_checked, rows_failing
                   from dq.check_results where run_id = ? order by table_name, check_name""", [run_id]).fetchall()]


def _sizes(con, run_id: str, facts: int | None) -> tuple[int, dict[str, int]]:
    """Reports and fact rows as the run saw them: the rows its checks read."""
    checked = dict(con.execute("""select table_name, max(rows_checked) from dq.check_results
                                  where run_id = ? group by table_name""", [run_id]).fetchall())
    sizes = {t: checked[t] for t in FACT_TABLES if t in checked}
    if facts is not None:
        sizes["fct_facts"] = facts
    return checked.get("dim_reports", 0), {t: sizes[t] for t in FACT_TABLES if t in sizes}


def record_mail(warehouse: Path, run_id: str, status: str, error: str | None,
                timings: dict[str, float] | None = None) -> None:
    """Set a run's mail status in dq.runs (after mailing its report, or mailing it again)."""
    with connect(warehouse) as con:
        con.execute("update dq.runs set mail_status = ?, mail_error = ? where run_id = ?", [status, error, run_id])
        if timings is not None:
            con.execute("update dq.runs set timings = ? where run_id = ?", [json.dumps(timings), run_id])
