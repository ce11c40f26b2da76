"""The incremental models' lean build (dbt/macros/incremental_by_name.sql): an increment of a
table whose columns the query gives unchanged is one `insert ... by name`; a table whose
columns differ takes dbt-duckdb's own path, which reconciles them, with the same rows."""
from __future__ import annotations

import shutil

import duckdb

from fazhi.transform import dbt_build
from tests.ops.test_incremental import mart_rows

LEAN = {"marts": ["fct_facts", "fct_cases", "fct_counts", "fct_report_metrics"],
        "intermediate": ["int_report_figures"], "quality": ["qa_rate_counts"]}


def _main_statement(state, folder: str, model: str) -> str:
    """The statement dbt ran as the model's build (its runtime SQL in the state's target folder)."""
    return (state / "target" / "run" / "fazhi" / "models" / folder / f"{model}.sql").read_text(encoding="utf-8")


def test_an_increment_inserts_by_name_and_a_retyped_table_takes_dbts_path(seeds_run, tmp_path, read_only):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "build.duckdb"   # the catalog name dbt builds into (fazhi.transform)
    shutil.copyfile(seeds_warehouse, warehouse)
    con = read_only(warehouse)
    expected = mart_rows(con)
    con.close()
    with duckdb.connect(str(warehouse)) as con:
        # a mart built before its contract said double: the lean path must not append to it
        con.execute("alter table fct_rates alter column rate_pct set data type varchar")

    state = tmp_path / "dbt_state"
    assert dbt_build(warehouse, state=state).tests_failed == 0

    for folder, models in LEAN.items():
        for model in models:
            assert "by name" in _main_statement(state, folder, model), model
    assert "by name" not in _main_statement(state, "marts", "fct_rates")
    con = read_only(warehouse)
    assert con.execute("select data_type from information_schema.columns "
                       "where table_name = 'fct_rates' and column_name = 'rate_pct'").fetchone()[0] == "DOUBLE"
    assert mart_rows(con) == expected
