"""A full validation reads large tables in parts (memory); the results are those of one read.

Parts deal rows by a hash of the suite's key, so every copy of a key value is in one
part and a uniqueness check still sees its duplicates.
"""
from __future__ import annotations

import duckdb

from fazhi import check_tables, checks, gx_context

from .conftest import copy_warehouse, lanes_check


def _summary(results):
    return sorted((r.check_name, r.table_name, r.rows_checked, r.rows_failing,
                   sorted((f.report_id or "", f.span_start or -1, f.detail, f.sentence or "") for f in r.failures))
                  for r in results)


def test_parts_give_the_results_of_one_read_and_keep_duplicates_together(planted_run, tmp_path, monkeypatch):
    warehouse = copy_warehouse(planted_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:   # two facts under one id, in different reports' rows
        con.execute("""insert into main.fct_facts select * replace (
                           (select max(report_id) from main.fct_facts) as report_id)
                       from main.fct_facts order by fact_id limit 1""")
        rows = con.execute("select count(*) from main.fct_facts").fetchall()[0][0]
    whole = checks.validate(warehouse)
    unique = next(r for r in whole if r.table_name == "fct_facts" and "unique" in r.check_name)
    assert unique.rows_failing >= 1

    monkeypatch.setattr(check_tables, "CHECK_PART_ROWS", max(1, rows // 7))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        spec = next(s for s in checks.load_suites() if s["meta"]["table"] == "fct_facts")
        assert len(check_tables.parts(con, spec, checks.FULL)) >= 7
    assert _summary(checks.validate(warehouse)) == _summary(whole)


def test_the_flows_checks_store_failing_rows_part_by_part_and_keep_the_first(planted_run, tmp_path, monkeypatch):
    """check_run writes each part's failing rows as it goes (memory): dq.check_failures holds
    the rows one whole read gives, each with the key fazhi compares (fazhi.news.failure_key),
    and each result keeps only its first LISTED rows in memory."""
    from fazhi.failure_rows import failure_table
    from fazhi.news import failure_key

    warehouse = copy_warehouse(planted_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:   # a first validation: every row checked
        con.execute("delete from dq.check_scope_state")
        rows = con.execute("select count(*) from main.fct_facts").fetchall()[0][0]
    whole = checks.validate(warehouse)
    expected = [dict(row, failure_key=failure_key(row["doc"] or row["report_id"], row["check_name"], row["metric"],
                                                  row["span_start"], row["span_end"]))
                for row in failure_table("r1", [(r, f) for r in whole for f in r.failures]).to_pylist()]
    many = [r for r in whole if len(r.failures) > 2]
    assert many, "the planted corpus fails some check on more than two rows"

    monkeypatch.setattr(check_tables, "CHECK_PART_ROWS", max(1, rows // 7))
    monkeypatch.setattr(checks, "LISTED", 2)
    results = checks.check_run(warehouse, "r1")
    by_name = {r.check_name: r for r in results}
    for r in whole:
        assert by_name[r.check_name].traced == len(r.failures)
        assert [f.detail for f in by_name[r.check_name].failures] == [f.detail for f in r.failures[:2]]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = con.sql("select * exclude (status) from dq.check_failures where run_id = 'r1'").to_arrow_table()
    key = lambda row: tuple(str(v) for v in row.values())   # noqa: E731
    assert sorted(stored.select(list(expected[0])).to_pylist(), key=key) == sorted(expected, key=key)


def test_a_validated_batch_leaves_no_frames_or_metrics_behind():
    """After a part is validated, GX keeps neither its dataframe nor the metrics computed on it
    (row masks, failing values): kept, they grew with every part of a large table."""
    import pandas as pd

    source, definition = lanes_check()
    frame = pd.DataFrame({"road_id": ["r1", "r2", "r3"], "lanes": [2, 6, 9]})
    outcome = definition.run(batch_parameters={"dataframe": frame},
                             result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["road_id"]})
    assert outcome.results[0].result["unexpected_count"] == 2
    engine = source.get_execution_engine()
    assert engine._metric_cache and engine.batch_manager.batch_data_cache

    gx_context.forget_batches(source)
    assert not engine._metric_cache and not engine.batch_manager.batch_data_cache
