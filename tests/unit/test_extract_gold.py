"""The extractor against the hand-labelled gold facts of the five seed reports.

Runs ``extract_report`` directly on ../shared/seeds (beside the repo), writes
the facts in score.py's input format, scores them with
../shared/eval/score.py and asserts the issue's floors. Fails, never skips,
when ../shared is missing.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import shared as _shared
from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
FLOORS = {
    "precision": 0.97, "recall": 0.97,
    "unit_accuracy": 0.97, "kind_accuracy": 0.97, "qualifier_accuracy": 0.97,
    "metric_recall": 0.85, "metric_precision": 0.95,
}



@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict:
    seeds, gold, score = _shared("seeds"), _shared("gold"), _shared("eval", "score.py")
    docs = sorted(seeds.glob("*.txt"))
    if len(docs) < 5:
        pytest.fail(f"expected the 5 seed reports in {seeds}, found {len(docs)}", pytrace=False)
    rules = load_taxonomy(REPO / "dbt" / "seeds" / "metric_taxonomy.csv")
    rows = []
    for path in docs:
        raw = path.read_text(encoding="utf-8")
        text = normalize(raw)
        for f in extract_report(text, split_sentences(text), rules):
            assert raw[f.start:f.end] == f.number_text or text[f.start:f.end] == f.number_text
            rows.append({"doc": path.name, "start": f.start, "end": f.end, "value": f.value, "unit": f.unit,
                         "kind": f.kind, "qualifier": f.qualifier, "metric": f.metric, "subject": f.subject})
    pred = tmp_path_factory.mktemp("gold") / "facts.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run = subprocess.run([sys.executable, str(score), "--gold", str(gold), "--pred", str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    print("\nscore.py on the seeds:", json.dumps(result, ensure_ascii=False))
    return result


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_floor(figures, figure):
    assert figures[figure] >= FLOORS[figure], f"{figure} {figures[figure]:.3f} < {FLOORS[figure]}"


def test_every_gold_fact_was_scored(figures):
    assert figures["gold_facts"] > 200 and figures["matched"] <= figures["predicted"]
