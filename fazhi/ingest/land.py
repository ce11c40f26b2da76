"""Land report files in ``raw.*``: one row per distinct file content, idempotently.

report_id is the sha256 of the bytes, so the same bytes under another name
land once (the extra name goes to ``raw.report_sources``) and a changed file
under the same name lands as a new version beside the old one. Every sighting
stamps ``last_seen_at``: a location's current version is the bytes read there
last (a file put back to an earlier version is that version again). A file that
cannot be read, or is not a report (``fazhi.ingest.screen``), becomes a row of ``raw.ingest_errors`` and a log line; it never
stops the run or touches what has landed.

Three steps, so the CPU work can run on any worker while one process writes:
``triage`` (hash, skip what is known), ``decode`` (pure: decode each new file
and parse its report, ``fazhi.parse_tables``), ``store`` (DuckDB: the reports
and their parse rows in one transaction, so a killed run leaves neither).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from fazhi.ingest.identity import content_id
from fazhi.ingest.readers import Document, ReadError, read_document
from fazhi.ingest.screen import not_a_report
from fazhi.ingest.sources import Input
from fazhi.parse_tables import Parser, parse_batch, rows_frame
from fazhi.parsed import write as write_parsed
from fazhi.warehouse import connect

log = logging.getLogger(__name__)

# The write-ahead log a landing lets grow before DuckDB checkpoints (see ``writer``): what it
# holds also sits in memory until then, so it is bounded, not put off to the end.
LANDING_CHECKPOINT = "128MB"


@dataclass(frozen=True)
class IngestError:
    doc: str | None
    location: str
    size_bytes: int | None
    sha256: str | None
    stage: str
    reason: str


@dataclass(frozen=True)
class Decoded:
    """A new input after decoding: its document, or the error that stopped it."""

    report_id: str
    source: Input          # without its bytes
    document: Document | None = None
    error: IngestError | None = None


@dataclass
class DecodedBatch:
    """A batch of new inputs after decoding, with the parse rows of the reports among them.

    The documents' texts travel as ``reports``, the batch's raw.reports rows in Arrow, not in
    ``decoded``, whose documents keep an empty text: a worker sent each text back as a Python
    string (encoded to UTF-8 by pickle, decoded again into a string by the process that stores
    it, then encoded again into Arrow to be inserted): ~1 CPU-s of the storing process in a
    landing of the long bench corpus (72 M characters)."""

    decoded: list[Decoded]
    parsed: dict[str, pa.Table]
    reports: pa.Table

    @classmethod
    def of(cls, decoded: list[Decoded], parsed: dict[str, pa.Table]) -> DecodedBatch:
        """The batch of ``decoded`` (documents with their texts) and their ``parsed`` rows."""
        landed = [d for d in decoded if d.document is not None]
        return cls([replace(d, document=replace(d.document, text="")) if d.document else d for d in decoded],
                   parsed, report_rows(landed))


# raw.reports' columns a decoded document fills (``store`` adds the landing's stamp and run).
REPORT_COLUMNS = {"report_id": pl.String, "doc": pl.String, "location": pl.String, "size_bytes": pl.Int64,
                  "format": pl.String, "encoding": pl.String, "title": pl.String, "published": pl.String,
                  "source_name": pl.String, "text": pl.String, "method": pl.String, "ocr_confidence": pl.Float64}


def report_rows(landed: Sequence[Decoded]) -> pa.Table:
    """raw.reports' rows of decoded documents, in Arrow, but for their landing's stamp and run."""
    return rows_frame([(d.report_id, d.source.name, d.source.location, d.source.size, d.document.format,
                        d.document.encoding, d.document.title, d.document.published, d.document.source_name,
                        d.document.text, d.document.method, d.document.confidence) for d in landed],
                      REPORT_COLUMNS).to_arrow()


@dataclass
class Triage:
    """One batch of inputs sorted before decoding."""

    new: list[tuple[str, Input]] = field(default_factory=list)      # (report_id, input) to decode
    seen: list[tuple[str, Input]] = field(default_factory=list)     # bytes already landed (or earlier in the batch)
    errors: list[IngestError] = field(default_factory=list)         # could not even be read

    def drop_bytes(self) -> None:
        """Let go of the new inputs' bytes once they are decoded (the rest is kept for ``store``)."""
        self.new = [(report_id, _without_bytes(item)) for report_id, item in self.new]


