"""The data the extractor hands to dbt: facts and metric rules."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricRule:
    """One row of the metric taxonomy seed (dbt/seeds/metric_taxonomy.csv)."""

    metric_id: str
    name_zh: str
    kind: str
    subject_pattern: str
    action_pattern: str
    description: str = ""


@dataclass(frozen=True)
class Fact:
    """One numeric fact: ``number_text == text[start:end]``.

    value is normalised (1.5万件 -> 15000, 98% -> 98, 下降6.4% -> -6.4);
    kind is case|rate|change|amount|duration|count; qualifier is None,
    at_least, approx or at_most; sentence is the ordinal of the sentence
    holding the number; part_of is the start offset of the total this fact
    is a part of (其中 lists); respectively marks 分别/均 spreads; prior_of
    is the start offset of this year's figure that this fact gives last
    year's value of (上年为100件) or the year-on-year change of (同比增长20%).
    """

    start: int
    end: int
    number_text: str
    value: float
    unit: str | None
    kind: str
    qualifier: str | None
    subject: str | None
    action: str | None
    metric: str | None
    sentence: int
    respectively: bool = False
    part_of: int | None = None
    prior_of: int | None = None
