"""What one run did, and its record in ``dq.runs`` (what ``fazhi status`` shows)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from fazhi.checks import CheckResult
from fazhi.ingest.land import LandingSummary
from fazhi.warehouse import connect

FACT_TABLES = ("fct_facts", "fct_cases", "fct_rates", "fct_counts")


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: 20261122T144100Z-3fa2."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


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
        return (f"{n(self.errors_failed, 'error')}, {n(self.warnings_failed, 'warning')} "
                f"in {n(self.reports_total, 'report')}")


def count_facts(warehouse: Path) -> tuple[int, dict[str, int]]:
    """Current reports and rows per fact table."""
    with connect(warehouse, read_only=True) as con:
        reports = con.execute("select count(*) from dim_reports").fetchone()[0]
        facts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in FACT_TABLES}
    return reports, facts


def record_run(warehouse: Path, s: RunSummary) -> None:
    """Insert or replace the run's row in dq.runs."""
    row = [
        s.run_id, s.trigger, s.started_at, s.finished_at, s.status, s.landing.seen, s.landing.landed,
        s.landing.skipped, s.landing.failed, s.facts.get("fct_facts"),
        s.errors_failed + s.warnings_failed, s.errors_failed, s.warnings_failed,
        str(s.report_path) if s.report_path else None, s.mail_status, s.mail_error,
    ]
    with connect(warehouse) as con:
        con.execute("insert or replace into dq.runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
