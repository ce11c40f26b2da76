"""Publishing never discards another writer's work, and a damaged warehouse is never rewritten."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from fazhi.warehouse import WarehouseBusy, WarehouseChanged, WarehouseDamaged, build_copy, ensure_schema


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def published(tmp_path) -> Path:
    path = tmp_path / "fazhi.duckdb"
    ensure_schema(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table marts as select range as n from range(1000)")
    return path


def python(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdout=subprocess.PIPE,
                            text=True, **kw)


ANALYST = """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("create table analyst_notes as select 'mine' as note")
    print("ready", flush=True)
    time.sleep(60)
"""


def tables(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}


def test_an_open_writer_on_the_published_file_stops_the_run_at_once(published):
    analyst = python(ANALYST, str(published))
    try:
        assert analyst.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseBusy) as caught:
            with build_copy(published):
                pytest.fail("the run started while another process writes the warehouse")
        assert str(analyst.pid) in str(caught.value)
    finally:
        analyst.kill()
        analyst.wait()


def test_writes_made_during_the_run_are_not_published_over(published):
    with pytest.raises(WarehouseChanged) as caught:
        with build_copy(published) as build:
            with duckdb.connect(str(build)) as con:
                con.execute("create table run_output as select 1 as x")
            writer = python("""
                import sys, duckdb
                with duckdb.connect(sys.argv[1]) as con:
                    con.execute("create table analyst_notes as select 'mine' as note")
            """, str(published))
            writer.wait()
    assert str(published) in str(caught.value)
    assert "analyst_notes" in tables(published) and "run_output" not in tables(published)


def _leave_a_wal(published: Path) -> None:
    """A writer that commits and dies before its checkpoint leaves a WAL beside the file."""
    killed = python("""
        import os, signal, sys, duckdb
        con = duckdb.connect(sys.argv[1])
        con.execute("set checkpoint_threshold = '10GB'")
        con.execute("create table analyst_notes as select range as r, md5(range::varchar) as h from range(5000)")
        con.execute("create table analyst_more as select 2 as b")
        os.kill(os.getpid(), signal.SIGKILL)
    """, str(published))
    killed.wait()
    assert Path(f"{published}.wal").exists()


def test_a_stale_wal_is_recovered_not_discarded(published):
    _leave_a_wal(published)
    with build_copy(published) as build:
        with duckdb.connect(str(build)) as con:
            con.execute("create table run_output as select 1 as x")
    assert not Path(f"{published}.wal").exists()
    assert {"analyst_notes", "run_output"} <= tables(published)


@pytest.mark.parametrize("where", [0.1, 0.5])   # DuckDB skips one log silently and rejects the other
def test_an_unreadable_wal_is_refused_and_left_alone(published, where):
    _leave_a_wal(published)
    wal = Path(f"{published}.wal")
    data = bytearray(wal.read_bytes())
    at = int(len(data) * where)
    data[at:at + 64] = bytes(b ^ 0xFF for b in data[at:at + 64])   # damage one entry
    wal.write_bytes(bytes(data))
    before = digest(published), digest(wal)
    with pytest.raises(WarehouseDamaged) as caught:
        with build_copy(published):
            pytest.fail("the run started on a warehouse whose WAL cannot be replayed")
    assert str(wal) in str(caught.value)
    assert (digest(published), digest(wal)) == before


def test_a_truncated_warehouse_is_refused_not_rewritten(tmp_path):
    path = tmp_path / "fazhi.duckdb"
    ensure_schema(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table marts as select range as n, md5(range::varchar) as h from range(300000)")
    os.truncate(path, path.stat().st_size // 2)
    before = digest(path)
    with pytest.raises(WarehouseDamaged) as caught:
        with build_copy(path):
            pytest.fail("the run started on a truncated warehouse")
    assert "damaged" in str(caught.value) and str(path) in str(caught.value)
    assert digest(path) == before
