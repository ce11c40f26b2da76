"""One writer for a whole landing: its chunks are checkpointed once, at the end, and a
landing killed before that keeps every chunk it committed."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb

from fazhi.warehouse import ensure_schema

# Chunks of made-up report text, together well past DuckDB's default checkpoint threshold (16 MB).
STORE_CHUNKS = textwrap.dedent("""
    import os, sys
    from fazhi.ingest.formats.base import Document
    from fazhi.ingest.land import Decoded, DecodedBatch, Triage, store, writer
    from fazhi.ingest.sources import Input

    def chunk(n):
        text = f"第{n}份报告。" + "本年度共受理行政复议案件十二件。" * 150_000   # ~7 MB of UTF-8
        source = Input(name=f"r{n}.txt", location=f"/in/r{n}.txt", size=len(text))
        return [DecodedBatch.of([Decoded(f"{n:064x}", source, document=Document(text=text, format="txt"))], {})]

    path, wal = sys.argv[1], sys.argv[1] + ".wal"
    with writer(path) as con:
        for n in range(5):
            store(con, "run-writer", chunk(n), Triage())
        print(os.path.getsize(wal) if os.path.exists(wal) else 0, flush=True)
        if sys.argv[2] == "kill":
            os._exit(0)   # as a killed run: no checkpoint, no close
    print(os.path.getsize(wal) if os.path.exists(wal) else 0, flush=True)
""")


def _land(path: Path, how: str) -> list[int]:
    out = subprocess.run([sys.executable, "-c", STORE_CHUNKS, str(path), how],
                         capture_output=True, text=True, check=True)
    return [int(line) for line in out.stdout.split()]


def _landed(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from raw.reports where run_id = 'run-writer'").fetchone()[0]


def test_a_landing_checkpoints_once_at_its_end(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    during, after = _land(warehouse, "finish")
    assert during > 30 * 2**20     # five commits, ~36 MB of log, not checkpointed chunk by chunk
    assert after == 0              # ... but when the landing ends
    assert _landed(warehouse) == 5


def test_a_landing_killed_before_its_checkpoint_keeps_every_committed_chunk(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    (during,) = _land(warehouse, "kill")
    assert during > 0
    assert _landed(warehouse) == 5


def test_report_texts_are_stored_with_zstd_without_duckdb_weighing_other_encodings(tmp_path):
    """Left to choose, DuckDB's checkpoint first tries every string encoding on every text (half the
    cost of storing a large landing's text) and, for texts like these, keeps a dictionary."""
    from fazhi.ingest.formats.base import Document
    from fazhi.ingest.land import Decoded, DecodedBatch, Triage, store, writer
    from fazhi.ingest.sources import Input

    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    decoded = []
    for n in range(3000):
        text = f"本县受理行政复议案件{n % 40}件。"
        decoded.append(Decoded(f"{n:064x}", Input(name=f"r{n}.txt", location=f"/in/r{n}.txt", size=len(text)),
                               document=Document(text=text, format="txt")))
    with writer(warehouse) as con:
        store(con, "run-zstd", [DecodedBatch.of(decoded, {})], Triage())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kinds = {r[0] for r in con.execute("select compression from pragma_storage_info('raw.reports') "
                                           "where column_name = 'text' and segment_type = 'VARCHAR'").fetchall()}
    assert kinds == {"ZSTD"}
