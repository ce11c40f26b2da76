"""The dev set through the whole pipeline gives the facts the in-process dev test scores.

tests/unit/test_extract_dev.py scores ``extract_report`` called in-process;
analysts get the facts of ``fazhi run`` + ``fazhi facts``. This runs the real
flow (ingest, dbt's parse models, marts) on ../shared/dev/texts and checks
that both paths give the same facts, so the dev floors hold for the pipeline.
"""
from __future__ import annotations

import json
import subprocess
import sys

from unit.test_extract_dev import dev_facts

FIELDS = ("doc", "start", "end", "value", "unit", "kind", "qualifier", "metric")


def test_pipeline_facts_equal_the_scored_ones(dev_run):
    _, warehouse = dev_run
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "facts", "--format", "jsonl", "--warehouse",
                          str(warehouse)], capture_output=True, text=True, check=True)
    piped = sorted((tuple(json.loads(line)[f] for f in FIELDS) for line in out.stdout.splitlines() if line.strip()),
                   key=repr)
    scored = sorted((tuple(row[f] for f in FIELDS) for row in dev_facts()), key=repr)
    assert len(scored) > 300
    assert piped == scored
