"""A figure is compared with the nearest figure of its body's year before (qa_metric_jumps):
one row a figure, however many reports the body published that year.

A copy of the planted warehouse gets a second 2023 report of 青川县人民政府 (an invented
information-disclosure report) stating 140 法治宣传 activities. Its 2024 report states 150;
the planted 2023 report states 12, the tenfold jump the planted corpus alarms on.
"""
from __future__ import annotations

import pytest

from .conftest import _run_with_env, planted_copy_with_inbox

pytestmark = pytest.mark.filterwarnings("ignore:Logger 'fazhi.mail' attempted to send logs:UserWarning")

QUIET = {"FAZHI_SMTP_HOST": "", "FAZHI_MAIL_TO": ""}
SECOND = "qingchuan_county_2023_disclosure.txt"
SECOND_TEXT = ("青川县人民政府2023年度政府信息公开工作年度报告\n\n一、总体情况\n"
               "2023年，青川县扎实推进政务公开工作。全年开展法治宣传活动140场。\n"
               "二、存在的不足\n公开内容还不够全面。\n")
LATER = "qingchuan_county_2024.txt"


@pytest.fixture(scope="module")
def jumped(tmp_path_factory, pipeline_runner, planted_run):
    """The 2024 report's rows in qa_metric_jumps, and its failing jump checks, after the run."""
    import duckdb

    _, warehouse, inbox = planted_copy_with_inbox(tmp_path_factory, planted_run, "metric_jumps", {SECOND: SECOND_TEXT})
    summary = _run_with_env(pipeline_runner, [inbox], warehouse, QUIET)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""select metric, previous_doc, previous_value, value, ratio
                              from quality.qa_metric_jumps where doc = ? order by all""", [LATER]).fetchall()
        metric = con.execute("select metric from fct_facts where doc = ? and number_text = '140场'",
                             [SECOND]).fetchone()[0]
    failing = [f for c in summary.checks if c.check_name == "metric_jump_le_tenfold" for f in c.failures
               if f.doc == LATER]
    return rows, metric, failing


def test_the_second_report_states_the_same_metric(jumped):
    rows, metric, _ = jumped
    assert metric is not None and metric in {r[0] for r in rows}


def test_a_figure_has_one_row_with_the_nearest_figure_of_the_year_before(jumped):
    rows, metric, _ = jumped
    assert [r for r in rows if r[0] == metric] == [(metric, SECOND, 140.0, 150.0, 1.07)]


def test_no_jump_is_alarmed_when_a_report_of_the_year_before_is_near(jumped):
    _, _, failing = jumped
    assert failing == []
