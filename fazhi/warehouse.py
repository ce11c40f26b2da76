"""The DuckDB warehouse file: its raw and dq tables, and safe hand-over between writers.

A run never writes the published file. ``build_copy`` copies it to a working
file, every step of the run writes there in turn (ingest, dbt, checks), and
only a complete build is renamed over the published file. Analysts holding a
read-only connection keep reading the old file until they reconnect; they
never see a half-built warehouse and never block a run. A lock file keeps a
second writer out.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.reports (
    report_id     varchar primary key,   -- sha256 of the file's bytes
    doc           varchar not null,      -- file name when first landed
    location      varchar not null,      -- path, archive member or URL
    size_bytes    bigint not null,
    format        varchar not null,      -- txt | html | pdf | docx
    encoding      varchar,
    title         varchar,               -- as the file states it (html <title>)
    published     varchar,               -- as the file states it (发布时间)
    source_name   varchar,               -- as the file states it (来源)
    text          varchar not null,      -- exactly as decoded: provenance offsets point here
    ingested_at   timestamp not null,
    run_id        varchar not null
);
create table if not exists raw.report_sources (
    report_id     varchar not null,
    doc           varchar not null,
    location      varchar not null,
    first_seen_at timestamp not null,
    run_id        varchar not null,
    primary key (report_id, location)
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
create table if not exists dq.check_failures (
    run_id        varchar not null,
    check_name    varchar not null,
    severity      varchar not null,
    report_id     varchar,
    doc           varchar,
    metric        varchar,
    detail        varchar,               -- the values that break the check
    sentence      varchar,               -- the sentence to look at
    span_start    integer,
    span_end      integer
);
create table if not exists dq.acks (
    failure_key   varchar primary key,   -- dq.check_failures.failure_key (fazhi ack KEY)
    note          varchar,
    acked_at      timestamp not null
);
"""


class WarehouseBusy(RuntimeError):
    """Another fazhi process is writing this warehouse."""


def build_path(published: Path) -> Path:
    """The working copy, beside the published file: ``warehouse/.fazhi.build/build.duckdb``.

    Its own name is the same for every warehouse (DuckDB names the database
    after the file, and dbt's parse cache keys on that name: see fazhi.transform).
    """
    return published.with_name(f".{published.stem}.build") / f"build{published.suffix}"


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=read_only)


# Columns added after a table was first released: existing warehouses get them on the next run.
MIGRATIONS = """
alter table dq.runs add column if not exists reports integer;
alter table dq.runs add column if not exists timings varchar;
alter table dq.runs add column if not exists dbt_tests_failed integer;
alter table dq.runs add column if not exists new_failures integer;
alter table dq.check_failures add column if not exists failure_key varchar;
alter table dq.check_failures add column if not exists status varchar;
"""


def ensure_schema(path: Path) -> None:
    """Create the raw and dq tables if the file lacks them, and add newer columns."""
    with connect(path) as con:
        con.execute(RAW_DDL)
        con.execute(DQ_DDL)
        con.execute(MIGRATIONS)


@contextmanager
def writer_lock(published: Path) -> Iterator[None]:
    """Hold the warehouse's lock file for the duration; fail at once if held."""
    published.parent.mkdir(parents=True, exist_ok=True)
    lock_file = published.with_name(f".{published.stem}.lock")
    with open(lock_file, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise WarehouseBusy(f"another fazhi run is writing {published} (lock {lock_file})") from e
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def build_copy(published: Path) -> Iterator[Path]:
    """Yield a working copy of the warehouse; publish it atomically if the block succeeds.

    On an exception the working copy is dropped and the published file is
    untouched.
    """
    with writer_lock(published):
        work = build_path(published)
        work.parent.mkdir(exist_ok=True)
        for stale in (work, Path(f"{work}.wal")):
            stale.unlink(missing_ok=True)
        if published.exists():
            shutil.copyfile(published, work)
        ensure_schema(work)
        try:
            yield work
        except BaseException:
            work.unlink(missing_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)
            raise
        _checkpoint(work)
        os.replace(work, published)
        _fsync_dir(published.parent)


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
