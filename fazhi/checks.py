"""Data-quality checks: Great Expectations suites in expectations/ over the built marts.

Each suite (one JSON file per table, in GX's own suite format) names its table
and key column in ``meta``; each expectation carries a ``check`` name and a
GX severity (critical = error, warning = warning). The tables are read
read-only into dataframes and validated there (GX over DuckDB/SQLAlchemy loses
query results, GX issues #11579/#10738); every failing row comes back with its
report, metric, values and sentence.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fazhi.config import EXPECTATIONS_DIR
from fazhi.warehouse import connect

log = logging.getLogger(__name__)

SEVERITY = {"critical": "error", "warning": "warning", "info": "warning"}


@dataclass(frozen=True)
class Failure:
    """One failing row: where to look and what is wrong."""

    report_id: str | None
    doc: str | None
    metric: str | None
    detail: str
    sentence: str | None
    span_start: int | None
    span_end: int | None


@dataclass
class CheckResult:
    check_name: str
    severity: str  # error | warning
    table_name: str
    description: str
    rows_checked: int
    rows_failing: int
    failures: list[Failure] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return self.rows_failing == 0


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    """Every suite JSON file, sorted by name."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


def _read_tables(warehouse: Path, suites: list[dict]) -> dict[str, pd.DataFrame]:
    with connect(warehouse, read_only=True) as con:
        return {s["name"]: con.execute(f"select * from {s['meta']['table']}").df() for s in suites}


def validate(warehouse: Path, suites: list[dict] | None = None) -> list[CheckResult]:
    """Run every suite against the warehouse's tables; one result per expectation."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    suites = load_suites() if suites is None else suites
    frames = _read_tables(warehouse, suites)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("fazhi")
    results: list[CheckResult] = []
    for spec in suites:
        name, key = spec["name"], spec["meta"]["key"]
        frame = frames[name]
        suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=spec["expectations"]))
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        outcome = definition.run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [key]},
        )
        for r in outcome.results:
            config = r.expectation_config
            meta = config.meta or {}
            if r.exception_info and r.exception_info.get("raised_exception"):
                raise RuntimeError(f"check {meta.get('check')} on {name} could not run: "
                                   f"{r.exception_info.get('exception_message')}")
            failing_keys = [row[key] for row in (r.result.get("unexpected_index_list") or [])]
            failures = _failures(frame, key, failing_keys, meta.get("detail") or _checked_columns(config.kwargs))
            unexpected = r.result.get("unexpected_count")
            rows_failing = int(unexpected) if unexpected is not None else len(failing_keys)
            results.append(CheckResult(
                check_name=meta.get("check", config.type), severity=SEVERITY[str(config.severity.value)],
                table_name=spec["meta"]["table"], description=meta.get("description", ""),
                rows_checked=int(r.result.get("element_count", len(frame))),
                rows_failing=rows_failing if rows_failing or r.success else 1,
                failures=failures,
            ))
    return results


def _checked_columns(kwargs: dict) -> list[str]:
    return [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]


def _failures(frame: pd.DataFrame, key: str, keys: list[object], detail_columns: list[str]) -> list[Failure]:
    if not keys:
        return []
    rows = frame[frame[key].isin(keys)]

    def get(row: pd.Series, column: str) -> object:
        value = row.get(column)
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    out = []
    for _, row in rows.iterrows():
        detail = ", ".join(f"{c}={_fmt(get(row, c))}" for c in detail_columns)
        start, end = get(row, "start_offset"), get(row, "end_offset")
        out.append(Failure(
            report_id=get(row, "report_id"), doc=get(row, "doc"), metric=get(row, "metric"), detail=detail,
            sentence=get(row, "sentence_text"),
            span_start=int(start) if start is not None else None, span_end=int(end) if end is not None else None,
        ))
    return out


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "∅" if value is None else str(value)


def store_results(warehouse: Path, run_id: str, results: list[CheckResult]) -> None:
    """Write one dq.check_results row per check and one dq.check_failures row per failing row."""
    with connect(warehouse) as con:
        con.execute("delete from dq.check_results where run_id = ?", [run_id])
        con.execute("delete from dq.check_failures where run_id = ?", [run_id])
        for r in results:
            con.execute(
                "insert into dq.check_results values (?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, r.check_name, r.severity, r.table_name, r.description, r.rows_checked, r.rows_failing, r.success],
            )
            if r.failures:
                con.executemany(
                    "insert into dq.check_failures values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[run_id, r.check_name, r.severity, f.report_id, f.doc, f.metric, f.detail, f.sentence,
                      f.span_start, f.span_end] for f in r.failures],
                )
