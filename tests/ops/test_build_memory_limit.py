"""A dbt build keeps to fazhi's DuckDB memory limit, set once for the database by an
on-run-start hook (dbt/macros/memory_limit.sql), not again on every node's cursor: as a
`settings` entry of the profile dbt-duckdb set it on each of the ~70 cursors a build opens."""
from __future__ import annotations

import shutil

from dbt.adapters.duckdb.environments import Environment
from dbt.adapters.duckdb.environments.local import DuckDBCursorWrapper

from fazhi.transform import dbt_build


def test_a_build_sets_the_limit_once_and_its_models_run_under_it(seeds_run, tmp_path, monkeypatch):
    _, seeds_warehouse = seeds_run
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "build.duckdb")  # dbt's catalog name (fazhi.transform)
    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY", "300MB")
    set_on_cursors: list[dict] = []     # what dbt-duckdb sets on each cursor it opens
    limits: set[str] = set()            # the limit each model's statements ran under

    initialize_cursor = Environment.initialize_cursor.__func__

    def spied_initialize_cursor(cls, creds, cursor, *args, **kwargs):
        set_on_cursors.append(dict(creds.settings or {}))
        return initialize_cursor(cls, creds, cursor, *args, **kwargs)

    execute = DuckDBCursorWrapper.execute

    def spied_execute(self, sql, bindings=None):
        result = execute(self, sql, bindings)
        if '"node_id": "model.' in sql:   # read on a cursor of its own: this one's result is dbt's
            limits.add(self._cursor.cursor().execute("select current_setting('memory_limit')").fetchone()[0])
        return result

    monkeypatch.setattr(Environment, "initialize_cursor", classmethod(spied_initialize_cursor))
    monkeypatch.setattr(DuckDBCursorWrapper, "execute", spied_execute)
    result = dbt_build(warehouse, state=tmp_path / "dbt_state")

    assert result.models > 0 and result.tests_failed == 0
    assert len(set_on_cursors) > result.models and set_on_cursors == [{}] * len(set_on_cursors)
    assert limits == {"286.1 MiB"}     # DuckDB shows 300 MB in MiB
