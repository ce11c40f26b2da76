"""The values GX is handed: DECIMAL columns of the warehouse come as doubles (GX walks the
stack for every Decimal it serialises), and the failing rows still say the right numbers."""
from __future__ import annotations

import pyarrow as pa

from fazhi import checks


def test_checks_read_decimal_columns_as_doubles(planted_run, read_only):
    suites = checks.load_suites()
    con = read_only(planted_run.warehouse)
    decimal_in_warehouse = {
        (s["name"], column) for s in suites
        for column, kind in con.execute(f"select column_name, column_type from (describe {s['meta']['table']})").fetchall()
        if kind.startswith("DECIMAL") and column in checks._needed_columns(s)}
    assert decimal_in_warehouse, "no checked column is DECIMAL: this test no longer tests anything"
    tables = checks._read_tables(planted_run.warehouse, suites)
    for name, column in decimal_in_warehouse:
        assert pa.types.is_float64(tables[name][0].schema.field(column).type), (name, column)


def test_failing_rows_over_decimal_columns_keep_their_values(planted_run):
    results = {r.check_name: r for r in checks.validate(planted_run.warehouse)}
    closed = {f.doc: f.detail for f in results["closed_le_received"].failures}
    assert closed["qingchuan_county_2023.txt"] == "received=40, closed=52"
    assert closed["shiqiao_town_2023.txt"].endswith("closed=80")
    (jump,) = results["metric_jump_le_tenfold"].failures
    assert "previous_value=12, report_year=2024, value=150, ratio=12.5," in jump.detail
