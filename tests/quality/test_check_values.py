"""The values GX is handed: DECIMAL columns of the warehouse come as doubles (GX walks the
stack for every Decimal it serialises), and the failing rows still say the right numbers."""
from __future__ import annotations

import pyarrow as pa

from fazhi import check_tables, checks

from .conftest import lanes_check


def test_checks_read_decimal_columns_as_doubles(planted_run, read_only):
    suites = checks.load_suites()
    con = read_only(planted_run.warehouse)
    decimal_in_warehouse = {
        (s["name"], column) for s in suites
        for column, kind in con.execute(f"select column_name, column_type from (describe {s['meta']['table']})").fetchall()
        if kind.startswith("DECIMAL") and column in check_tables.needed_columns(s)}
    assert decimal_in_warehouse, "no checked column is DECIMAL: this test no longer tests anything"
    tables = check_tables.read_tables(con, suites)
    for name, column in decimal_in_warehouse:
        assert pa.types.is_float64(tables[name][0].schema.field(column).type), (name, column)


def test_failing_rows_over_decimal_columns_keep_their_values(planted_run):
    results = {r.check_name: r for r in checks.validate(planted_run.warehouse)}
    closed = {f.doc: f.detail for f in results["closed_le_received"].failures}
    assert closed["qingchuan_county_2023.txt"] == "received=40, closed=52"
    assert closed["shiqiao_town_2023.txt"].endswith("closed=80")
    (jump,) = results["metric_jump_le_tenfold"].failures
    assert "previous_value=12, report_year=2024, value=150, ratio=12.5," in jump.detail


def test_only_the_failing_row_is_listed_when_another_row_shares_its_key(tmp_path):
    """GX names the failing rows by their position in the table read, not by key: a row that
    passes is not listed because a failing one has the same key (a key the uniqueness check
    flags), and each failing row is listed once."""
    import duckdb

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table rates as select * from (values "
                    "('r1', 'k1', 40.0), ('r1', 'k1', 140.0), ('r2', 'k2', 90.0), ('r2', 'k3', 120.0)) "
                    "as t(report_id, fact_id, rate_pct)")
    suite = {"name": "rates", "meta": {"table": "rates", "key": "fact_id"}, "expectations": [
        {"type": "expect_column_values_to_be_between", "severity": "critical",
         "kwargs": {"column": "rate_pct", "min_value": 0, "max_value": 100},
         "meta": {"check": "rate_within_0_100"}},
        {"type": "expect_column_values_to_be_unique", "severity": "critical",
         "kwargs": {"column": "fact_id"}, "meta": {"check": "fact_key_unique"}}]}
    results = {r.check_name: r for r in checks.validate(warehouse, [suite])}
    over = results["rate_within_0_100"]
    assert (over.rows_checked, over.rows_failing) == (4, 2)
    assert [f.detail for f in over.failures] == ["rate_pct=140", "rate_pct=120"]
    twice = results["fact_key_unique"]
    assert twice.rows_failing == 2 and [f.report_id for f in twice.failures] == ["r1", "r1"]


def test_checked_frames_are_not_fingerprinted(tmp_path):
    """GX hashes every value of a dataframe batch for a fingerprint that only its Data Docs show
    (0.6 of 3.0 s of a full check of the long bench corpus): fazhi's batches carry none."""
    import duckdb

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table rates as select * from (values ('r1', 'k1', 40.0), ('r2', 'k2', 140.0)) "
                    "as t(report_id, fact_id, rate_pct)")
    suite = {"name": "rates", "meta": {"table": "rates", "key": "fact_id"}, "expectations": [
        {"type": "expect_column_values_to_be_between", "severity": "critical",
         "kwargs": {"column": "rate_pct", "min_value": 0, "max_value": 100},
         "meta": {"check": "rate_within_0_100"}}]}
    (result,) = checks.validate(warehouse, [suite], docs_dir=tmp_path / "docs")
    assert result.rows_failing == 1
    pages = list((tmp_path / "docs").rglob("*.html"))
    assert any("rate_within_0_100" in p.read_text(encoding="utf-8") or "rate_pct" in p.read_text(encoding="utf-8")
               for p in pages), "the Data Docs do not show the validation: this test tests nothing"
    assert not [p for p in pages if "pandas_data_fingerprint" in p.read_text(encoding="utf-8")]


def test_gx_gives_the_failing_rows_once():
    """Asked for the failing rows' positions as one list, GX's "partial" sample of that list is
    the whole list again, which it copies and stores with the result: fazhi asks for none."""
    import pandas as pd

    _, definition = lanes_check()
    frame = pd.DataFrame({"lanes": [2, 6, 9, 1, 7]}, index=pd.RangeIndex(5, name=checks._ROW))
    (outcome,) = definition.run(batch_parameters={"dataframe": frame}, result_format=checks._RESULT_FORMAT).results
    assert checks._failing_rows(outcome.result) == [1, 2, 4]
    assert not outcome.result.get("partial_unexpected_index_list")
