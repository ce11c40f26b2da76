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
GX Data Docs of the run are built into it. What a check finds is a ``CheckResult``
(``fazhi.check_results``); ``fazhi.check_store`` writes it and carries the last run's
failing rows forward.
"""
from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi import gx_context, progress
from fazhi.check_results import SEVERITY, CheckResult, Failure, add_sentence_starts, opened
from fazhi.check_scope import FULL, Scope
from fazhi.check_store import LISTED, carry_forward, store_results
from fazhi.check_tables import SENTENCE, SPAN, checked_columns, read_ahead
from fazhi.config import EXPECTATIONS_DIR
from fazhi.failure_rows import FailureSink, failing_rows_of
from fazhi.gx_import import import_gx
from fazhi.news import failure_key
from fazhi.warehouse import connect

__all__ = ["CheckResult", "Failure", "check_run", "load_suites", "run_parameters", "validate"]

if TYPE_CHECKING:  # pandas and pyarrow are imported where tables are read: `fazhi report` and `status` start faster
    import pandas as pd
    import pyarrow as pa

    from fazhi.check_results import Warehouse

log = logging.getLogger(__name__)


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
    with opened(warehouse, read_only=True) as con:
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
