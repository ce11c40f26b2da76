"""What analysts see in the warehouse's main schema: the marts, and nothing else.

Incremental dbt models stage their new rows in ``<model>__dbt_tmp<time>``
tables in ``main``; a run must not leave them (or anything else) beside the marts.
"""
from __future__ import annotations

from pathlib import Path

from fazhi.config import DBT_DIR

REPORT = "{town}2023年法治政府建设工作报告\n一、主要工作\n全年受理行政复议申请{n}件，办结{m}件，调解纠纷{k}起。\n"


def mart_names() -> set[str]:
    return {p.stem for p in (DBT_DIR / "models" / "marts").glob("*.sql")}


def main_tables(con) -> set[str]:
    rows = con.execute("select table_name from information_schema.tables where table_schema = 'main'").fetchall()
    return {name for (name,) in rows}


def test_main_holds_only_the_marts_after_incremental_runs(tmp_path: Path, pipeline_runner, read_only):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "fazhi.duckdb"
    inbox.mkdir()
    for i, town in enumerate(["青石镇", "白沙乡", "南岭街道"]):
        (inbox / f"report_{i}.txt").write_text(REPORT.format(town=town, n=40 + i, m=30 + i, k=12 + i), encoding="utf-8")
        pipeline_runner([inbox], warehouse)      # the first run builds, the later ones are incremental
    con = read_only(warehouse)
    assert main_tables(con) == mart_names()
