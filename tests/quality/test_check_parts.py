"""A full validation reads large tables in parts (memory); the results are those of one read.

Parts deal rows by a hash of the suite's key, so every copy of a key value is in one
part and a uniqueness check still sees its duplicates.
"""
from __future__ import annotations

import duckdb

from fazhi import checks

from .conftest import copy_warehouse


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

    monkeypatch.setattr(checks, "CHECK_PART_ROWS", max(1, rows // 7))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        spec = next(s for s in checks.load_suites() if s["meta"]["table"] == "fct_facts")
        assert len(checks._parts(con, spec, checks.FULL)) >= 7
    assert _summary(checks.validate(warehouse)) == _summary(whole)
