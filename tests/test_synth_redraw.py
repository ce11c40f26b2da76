"""Redrawn reports of the synthetic corpus (``generate(..., redraw=FRACTION)``): the numbers
of that share of reports drawn again, no gold for them, the gold of the others intact."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fazhi.ingest.readers import read_document
from fazhi.synth import generate, truth_dir, verify


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory) -> tuple[Path, Path, dict]:
    """The same 30 reports twice: as drawn, and with most of their numbers drawn again."""
    root = tmp_path_factory.mktemp("redraw")
    plain = generate(30, root / "plain", seed=5, contradictions=0.0)
    summary = generate(30, root / "redrawn", seed=5, contradictions=0.0, redraw=0.8)
    assert plain["redrawn"] == 0
    return root / "plain", root / "redrawn", summary


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (truth_dir(out) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_share_of_reports_is_redrawn_and_has_no_gold(redrawn):
    _, out, summary = redrawn
    entries = _manifest(out)
    marked = [e for e in entries if e["redrawn"]]
    assert summary["redrawn"] == len(marked) and 15 <= len(marked) <= 29
    gold = truth_dir(out) / "gold"
    for e in entries:
        base = e["doc"][:-4] if e["doc"].endswith(".txt") else e["doc"]
        assert (gold / f"{base}.jsonl").exists() is not e["redrawn"]


def test_the_other_reports_gold_still_points_at_their_numbers(redrawn):
    _, out, _ = redrawn
    assert verify(out)["bad"] == []


def test_redrawn_numbers_keep_their_form_but_change(redrawn):
    plain, out, _ = redrawn
    # same seed: the same documents, only the redrawn ones' numbers differ
    changed = 0
    for before, after in zip(_manifest(plain), _manifest(out), strict=True):
        assert before["doc"] == after["doc"]
        old = read_document(before["doc"], (plain / before["doc"]).read_bytes()).text
        new = read_document(after["doc"], (out / after["doc"]).read_bytes()).text
        if not after["redrawn"]:
            assert old == new
            continue
        assert len(old) == len(new)
        assert re.sub(r"[0-9０-９]", "#", old) == re.sub(r"[0-9０-９]", "#", new)
        changed += old != new
    assert changed


def test_fazhi_synth_takes_redraw(tmp_path):
    """The CLI passes --redraw on: the bench makes its second corpus with it."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "synth", "--reports", "6", "--out", str(tmp_path / "c"),
                          "--seed", "2", "--redraw", "0.5", "--no-gold"], capture_output=True, text=True, check=True)
    assert 0 < json.loads(out.stdout)["redrawn"] < 6   # each report drawn again with that chance
