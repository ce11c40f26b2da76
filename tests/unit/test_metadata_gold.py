"""Report metadata against the hand-labelled metadata of the dev set and the seeds.

Runs ``fazhi.metadata.describe`` on ../shared/dev/texts and ../shared/seeds
(beside the repo), writes ``fazhi reports``-style JSONL, scores it with
../shared/eval/score_metadata.py and asserts the issue's floors: on the dev set
every field ≥ 0.90 and their mean ≥ 0.95; on the seeds every field right. The
seeds are also scored through the whole pipeline and ``fazhi reports``. Fails,
never skips, when ../shared is missing.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.shared_data import shared as _shared
from fazhi.metadata import describe
from fazhi.metadata.gazetteer import load, mentions
from fazhi.metadata.page import read
from fazhi.metadata.places import chain, extend_from_text, resolve

REPO = Path(__file__).resolve().parents[2]
FIELDS = ("report_year", "issuer", "region", "province", "city")
DEV_FIELD_FLOOR, DEV_MEAN_FLOOR = 0.90, 0.95



def _score(gold: Path, rows: list[dict], tmp: Path) -> dict:
    pred = tmp / "reports.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run = subprocess.run([sys.executable, str(_shared("eval", "score_metadata.py")), "--gold", str(gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _describe_all(folder: Path, expected: int) -> list[dict]:
    docs = sorted(folder.glob("*.txt"))
    if len(docs) < expected:
        pytest.fail(f"expected {expected} texts in {folder}, found {len(docs)}", pytrace=False)
    rows = []
    for path in docs:
        m = describe(path.read_text(encoding="utf-8"))
        rows.append({"doc": path.name, "report_year": m.year, "issuer": m.issuer, "region": m.region,
                     "province": m.province, "city": m.city})
    return rows


def test_dev_metadata_floors(tmp_path):
    result = _score(_shared("dev", "metadata.tsv"), _describe_all(_shared("dev", "texts"), 36), tmp_path)
    print("\nscore_metadata.py on the dev set:", json.dumps(result, ensure_ascii=False))
    below = {f: result[f]["accuracy"] for f in FIELDS if result[f]["accuracy"] < DEV_FIELD_FLOOR}
    assert not below, f"fields below {DEV_FIELD_FLOOR}: {below}"
    assert result["mean_accuracy"] >= DEV_MEAN_FLOOR


def test_seeds_metadata_every_field_right(tmp_path):
    result = _score(_shared("gold", "metadata.tsv"), _describe_all(_shared("seeds"), 5), tmp_path)
    assert {f: result[f]["accuracy"] for f in FIELDS} == {f: 1.0 for f in FIELDS}, result


def test_seeds_metadata_through_the_pipeline_and_fazhi_reports(seeds_run, tmp_path):
    _, warehouse = seeds_run
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "reports", "--format", "jsonl",
                          "--warehouse", str(warehouse)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 5
    result = _score(_shared("gold", "metadata.tsv"), rows, tmp_path)
    assert {f: result[f]["accuracy"] for f in FIELDS} == {f: 1.0 for f in FIELDS}, result
    assert all(r["region_code"] and r["issuer_level"] for r in rows)


def test_resolving_regions_costs_under_a_millisecond_a_report():
    """Finding the places a report names and resolving its issuer's region, on the
    dev texts and seeds (the gazetteer loaded once per process beforehand), best
    of five rounds. Measured 0.2-0.4 ms on a shared 2-core machine."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(_shared("dev", "texts").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(_shared("seeds").glob("*.txt"))]
    pages = [read(t) for t in texts]
    issuers = [describe(t).issuer for t in texts]
    load()
    rounds = []
    for _ in range(5):  # the best of five rounds: other processes share the machine
        start = time.perf_counter()
        for page, issuer in zip(pages, issuers):
            found = mentions(page.head)
            places = chain(issuer, page.head) if issuer else []
            resolve(extend_from_text(places, page.head, found), found)
        rounds.append((time.perf_counter() - start) * 1000 / len(pages))
    per_report_ms = min(rounds)
    print(f"\nresolving regions: {per_report_ms:.3f} ms a report")
    assert per_report_ms < 1.0
