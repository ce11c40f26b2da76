"""Data-quality checks: Great Expectations suites in expectations/ over the built marts.

The flow's ``validate`` task calls ``validate`` on the run's working copy of the
warehouse, then ``store_results``; the report and the mail are made from what
comes back. Each suite (one JSON file per table, in GX's own suite format)
names its table and key column in ``meta``; each expectation carries a
``check`` name and a GX severity (critical = error, warning = warning). The
tables are read read-only into dataframes and validated there (GX over
DuckDB/SQLAlchemy loses query results, GX issues #11579/#10738); every failing
row comes back with its report, metric, values and sentence.

Where a failing row's sentence and number span come from: the expectation's
``meta.sentence`` / ``meta.span`` columns, else the suite's, else
``sentence_text`` / ``start_offset``, ``end_offset``. Expectations may use the
run-time parameter ``{"$PARAMETER": "this_year"}``. When a directory is given,
GX Data Docs of the run are built into it.
"""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi import gx_context, progress
from fazhi.check_scope import FULL, Scope
from fazhi.check_tables import SENTENCE, SPAN, checked_columns, read_ahead
from fazhi.config import EXPECTATIONS_DIR
from fazhi.failure_rows import FailureSink, failing_rows_of, forget_run, insert_failures
from fazhi.gx_import import import_gx
from fazhi.news import failure_key, previous_run
from fazhi.warehouse import connect

if TYPE_CHECKING:  # pandas and pyarrow are imported where tables are read: `fazhi report` and `status` start faster
    import pandas as pd
    import pyarrow as pa
    import duckdb

    # What the functions here read or write: a warehouse file's path, or a connection open on it.
    Warehouse = Path | duckdb.DuckDBPyConnection

log = logging.getLogger(__name__)


@contextmanager
def _opened(warehouse, read_only: bool = False):
    """A connection to ``warehouse``: a path (opened here, closed after) or an open connection
    (``check_run`` passes one: each open and close of a file of a few hundred MB costs ~20 ms)."""
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


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    """Every suite JSON file, sorted by name."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


def run_parameters(today: date | None = None) -> dict[str, object]:
    """Values for the suites' ``$PARAMETER`` placeholders, taken at run time."""
    return {"this_year": (today or date.today()).year}


def _merged(parts: list[list[CheckResult]]) -> list[CheckResult]:
    """One suite's results over the parts of its table: rows and failing rows add up
    (of parts whose failing rows were stored and trimmed, ``listed`` counts them all)."""
    if len(parts) == 1:
        return parts[0]
    return [replace(same[0], rows_checked=sum(r.rows_checked for r in same),
                    rows_failing=sum(r.rows_failing for r in same),
                    failures=[f for r in same for f in r.failures],
                    listed=sum(r.traced for r in same) if any(r.listed is not None for r in same) else None)
            for same in zip(*parts)]


# The name of the checked frame's index: each row's position in the table read (see _checked_frame).
_ROW = "_row"


def _checked_frame(table: pa.Table, spec: dict) -> pd.DataFrame:
    """The columns GX checks, as an Arrow-backed dataframe (GX hashes all it is given), indexed
    by row position under the name ``_ROW``.

    GX lists a named index's values of the failing rows as they are; of a column named in
    ``unexpected_index_column_names`` it fetched each failing row's value one ``.at`` at a time
    (1.3 s of a full check with 72,000 failing rows). The positions are also cheap to hash, and
    name the failing rows of ``table`` exactly (``failure_rows.failing_rows_of``).
    """
    import pandas as pd

    checked = {c for e in spec["expectations"] for c in checked_columns(e.get("kwargs", {}))}
    frame = table.select([c for c in table.column_names if c in checked]).to_pandas(types_mapper=pd.ArrowDtype)
    frame.index = pd.RangeIndex(len(frame), name=_ROW)
    return frame


