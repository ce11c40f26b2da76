"""Checks proportional to the change: a run checks the rows of the reports it touched and
carries the other reports' failing rows forward from the run before.

One copy of the session's planted warehouse goes through three more real runs: two
new reports land (only the rows involving them are checked: an untouched report's
tenfold jump now compares with the nearer figure of one of them and is fixed; every
other old failure stays open), then a report is taken out (its failures are fixed),
then a full refresh checks every row again.
"""
from __future__ import annotations

import pytest

from fazhi.news import News, status_rows

from .conftest import Run, _run_with_env, planted_copy_with_inbox

pytestmark = pytest.mark.filterwarnings("ignore:Logger 'fazhi.mail' attempted to send logs:UserWarning")

# An invented town whose report contradicts itself once (办结 above 受理).
NEW_REPORT = ("柳塘镇人民政府2023年度法治政府建设情况报告\n\n一、主要工作\n（一）化解行政争议。"
              "全年受理行政复议案件18件，办结23件。\n（二）普法宣传。开展法治讲座9场。\n")
REMOVED = "qingchuan_county_2023.txt"
# A second 2023 report of the county whose 2024 report jumps tenfold from the first one's
# figure (12 → 150 活动): its own figure (140) is the nearer, so the 2024 report's row, though
# that report is untouched, compares with the new one, is checked again and passes.
SECOND_2023 = ("青川县人民政府2023年度法治政府建设工作情况\n\n一、普法工作\n全年开展法治宣传活动140场，"
               "覆盖全县各乡镇。\n")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, pipeline_runner, planted_run) -> dict[str, Run]:
    _, warehouse, inbox = planted_copy_with_inbox(tmp_path_factory, planted_run, "scope", {
        "liutang_town_2023.txt": NEW_REPORT, "qingchuan_county_2023_b.txt": SECOND_2023})
    quiet = {"FAZHI_SMTP_HOST": "", "FAZHI_MAIL_TO": ""}
    added = _run_with_env(pipeline_runner, [inbox], warehouse, quiet)
    removed = _run_with_env(lambda p, w: pipeline_runner(p, w, remove=[REMOVED]), [], warehouse, quiet)
    refreshed = _run_with_env(lambda p, w: pipeline_runner(p, w, full_refresh=True), [], warehouse, quiet)
    return {name: Run(s, warehouse, inbox, []) for name, s in
            (("added", added), ("removed", removed), ("refreshed", refreshed))}


def checked(con, run_id: str) -> dict[str, int]:
    return dict(con.execute("select check_name, rows_checked from dq.check_results where run_id = ?",
                            [run_id]).fetchall())


def test_the_new_reports_are_the_only_ones_checked(runs, read_only):
    con = read_only(runs["added"].warehouse)
    rows = checked(con, runs["added"].summary.run_id)
    new_facts = con.execute("""select count(*) from fct_facts
                               where doc in ('liutang_town_2023.txt', 'qingchuan_county_2023_b.txt')""").fetchone()[0]
    assert rows["report_has_facts"] == 2
    assert rows["fact_has_span"] == new_facts > 0
    assert con.execute("select count(*) from dim_reports").fetchone()[0] > 10


def test_old_failures_stay_open_and_the_new_one_is_new(runs, planted_run):
    s = runs["added"].summary
    assert s.news == News(new=1, open=planted_run.summary.news.new - 1, fixed=1, acked=0)
    from fazhi.warehouse import connect

    with connect(runs["added"].warehouse, read_only=True) as con:
        stored = con.execute("""select doc, check_name, status, detail from dq.check_failures
                                where run_id = ? and check_name = 'closed_le_received' order by doc""",
                             [s.run_id]).fetchall()
    assert ("liutang_town_2023.txt", "closed_le_received", "new", "received=18, closed=23") in stored
    assert (REMOVED, "closed_le_received", "open", "received=40, closed=52") in stored


def test_an_untouched_reports_row_comparing_with_a_touched_report_is_checked_again(runs, read_only):
    con = read_only(runs["added"].warehouse)
    rows = status_rows(con, runs["added"].summary.run_id)
    jumps = {r["status"] for r in rows if (r["doc"], r["check"]) == ("qingchuan_county_2024.txt", "metric_jump_le_tenfold")}
    assert jumps == {"fixed"}
    # (read after all three runs: the first 2023 report is gone by then, the second still compared)
    compared = con.execute("""select count(*) from quality.qa_metric_jumps where doc = 'qingchuan_county_2024.txt'
                              and previous_doc = 'qingchuan_county_2023_b.txt'""").fetchone()[0]
    assert compared >= 1, "the second 2023 report is not compared: this test no longer tests anything"


