"""The views' build (dbt/macros/view_kept_when_unchanged.sql): a view whose SQL did not change
is kept, its data tests still run; a view whose SQL differs from the project's is created again."""
from __future__ import annotations

import shutil

import duckdb

from fazhi.transform import dbt_build
from tests.ops.test_lean_increment import _main_statement

VIEWS = {"staging": ["stg_reports", "stg_ingest_errors", "stg_ocr_low_confidence"],
         "intermediate": ["int_facts", "int_report_metadata", "int_report_sizes", "int_sections", "int_sentences"]}


def _views(con) -> dict[str, tuple[str, str]]:
    """Each view of the staging and intermediate schemas: (its SQL, its comment)."""
    return {name: (sql, comment) for name, sql, comment in con.execute(
        "select view_name, sql, comment from duckdb_views() "
        "where schema_name in ('staging', 'intermediate') and not internal").fetchall()}


def test_an_unchanged_view_is_kept_and_a_changed_one_created_again(seeds_run, tmp_path, read_only):
    _, seeds_warehouse = seeds_run
    built = _views(read_only(seeds_warehouse))     # as the pipeline's build left them
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "build.duckdb")  # dbt's catalog name (fazhi.transform)
    assert sorted(built) == sorted(name for names in VIEWS.values() for name in names)
    assert all(comment.startswith("dbt sql md5 ") for _, comment in built.values())

    state = tmp_path / "dbt_state"
    first = dbt_build(warehouse, state=state)
    for folder, views in VIEWS.items():
        for view in views:
            main = _main_statement(state, folder, view)
            assert "duckdb_views()" in main and "create view" not in main, view
    assert first.tests_failed == 0 and first.tests_passed > 0

    with duckdb.connect(str(warehouse)) as con:
        # as if the model's SQL had changed since the view was created (another query, another digest)
        con.execute("create or replace view staging.stg_ocr_low_confidence as select 1 as report_id")
        con.execute("comment on view staging.stg_ocr_low_confidence is 'dbt sql md5 0'")
    again = dbt_build(warehouse, state=state)
    assert "create view" in _main_statement(state, "staging", "stg_ocr_low_confidence")
    con = read_only(warehouse)
    assert _views(con) == built
    assert [c[0] for c in con.execute("describe staging.stg_ocr_low_confidence").fetchall()] == [
        "report_id", "start_offset", "end_offset"]
    assert (again.tests_passed, again.tests_failed) == (first.tests_passed, first.tests_failed)
