"""Whether ``fazhi run`` has anything to do, found out before Prefect, dbt or GX start.

``fazhi run`` asks ``nothing_new`` first, holding the warehouse's lock. It reads
the published warehouse read-only and hashes every input with the ingest's own
``content_id``. The run has nothing to do, and skips the flow, when all of
these hold:

- no --full-refresh, no removal, and mail is not asked for on every run
  (FAZHI_MAIL_WHEN=always goes the full way, so it mails as it always did);
- every input is a local file, folder or ZIP archive that reads (a URL would
  have to be fetched: it goes the full way, as does a file that cannot be read);
- the last full run recorded this same ``code_fingerprint`` (a parser, model,
  seed or suite changed: every report must be built again), and nothing landed,
  was sighted or was removed after it finished (``fazhi ingest`` lands without
  building);
- each input's bytes are the current version at its location (as stg_reports
  picks them: the version sighted last), or bytes that failed to land before
  under this same code (they would fail the same way).

A file in a new place or of another size than its place's current version is
new without reading it, so a nightly run with new files goes the full way at
the cost of listing the folders; otherwise every input is read and hashed
(~1 s for 10,000 files, 150 MB: sha256 is not the cost, reading is, so no
hash cache is kept).

Such a run is put on file through ``fazhi.journal`` ("nothing new"), which the
next full run writes into dq.runs; it mails nothing.
"""
from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from fazhi.config import Settings
from fazhi.fingerprint import code_fingerprint
from fazhi.ingest.identity import content_id
from fazhi.ingest.sources import iter_inputs
from fazhi.targets import is_url
from fazhi.warehouse import open_reader
from fazhi.warehouse_errors import WarehouseError

log = logging.getLogger(__name__)

STATUS = "nothing new"

# The last full run: record_run always writes timings; runs folded from the journal have none.
LAST_BUILD = """
    select run_id, code_fingerprint, finished_at, reports, errors_failed, warnings_failed, report_path
    from dq.runs where timings is not null order by started_at desc limit 1"""
# Anything written to raw.* after that run finished has not been built.
WRITTEN_SINCE = """
    select (select count(*) from raw.reports where ingested_at > $1)
         + (select count(*) from raw.report_sources
            where coalesce(last_seen_at, first_seen_at) > $1 or first_seen_at > $1)
         + (select count(*) from raw.report_removals where removed_at > $1)"""
# Each location's current version, as stg_reports picks it (a tie is no clear current version), and its size.
CURRENT_VERSIONS = """
    select s.location, s.report_id, r.size_bytes from (
        select location, report_id, coalesce(last_seen_at, first_seen_at) as seen,
               max(coalesce(last_seen_at, first_seen_at)) over (partition by location) as latest,
               count(*) over (partition by location, coalesce(last_seen_at, first_seen_at)) as same_time
        from raw.report_sources) as s
    join raw.reports as r using (report_id)
    where s.seen = s.latest and s.same_time = 1"""
# Bytes that were read but did not land (not decodable, not a report) under this code.
KNOWN_FAILURES = """
    select distinct sha256 from raw.ingest_errors
    where sha256 is not null
      and run_id in (select run_id from dq.runs where code_fingerprint = $1)"""


@dataclass(frozen=True)
class NothingNew:
    """What a run with nothing to do tells: its inputs, and the warehouse as the last full run left it."""

    files: int              # inputs read
    known_failures: int     # ... of which failed to land before, and would again
    reports: int            # current reports in the warehouse
    built_by: str           # the full run that built it
    errors_failed: int
    warnings_failed: int
    report_path: str | None

    @property
    def landed(self) -> int:
        return self.files - self.known_failures


def nothing_new(settings: Settings, targets: list[str], full_refresh: bool = False) -> NothingNew | None:
    """A ``NothingNew`` when the run has nothing to do; None when it must go the full way."""
    why = _why_not_quick(settings, targets, full_refresh)
    if why:
        log.info("full run: %s", why)
        return None
    try:
        with open_reader(settings.warehouse) as con:
            return _compare(con, settings, targets)
    except WarehouseError as e:  # the full run meets it with its own message
        log.info("full run: %s", e)
        return None


def _why_not_quick(settings: Settings, targets: list[str], full_refresh: bool) -> str | None:
    if full_refresh:
        return "--full-refresh"
    if settings.mail_configured and settings.mail_when == "always":
        return "FAZHI_MAIL_WHEN=always"
    if any(is_url(t) for t in targets):
        return "a URL is fetched by the run"
    if not settings.warehouse.exists():
        return "no warehouse yet"
    return None


def _compare(con, settings: Settings, targets: list[str]) -> NothingNew | None:
    fingerprint = code_fingerprint()
    build = _one(con, LAST_BUILD)
    if build is None:
        log.info("full run: no full run on record")
        return None
    built_by, built_with, finished_at, reports, errors_failed, warnings_failed, report_path = build
    if built_with != fingerprint:
        log.info("full run: the warehouse was built by other code (%s, now %s)", built_with, fingerprint)
        return None
    if _written_since(con, finished_at):
        log.info("full run: reports landed or were removed after run %s", built_by)
        return None
    current = {location: (report_id, size) for location, report_id, size in con.execute(CURRENT_VERSIONS).fetchall()}
    failed_before = {r[0] for r in con.execute(KNOWN_FAILURES, [fingerprint]).fetchall()}
    if not failed_before:   # then every file must be a current version: a new place or size shows without reading
        for location, size in _plain_files(targets):
            if current.get(location, (None, None))[1] != size:
                log.info("full run: %s is new here", location)
                return None
    files = known_failures = 0
    for item in iter_inputs(targets, int(settings.max_file_mb * 2**20),
                            max_archive_bytes=int(settings.max_archive_mb * 2**20)):
        if item.data is None:
            log.info("full run: %s: %s", item.location, item.error)
            return None
        report_id = content_id(item.data)
        files += 1
        if current.get(item.location, (None,))[0] == report_id:
            continue
        if report_id in failed_before:
            known_failures += 1
            continue
        log.info("full run: %s is new here", item.location)
        return None
    return NothingNew(files, known_failures, reports or 0, built_by, errors_failed or 0, warnings_failed or 0,
                      report_path)


def _one(con, sql: str):
    try:
        return con.execute(sql).fetchone()
    except duckdb.Error as e:  # a warehouse from before code_fingerprint: one full run adds the column
        log.info("full run: %s", str(e).splitlines()[0])
        return None


def _written_since(con, finished_at: datetime | None) -> bool:
    return finished_at is None or con.execute(WRITTEN_SINCE, [finished_at]).fetchone()[0] > 0


def _plain_files(targets: list[str]):
    """(location, size) of the files ``iter_inputs`` would read from ``targets`` (ZIP archives,
    whose members are the inputs, and anything unusual left out: reading them decides)."""
    for target in targets:
        root = Path(target)
        if root.is_file():
            found = [root]
        else:
            found = []
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(folder, name) for name in files if not name.startswith(".")]
        for path in found:
            if path.suffix.lower() == ".zip":
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                yield str(path.absolute()), info.st_size
