"""A copy made ahead of the run (fazhi.standby) is used only while the published file is the one copied.

``fazhi run`` starts copying the published warehouse while it starts up, ``fazhi serve``
right after it publishes; ``build_copy`` takes that copy only when nothing wrote the
published file since, and a process killed with one ready leaves no file behind.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from fazhi import standby
from fazhi.warehouse import WarehouseDamaged, build_copy, build_path

from .test_publish import _leave_a_wal, published, tables  # noqa: F401  (the publish tests' warehouse and helpers)


@pytest.fixture(autouse=True)
def _drop_the_copy_made_ahead(published):
    yield
    standby.discard(published)


def build_writing(published: Path, table: str) -> None:
    """A run: build on a working copy (made ahead or not), write ``table`` into it, publish."""
    with build_copy(published) as build:
        with duckdb.connect(str(build)) as con:
            con.execute(f"create table {table} as select 1 as x")


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=120)


def write_from_another_process(path: Path, table: str) -> None:
    out = python("""
        import sys, duckdb
        with duckdb.connect(sys.argv[1]) as con:
            con.execute(f"create table {sys.argv[2]} as select 'theirs' as note")
    """, str(path), table)
    assert out.returncode == 0, out.stderr


def test_an_unchanged_warehouse_is_built_on_the_copy_made_ahead(published):
    standby.prepare(published)
    ahead = standby.ready_inode(published)
    assert ahead is not None, "no copy was made ahead"
    with build_copy(published) as build:
        assert os.stat(build).st_ino == ahead
        with duckdb.connect(str(build)) as con:
            assert con.execute("select count(*) from marts").fetchone()[0] == 1000
            con.execute("create table run_output as select 1 as x")
    assert {"marts", "run_output"} <= tables(published)
    assert standby.ready_inode(published) is None, "a copy made ahead is used once"


def test_a_warehouse_written_after_the_copy_is_copied_again_and_its_writes_published(published):
    standby.prepare(published)
    assert standby.ready_inode(published) is not None
    write_from_another_process(published, "analyst_notes")
    with build_copy(published) as build:
        assert "analyst_notes" in tables(build)
    build_writing(published, "run_output")
    assert {"marts", "analyst_notes", "run_output"} <= tables(published)


def test_a_write_that_keeps_size_and_modification_time_still_voids_the_copy(published):
    standby.prepare(published)
    assert standby.ready_inode(published) is not None
    st = os.stat(published)
    with open(published, "r+b") as fh:   # the same number of bytes, other bytes; modification time put back
        fh.seek(st.st_size - 5000)
        fh.write(b"changed!")
    os.utime(published, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (os.stat(published).st_size, os.stat(published).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert standby.take(published, build_path(published)) is False
    assert not build_path(published).exists()


def test_a_run_published_by_another_process_meanwhile_is_not_lost(published):
    standby.prepare(published)
    assert standby.ready_inode(published) is not None
    other = python("""
        import sys, duckdb
        from pathlib import Path
        from fazhi.warehouse import build_copy
        with build_copy(Path(sys.argv[1])) as build:
            with duckdb.connect(str(build)) as con:
                con.execute("create table other_run as select 2 as y")
    """, str(published))
    assert other.returncode == 0, other.stderr
    build_writing(published, "run_output")
    assert {"marts", "other_run", "run_output"} <= tables(published)


def test_a_log_left_by_a_killed_writer_after_the_copy_is_replayed_not_dropped(published):
    standby.prepare(published)
    assert standby.ready_inode(published) is not None
    _leave_a_wal(published)
    with build_copy(published):
        pass
    assert "analyst_notes" in tables(published)


def test_the_copy_made_ahead_is_no_file_anyone_can_open_and_a_killed_process_leaves_none(published):
    before = files_under(published.parent)
    out = python("""
        import json, os, signal, sys
        from pathlib import Path
        from fazhi import standby
        standby.prepare(Path(sys.argv[1]))
        assert standby.ready_inode(Path(sys.argv[1])) is not None
        print(json.dumps([str(p) for p in Path(sys.argv[1]).parent.rglob("*")]), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """, str(published))
    assert out.returncode == -signal.SIGKILL, out.stderr
    while_ready = set(json.loads(out.stdout))
    assert while_ready == {str(published.parent / f) for f in before | {".fazhi.build"}}
    assert files_under(published.parent) - before <= {".fazhi.build"}
    build_writing(published, "run_output")
    assert {"marts", "run_output"} <= tables(published)


def test_serving_keeps_the_next_runs_copy_ready_after_each_publish(published):
    standby.keep_ready(published)
    try:
        build_writing(published, "first_run")
        ahead = standby.ready_inode(published)
        assert ahead is not None, "nothing was prepared after publishing"
        with build_copy(published) as build:
            assert os.stat(build).st_ino == ahead
            assert "first_run" in tables(build)
            with duckdb.connect(str(build)) as con:
                con.execute("create table second_run as select 2 as x")
        assert {"first_run", "second_run"} <= tables(published)
    finally:
        standby.keep_ready(published, False)


def test_a_copy_of_a_damaged_warehouse_is_not_kept_and_the_run_is_refused(published):
    with duckdb.connect(str(published)) as con:
        con.execute("create table bulk as select range as n, md5(range::varchar) as h from range(300000)")
    os.truncate(published, published.stat().st_size // 2)
    standby.prepare(published)
    assert standby.ready_inode(published) is None, "a truncated warehouse's copy was kept"
    with pytest.raises(WarehouseDamaged):
        with build_copy(published):
            pytest.fail("the run started on a truncated warehouse")
