"""Last year's figures and year-on-year changes point at this year's figure they speak of.

The extractor links a figure stated as the previous period's (上年为…, 去年同期…, 由…增至)
and a change against last year (同比…, 比上年…) to the figure of this year in its
sentence (``Fact.prior_of``); quality.int_last_year_claims reads the link. Each row
names the layout it guards; sentences are written for these tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def links(text: str) -> dict[str, str | None]:
    """number_text -> number_text of the figure it is last year's value or change of."""
    text = normalize(text)
    facts = extract_report(text, split_sentences(text), TAXONOMY)
    by_start = {f.start: f.number_text for f in facts}
    return {f.number_text: by_start.get(f.prior_of) if f.prior_of is not None else None for f in facts}


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("全年受理行政复议案件86件，上年为71件。", {"86件": None, "71件": "86件"}, id="earlier-figure"),
    pytest.param("全年受理行政复议案件86件（上年同期为71件）。", {"86件": None, "71件": "86件"}, id="earlier-in-brackets"),
    pytest.param("全年受理行政复议案件86件，去年同期受理71件。", {"86件": None, "71件": "86件"},
                 id="clause-opens-with-last-year"),
    pytest.param("全年受理行政复议案件由71件增至86件。", {"71件": "86件", "86件": None}, id="from-to"),
    pytest.param("全年办理行政处罚案件412件，同比增长16%。", {"412件": None, "16%": "412件"}, id="percent-change"),
    pytest.param("全年办理行政处罚案件412件，比上年减少37件。", {"412件": None, "37件": "412件"},
                 id="absolute-change"),
    pytest.param("行政机关负责人出庭应诉率为97%，同比提高4个百分点。", {"97%": None, "4个百分点": "97%"},
                 id="points-of-a-rate"),
    pytest.param("全年受理行政复议案件86件、办结80件，同比分别增长12%、9%。",
                 {"86件": None, "80件": None, "12%": "86件", "9%": "80件"}, id="respectively-in-order"),
    pytest.param("全年受理行政复议案件86件，另有上年结转5件。", {"86件": None, "5件": None},
                 id="carried-over-is-not-last-years-figure"),
    pytest.param("全年受理行政复议案件86件，环比增长12%。", {"86件": None, "12%": None}, id="month-on-month-is-not"),
    pytest.param("全年受理行政复议案件86件，较2019年增长12%。", {"86件": None, "12%": None}, id="named-year-is-not"),
    pytest.param("全年办结行政复议案件80件，办结率93%，同比提高2%。", {"80件": None, "93%": None, "2%": None},
                 id="percent-change-of-a-rate-is-ambiguous"),
    pytest.param("全年受理行政复议案件86件，涉及群众120人，上年为71件。", {"86件": None, "120人": None, "71件": None},
                 id="nearest-figure-must-share-the-unit"),
    pytest.param("全年受理行政复议案件86件，增长12%。", {"86件": None, "12%": None}, id="no-comparison-named"),
])
def test_last_years_figure_points_at_this_years(sentence, expected):
    assert links(sentence) == expected


def test_links_survive_a_view_with_dropped_characters():
    """A space inside a number (PDF layout) shifts the view; the link is in report offsets."""
    text = "全年办理行政处罚案件4 120件，同比增长3%。"
    facts = extract_report(text, split_sentences(text), TAXONOMY)
    (change,) = [f for f in facts if f.kind == "change"]
    assert text[change.prior_of:].startswith("4 120件")
