"""The metric taxonomy seed (dbt/seeds/metric_taxonomy.csv) read into ``MetricRule`` rows.

For callers outside dbt (tests, scripts): dbt reads the same CSV as a seed and
hands its rows to ``extract_report``. Reading the file is the only I/O here;
every pattern is compiled once so that a broken row fails loudly, naming it.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from fazhi.extract.model import MetricRule

COLUMNS = ("metric_id", "name_zh", "kind", "subject_pattern", "action_pattern", "description")
KINDS = frozenset(("case", "rate", "change", "amount", "duration", "count"))


def load_taxonomy(path: str | Path) -> list[MetricRule]:
    """The rows of the taxonomy CSV, in file order (the order is the matching priority)."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        rules = [MetricRule(*((row.get(c) or "").strip() for c in COLUMNS)) for row in reader]
    for n, rule in enumerate(rules, 2):
        check_rule(rule, f"{path}:{n}")
    return rules


def check_rule(rule: MetricRule, where: str = "") -> None:
    """Raise ValueError when a row has no id, an unknown kind or a pattern that does not compile."""
    if not rule.metric_id:
        raise ValueError(f"{where}: empty metric_id")
    if rule.kind and rule.kind not in KINDS:
        raise ValueError(f"{where}: kind {rule.kind!r} is not one of {sorted(KINDS)}")
    for name in ("subject_pattern", "action_pattern"):
        try:
            re.compile(getattr(rule, name))
        except re.error as e:
            raise ValueError(f"{where}: {rule.metric_id} {name} does not compile: {e}") from None
