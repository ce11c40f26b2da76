"""fazhi's own writing connections (ingest, re-parse, checks) keep to the configured DuckDB memory
limit, like dbt's profile, instead of DuckDB's default of 80 % of the machine's RAM."""
from __future__ import annotations

import duckdb

from fazhi.warehouse import connect


def _limit(con) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_a_writer_gets_the_configured_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY", "300MB")
    with connect(tmp_path / "w.duckdb") as con:
        assert _limit(con) == "286.1 MiB"   # DuckDB shows 300 MB in MiB


def test_another_connection_to_the_file_in_this_process_is_not_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY", "300MB")
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as other, connect(path) as ours:   # e.g. dbt's, opened first
        ours.execute("create table t as select 1 as x")
        assert other.execute("select x from t").fetchall() == [(1,)]
        assert _limit(other) == "286.1 MiB"   # one database, one limit
