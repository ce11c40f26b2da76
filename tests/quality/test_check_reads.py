"""The checks read the next table while GX checks the one before, and store failing rows on a
thread of their own (fazhi.check_tables.read_ahead, fazhi.failure_rows.FailureSink): the same
tables in the same order as reading each in turn, and no write error lost on the way."""
from __future__ import annotations

import threading

import duckdb
import pytest

from fazhi import check_tables, checks
from fazhi.check_scope import FULL
from fazhi.failure_rows import ROW_COLUMNS, FailureSink

from .conftest import copy_warehouse


def test_reading_ahead_gives_every_part_in_order_read_on_another_thread(planted_run, read_only, monkeypatch):
    suites = checks.load_suites()
    con = read_only(planted_run.warehouse)
    monkeypatch.setattr(check_tables, "CHECK_PART_ROWS", 40)   # fct_facts in parts
    expected = [(spec["name"], part, *check_tables.read_table(con, spec, FULL, part))
                for spec in suites for part in check_tables.parts(con, spec, FULL)]
    assert len(expected) > len(suites)

    readers = set()
    read_table = check_tables.read_table

    def spied(*args, **kwargs):
        readers.add(threading.current_thread().name)
        return read_table(*args, **kwargs)

    monkeypatch.setattr(check_tables, "read_table", spied)
    got = [(r.spec["name"], r.part, r.table, r.scoped) for r in check_tables.read_ahead(con, suites, FULL)]
    assert [(n, p, s) for n, p, _, s in got] == [(n, p, s) for n, p, _, s in expected]
    assert all(g[2].equals(e[2]) for g, e in zip(got, expected))
    assert readers and threading.current_thread().name not in readers


def test_a_failing_row_write_is_raised_when_the_sink_closes(planted_run, tmp_path):
    import pyarrow as pa

    warehouse = copy_warehouse(planted_run, tmp_path)
    rows = pa.table({name: pa.array([None], pa.type_for_alias(kind)) for name, kind in ROW_COLUMNS.items()})
    result = checks.CheckResult("some_check", "error", "fct_facts", "", rows_checked=1, rows_failing=1)
    with duckdb.connect(str(warehouse)) as con:
        with pytest.raises(duckdb.Error, match="failing_rows"):
            with FailureSink(con, "r1", keep=5) as sink:
                con.execute("drop view dq.check_failures")
                con.execute("alter table dq.failing_rows rename to failing_rows_gone")
                sink.take(result, rows)
