"""News first: which failing rows of a run are new, still open or fixed, and whether to mail.

After ``check_store.store_results`` has written a run's failing rows
(``fazhi.failure_rows``: each with its stable ``failure_key``: report, check,
metric, span), ``classify`` marks each row ``new`` (not failing in the previous
run), ``open`` (failing then too) or ``acked`` (an administrator acknowledged it
with ``fazhi ack KEY``; kept in ``dq.acks``), and counts the previous run's rows
that no longer fail as ``fixed``. The flow mails when ``should_mail`` says so
(``FAZHI_MAIL_WHEN=new|always|never``); the subject counts problems, not checks.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fazhi.warehouse import connect

MAIL_WHEN = ("new", "always", "never")


def failure_key(report: str | None, check: str, metric: str | None,
                span_start: int | None, span_end: int | None) -> str:
    """A failing row's stable key: the same report, check, metric and span give the same key every run.

    ``report`` is the report's file name (a corrected version of the file keeps the
    keys of what it still gets wrong), else its id.
    """
    raw = "\x1f".join("" if v is None else str(v) for v in (report, check, metric, span_start, span_end))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def failure_key_sql(doc: str = "doc", report_id: str = "report_id", check: str = "check_name",
                    metric: str = "metric", span_start: str = "span_start", span_end: str = "span_end") -> str:
    """``failure_key`` as a DuckDB expression over the named columns (a file name, else the report
    id; integer spans), for storing many failing rows at once: computed in Python one row at a
    time, the keys of a full check's 130,000 failing rows took 0.4 s of the run's checks."""
    parts = [f"coalesce(nullif({doc}, ''), {report_id}, '')", f"coalesce({check}, '')", f"coalesce({metric}, '')",
             f"coalesce(cast({span_start} as varchar), '')", f"coalesce(cast({span_end} as varchar), '')"]
    return f"substr(sha1(concat_ws(chr(31), {', '.join(parts)})), 1, 12)"


@dataclass(frozen=True)
class News:
    new: int = 0
    open: int = 0      # failing in the previous run too, not acknowledged
    fixed: int = 0     # failing in the previous run, not in this one
    acked: int = 0     # failing, acknowledged

    @property
    def unresolved(self) -> int:
        """Problems still to look at: new and open ones (acknowledged ones aside)."""
        return self.new + self.open


def previous_run(con, run_id: str) -> str | None:
    """The last run before ``run_id`` that stored check results (run ids sort by time)."""
    row = con.execute("select max(run_id) from dq.check_results where run_id < ?", [run_id]).fetchone()
    return row[0] if row else None


def classify(warehouse: Path, run_id: str) -> News:
    """Mark the rows first failing in this run new or open (dq.check_failures then shows every row
    of the run as new, open or acked) and count them."""
    with connect(warehouse) as con:
        before = previous_run(con, run_id)
        # the rows first failing in this run (the rows it carried are open: dq.check_failures says so)
        con.execute("""
            update dq.failing_rows as f set first_status = case
                when f.failure_key in (select failure_key from dq.check_failures where run_id = ?) then 'open'
                else 'new' end
            where f.run_id = ?""", [before, run_id])
        return read_news(con, run_id)


def read_news(con, run_id: str) -> News:
    """A classified run's counts, from dq.check_failures."""
    counts = dict(con.execute("""select status, count(distinct failure_key) from dq.check_failures
                                 where run_id = ? group by status""", [run_id]).fetchall())
    return News(new=counts.get("new", 0), open=counts.get("open", 0), acked=counts.get("acked", 0),
                fixed=count_fixed(con, run_id))


def count_fixed(con, run_id: str) -> int:
    """How many of the previous run's failing rows no longer fail (counted in SQL, not listed)."""
    before = previous_run(con, run_id)
    if before is None:
        return 0
    columns = ", ".join(c for c in _ROW_COLUMNS.split(", "))
    return con.execute(f"""select count(*) from (select distinct {columns} from dq.check_failures
                           where run_id = ? and failure_key not in
                               (select failure_key from dq.check_failures where run_id = ?))""",
                       [before, run_id]).fetchone()[0]


_ROW_COLUMNS = "doc, report_id, check_name, severity, metric, span_start, span_end, sentence, failure_key"


def fixed_rows(con, run_id: str) -> list[tuple]:
    """The previous run's failing rows whose key does not fail in this run."""
    before = previous_run(con, run_id)
    if before is None:
        return []
    return con.execute(f"""select distinct {_ROW_COLUMNS} from dq.check_failures
                           where run_id = ? and failure_key not in
                               (select failure_key from dq.check_failures where run_id = ?)
                           order by doc, span_start""", [before, run_id]).fetchall()


def status_rows(con, run_id: str) -> list[dict]:
    """Every failing row of the run with its status, then the rows it fixed (status ``fixed``)."""
    names = [c.strip() for c in _ROW_COLUMNS.split(",")]
    current = con.execute(f"""select {_ROW_COLUMNS}, status from dq.check_failures where run_id = ?
                              order by status = 'new' desc, doc, span_start""", [run_id]).fetchall()
    rows = [dict(zip([*names, "status"], r)) for r in current]
    rows += [dict(zip([*names, "status"], (*r, "fixed"))) for r in fixed_rows(con, run_id)]
    for row in rows:
        row["check"] = row.pop("check_name")
        row["key"] = row.pop("failure_key")
    return rows


def should_mail(when: str, news: News | None) -> bool:
    """``new``: only when a problem is new; ``always``; ``never``."""
    if when not in MAIL_WHEN:
        raise ValueError(f"FAZHI_MAIL_WHEN must be one of {', '.join(MAIL_WHEN)}, not {when!r}")
    if when == "never":
        return False
    return when == "always" or news is None or news.new > 0


def subject(news: News, reports: int, dbt_tests_failed: int = 0) -> str:
    """'[fazhi] 2 个新问题（共 47 个未解决）· 1,204 份报告' (and '· 1 个 dbt 测试未通过' when one failed)."""
    dbt = f" · {dbt_tests_failed:,} 个 dbt 测试未通过" if dbt_tests_failed else ""
    return f"[fazhi] {news.new:,} 个新问题（共 {news.unresolved:,} 个未解决）· {reports:,} 份报告{dbt}"


class UnknownKey(LookupError):
    """No failing row has this key."""


def ack(warehouse: Path, key: str, note: str | None) -> None:
    """Acknowledge a known failure: it is no longer counted new or open, so no longer mailed."""
    with connect(warehouse) as con:
        if not con.execute("select 1 from dq.failing_rows where failure_key = ? limit 1", [key]).fetchall():
            raise UnknownKey(f"no failing row has the key {key!r} (see `fazhi checks`)")
        # dq.check_failures shows every row with this key as acked from now on
        con.execute("insert or replace into dq.acks values (?, ?, ?)",
                    [key, note, datetime.now(timezone.utc).replace(tzinfo=None)])
