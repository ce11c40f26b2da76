"""fct_rates and fct_counts are views of fct_facts (a fact is stored once): a warehouse whose
build left them as tables gets the views, with the same rows."""
from __future__ import annotations

import duckdb

from fazhi.transform import dbt_build
from tests.ops.test_incremental import build_copy, mart_rows

VIEWS = ("fct_rates", "fct_counts")


def _kinds(con) -> dict[str, str]:
    return dict(con.execute("select table_name, table_type from information_schema.tables "
                            "where table_schema = 'main' and table_name in ?", [list(VIEWS)]).fetchall())


def test_rates_and_counts_are_views_of_the_facts(seeds_run, read_only):
    _, warehouse = seeds_run
    con = read_only(warehouse)
    assert _kinds(con) == {name: "VIEW" for name in VIEWS}
    rates, facts = con.execute("select (select count(*) from fct_rates), "
                               "(select count(*) from fct_facts where kind = 'rate')").fetchone()
    assert rates == facts > 0


def test_a_warehouse_with_them_as_tables_gets_the_views_with_the_same_rows(seeds_run, tmp_path, read_only):
    warehouse, expected = build_copy(seeds_run, tmp_path, read_only)
    with duckdb.connect(str(warehouse)) as con:   # as a build before left them
        for name in VIEWS:
            con.execute(f"create table {name}_rows as select * from {name}")
            con.execute(f"drop view {name}")
            con.execute(f"alter table {name}_rows rename to {name}")
        assert _kinds(con) == {name: "BASE TABLE" for name in VIEWS}

    assert dbt_build(warehouse, state=tmp_path / "dbt_state").tests_failed == 0
    con = read_only(warehouse)
    assert _kinds(con) == {name: "VIEW" for name in VIEWS}
    assert mart_rows(con) == expected


def test_counting_either_view_reads_only_the_columns_of_the_facts_it_needs(seeds_run, read_only):
    # The plan's scan of fct_facts names the columns it reads. A CTE that fct_counts reads three
    # times, which DuckDB materialized, made a count of it read all of them, the sentences' text too.
    _, warehouse = seeds_run
    con = read_only(warehouse)
    for name in VIEWS:
        plan = "\n".join(row[1] for row in con.execute(
            f"explain select count(*) from {name}").fetchall())
        scan = plan[plan.index("fct_facts"):]
        scan = scan[:scan.index("rows")]   # the scan's box: table, projections, filters, estimated rows
        assert "kind" in scan and "sentence_text" not in scan, plan
