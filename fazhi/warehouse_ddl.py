"""The warehouse's own tables, as DDL: raw.* (what ingest lands), dq.* (runs, check results,
failing rows, acknowledgements) and the columns added since each table was first released.

``fazhi.warehouse.ensure_schema`` runs them (with the parse tables' DDL, ``fazhi.parsed``)
on every file a run opens; every statement is idempotent.
"""

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