def validate(warehouse: Warehouse, suites: list[dict] | None = None, docs_dir: Path | None = None,
             today: date | None = None, scope: Scope = FULL, sink: FailureSink | None = None) -> list[CheckResult]:
    """Run every suite against the warehouse's tables; one result per expectation.

    With a ``scope`` of touched reports (``fazhi.check_scope.decide``), only the
    rows involving them are read and checked; ``carry_forward`` then adds the
    other reports' failing rows of the previous run. With ``docs_dir``, GX Data
    Docs of these validations are written there (the directory is replaced); if
    that fails the run goes on without them. With a ``sink``, each part's failing rows go to
    dq.check_failures as it is checked and each result keeps only the first of them.
    """
    suites = load_suites() if suites is None else suites
    by_suite: dict[str, list[CheckResult]] = {}
    progress.add("checks", "check suites", total=len(suites))
    parameters = run_parameters(today)
    context = source = None
    # One suite's table (or part of it) in memory at a time, and the next one being read.
    with _opened(warehouse, read_only=True) as con:
        for name, reads in groupby(read_ahead(con, suites, scope), key=lambda read: read.spec["name"]):
            results = []
            for read in reads:
                spec, part, table, scoped = read.spec, read.part, read.table, read.scoped
                del read
                # A suite with no row of a touched report has nothing to check: GX (seconds to import
                # and set up) is not started for it, nor at all on a run that touched nothing.
                if scoped and table.num_rows == 0:
                    results.append(_nothing_checked(spec))
                    continue
                if context is None:
                    context = gx_context.context()
                    source = context.data_sources.add_pandas("fazhi")
                gx = import_gx()
                label = name if part is None else f"{name} ({part[0] + 1} of {part[1]})"
                suite = context.suites.add(gx.ExpectationSuite(name=label, expectations=spec["expectations"]))
                batch = source.add_dataframe_asset(label).add_batch_definition_whole_dataframe("all")
                definition = context.validation_definitions.add(gx.ValidationDefinition(name=label, data=batch, suite=suite))
                outcome = definition.run(
                    batch_parameters={"dataframe": _checked_frame(table, spec)},
                    expectation_parameters=parameters,
                    result_format=_RESULT_FORMAT,
                )
                checked = [_result(spec, table, r, scoped, keep=sink.keep if sink else None) for r in outcome.results]
                results.append([result for result, _ in checked])
                del table, outcome
                gx_context.forget_batches(source)
                for result, failing in checked if sink is not None else ():
                    sink.take(result, failing)
                del checked
            by_suite[name] = _merged(results)
            for result in by_suite[name] if sink is not None else ():
                sink.trim(result)
            progress.advance("checks")
    if context is None:
        return [r for s in suites for r in by_suite[s["name"]]]
    results = [r for s in suites for r in by_suite[s["name"]]]
    add_sentence_starts(warehouse, results)
    if docs_dir is not None:
        try:
            gx_context.build_data_docs(context, docs_dir)
        except Exception as e:  # the docs are a companion of the report, never a reason to fail the run
            log.warning("GX Data Docs could not be built in %s: %s", docs_dir, e)
    return results


# Every failing row's position, and nothing else per row: GX then gives them as one list
# (``{_ROW: [...]}``) instead of a dict per row with its checked values, and stores (for the
# Data Docs) a result without a copy of every failing value or a query naming every row. With
# 43,000 failing rows a full check took 4.3 s, 2.7 s so (the same failing rows; measured).
# No "partial" sample: in that one-list form GX's sample of the list is the whole list again,
# copied, serialised and stored beside it (0.3 of a 2.6-3.3 s full check of the long bench
# corpus), and its Data Docs show no position list either way.
_RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": [_ROW], "partial_unexpected_count": 0,
                  "exclude_unexpected_values": True, "return_unexpected_index_query": False}


def _failing_rows(result: dict) -> list[int]:
    """The failing rows' positions of a GX result asked for with ``_RESULT_FORMAT``: one list
    under ``_ROW`` (in the list's one dict; no dict when no row failed)."""
    return [int(k) for row in result.get("unexpected_index_list") or [] for k in row[_ROW]]


