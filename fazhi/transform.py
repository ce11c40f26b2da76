"""Run ``dbt build`` on a warehouse file, in this process, and hand the file back.

dbt's programmatic runner keeps the DuckDB file open after ``invoke``; we close
dbt-duckdb's shared environment afterwards so the next step (checks, publish)
can open the file. Keeping dbt in-process saves its ~3 s start-up per run.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fazhi import parallel
from fazhi.config import DBT_DIR


class TransformError(RuntimeError):
    """dbt could not build the models (a model failed, not a data test)."""


@dataclass
class TransformResult:
    success: bool
    models: int = 0
    tests_passed: int = 0
    tests_failed: int = 0
    failures: list[str] = field(default_factory=list)


def dbt_build(warehouse: Path, full_refresh: bool = False, select: str | None = None) -> TransformResult:
    """``dbt build`` against ``warehouse``; raise TransformError if a model fails."""
    from dbt.cli.main import dbtRunner

    os.environ["FAZHI_DBT_DATABASE"] = str(warehouse)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    target = warehouse.parent / "dbt"
    args = [
        "build", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
        "--target-path", str(target / "target"), "--log-path", str(target / "logs"),
        "--quiet", "--no-use-colors",
    ]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", select]
    try:
        res = dbtRunner().invoke(args)
    finally:
        _release_duckdb()
        parallel.shutdown()
    if res.exception is not None:
        raise TransformError(f"dbt build failed: {res.exception}")
    result = TransformResult(success=bool(res.success))
    for r in res.result or []:
        node = r.node
        status = str(r.status)
        if node.resource_type == "test":
            if status == "pass":
                result.tests_passed += 1
            else:
                result.tests_failed += 1
                result.failures.append(f"{node.name}: {status} {r.message or ''}".strip())
        elif node.resource_type in ("model", "seed"):
            if status in ("error", "skipped"):
                raise TransformError(f"dbt model {node.name} {status}: {r.message}")
            result.models += 1
    return result


def dbt_docs(warehouse: Path, out_dir: Path) -> Path:
    """``dbt docs generate`` over the published warehouse, read-only; return the site's index.html."""
    from dbt.cli.main import dbtRunner

    os.environ["FAZHI_DBT_DATABASE"] = str(warehouse)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    args = [
        "docs", "generate", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target", "readonly",
        "--target-path", str(out_dir), "--log-path", str(warehouse.parent / "dbt" / "logs"),
        "--quiet", "--no-use-colors",
    ]
    try:
        res = dbtRunner().invoke(args)
    finally:
        _release_duckdb()
    if not res.success:
        raise TransformError(f"dbt docs generate failed: {res.exception or res.result}")
    return out_dir / "index.html"


def _release_duckdb() -> None:
    """Close dbt-duckdb's process-wide DuckDB environment (it outlives invoke)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()
