"""A warehouse whose last blocks were freed is whole: DuckDB cuts free blocks off the end of
the file at a checkpoint but still counts them in ``total_blocks``."""
from __future__ import annotations

import os

import duckdb
import pytest

from fazhi import guard
from fazhi.warehouse_errors import WarehouseDamaged


def _free_the_last_blocks(path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select range as n, repeat('x', 200) as s from range(20000)")
    for _ in range(2):   # rewrite it: the old blocks are freed, some of them at the end
        with duckdb.connect(str(path)) as con:
            con.execute("delete from t")
            con.execute("insert into t select range, repeat('y', 200) from range(20000)")


def test_freed_blocks_cut_off_the_end_are_not_damage(tmp_path):
    path = tmp_path / "w.duckdb"
    _free_the_last_blocks(path)
    with duckdb.connect(str(path), read_only=True) as con:
        block_size, total, free = con.execute(
            "select block_size, total_blocks, free_blocks from pragma_database_size()").fetchone()
    assert path.stat().st_size < guard.HEADER_BYTES + block_size * total, "DuckDB kept every block: nothing to test"
    guard.check_whole(path, path)


def test_a_file_cut_into_its_used_blocks_is_still_damage(tmp_path):
    path = tmp_path / "w.duckdb"
    _free_the_last_blocks(path)
    os.truncate(path, path.stat().st_size // 2)
    with pytest.raises(WarehouseDamaged):
        guard.check_whole(path, path)
