"""The incremental models' lean build (dbt/macros/incremental_by_name.sql): an increment of a
table whose columns the query gives unchanged is one `insert ... by name`; a table whose
columns differ takes dbt-duckdb's own path, which reconciles them, with the same rows."""
from __future__ import annotations

import duckdb

from fazhi.transform import dbt_build
from tests.ops.test_incremental import build_copy, mart_rows

LEAN = {"marts": ["fct_facts", "fct_report_metrics"],
        "intermediate": ["int_report_figures"], "quality": ["qa_rate_counts"]}


def _main_statement(state, folder: str, model: str) -> str:
    """The statement dbt ran as the model's build (its runtime SQL in the state's target folder)."""
    return (state / "target" / "run" / "fazhi" / "models" / folder / f"{model}.sql").read_text(encoding="utf-8")


def test_an_increment_inserts_by_name_and_a_retyped_table_takes_dbts_path(seeds_run, tmp_path, read_only):
    warehouse, expected = build_copy(seeds_run, tmp_path, read_only)
    with duckdb.connect(str(warehouse)) as con:
        # a mart built before its contract said double: the lean path must not append to it
        con.execute("alter table fct_cases alter column received set data type varchar")

    state = tmp_path / "dbt_state"
    assert dbt_build(warehouse, state=state).tests_failed == 0

    for folder, models in LEAN.items():
        for model in models:
            assert "by name" in _main_statement(state, folder, model), model
    assert "by name" not in _main_statement(state, "marts", "fct_cases")
    con = read_only(warehouse)
    assert con.execute("select data_type from information_schema.columns "
                       "where table_name = 'fct_cases' and column_name = 'received'").fetchone()[0] == "BIGINT"
    assert mart_rows(con) == expected
