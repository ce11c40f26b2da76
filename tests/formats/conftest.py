"""Fixtures of the format tests: the report rendered into each format, and its facts."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fazhi.config import PROJECT_DIR
from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

from . import render
from .report_text import report_text


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """The fixture report as each format's file, by file name."""
    scan = render.scanned_pdf()
    return {
        "report.txt": report_text().encode("utf-8"),
        "report.doc": render.word_doc(),
        "report.wps": render.word_doc(wps=True),
        "report.ofd": render.ofd(),
        "report.mht": render.mht(),
        "scanned.pdf": scan,
        "scanned.ofd": render.ofd_of_images(render.page_images(scan)),
    }


@pytest.fixture(scope="session")
def facts_of():
    """``facts_of(text)``: the multiset of (value, unit, kind, metric) the extractor finds."""
    rules = load_taxonomy(PROJECT_DIR / "dbt" / "seeds" / "metric_taxonomy.csv")

    def facts(text: str) -> Counter:
        normal = normalize(text)
        return Counter((f.value, f.unit, f.kind, f.metric)
                       for f in extract_report(normal, split_sentences(normal), rules))
    return facts


def recall(found: Counter, expected: Counter) -> float:
    """Share of ``expected`` facts (with multiplicity) that ``found`` holds."""
    return sum((found & expected).values()) / max(sum(expected.values()), 1)


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
