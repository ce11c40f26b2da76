"""How true the data-quality alarms are: failing rows against a list of known contradictions.

A listed contradiction (file, start offset, number) is *flagged* when a failing row of
its file points at its number (the row's span starts there) or quotes its sentence (the
sentence, found in the report's text, covers the number). A failing row *points at a
number* when it has a span; such a row is *true* when it flags a listed contradiction.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Listed:
    doc: str
    start: int
    number_text: str


@dataclass(frozen=True)
class Row:
    check: str
    doc: str | None
    sentence: str | None
    span_start: int | None


def read_listed(path: Path) -> list[Listed]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Listed(r["file"], int(r["start"]), r["number_text"]) for r in csv.DictReader(f, delimiter="\t")]


def _covers(row: Row, listed: Listed, text: str) -> bool:
    if row.doc != listed.doc:
        return False
    if row.span_start == listed.start:
        return True
    if not row.sentence:
        return False
    at = text.find(row.sentence)
    while at >= 0:
        if at <= listed.start < at + len(row.sentence):
            return True
        at = text.find(row.sentence, at + 1)
    return False


def score(rows: list[Row], listed: list[Listed], texts: dict[str, str]) -> tuple[int, int, int]:
    """(listed contradictions flagged, failing rows pointing at a number, of which true)."""
    pointing = [r for r in rows if r.span_start is not None]
    flagged = sum(any(_covers(r, c, texts.get(c.doc, "")) for r in pointing) for c in listed)
    true = sum(any(_covers(r, c, texts.get(c.doc, "")) for c in listed) for r in pointing)
    return flagged, len(pointing), true
