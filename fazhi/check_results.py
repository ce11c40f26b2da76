"""What a check run finds: one ``CheckResult`` per expectation, with its failing rows as
``Failure``s, and where each failing row points in its report.

``fazhi.checks`` makes them (GX's outcomes), ``fazhi.check_store`` writes them to dq.* and
carries the last run's forward, ``fazhi.runs`` reads a stored run back; the report and the
mail show them. ``add_sentence_starts`` fills in where each failing row's sentence starts
(from the facts at its span) and whether its report's text was read by OCR.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi.warehouse import connect

if TYPE_CHECKING:
    import duckdb

    # What the functions here read or write: a warehouse file's path, or a connection open on it.
    Warehouse = Path | duckdb.DuckDBPyConnection


@contextmanager
def opened(warehouse, read_only: bool = False):
    """A connection to ``warehouse``: a path (opened here, closed after) or an open connection
    (``checks.check_run`` passes one: each open and close of a file of a few hundred MB costs ~20 ms)."""
    if not isinstance(warehouse, (str, Path)):
        yield warehouse
        return
    with connect(warehouse, read_only=read_only) as con:
        yield con


SEVERITY = {"critical": "error", "warning": "warning", "info": "warning"}


@dataclass(frozen=True)
class Failure:
    """One failing row: where to look and what is wrong.

    ``span_start``/``span_end`` are offsets into the report's text;
    ``sentence_start`` is where ``sentence`` starts there, when known;
    ``read_by_ocr``: the report's text (some of it) was read from images.
    """

    report_id: str | None
    doc: str | None
    metric: str | None
    detail: str
    sentence: str | None
    span_start: int | None
    span_end: int | None
    sentence_start: int | None = None
    read_by_ocr: bool = False


@dataclass
class CheckResult:
    check_name: str
    severity: str  # error | warning
    table_name: str
    description: str
    rows_checked: int
    rows_failing: int
    failures: list[Failure] = field(default_factory=list)
    # Rows of the run's touched reports only (``fazhi.check_scope``); the keys of every row
    # checked, failing or not, so a re-checked row is not carried forward from the last run.
    scoped: bool = False
    checked_keys: set[str] = field(default_factory=set, repr=False)
    # Failing rows traced to a report row, when more than ``failures`` holds (a capped list).
    listed: int | None = None

    @property
    def success(self) -> bool:
        return self.rows_failing == 0

    @property
    def traced(self) -> int:
        """Failing rows that point at a report row (``failures`` may list only the first)."""
        return len(self.failures) if self.listed is None else self.listed


def sentence_starts(warehouse: Warehouse, failures: list[Failure]) -> dict[tuple[str, int], int]:
    """Where each failure's sentence starts in its report, from the fact at its span."""
    import pandas as pd

    wanted = pd.DataFrame(
        {(f.report_id, f.span_start) for f in failures if f.report_id and f.span_start is not None},
        columns=["report_id", "start_offset"],
    )
    if wanted.empty:
        return {}
    with opened(warehouse, read_only=True) as con:
        if not con.execute("select 1 from information_schema.tables where table_name = 'fct_facts'").fetchall():
            return {}
        con.register("wanted", wanted)
        rows = con.execute("""
            select wanted.report_id, wanted.start_offset, min(fct_facts.sentence_start)
            from wanted join fct_facts using (report_id, start_offset)
            group by all""").fetchall()
    return {(r, int(s)): int(start) for r, s, start in rows}


def add_sentence_starts(warehouse: Warehouse, results: list[CheckResult]) -> None:
    """Fill in each failure's ``sentence_start`` from the facts still in the warehouse,
    and ``read_by_ocr`` from its report (so the mail can say the text came from a scan)."""
    failures = [f for r in results for f in r.failures]
    starts = sentence_starts(warehouse, failures)
    scanned = ocr_reports(warehouse, {f.report_id for f in failures if f.report_id})
    for r in results:
        r.failures = [_with_start(f, starts, scanned) for f in r.failures]


def ocr_reports(warehouse: Warehouse, report_ids: set[str]) -> set[str]:
    """Those of ``report_ids`` whose text was (partly) read by OCR."""
    if not report_ids:
        return set()
    with opened(warehouse, read_only=True) as con:
        if not con.execute("select 1 from information_schema.columns where table_schema = 'raw' "
                           "and table_name = 'reports' and column_name = 'method'").fetchall():
            return set()
        rows = con.execute("select report_id from raw.reports where method in ('ocr', 'text+ocr') "
                           "and list_contains(?, report_id)", [sorted(report_ids)]).fetchall()
    return {r[0] for r in rows}


def _with_start(f: Failure, starts: dict[tuple[str, int], int], scanned: set[str]) -> Failure:
    start = starts.get((f.report_id, f.span_start)) if f.span_start is not None else None
    return replace(f, sentence_start=start if start is not None else f.sentence_start,
                   read_by_ocr=f.report_id in scanned)
