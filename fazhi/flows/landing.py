"""The flow's ingest task: report files in, landed and parsed in the run's working copy.

Inputs are hashed and triaged here (``fazhi.ingest.land``), decoded and parsed on the
worker pool (``fazhi.parallel``) a chunk at a time, and stored in turn while the workers
decode the next chunk. ``fazhi.flows.pipeline`` runs it first in a run; ``land_files``
(``fazhi ingest``) runs it alone.
"""
from __future__ import annotations

from datetime import datetime
from itertools import islice
from pathlib import Path

from prefect import task

from fazhi import parallel, progress
from fazhi.config import Settings
from fazhi.flows.runners import work_on_dask
from fazhi.ingest.land import DecodedBatch, LandingSummary, Triage, decode, known_reports, store, triage, writer
from fazhi.ingest.sources import iter_inputs
from fazhi.parse_tables import Parser
from fazhi.runs import utcnow

# Inputs held in memory at once, with their texts and parse rows (~70 KB a report beside its
# text: 5,000 at once put ~1.4 GB in the flow's process at 10,000 reports) ...
INGEST_CHUNK = 2000
INGEST_CHUNK_BYTES = 192 * 2**20   # ... and no more bytes than this (a few large files are a chunk)
# Inputs per batch decoded and parsed by one worker: parallel.slice_rows() (FAZHI_SLICE_ROWS) ...
DECODE_BATCH_BYTES = 32 * 2**20    # ... and bytes per batch sent to a worker


def batched_by_bytes(items, size: int, max_bytes: int, weight):
    """Lists of at most ``size`` items whose ``weight`` adds up to about ``max_bytes``
    (a list closes as soon as it reaches it, so one item larger than that is a list alone)."""
    chunk, total = [], 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= size or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _input_bytes(item) -> int:
    item = item[1] if isinstance(item, tuple) else item
    return len(item.data) if item.data is not None else 0


@task(name="ingest")
def ingest(paths: list[str], build: Path, run_id: str, settings: Settings) -> LandingSummary:
    """Hash and triage inputs here, decode and parse new ones in parallel batches, store them in turn.

    Inputs are read lazily (archives member by member) and held a chunk at a
    time, bounded in count and in bytes, so memory does not grow with the input.
    A chunk is stored while the workers decode the next one: storing took ~7 s of a
    cold 10,000-report run in which the workers idled. The next chunk's files are read,
    hashed and queued for the workers while they decode this one, so each goes on to it
    as soon as it is done (held in memory: one decoded chunk, the chunk with the workers,
    the next one's files); the last chunk is stored as its batches come back.
    """
    summary, known, parser = LandingSummary(), known_reports(build), Parser.now()
    progress.add("parse", "reports parsed", total=0)   # here, and stale ones before dbt (fazhi.parsed)
    inputs = iter_inputs(paths, int(settings.max_file_mb * 2**20),
                         max_archive_bytes=int(settings.max_archive_mb * 2**20),
                         allow_private=settings.allow_private_urls)
    with work_on_dask(), writer(build) as con:
        chunks = _triaged_chunks(inputs, known)
        current = next(chunks, None)
        results, n_batches = _submit(current, parser)   # a worker pool starts on them now
        decoded_last = None   # the chunk to store once the next one is with the workers
        while current is not None:
            triaged, n_seen = current
            if decoded_last is not None:
                summary.add(_store_chunk(con, run_id, *decoded_last))
                decoded_last = None
            upcoming = next(chunks, None)
            if upcoming is None:   # nothing left to overlap it with: stored in parts as they come
                summary.add(_store_last(con, run_id, results, n_batches, triaged, n_seen))
                break
            # queued behind this chunk's batches: a worker done with its last one goes on to the
            # next chunk's first instead of waiting for the other worker (and for this collection)
            upcoming_results = _submit(upcoming, parser)
            batches = _collect(results)
            triaged.drop_bytes()
            decoded_last = (batches, triaged, n_seen)
            current, (results, n_batches) = upcoming, upcoming_results
    progress.done("files")
    return summary


def _submit(chunk, parser: Parser) -> tuple[object, int]:
    """The results (in order, as they come) of decoding a triaged chunk's new inputs in batches,
    and how many batches; (None, 0) without a chunk."""
    if chunk is None:
        return None, 0
    batches = list(batched_by_bytes(chunk[0].new, parallel.slice_rows(), DECODE_BATCH_BYTES, _input_bytes))
    return parallel.iter_batches(decode, batches, parser), len(batches)


def _triaged_chunks(inputs, known: set[str]):
    """Each chunk of inputs, hashed and triaged against ``known`` (updated as it goes), with the
    number of its inputs that need no decoding."""
    for chunk in batched_by_bytes(inputs, INGEST_CHUNK, INGEST_CHUNK_BYTES, _input_bytes):
        triaged = triage(chunk, known)
        yield triaged, len(chunk) - len(triaged.new)


def _collect(results) -> list[DecodedBatch]:
    """A chunk's decoded batches, counted as they come."""
    batches = []
    for batch in results:
        batches.append(batch)
        progress.add_total("parse", batch.parsed["reports"].num_rows)
        progress.advance("parse", batch.parsed["reports"].num_rows)
        progress.advance("files", len(batch.decoded))
    return batches


def _store_last(con, run_id: str, results, n_batches: int, triaged: Triage, n_seen: int) -> LandingSummary:
    """Store the last chunk a part at a time (a transaction each), each part as soon as the workers
    hand back its batches, so this store overlaps their last batches; the chunk's sightings and
    unreadable inputs go with the last part, after every report they may name. Every part has the
    chunk's one landing stamp, as a chunk stored at once has (marts break ties by landing time)."""
    landed, pending, left, now = LandingSummary(), iter(results), n_batches, utcnow()
    while True:
        take = min(max(1, parallel.workers()), left)   # a batch for each worker: ~1/4 of a full chunk
        left -= take
        batches = _collect(islice(pending, take))
        part = Triage(new=[(d.report_id, d.source) for batch in batches for d in batch.decoded])
        last = left == 0
        if last:
            part.seen, part.errors = triaged.seen, triaged.errors
        landed.add(_store_chunk(con, run_id, batches, part, n_seen if last else 0, now))
        if last:
            return landed


def _store_chunk(con, run_id: str, batches: list[DecodedBatch], triaged, n_seen: int,
                 now: datetime | None = None) -> LandingSummary:
    landed = store(con, run_id, batches, triaged, now)
    progress.advance("files", n_seen)   # known and unreadable ones
    return landed