def _result(spec: dict, table: pa.Table, r, scoped: bool = False,
            keep: int | None = None) -> tuple[CheckResult, pa.Table]:
    """One expectation's outcome as a CheckResult with its failing rows (the first ``keep`` of
    them, counting all in ``listed``, when ``keep`` is given), and all its failing rows as
    Arrow (``failure_rows.failing_rows_of``)."""
    config, name = r.expectation_config, spec["name"]
    meta = {**spec["meta"], **(config.meta or {})}
    if r.exception_info and r.exception_info.get("raised_exception"):
        raise RuntimeError(f"check {meta.get('check')} on {name} could not run: "
                           f"{r.exception_info.get('exception_message')}")
    failing = _failing_rows(r.result)
    span = tuple(meta.get("span", SPAN))
    rows = failing_rows_of(table, failing, meta.get("detail") or checked_columns(config.kwargs),
                           meta.get("sentence", SENTENCE), span)
    failures = [Failure(**row) for row in (rows if keep is None else rows.slice(0, keep)).to_pylist()]
    unexpected = r.result.get("unexpected_count")
    rows_failing = int(unexpected) if unexpected is not None else len(failing)
    check = meta.get("check", config.type)
    return CheckResult(
        check_name=check, severity=SEVERITY[str(config.severity.value)],
        table_name=spec["meta"]["table"], description=meta.get("description", ""),
        rows_checked=int(r.result.get("element_count", table.num_rows)),
        rows_failing=rows_failing if rows_failing or r.success else 1,
        failures=failures, scoped=scoped,
        checked_keys=_row_keys(table, check, span) if scoped else set(),
        listed=None if keep is None else rows.num_rows,
    ), rows


def _row_keys(table: pa.Table, check: str, span: tuple[str, str]) -> set[str]:
    """The failure key every row of ``table`` would have under ``check`` (see ``store_results``)."""
    def column(name: str) -> list:
        return table[name].to_pylist() if name in table.column_names else [None] * table.num_rows

    rows = zip(column("doc"), column("report_id"), column("metric"), column(span[0]), column(span[1]))
    return {failure_key(doc or report, check, metric, _int(start), _int(end))
            for doc, report, metric, start, end in rows}


def _int(value: object) -> int | None:
    return int(value) if value is not None else None


def _nothing_checked(spec: dict) -> list[CheckResult]:
    """A suite's results when none of its rows was to be checked: every check passes on 0 rows."""
    out = []
    for e in spec["expectations"]:
        meta = {**spec["meta"], **(e.get("meta") or {})}
        out.append(CheckResult(
            check_name=meta.get("check", e["type"]), severity=SEVERITY[e.get("severity", "critical")],
            table_name=spec["meta"]["table"], description=meta.get("description", ""),
            rows_checked=0, rows_failing=0, scoped=True))
    return out


def sentence_starts(warehouse: Warehouse, failures: list[Failure]) -> dict[tuple[str, int], int]:
    """Where each failure's sentence starts in its report, from the fact at its span."""
    import pandas as pd

    wanted = pd.DataFrame(
        {(f.report_id, f.span_start) for f in failures if f.report_id and f.span_start is not None},
        columns=["report_id", "start_offset"],
    )
    if wanted.empty:
        return {}
    with _opened(warehouse, read_only=True) as con:
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
    with _opened(warehouse, read_only=True) as con:
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
    with _opened(warehouse) as con:
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
    with _opened(warehouse) as con:
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


def check_run(warehouse: Path, run_id: str, docs_dir: Path | None = None, today: date | None = None) -> list[CheckResult]:
    """The flow's validation of its working copy: decide the scope (``fazhi.check_scope``), check
    the touched reports' rows (or all), store the results, carry the other failing rows forward
    and keep the view of the reports the next run compares with."""
    from fazhi import check_scope

    suites = load_suites()
    fingerprint = check_scope.fingerprint(suites, run_parameters(today))
    # One connection for every step: the working copy is this run's alone.
    with connect(warehouse) as con:
        scope = check_scope.decide(con, fingerprint)
        log.info("checks: %s (%d reports touched)", scope.reason, len(scope.touched))
        # Failing rows stored part by part: held whole, 100,000 reports' ~340,000 grew the memory.
        with FailureSink(con, run_id, keep=LISTED) as sink:
            results = validate(con, suites, docs_dir=docs_dir, today=today, scope=scope, sink=sink)
        store_results(con, run_id, results, failures=False)
        carry_forward(con, run_id, results, scope)
        check_scope.record(con, run_id, fingerprint)
    return results
