"""Ingest in chunks: a chunk is stored while the workers decode the next one.

Landing a folder a few files at a time (so most chunks are stored while the
next is in the worker pool) must land, skip, fail and parse exactly what
landing it in one chunk does.
"""
from __future__ import annotations

import duckdb

from fazhi import parallel
from fazhi.config import load_settings
from fazhi.flows import pipeline
from fazhi.warehouse import ensure_schema
from quality.corpus import write_corpus

LANDED = "select report_id, location, format, text from raw.reports order by location"
PARSED = {
    "reports": "select report_id, parser_version from parsed.reports order by all",
    "facts": "select report_id, fact_id, start_offset, end_offset, value, unit, kind, metric from parsed.facts order by all",
    "sentences": "select report_id, ordinal, start_offset, end_offset from parsed.sentences order by all",
}


def _land(folder, warehouse, monkeypatch, chunk: int):
    monkeypatch.setattr(pipeline, "INGEST_CHUNK", chunk)
    ensure_schema(warehouse)
    try:
        summary = pipeline.ingest.fn([str(folder)], warehouse, "run-chunks", load_settings(warehouse=str(warehouse)))
    finally:
        parallel.shutdown()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {name: con.execute(sql).fetchall() for name, sql in PARSED.items()}
        landed = con.execute(LANDED).fetchall()
    counts = (summary.seen, summary.landed, summary.skipped, summary.failed,
              sorted(e.location for e in summary.errors))
    return counts, landed, tables


def test_chunks_stored_while_the_next_is_decoded_land_what_one_chunk_lands(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "corpus")
    first = sorted(folder.iterdir())[0]
    (folder / "zz_same_bytes.txt").write_bytes(first.read_bytes())   # a copy, chunks after the first
    (folder / "zz_not_a_report.txt").write_text("目录\n第一页\n", encoding="utf-8")
    monkeypatch.setenv("FAZHI_PARSE_WORKERS", "2")   # the worker pool, one report a batch
    monkeypatch.setenv("FAZHI_SLICE_ROWS", "1")

    whole = _land(folder, tmp_path / "whole.duckdb", monkeypatch, 10_000)
    chunked = _land(folder, tmp_path / "chunked.duckdb", monkeypatch, 3)

    files = len(list(folder.iterdir()))
    assert whole[0][0] == files and whole[0][2] == 1           # every file seen, the copy skipped once
    assert whole[0][1] == len(whole[1]) > 6                      # the corpus landed
    assert chunked[0] == whole[0]
    assert chunked[1] == whole[1]
    assert chunked[2] == whole[2]
    assert len(chunked[2]["reports"]) == len(chunked[1])         # each landed report parsed once
