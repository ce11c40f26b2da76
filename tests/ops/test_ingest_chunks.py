"""Ingest in chunks: a chunk is stored while the workers decode the next one, and the last
chunk a part at a time as its batches come back.

Landing a folder a few files at a time (so most chunks are stored while the
next is in the worker pool) must land, skip, fail and parse exactly what
landing it in one chunk does; storing the last chunk in parts must record every
sighting and give the chunk one landing stamp.
"""
from __future__ import annotations

import duckdb

from fazhi import parallel
from fazhi.config import load_settings
from fazhi.flows import landing
from fazhi.warehouse import ensure_schema
from quality.corpus import write_corpus

LANDED = "select report_id, location, format, text from raw.reports order by location"
SIGHTINGS = "select report_id, location from raw.report_sources order by location"
STAMPS = "select count(distinct ingested_at) from raw.reports"
REAL_STORE = landing._store_chunk
PARSED = {
    "reports": "select report_id, parser_version from parsed.reports order by all",
    "facts": "select report_id, start_offset, span_rank, end_offset, value, unit, kind, metric from parsed.facts order by all",
    "sentences": "select report_id, ordinal, start_offset, end_offset from parsed.sentences order by all",
}


def _land(folder, warehouse, monkeypatch, chunk: int):
    monkeypatch.setattr(landing, "INGEST_CHUNK", chunk)
    ensure_schema(warehouse)
    stores = []

    def store_counted(con, run_id, batches, *rest):   # the real store, the reports of its parts counted
        stores.append(sum(len(batch.decoded) for batch in batches))
        return REAL_STORE(con, run_id, batches, *rest)

    monkeypatch.setattr(landing, "_store_chunk", store_counted)
    try:
        summary = landing.ingest.fn([str(folder)], warehouse, "run-chunks", load_settings(warehouse=str(warehouse)))
    finally:
        parallel.shutdown()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {name: con.execute(sql).fetchall() for name, sql in PARSED.items()}
        tables["sightings"] = con.execute(SIGHTINGS).fetchall()
        landed = con.execute(LANDED).fetchall()
        stamps = con.execute(STAMPS).fetchone()[0]
    counts = (summary.seen, summary.landed, summary.skipped, summary.failed,
              sorted(e.location for e in summary.errors))
    return counts, landed, tables, stamps, stores


def test_chunks_stored_while_the_next_is_decoded_land_what_one_chunk_lands(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "corpus")
    texts = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    first, last = texts[0], texts[-1]
    (folder / "zz_same_bytes.txt").write_bytes(first.read_bytes())   # a copy, chunks after the first
    (folder / "zz_same_as_last.txt").write_bytes(last.read_bytes())  # a copy of a report stored in a late part
    (folder / "zz_not_a_report.txt").write_text("目录\n第一页\n", encoding="utf-8")
    monkeypatch.setenv("FAZHI_PARSE_WORKERS", "2")   # the worker pool, one report a batch
    monkeypatch.setenv("FAZHI_SLICE_ROWS", "1")

    whole = _land(folder, tmp_path / "whole.duckdb", monkeypatch, 10_000)
    chunked = _land(folder, tmp_path / "chunked.duckdb", monkeypatch, 3)

    files = len(list(folder.iterdir()))
    assert whole[0][0] == files and whole[0][2] == 2           # every file seen, each copy skipped once
    assert whole[0][1] == len(whole[1]) > 6                      # the corpus landed
    assert chunked[0] == whole[0]
    assert chunked[1] == whole[1]
    assert chunked[2] == whole[2]
    assert len(chunked[2]["reports"]) == len(chunked[1])         # each landed report parsed once
    # every readable file's sighting is recorded, the copy's too (its report is stored in a part before it)
    sighted = {location for _, location in whole[2]["sightings"]}
    assert "zz_not_a_report.txt" in {location.rsplit("/", 1)[-1] for location in whole[0][4]}
    assert sighted == {str(p) for p in folder.iterdir()} - set(whole[0][4])
    # one chunk, stored in parts of a batch a worker as they came back, under one landing stamp
    new = whole[0][1] + whole[0][3]   # landed, and decoded but refused (the not-a-report file)
    assert whole[4] == [2] * (new // 2) + [new % 2] * (new % 2)
    assert whole[3] == 1


def test_the_next_chunk_is_queued_for_the_workers_before_this_one_is_collected(tmp_path, monkeypatch):
    """A worker done with its last batch of a chunk goes on to the next chunk's first: the next
    chunk is handed to the pool before the flow waits for this chunk's batches."""
    folder = write_corpus(tmp_path / "corpus")
    monkeypatch.setenv("FAZHI_PARSE_WORKERS", "2")
    monkeypatch.setenv("FAZHI_SLICE_ROWS", "1")
    events, real = [], parallel.iter_batches

    def recorded(fn, batches, *args):
        chunk = sum(e[0] == "queued" for e in events)
        events.append(("queued", chunk))

        def results():
            events.append(("collected", chunk))
            yield from real(fn, batches, *args)
        return results()

    monkeypatch.setattr(parallel, "iter_batches", recorded)
    _land(folder, tmp_path / "w.duckdb", monkeypatch, 3)
    chunks = sum(e[0] == "queued" for e in events)
    assert chunks >= 3
    for k in range(1, chunks):
        assert events.index(("queued", k)) < events.index(("collected", k - 1)), events
