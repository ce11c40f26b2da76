"""Metric labels: a fact's kind, subject and action matched against the taxonomy rows.

Third step of extraction (after ``attribute.py``). How a row of
dbt/seeds/metric_taxonomy.csv matches a fact:

* rows are tried in file order and the first row that matches gives the
  metric id, so a specific row goes above a general one;
* ``kind`` must equal the fact's kind, except that ``case`` and ``count`` are
  one family (a stage of disputes may be written 3万次 or 167件); an empty
  kind matches any fact;
* ``subject_pattern`` is a Python regular expression searched (``re.search``,
  not anchored unless it says ^ or $) in the fact's subject phrase;
* ``action_pattern`` likewise in the fact's action verb, read as "" when the
  fact has none (so ``^$`` means "no verb" and ``^(?!.*引发)`` "not 引发");
* an empty pattern matches anything.

Facts marked as an illustrative episode or an earlier period's figure, and a
part whose total carries the same metric, get no metric (see ``report.py``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fazhi.extract.model import MetricRule

_FAMILY = {"case": "count", "count": "count"}


@dataclass(frozen=True, slots=True)
class _Rule:
    metric_id: str
    family: str | None
    subject: re.Pattern[str] | None
    action: re.Pattern[str] | None


class Taxonomy:
    """Compiled taxonomy rows; ``match`` is a pure function of its arguments.

    Rows are grouped by kind family so a fact only meets the rows of its own
    kind; a combined regex of the group's subject patterns skips the row loop
    for the many facts no row can match. Results are memoised per instance.
    """

    def __init__(self, rules: Sequence[MetricRule]) -> None:
        self._by_family: dict[str | None, list[_Rule]] = {}
        compiled = []
        for r in rules:
            fam = _FAMILY.get(r.kind, r.kind) if r.kind else None
            compiled.append(_Rule(r.metric_id, fam,
                                  re.compile(r.subject_pattern) if r.subject_pattern else None,
                                  re.compile(r.action_pattern) if r.action_pattern else None))
        families = {c.family for c in compiled if c.family} | {"count", "rate", "change", "amount", "duration"}
        self._gate: dict[str, re.Pattern[str] | None] = {}
        for fam in families:
            rows = [c for c in compiled if c.family in (fam, None)]
            self._by_family[fam] = rows
            self._gate[fam] = _combined([r.subject.pattern for r in rows if r.subject is not None]) \
                if rows and all(r.subject is not None for r in rows) else None
        self._memo: dict[tuple[str, str, str], str | None] = {}

    def match(self, kind: str, subject: str | None, action: str | None) -> str | None:
        """The first row's metric id that fits, else None."""
        fam = _FAMILY.get(kind, kind)
        key = (fam, subject or "", action or "")
        if key in self._memo:
            return self._memo[key]
        found = self._match(fam, key[1], key[2])
        self._memo[key] = found
        return found

    def _match(self, fam: str, subject: str, action: str) -> str | None:
        rows = self._by_family.get(fam)
        if not rows:
            return None
        gate = self._gate.get(fam)
        if gate is not None and not gate.search(subject):
            return None
        for r in rows:
            if r.subject is not None and not r.subject.search(subject):
                continue
            if r.action is not None and not r.action.search(action):
                continue
            return r.metric_id
        return None


def _combined(patterns: list[str]) -> re.Pattern[str] | None:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:   # e.g. two rows reuse a group name: no shortcut, rows are still tried one by one
        return None


def compile_taxonomy(rules: Sequence[MetricRule] | Taxonomy) -> Taxonomy:
    """A ``Taxonomy`` for the rows (returned unchanged when already compiled)."""
    return rules if isinstance(rules, Taxonomy) else Taxonomy(rules)
