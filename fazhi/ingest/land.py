"""Land report files in ``raw.*``: one row per distinct file content, idempotently.

report_id is the sha256 of the bytes, so the same bytes under another name
land once (the extra name goes to ``raw.report_sources``) and a changed file
under the same name lands as a new version beside the old one. A file that
cannot be read becomes a row of ``raw.ingest_errors`` and a log line; it never
stops the run or touches what has landed.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from fazhi.ingest.readers import ReadError, read_document
from fazhi.ingest.sources import Input
from fazhi.warehouse import connect

log = logging.getLogger(__name__)


@dataclass
class IngestError:
    doc: str | None
    location: str
    size_bytes: int | None
    sha256: str | None
    stage: str
    reason: str


@dataclass
class LandingSummary:
    seen: int = 0
    landed: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[IngestError] = field(default_factory=list)
    landed_ids: list[str] = field(default_factory=list)


def land(inputs: Iterable[Input], warehouse: Path, run_id: str) -> LandingSummary:
    """Decode every input and add what is new to the warehouse's raw schema."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    summary = LandingSummary()
    reports: list[dict[str, object]] = []
    sources: list[dict[str, object]] = []
    with connect(warehouse) as con:
        known = {r[0] for r in con.execute("select report_id from raw.reports").fetchall()}
        known_sources = {(r[0], r[1]) for r in con.execute("select report_id, location from raw.report_sources").fetchall()}
        for item in inputs:
            summary.seen += 1
            if item.data is None:
                _fail(summary, IngestError(item.name, item.location, item.size, None, item.stage, item.error or "unreadable"))
                continue
            report_id = hashlib.sha256(item.data).hexdigest()
            if report_id in known:
                summary.skipped += 1
            else:
                try:
                    doc = read_document(item.name, item.data, charset=item.charset)
                except ReadError as e:
                    _fail(summary, IngestError(item.name, item.location, item.size, report_id, e.stage, e.reason))
                    continue
                known.add(report_id)
                summary.landed += 1
                summary.landed_ids.append(report_id)
                reports.append(dict(
                    report_id=report_id, doc=item.name, location=item.location, size_bytes=item.size,
                    format=doc.format, encoding=doc.encoding, title=doc.title, published=doc.published,
                    source_name=doc.source_name, text=doc.text, ingested_at=now, run_id=run_id,
                ))
            if (report_id, item.location) not in known_sources:
                known_sources.add((report_id, item.location))
                sources.append(dict(report_id=report_id, doc=item.name, location=item.location,
                                    first_seen_at=now, run_id=run_id))
        _insert(con, "raw.reports", reports)
        _insert(con, "raw.report_sources", sources)
        _insert(con, "raw.ingest_errors", [
            dict(run_id=run_id, doc=e.doc, location=e.location, size_bytes=e.size_bytes, sha256=e.sha256,
                 stage=e.stage, reason=e.reason, occurred_at=now)
            for e in summary.errors
        ])
    return summary


def _fail(summary: LandingSummary, error: IngestError) -> None:
    summary.failed += 1
    summary.errors.append(error)
    log.warning("cannot ingest %s: %s: %s", error.location, error.stage, error.reason)


def _insert(con, table: str, rows: list[dict[str, object]]) -> None:
    """Insert rows by column name in one statement (an Arrow scan, not row by row)."""
    if not rows:
        return
    columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
    batch = pa.table({c: [r.get(c) for r in rows] for c in columns})  # noqa: F841 (scanned by name)
    con.execute(f"insert into {table} by name select * from batch")
