"""The DuckDB warehouse file: its raw and dq tables, and safe hand-over between writers.

A run never writes the published file. ``build_copy`` copies it to a working
file (a clone where the file system shares blocks: ``copy_file``), every step of the run writes there in turn (ingest, dbt, checks), and
only a complete build is renamed over the published file. Analysts holding a
read-only connection keep reading the old file until they reconnect; they
never see a half-built warehouse and never block a run. A lock file keeps a
second writer out.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fazhi import guard, standby

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.reports (
    report_id     varchar primary key,   -- sha256 of the file's bytes
    doc           varchar not null,      -- file name when first landed
    location      varchar not null,      -- path, archive member or URL
    size_bytes    bigint not null,
    format        varchar not null,      -- txt | html | pdf | docx | doc | wps | ofd | mht
    encoding      varchar,
    title         varchar,               -- as the file states it (html <title>)
    published     varchar,               -- as the file states it (发布时间)
    source_name   varchar,               -- as the file states it (来源)
    -- zstd is named: left to choose, each checkpoint first tries every string encoding on the texts
    -- (a third to a half of storing them) and keeps zstd for texts of report length anyway
    text          varchar not null using compression zstd,  -- exactly as decoded: offsets point here
    ingested_at   timestamp not null,
    run_id        varchar not null,
    method        varchar,               -- text | ocr | text+ocr: how the text was obtained
    ocr_confidence double                -- OCR's mean score over the characters it read, else null
);
create table if not exists raw.ocr_low_confidence (
    report_id     varchar not null,      -- spans of text that OCR read with a low score
    start_offset  integer not null,
    end_offset    integer not null
);
create table if not exists raw.report_sources (
    report_id     varchar not null,
    doc           varchar not null,
    location      varchar not null,
    first_seen_at timestamp not null,
    run_id        varchar not null,
    last_seen_at  timestamp,             -- the latest run that read these bytes there: the current version
    primary key (report_id, location)
);
create table if not exists raw.report_removals (
    report_id     varchar primary key,   -- kept in raw.reports; out of staging and the marts
    removed_at    timestamp not null,
    run_id        varchar not null,
    reason        varchar
);
create table if not exists raw.ingest_errors (
    run_id        varchar not null,
    doc           varchar,
    location      varchar not null,
    size_bytes    bigint,
    sha256        varchar,
    stage         varchar not null,
    reason        varchar not null,
    occurred_at   timestamp not null
);
"""

DQ_DDL = """
create schema if not exists dq;
create table if not exists dq.runs (
    run_id          varchar primary key,
    trigger         varchar not null,
    started_at      timestamp not null,
    finished_at     timestamp,
    status          varchar not null,
    files_seen      integer,
    files_landed    integer,
    files_skipped   integer,
    files_failed    integer,
    facts           integer,
    checks_failed   integer,
    errors_failed   integer,
    warnings_failed integer,
    report_path     varchar,
    mail_status     varchar,
    mail_error      varchar,
    reports         integer,              -- current reports after the run
    timings         varchar               -- JSON: seconds per step (ingest, dbt, checks, report, mail)
);
create table if not exists dq.check_results (
    run_id        varchar not null,
    check_name    varchar not null,
    severity      varchar not null,      -- error | warning
    table_name    varchar not null,
    description   varchar,
    rows_checked  integer not null,
    rows_failing  integer not null,
    success       boolean not null,
    primary key (run_id, check_name)
);
-- Failing rows, each stored once for the stretch of runs it kept failing (run_id .. through_run_id):
-- a run that does not check a report again extends its open rows instead of copying them
-- (fazhi.check_store.carry_forward). The view dq.check_failures (fazhi.failure_rows) lists them run by run.
create table if not exists dq.failing_rows (
    run_id         varchar not null,     -- the first run it failed in
    through_run_id varchar not null,     -- the last run it was still failing in
    check_name     varchar not null,
    severity       varchar not null,
    report_id      varchar,
    doc            varchar,
    metric         varchar,
    detail         varchar,              -- the values that break the check
    sentence       varchar,              -- the sentence to look at
    span_start     integer,
    span_end       integer,
    failure_key    varchar,              -- stable across runs (fazhi.news.failure_key)
    first_status   varchar               -- new | open in its first run (fazhi.news.classify)
);
create table if not exists dq.acks (
    failure_key   varchar primary key,   -- dq.check_failures.failure_key (fazhi ack KEY)
    note          varchar,
    acked_at      timestamp not null
);
"""