@dataclass
class LandingSummary:
    seen: int = 0
    landed: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[IngestError] = field(default_factory=list)
    landed_ids: list[str] = field(default_factory=list)

    def add(self, other: LandingSummary) -> None:
        self.seen += other.seen
        self.landed += other.landed
        self.skipped += other.skipped
        self.failed += other.failed
        self.errors += other.errors
        self.landed_ids += other.landed_ids


def known_reports(warehouse: Path) -> set[str]:
    with connect(warehouse, read_only=False) as con:
        return {r[0] for r in con.execute("select report_id from raw.reports").fetchall()}


def triage(inputs: Iterable[Input], known: set[str]) -> Triage:
    """Hash each input; the first copy of unknown bytes is new, later copies are seen.

    ``known`` is updated with the new ids, so batches can be triaged in turn.
    """
    t = Triage()
    for item in inputs:
        if item.data is None:
            t.errors.append(IngestError(item.name, item.location, item.size, None, item.stage, item.error or "unreadable"))
            continue
        report_id = content_id(item.data)
        if report_id in known:
            t.seen.append((report_id, _without_bytes(item)))
        else:
            known.add(report_id)
            t.new.append((report_id, item))
    return t


def decode(items: Sequence[tuple[str, Input]], parser: Parser) -> DecodedBatch:
    """Decode new inputs and parse the reports among them (pure CPU work: safe on a thread,
    process or Dask worker)."""
    out = []
    for report_id, item in items:
        source = _without_bytes(item)
        try:
            document = read_document(item.name, item.data or b"", charset=item.charset)
        except ReadError as e:
            out.append(Decoded(report_id, source, error=IngestError(item.name, item.location, item.size, report_id,
                                                                    e.stage, e.reason)))
            continue
        reason = not_a_report(document.text)
        if reason:
            out.append(Decoded(report_id, source, error=IngestError(item.name, item.location, item.size, report_id,
                                                                    "screen", reason)))
        else:
            out.append(Decoded(report_id, source, document=document))
    reports = [(d.report_id, d.document.text, d.document.title, d.document.published) for d in out if d.document]
    return DecodedBatch.of(out, parse_batch(reports, parser))


