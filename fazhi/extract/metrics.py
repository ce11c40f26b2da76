"""Metric labels: a fact's kind, subject and action matched against the taxonomy rows.

Third step of extraction (after ``attribute.py``). How a row of
dbt/seeds/metric_taxonomy.csv matches a fact:

* rows are tried in file order and the first row that matches gives the
  metric id, so a specific row goes above a general one;
* ``kind`` must equal the fact's kind, except that ``case`` and ``count`` are
  one family (a stage of disputes may be written 2万次 or 150件); an empty
  kind matches a fact of any kind;
* ``subject_pattern`` is a Python regular expression searched (``re.search``:
  anywhere, unless it says ^ or $) in the fact's subject phrase;
* ``action_pattern`` likewise in the fact's action verb, read as "" when the
  fact has none (so ``^$`` means "no verb" and ``^(?!.*引发)`` "not 引发");
* an empty pattern matches anything;
* a row whose subject pattern is ``(?!)`` (``NO_PROSE``) matches nothing
  here: its facts are labelled by the table reader (the cells of the
  政府信息公开 form, ``template.py``); the row gives their id a column.

Facts marked as an illustrative episode or an earlier period's figure, and a
part whose total carries the same metric, get no metric (see ``report.py``).

Speed: rows are grouped by kind family, and one regex joining a family's
subject patterns skips the row loop for the many facts no row can match.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from fazhi.extract.model import MetricRule

_FAMILY = {"case": "count", "count": "count"}
NO_PROSE = "(?!)"
_FAMILIES = ("count", "rate", "change", "amount", "duration")


@dataclass(frozen=True, slots=True)
class _Row:
    metric_id: str
    subject: re.Pattern[str] | None
    action: re.Pattern[str] | None


class _Family:
    """The rows that may label facts of one kind family, in priority order."""

    def __init__(self, rows: list[_Row]) -> None:
        # (metric id, subject search, action search), bound once; None = any
        self.rows = [(r.metric_id, r.subject.search if r.subject is not None else None,
                      r.action.search if r.action is not None else None) for r in rows]
        self.gate = None
        if rows and all(r.subject is not None for r in rows):
            try:
                self.gate = re.compile("|".join(f"(?:{r.subject.pattern})" for r in rows if r.subject is not None)).search
            except re.error:   # rows reuse a group name: no shortcut, rows are tried one by one
                self.gate = None

    def match(self, subject: str, action: str) -> str | None:
        if self.gate is not None and self.gate(subject) is None:
            return None
        for metric_id, subject_ok, action_ok in self.rows:
            # the action is short: test it first
            if (action_ok is None or action_ok(action)) and (subject_ok is None or subject_ok(subject)):
                return metric_id
        return None


class Taxonomy:
    """Compiled taxonomy rows; ``match`` is a pure function of its arguments.

    Results are memoised per instance, so one instance serves one call of
    ``extract_report`` (or several, when a caller compiles it once).
    """

    def __init__(self, rules: Sequence[MetricRule]) -> None:
        rows: list[tuple[str | None, _Row]] = []
        for r in rules:
            if r.subject_pattern == NO_PROSE:
                continue
            fam = _FAMILY.get(r.kind, r.kind) if r.kind else None
            rows.append((fam, _Row(r.metric_id,
                                   re.compile(r.subject_pattern) if r.subject_pattern else None,
                                   re.compile(r.action_pattern) if r.action_pattern else None)))
        kinds = set(_FAMILIES) | {f for f, _ in rows if f}
        self._families = {k: _Family([row for f, row in rows if f in (k, None)]) for k in kinds}
        self._memo: dict[tuple[str, str | None, str | None], str | None] = {}

    def match(self, kind: str, subject: str | None, action: str | None) -> str | None:
        """The first row's metric id that fits, else None."""
        key = (kind, subject, action)   # as given: the memo is looked up far more often than filled
        found: object = self._memo.get(key, self)
        if found is self:
            family = self._families.get(_FAMILY.get(kind, kind))
            found = family.match(subject or "", action or "") if family is not None else None
            self._memo[key] = found
        return cast("str | None", found)


def compile_taxonomy(rules: Sequence[MetricRule] | Taxonomy) -> Taxonomy:
    """A ``Taxonomy`` for the rows (returned unchanged when already compiled)."""
    return rules if isinstance(rules, Taxonomy) else Taxonomy(rules)