from fazhi.warehouse_errors import (  # noqa: F401  (re-exported)
    WarehouseBusy, WarehouseChanged, WarehouseDamaged, WarehouseError, first_line)


# Every read-only connection (``fazhi sql``, ``status``, ``facts``, the run's own reads):
# no file system outside the database (COPY TO, read_text, ATTACH, EXPORT), no
# extension loading or installing, and no statement may change these settings back.
READER_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


def build_path(published: Path) -> Path:
    """The working copy, beside the published file: ``warehouse/.fazhi.build/build.duckdb``.

    Its own name is the same for every warehouse (DuckDB names the database
    after the file, and dbt's parse cache keys on that name: see fazhi.transform).
    """
    return published.with_name(f".{published.stem}.build") / f"build{published.suffix}"


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``; a read-only one is also shut off from files and extensions.

    A writer's database gets fazhi's DuckDB memory limit (``duckdb_memory``, the one dbt's
    build sets: dbt/macros/memory_limit.sql), not DuckDB's default of 80 % of the machine's
    RAM: ingest, the re-parse and the checks run on it. Set per database, not in the
    connection's config, so a connection dbt or a test holds to the same file in this
    process is not refused.
    """
    if read_only:
        return duckdb.connect(str(path), read_only=True, config=READER_CONFIG)
    con = duckdb.connect(str(path))
    con.execute(f"set memory_limit = '{duckdb_memory()}'")
    return con


def duckdb_memory() -> str:
    """The DuckDB memory limit fazhi's settings export (FAZHI_DUCKDB_MEMORY), else its default."""
    from fazhi.config import Settings

    return os.environ.get("FAZHI_DUCKDB_MEMORY") or Settings.model_fields["duckdb_memory"].default


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a published warehouse, or a one-line ``WarehouseError``."""
    try:
        return connect(path, read_only=True)
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise WarehouseBusy(f"cannot read {path}: {first_line(e)}") from e
        raise WarehouseDamaged(f"cannot read the warehouse {path}: {first_line(e)}") from e
    except duckdb.Error as e:
        raise WarehouseDamaged(f"cannot read the warehouse {path}: {first_line(e)}") from e


# Columns added after a table was first released: existing warehouses get them on the next run.
MIGRATIONS = """
alter table dq.runs add column if not exists reports integer;
alter table dq.runs add column if not exists timings varchar;
alter table raw.reports add column if not exists method varchar;
alter table raw.reports add column if not exists ocr_confidence double;
alter table raw.report_sources add column if not exists last_seen_at timestamp;
alter table dq.runs add column if not exists dbt_tests_failed integer;
alter table dq.runs add column if not exists new_failures integer;
alter table dq.runs add column if not exists code_fingerprint varchar;
"""


def ensure_schema(path: Path) -> None:
    """Create the raw, parsed and dq tables if the file lacks them, and add newer columns."""
    from fazhi.failure_rows import ensure_failures_view
    from fazhi.parsed import PARSED_DDL   # the parse tables' columns are the parser's (fazhi.parse_tables)

    with connect(path) as con:
        con.execute(RAW_DDL)
        con.execute(PARSED_DDL)
        con.execute(DQ_DDL)
        con.execute(MIGRATIONS)
        ensure_failures_view(con)


# Lock files this process holds, by path: a command holds the lock from its start and
# the run inside takes it again (flock would block on a second open of the same file).
_held: dict[Path, int] = {}


def lock_path(published: Path) -> Path:
    return published.with_name(f".{published.stem}.lock")


@contextmanager
def writer_lock(published: Path) -> Iterator[None]:
    """Hold the warehouse's lock file for the duration; fail at once if another process holds it."""
    lock_file = lock_path(published).absolute()
    if lock_file in _held:
        _held[lock_file] += 1
        try:
            yield
        finally:
            _held[lock_file] -= 1
        return
    published.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise WarehouseBusy(f"another fazhi run is writing {published} (lock {lock_file})") from e
        _held[lock_file] = 1
        try:
            yield
        finally:
            del _held[lock_file]
            fcntl.flock(fh, fcntl.LOCK_UN)


