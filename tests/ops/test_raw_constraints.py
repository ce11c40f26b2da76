"""raw.reports keeps its key and its text by constraint (fazhi.warehouse), not by a dbt test (nor
does stg_reports test raw_text): a build does not read every landed text to check what DuckDB already refuses."""
from __future__ import annotations

import duckdb
import pytest

from fazhi.warehouse import connect, ensure_schema

_ROW = ("r1", "a.txt", "/in/a.txt", 10, "txt", "某县2025年法治政府建设情况报告", "2026-01-01", "run-1")
_INSERT = ("insert into raw.reports (report_id, doc, location, size_bytes, format, text, ingested_at, run_id) "
           "values (?, ?, ?, ?, ?, ?, ?, ?)")


def test_raw_reports_refuses_a_repeated_report_and_a_missing_text(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    with connect(warehouse) as con:
        con.execute(_INSERT, _ROW)
        with pytest.raises(duckdb.ConstraintException):
            con.execute(_INSERT, _ROW)                                    # the same bytes twice
        with pytest.raises(duckdb.ConstraintException):
            con.execute(_INSERT, ("r2", *_ROW[1:5], None, *_ROW[6:]))     # no text
        assert con.execute("select count(*) from raw.reports").fetchone()[0] == 1
