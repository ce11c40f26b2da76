"""What the bench measures apart from a run: the compute floor (reading the corpus plus
extracting its facts, over the cores), extraction alone on one core beside a bare regex
scan, report metadata alone, and the accuracy of a run's facts (score.py)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from corpora import synth
from paths import FAZHI, OUT, ROOT, SHARED


def compute_floor(corpus: Path, extraction: dict) -> dict:
    """What a cold run of ``corpus`` cannot go below: reading its files plus extracting its facts, over the cores.

    Reading is DuckDB's read_blob of every file, best of 3 (read_text refuses the
    GB18030 files, which are part of the corpus); extraction is extraction_speed's
    best time on one core for the same corpus.
    """
    import duckdb

    glob = str(corpus / "*")
    with duckdb.connect() as con:
        def read() -> tuple[int, int]:   # files, bytes: every file's content is read
            return con.execute("select count(*), sum(octet_length(content)) from read_blob(?)", [glob]).fetchone()
        files, _ = read()
        read_s = min(_timed(read) for _ in range(3))
    x = next(v for k, v in extraction.items() if k.startswith("synthetic"))
    cores = os.cpu_count() or 1
    return {"files": files, "read_s": read_s, "extract_s": x["extract_s"], "chars": x["chars"], "cores": cores,
            "seconds": read_s + x["extract_s"] / cores}


def extraction_speed() -> dict:
    from fazhi.extract import compile_taxonomy, extract_report, load_taxonomy
    from fazhi.ingest.readers import read_document
    from fazhi.text.normalize import normalize
    from fazhi.text.sentences import split_sentences

    taxonomy = compile_taxonomy(load_taxonomy(ROOT / "dbt" / "seeds" / "metric_taxonomy.csv"))
    corpus = synth(10000, 2, gold=False)   # the issue asks for at least 50 MB
    files = sorted(corpus.iterdir())
    megabytes = sum(p.stat().st_size for p in files) / 2**20
    sets = {f"synthetic (10,000 reports, {megabytes:.0f} MB)": [
        normalize(read_document(p.name, p.read_bytes()).text) for p in files]}
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if seeds:
        sets["seeds (5 reports x 40)"] = [normalize(p.read_text(encoding="utf-8")) for p in seeds] * 40
    result = {}
    for name, texts in sets.items():
        prepared = [(t, split_sentences(t)) for t in texts]
        chars = sum(len(t) for t in texts)
        best = min(_timed(lambda: [extract_report(t, s, taxonomy) for t, s in prepared]) for _ in range(3))
        bare = min(_timed(lambda: [sum(1 for _ in re.finditer("[0-9]+", t)) for t in texts]) for _ in range(3))
        result[name] = {"chars": chars, "extract_s": best, "extract_mchars_s": chars / best / 1e6,
                        "bare_regex_mchars_s": chars / bare / 1e6}
    return result


def metadata_speed(corpus: Path) -> dict:
    """Milliseconds a report for describe() and for resolving its region (best of 3)."""
    from fazhi.ingest.readers import read_document
    from fazhi.metadata import describe
    from fazhi.metadata.gazetteer import load, mentions
    from fazhi.metadata.page import read
    from fazhi.metadata.places import chain, extend_from_text, resolve

    texts = [read_document(p.name, p.read_bytes()).text for p in sorted(corpus.iterdir())]
    load()
    pages = [read(t) for t in texts]
    issuers = [describe(t).issuer for t in texts]

    def regions() -> None:
        for page, issuer in zip(pages, issuers):
            found = mentions(page.head)
            resolve(extend_from_text(chain(issuer, page.head) if issuer else [], page.head, found), found)

    describe_s = min(_timed(lambda: [describe(t) for t in texts]) for _ in range(3))
    regions_s = min(_timed(regions) for _ in range(3))
    return {"reports": len(texts), "describe_ms": describe_s * 1000 / len(texts),
            "regions_ms": regions_s * 1000 / len(texts)}


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def accuracy(warehouse: Path, gold: Path) -> dict:
    facts = warehouse.parent / "facts.jsonl"
    with open(facts, "w", encoding="utf-8") as fh:
        subprocess.run([*FAZHI, "facts", "--warehouse", str(warehouse)], stdout=fh, check=True)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(facts),
                          "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def accuracy_of(corpus: Path, gold: Path, name: str) -> dict | None:
    """score.py's figures for a labelled corpus run through `fazhi run` (None when it is not there)."""
    if not corpus.exists():
        return None
    wh = OUT / name / "fazhi.duckdb"
    shutil.rmtree(wh.parent, ignore_errors=True)
    subprocess.run([*FAZHI, "run", str(corpus), "--warehouse", str(wh)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return accuracy(wh, gold)