def lock_is_free(published: Path) -> bool:
    """Whether no process holds the warehouse's lock (for ``fazhi status``; takes nothing)."""
    lock_file = lock_path(published).absolute()
    if lock_file in _held:
        return False
    try:
        fh = open(lock_file, "r")
    except FileNotFoundError:
        return True
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


@contextmanager
def build_copy(published: Path) -> Iterator[Path]:
    """Yield a working copy of the warehouse; publish it atomically if the block succeeds.

    On an exception the working copy is dropped and the published file is
    untouched. The run is refused before it starts when another process has
    the published file open for writing, when the file is damaged, or when a
    write-ahead log left beside it cannot be replayed; a log that replays is
    carried into the copy (and set aside in the build folder when the copy is
    published). Publishing is refused when anyone wrote the file meanwhile.
    """
    with writer_lock(published):
        work = build_path(published)
        work.parent.mkdir(exist_ok=True)
        for stale in (work, guard.wal_path(work)):
            stale.unlink(missing_ok=True)
        guard.refuse_open_writer(published)
        before = guard.snapshot(published)
        try:
            if before.file is not None:
                if not standby.take(published, work):   # a copy made ahead, checked whole, of the unchanged file
                    copy_file(published, work)
                    guard.check_whole(work, published)
                if before.wal is not None:
                    shutil.copyfile(guard.wal_path(published), guard.wal_path(work))
            _ensure_schema_of(work, published, before)
            yield work
        except BaseException:
            work.unlink(missing_ok=True)
            guard.wal_path(work).unlink(missing_ok=True)
            raise
        _checkpoint(work)
        guard.refuse_changes(published, before)
        if before.wal is not None:  # replayed into the build: keep it aside, never beside the new file
            os.replace(guard.wal_path(published), work.with_name(f"set-aside-{before.wal[2]}.wal"))
        os.replace(work, published)
        _fsync_dir(published.parent)
        standby.published_again(published)


# copy_file_range refuses these where a file system or kernel cannot copy this way: shutil can.
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.EPERM}


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` in the kernel (os.copy_file_range): file systems that share
    blocks (XFS, Btrfs) clone it without copying data; others copy it in the kernel, as fast as
    shutil's sendfile. Where the call is refused, shutil copies it.

    Measured on ext4 (no sharing), a 290 MB warehouse: 0.13-0.24 CPU-seconds, 1-2 s of disk either way.
    """
    with open(source, "rb") as src, open(target, "wb") as dst:
        copy_open(src, dst)


def copy_open(src, dst) -> None:
    """``copy_file`` between files open for reading and (empty) for writing."""
    try:
        left = os.fstat(src.fileno()).st_size
        while left > 0:
            copied = os.copy_file_range(src.fileno(), dst.fileno(), left)
            if copied == 0:   # shorter than it was: check_whole finds a truncated copy
                break
            left -= copied
    except OSError as e:
        if e.errno not in _NO_KERNEL_COPY:
            raise
        src.seek(0)
        dst.seek(0)
        dst.truncate()
        shutil.copyfileobj(src, dst)


def _ensure_schema_of(work: Path, published: Path, before: guard.Snapshot) -> None:
    try:
        if before.wal is not None:
            _replay(work, published)
        ensure_schema(work)
    except duckdb.Error as e:
        if before.wal is None:
            raise guard.damaged(published, first_line(e)) from e
        raise _unreplayable(published, first_line(e)) from e


def _replay(work: Path, published: Path) -> None:
    """Fold the copied log into the copy. DuckDB skips a log it cannot read at all and keeps the
    file: a log still there after a checkpoint was not replayed."""
    with connect(work) as con:
        con.execute("checkpoint")
    if guard.wal_path(work).exists():
        raise _unreplayable(published, "DuckDB did not take it")


def _unreplayable(published: Path, why: str) -> WarehouseDamaged:
    return WarehouseDamaged(f"{guard.wal_path(published)}, left by a writer that stopped, cannot be replayed "
                            f"({why}); both files are left as they are: move the log away to publish "
                            "without its writes")


def _checkpoint(path: Path) -> None:
    """Fold any write-ahead log into the file so the rename carries everything."""
    with connect(path) as con:
        con.execute("checkpoint")
    if Path(f"{path}.wal").exists():
        raise RuntimeError(f"{path}.wal still exists after checkpoint")


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