@contextmanager
def writer(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one connection a landing stores all its chunks through, checkpointed rarely and at its end.

    DuckDB checkpoints when its write-ahead log passes ``checkpoint_threshold`` (16 MB by
    default: about every other chunk of a large landing), and each checkpoint compresses the
    tables' last row groups again: raw.reports' single row group held every text landed so
    far. Here the log may grow to ``LANDING_CHECKPOINT`` first. Commits still go to the log,
    so a killed run keeps every chunk it stored.
    """
    with connect(warehouse) as con:
        con.execute(f"set checkpoint_threshold = '{LANDING_CHECKPOINT}'")
        yield con
        con.execute("checkpoint")
        con.execute("reset checkpoint_threshold")


def store(con: duckdb.DuckDBPyConnection, run_id: str, batches: Sequence[DecodedBatch], t: Triage,
          now: datetime | None = None) -> LandingSummary:
    """Write decoded documents, sightings and errors to raw.*, and the reports' parse rows,
    in one transaction on ``con`` (a ``writer``), stamped ``now`` (default: the present)."""
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    summary = LandingSummary(seen=len(t.new) + len(t.seen) + len(t.errors), skipped=len(t.seen))
    errors, unsure, sightings = list(t.errors), [], {}
    for d in (d for batch in batches for d in batch.decoded):
        if d.document is None:
            errors.append(d.error)
            continue
        summary.landed += 1
        summary.landed_ids.append(d.report_id)
        sightings[d.report_id, d.source.location] = dict(report_id=d.report_id, doc=d.source.name,
                                                         location=d.source.location)
        unsure += [dict(report_id=d.report_id, start_offset=s, end_offset=e) for s, e in d.document.low_confidence]
    for e in errors:
        summary.failed += 1
        summary.errors.append(e)
        log.warning("cannot ingest %s: %s: %s", e.location, e.stage, e.reason)
    for report_id, src in t.seen:
        sightings.setdefault((report_id, src.location), dict(report_id=report_id, doc=src.name, location=src.location))
    con.execute("begin")
    try:
        _insert_reports(con, [batch.reports for batch in batches], now, run_id)
        _insert(con, "raw.ocr_low_confidence", unsure)
        write_parsed(con, [batch.parsed for batch in batches if batch.parsed])
        # A name is recorded once per content; bytes whose first copy failed to decode have no report.
        seen = [dict(s, first_seen_at=now, last_seen_at=now, run_id=run_id) for s in sightings.values()]
        _insert(con, "raw.report_sources", seen,
                where="report_id in (select report_id from raw.reports) and (report_id, location) not in "
                      "(select (report_id, location) from raw.report_sources)")
        # Bytes seen again where they were seen before: they are that location's current version again.
        _mark_seen(con, seen, now)
        _insert(con, "raw.ingest_errors", [
            dict(run_id=run_id, doc=e.doc, location=e.location, size_bytes=e.size_bytes, sha256=e.sha256,
                 stage=e.stage, reason=e.reason, occurred_at=now)
            for e in errors
        ])
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
    return summary


def land(inputs: Iterable[Input], warehouse: Path, run_id: str) -> LandingSummary:
    """triage, decode and store in one go, in this process."""
    t = triage(inputs, known_reports(warehouse))
    batch = decode(t.new, Parser.now())
    with writer(warehouse) as con:
        return store(con, run_id, [batch], t)


def _mark_seen(con, sightings: list[dict[str, object]], now: datetime) -> None:
    if not sightings:
        return
    batch = _arrow({"report_id": [s["report_id"] for s in sightings],  # noqa: F841 (scanned by name)
                    "location": [s["location"] for s in sightings]})
    con.execute("""update raw.report_sources as r set last_seen_at = ?
                   from batch b where r.report_id = b.report_id and r.location = b.location""", [now])


def _without_bytes(item: Input) -> Input:
    return replace(item, data=None)


def _insert_reports(con, tables: list[pa.Table], now: datetime, run_id: str) -> None:
    """Insert ``report_rows`` tables into raw.reports, stamped ``now`` and ``run_id``."""
    tables = [t for t in tables if t.num_rows]
    if not tables:
        return
    rows = pa.concat_tables(tables)  # noqa: F841 (scanned by name)
    con.execute("insert into raw.reports by name select *, $now as ingested_at, $run_id as run_id from rows",
                {"now": now, "run_id": run_id})


def _insert(con, table: str, rows: list[dict[str, object]], where: str = "true") -> None:
    """Insert rows by column name in one statement (an Arrow scan, not row by row)."""
    if not rows:
        return
    columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
    batch = _arrow({c: [r.get(c) for r in rows] for c in columns})  # noqa: F841 (scanned by name)
    con.execute(f"insert into {table} by name select * from batch where {where}")


def _arrow(columns: dict[str, list]) -> pa.Table:
    """Python values as an Arrow table, made by polars: ``pa.table`` would import pandas into the
    flow's process, which needs none (``fazhi.parse_tables._per_report``)."""
    return pl.DataFrame(columns, strict=False).to_arrow()
