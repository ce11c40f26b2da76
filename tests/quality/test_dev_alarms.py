"""The alarms on real reports are true: the floors of issue 14 on ../shared/dev.

The dev set's contradictions.tsv lists the numbers that are wrong in the reports
themselves. The run's failing rows must flag at least 4 of the 6, and of the rows
that point at a number at least 90 % must be listed ones (an administrator who gets
false alarms stops reading). Fails, never skips, when ../shared is missing.
"""
from __future__ import annotations

from unit.test_extract_dev import _shared

from .alarms_score import Row, read_listed, score


def test_dev_alarms_meet_the_floors(dev_run, read_only):
    summary, warehouse = dev_run
    texts_dir = _shared("dev", "texts")
    listed = read_listed(_shared("dev", "contradictions.tsv"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in texts_dir.iterdir()}
    con = read_only(warehouse)
    rows = [Row(*r) for r in con.execute(
        "select check_name, doc, sentence, span_start from dq.check_failures where run_id = ?",
        [summary.run_id]).fetchall()]
    flagged, pointing, true = score(rows, listed, texts)
    report = f"flagged {flagged}/{len(listed)}; true {true}/{pointing}; rows {rows}"
    assert flagged >= 4, report
    assert pointing and true / pointing >= 0.9, report
