"""The extractor against the hand-labelled dev set of real reports (../shared/dev).

Like test_extract_gold.py for the seeds: runs ``extract_report`` in-process on
../shared/dev/texts with the pipeline's own normalisation (``normalize``, the
twin of the dbt macro ``normalize_text``) and sentence splitter, writes the
facts in score.py's input format, scores the whole set and each slice with
../shared/eval/score.py and asserts the floors below. Fails, never skips,
when ../shared is missing. tests/test_pipeline.py checks that ``fazhi run`` +
``fazhi facts`` give these same facts.

Floors: issue 12's, all reached (P 1.000, R 0.994, F1 0.997, kind 0.990, metric
recall 0.933 and precision 0.986 when they were set; each slice F1 ≥ 0.99).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import shared as _shared
from fazhi.extract import compile_taxonomy, extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
SLICES = {"all": range(1, 37), "d01-d12": range(1, 13), "d13-d24": range(13, 25), "d25-d36": range(25, 37)}
FLOORS = {
    "all": {
        "precision": 0.96, "recall": 0.93, "f1": 0.95,
        "kind_accuracy": 0.95, "unit_accuracy": 0.98, "qualifier_accuracy": 0.98,
        "metric_recall": 0.85, "metric_precision": 0.90,
    },
    "d01-d12": {"f1": 0.92},
    "d13-d24": {"f1": 0.92},
    "d25-d36": {"f1": 0.92},
}



def dev_facts() -> list[dict]:
    """The extractor's facts for every dev text, as score.py reads them."""
    texts = _shared("dev", "texts")
    docs = sorted(texts.glob("d*.txt"))
    if len(docs) != 36:
        pytest.fail(f"expected the 36 dev texts in {texts}, found {len(docs)}", pytrace=False)
    taxonomy = compile_taxonomy(load_taxonomy(REPO / "dbt" / "seeds" / "metric_taxonomy.csv"))
    rows = []
    for path in docs:
        raw = path.read_text(encoding="utf-8")
        text = normalize(raw)
        for f in extract_report(text, split_sentences(text), taxonomy):
            assert raw[f.start:f.end] == f.number_text, (path.name, f.start, f.number_text)
            rows.append({"doc": path.name, "start": f.start, "end": f.end, "value": f.value, "unit": f.unit,
                         "kind": f.kind, "qualifier": f.qualifier, "metric": f.metric, "subject": f.subject})
    return rows


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[str, dict]:
    gold, score = _shared("dev", "gold"), _shared("eval", "score.py")
    work = tmp_path_factory.mktemp("dev")
    pred = work / "facts.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev_facts()), encoding="utf-8")
    out = {}
    for name, numbers in SLICES.items():
        folder = work / name
        folder.mkdir()
        for n in numbers:
            for suffix in (".jsonl", ".nonfacts.txt"):
                shutil.copy(gold / f"d{n:02d}{suffix}", folder)
        shutil.copy(_shared("gold", "SCHEMA.md"), folder)   # score.py reads the core taxonomy from it
        run = subprocess.run([sys.executable, str(score), "--gold", str(folder), "--pred", str(pred), "--json"],
                             capture_output=True, text=True, check=True)
        out[name] = json.loads(run.stdout)
        print(f"\nscore.py on dev {name}:", json.dumps(out[name], ensure_ascii=False))
    return out


@pytest.mark.parametrize("slice_name, figure", [(s, f) for s, floors in FLOORS.items() for f in sorted(floors)])
def test_floor(figures, slice_name, figure):
    got = figures[slice_name][figure]
    assert got >= FLOORS[slice_name][figure], f"dev {slice_name}: {figure} {got:.3f} < {FLOORS[slice_name][figure]}"


def test_every_dev_fact_was_scored(figures):
    assert figures["all"]["gold_facts"] == sum(figures[s]["gold_facts"] for s in SLICES if s != "all") > 600
