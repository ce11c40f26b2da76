"""What a decoding worker hands back (fazhi.ingest.land.decode): each text once, as Arrow.

The texts are most of the bytes a landing moves between processes. Sent as Python strings in
the decoded documents, the storing process decoded each again and encoded it again into Arrow.
"""
from __future__ import annotations

import pickle

import duckdb

from fazhi.ingest.land import DecodedBatch, Triage, decode, store, writer
from fazhi.ingest.sources import Input
from fazhi.parse_tables import Parser
from fazhi.warehouse import ensure_schema


def _report(n: int) -> str:
    return (f"某县司法局{2020 + n}年法治政府建设年度报告\n"
            + f"全年共受理行政复议案件{n + 3}件，办结{n + 2}件，行政机关负责人出庭应诉率达到100%。\n" * 60)


def _inputs(texts: list[str]) -> list[tuple[str, Input]]:
    items = []
    for n, text in enumerate(texts):
        data = text.encode("gb18030")
        items.append((f"{n:064x}", Input(name=f"r{n}.txt", location=f"/in/r{n}.txt", size=len(data), data=data)))
    return items


def test_a_decoded_batch_carries_each_text_once_in_its_report_rows():
    texts = [_report(n) for n in range(3)]
    batch = decode(_inputs(texts) + [("f" * 64, Input("empty.txt", "/in/empty.txt", 0, data=b""))], Parser.now())
    assert batch.reports.column("text").to_pylist() == texts
    assert batch.reports.column("report_id").to_pylist() == [f"{n:064x}" for n in range(3)]
    assert batch.reports.column("encoding").to_pylist() == ["gb18030"] * 3
    documents = [d.document for d in batch.decoded if d.document is not None]
    assert len(documents) == 3 and all(doc.text == "" for doc in documents)
    assert [d.error.doc for d in batch.decoded if d.document is None] == ["empty.txt"]
    assert len(pickle.dumps(batch.decoded)) < len(texts[0].encode())


def test_stored_batches_land_their_texts_stamped_with_the_run(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    ensure_schema(warehouse)
    texts = [_report(n) for n in range(4)]
    items = _inputs(texts)
    batches = [decode(items[:2], Parser.now()), decode(items[2:], Parser.now()), DecodedBatch.of([], {})]
    with writer(warehouse) as con:
        summary = store(con, "run-batches", batches, Triage(new=items))
    assert summary.landed == 4 and summary.landed_ids == [report_id for report_id, _ in items]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select text, run_id, location, size_bytes from raw.reports order by location").fetchall()
        stamps = con.execute("select count(distinct ingested_at) from raw.reports").fetchone()[0]
        parsed = con.execute("select count(*) from parsed.reports").fetchone()[0]
    assert rows == [(text, "run-batches", f"/in/r{n}.txt", len(text.encode("gb18030"))) for n, text in enumerate(texts)]
    assert stamps == 1 and parsed == 4