def test_counts_and_the_report_include_the_carried_rows(runs, planted_run, read_only):
    con = read_only(runs["added"].warehouse)
    before = dict(con.execute("""select check_name, rows_failing from dq.check_results where run_id = ?""",
                              [planted_run.summary.run_id]).fetchall())
    now = dict(con.execute("""select check_name, rows_failing from dq.check_results where run_id = ?""",
                           [runs["added"].summary.run_id]).fetchall())
    assert now == {**before, "closed_le_received": before["closed_le_received"] + 1,
                   "metric_jump_le_tenfold": before["metric_jump_le_tenfold"] - 1}
    page = runs["added"].summary.report_path.read_text(encoding="utf-8")
    assert "shiqiao_town_2023.txt" in page and "liutang_town_2023.txt" in page


def test_a_removed_report_and_the_rows_comparing_with_it_are_fixed(runs, read_only):
    con = read_only(runs["removed"].warehouse)
    run_id = runs["removed"].summary.run_id
    rows = status_rows(con, run_id)
    fixed = {(r["doc"], r["check"]) for r in rows if r["status"] == "fixed"}
    assert (REMOVED, "closed_le_received") in fixed
    still = {(r["doc"], r["check"]) for r in rows if r["status"] != "fixed"}
    assert REMOVED not in {doc for doc, _ in still}
    # the 2024 report's figure compares with the second 2023 report's, as before the removal
    assert ("qingchuan_county_2024.txt", "metric_jump_le_tenfold") not in still
    assert ("shiqiao_town_2023.txt", "closed_le_received") in still
    assert runs["removed"].summary.news.new == 0


def test_a_run_stores_the_rows_it_checked_and_extends_the_open_ones(runs, planted_run, read_only):
    """The rows a run did not check again are not copied into it: each is stored once, with the
    last run it was failing in (copied, they grew the warehouse by every open row each night)."""
    con = read_only(runs["removed"].warehouse)
    run_id = runs["removed"].summary.run_id
    listed = con.execute("select count(*) from dq.check_failures where run_id = ?", [run_id]).fetchone()[0]
    stored = con.execute("select count(*) from dq.failing_rows where run_id = ?", [run_id]).fetchone()[0]
    extended = con.execute("""select count(*) from dq.failing_rows
                              where run_id < $run and through_run_id >= $run""", {"run": run_id}).fetchone()[0]
    assert listed == stored + extended and extended > stored
    # a row open since the planted run is one stored row, listed in each of the runs since
    key = con.execute("""select failure_key from dq.check_failures
                         where run_id = ? and doc = 'shiqiao_town_2023.txt' and check_name = 'closed_le_received'""",
                      [planted_run.summary.run_id]).fetchone()[0]
    runs_listed = [r for (r,) in con.execute("select run_id from dq.check_failures where failure_key = ? "
                                             "and run_id <= ? order by run_id", [key, run_id]).fetchall()]
    assert runs_listed == [planted_run.summary.run_id, runs["added"].summary.run_id, run_id]
    assert con.execute("select count(*) from dq.failing_rows where failure_key = ? and run_id <= ?",
                       [key, run_id]).fetchone()[0] == 1


def test_a_full_refresh_checks_every_row_and_finds_the_same_failures(runs, read_only):
    con = read_only(runs["refreshed"].warehouse)
    run_id = runs["refreshed"].summary.run_id
    rows = checked(con, run_id)
    assert rows["report_has_facts"] == con.execute("select count(*) from dim_reports").fetchone()[0]
    assert rows["fact_has_span"] == con.execute("select count(*) from fct_facts").fetchone()[0]
    s = runs["refreshed"].summary
    assert s.news.new == 0 and s.news.fixed == 0
    assert s.news.open == runs["removed"].summary.news.open


def test_a_run_that_touched_nothing_names_every_check_without_checking(planted_run):
    from fazhi import checks
    from fazhi.check_scope import Scope

    everything = checks.validate(planted_run.warehouse)
    nothing = checks.validate(planted_run.warehouse, scope=Scope(False, "nothing touched"))
    assert [(r.check_name, r.severity, r.table_name, r.description) for r in nothing] == [
        (r.check_name, r.severity, r.table_name, r.description) for r in everything]
    assert {(r.rows_checked, r.rows_failing, r.scoped) for r in nothing} == {(0, 0, True)}
