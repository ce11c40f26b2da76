"""Every planted violation is caught, with its severity and its sentence; the clean samples pass.

The assertions read what the run stored in dq.check_results / dq.check_failures.
"""
from __future__ import annotations

from datetime import date

import pytest

from fazhi import checks
from fazhi.config import SAMPLES_DIR

from .corpus import CONSISTENT, PLANTED, REPORTS

SAMPLE_DOCS = {p.name for p in SAMPLES_DIR.iterdir()}
# The one contradiction the samples carry on purpose (办结 71 > 受理 64).
SAMPLE_ERROR = ("closed_le_received", "donghu_justice_bureau_2023.txt")


def failures(con, run_id: str) -> list[tuple]:
    return con.execute("""select check_name, severity, doc, metric, detail, sentence, span_start, span_end
                          from dq.check_failures where run_id = ?""", [run_id]).fetchall()


@pytest.mark.parametrize("planted", PLANTED, ids=lambda p: f"{p.check}-{p.doc}")
def test_planted_violation_is_caught_with_its_sentence(planted_run, read_only, planted):
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    found = [r for r in rows if r[0] == planted.check and r[2] == planted.doc]
    assert found, f"{planted.check} did not flag {planted.doc}: {rows}"
    assert {r[1] for r in found} == {planted.severity}
    assert any(planted.sentence in (r[5] or "") for r in found), found


def test_errors_are_exactly_the_planted_ones(planted_run, read_only):
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    errors = {(r[0], r[2]) for r in rows if r[1] == "error"}
    planted = {(p.check, p.doc) for p in PLANTED if p.severity == "error"}
    assert errors == planted | {SAMPLE_ERROR}


def test_clean_samples_raise_no_error(planted_run, read_only):
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    sample_errors = {(r[0], r[2]) for r in rows if r[1] == "error" and r[2] in SAMPLE_DOCS}
    assert sample_errors == {SAMPLE_ERROR}


def test_consistent_statements_raise_nothing(planted_run, read_only):
    """Shares that fit 受理 or 收到, closed > received with 上年结转 stated, a 同比 change of 200%,
    a part's own part in brackets: none of them is an alarm."""
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    assert [r for r in rows if r[2] in CONSISTENT] == []


def test_case_stages_read_accepted_carried_over_and_corrected_parts(planted_run, read_only):
    con = read_only(planted_run.warehouse)
    rows = dict(con.execute("""select doc, (received, carried_over, closed, corrected) from quality.qa_case_stages
                               where doc in ('shiqiao_town_2023.txt', 'dongpo_county_2023.txt')""").fetchall())
    assert rows == {"shiqiao_town_2023.txt": (70, 0, 80, None), "dongpo_county_2023.txt": (60, 8, 66, 5)}


def test_a_part_after_a_closed_bracket_counts_and_one_inside_it_does_not(planted_run, read_only):
    """莲花县: 90件，其中刑事案件50件（含未成年人案件5件）、民事案件40件. The 40 follows a bracket
    opened and closed after the total (a part of it); the 5 stands inside one (the 50's own)."""
    con = read_only(planted_run.warehouse)
    rows = con.execute("""select parts_sum, parts, parts_sum_to_total from quality.qa_part_totals
                          where doc = 'lianhua_county_2023.txt' and total = 90""").fetchall()
    assert rows == [(90, 2, True)]


def test_a_rate_row_names_its_nearest_base(planted_run, read_only):
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    (share,) = [r for r in rows if r[0] == "stated_rate_fits_a_base" and "42%" in r[5]]
    assert "stated_pct=42" in share[4] and "count_value=9" in share[4] and "matched_base=∅" in share[4]
    assert REPORTS["xiaoxi_town_2023.txt"][share[6]:share[7]] == "42%"


def test_failure_rows_carry_values_and_number_span(planted_run, read_only):
    rows = failures(read_only(planted_run.warehouse), planted_run.summary.run_id)
    (closed,) = [r for r in rows if r[0] == "closed_le_received" and r[2] == "qingchuan_county_2023.txt"]
    assert closed[3] == "admin_reconsideration" and closed[4] == "received=40, closed=52"
    text = REPORTS["qingchuan_county_2023.txt"]
    assert text[closed[6]:closed[7]] == "52件"  # the span points at the closed count in the report
    (rate,) = [r for r in rows if r[0] == "stated_rate_matches_counts" and r[2] == "baishui_town_2023.txt"]
    assert "stated_pct=21.08" in rate[4] and "computed_pct=16.06" in rate[4]
    (jump,) = [r for r in rows if r[0] == "metric_jump_le_tenfold"]
    assert "previous_value=12" in jump[4] and "value=150" in jump[4] and "ratio=12.5" in jump[4]


def test_last_years_figure_is_checked_against_last_years_report(planted_run, read_only):
    """云杉镇 2023 says 上年为110件 and 60场 up 20% (50): its 2022 report said 100件 and 40场.
    Its other statements agree (96 = 120 − 24; 352 / 300 = +17.3 % stated as 17%; 540件 of
    500起 = +8%; 95% − 5 points = 90%); 杉溪镇's 2022 figures are another issuer's, and
    柏溪镇 has no report of 2022: none of them is a row that fails."""
    con = read_only(planted_run.warehouse)
    rows = [r for r in failures(con, planted_run.summary.run_id) if r[0] == "matches_last_years_report"]
    text = REPORTS["yunshan_town_2023.txt"]
    flagged = sorted((r[2], r[3], text[r[6]:r[7]]) for r in rows)
    assert flagged == [("yunshan_town_2023.txt", "admin_reconsideration.received", "110件"),
                       ("yunshan_town_2023.txt", "law_popularisation.activities", "20%")]
    (received,) = [r for r in rows if r[3] == "admin_reconsideration.received"]
    assert "previous_value=100" in received[4] and "previous_year=2022" in received[4]
    assert "云杉镇人民政府2022年度法治政府建设情况报告" in received[4] and "yunshan_town_2022.txt" in received[4]
    (activities,) = [r for r in rows if r[3] == "law_popularisation.activities"]
    assert "previous_value=40" in activities[4] and "previous_low=49.7925" in activities[4]
    compared = dict(con.execute("""select number_text, matches_last_year from quality.qa_year_over_year
                                   where doc = 'yunshan_town_2023.txt'""").fetchall())
    assert compared == {"110件": False, "24件": True, "17%": True, "8%": True, "5个百分点": True, "20%": False}
    assert con.execute("""select count(*) from quality.qa_year_over_year
                          where doc <> 'yunshan_town_2023.txt'""").fetchone()[0] == 0
    # 柏溪镇 states last year's figures too: no row only because its issuer has no 2022 report
    assert con.execute("""select list(number_text order by start_offset) from intermediate.int_last_year_claims
                          join dim_reports using (report_id) where doc = 'baixi_town_2023.txt'""").fetchone()[0] == [
        "60件", "25%"]


def test_every_check_is_stored_with_its_counts(planted_run, read_only):
    con = read_only(planted_run.warehouse)
    run_id = planted_run.summary.run_id
    stored = con.execute("""select check_name, severity, table_name, rows_checked, rows_failing, success
                            from dq.check_results where run_id = ?""", [run_id]).fetchall()
    names = [c.check_name for c in planted_run.summary.checks]
    assert sorted(r[0] for r in stored) == sorted(names) and len(set(names)) == len(names)
    expected = {
        "rate_within_0_100", "closed_le_received", "corrected_le_closed", "parts_le_total",
        "stated_rate_matches_counts", "report_has_facts", "report_year_in_range", "metric_jump_le_tenfold",
        "fact_has_report", "fact_has_span", "fact_has_sentence", "fact_key_unique",
        "stated_rate_fits_a_base", "closed_le_received_in_sentence", "parts_sum_to_total",
        "matches_last_years_report",
    }
    assert expected <= set(names)
    per_check = dict(con.execute("""select check_name, count(*) from dq.check_failures where run_id = ?
                                    group by check_name""", [run_id]).fetchall())
    for name, severity, table, checked, failing, success in stored:
        assert severity in ("error", "warning") and table
        assert checked > 0, name
        assert failing == per_check.get(name, 0) and success == (failing == 0), name


def test_severities_follow_the_suites(planted_run):
    severity = {c.check_name: c.severity for c in planted_run.summary.checks}
    assert {n for n, s in severity.items() if s == "warning"} == {
        "stated_rate_matches_counts", "report_has_facts", "report_year_in_range", "metric_jump_le_tenfold",
        "stated_rate_fits_a_base", "parts_sum_to_total", "matches_last_years_report"}


def test_this_year_is_taken_at_run_time(planted_run):
    suites = [s for s in checks.load_suites() if s["name"] == "dim_reports"]
    assert checks.run_parameters(date(2031, 5, 1)) == {"this_year": 2031}
    assert checks.run_parameters() == {"this_year": date.today().year}
    in_2099 = checks.validate(planted_run.warehouse, suites, today=date(2099, 12, 31))
    (years,) = [r for r in in_2099 if r.check_name == "report_year_in_range"]
    assert {f.doc for f in years.failures} == {"nanshan_county_1999.txt"}
    in_2022 = checks.validate(planted_run.warehouse, suites, today=date(2022, 6, 1))
    (years,) = [r for r in in_2022 if r.check_name == "report_year_in_range"]
    assert {"hexi_district_2099.txt", "nanshan_county_1999.txt", "qingchuan_county_2023.txt"} <= {
        f.doc for f in years.failures}


def test_a_defined_rate_is_compared_with_every_base(planted_run, read_only):
    """纠错率 12 / 受理 64 = 18.75 % fits 18.5 % though 12 / 办结 71 does not; 35 / 218 fits no base."""
    con = read_only(planted_run.warehouse)
    rows = dict(con.execute("""select doc, (matched_base, gap_points <= 0.5) from quality.qa_rate_consistency
                               where doc in ('donghu_justice_bureau_2023.txt', 'baishui_town_2023.txt')""").fetchall())
    assert rows == {"donghu_justice_bureau_2023.txt": ("admin_reconsideration.received", True),
                    "baishui_town_2023.txt": (None, False)}


def test_disclosure_score_counts_the_core_indicators_a_report_states(planted_run, read_only):
    """baishui states 办结 and 纠错率 of the 8 core indicators; songlin states none."""
    con = read_only(planted_run.warehouse)
    rows = dict(con.execute("""select doc, (disclosure_stated, disclosure_score, disclosure_missing) from dim_reports
                               where doc in ('baishui_town_2023.txt', 'songlin_street_2023.txt')""").fetchall())
    stated, score, missing = rows["baishui_town_2023.txt"]
    assert (stated, score) == (2, 0.25)
    assert "行政复议受理" in missing and "行政复议办结" not in missing and "行政复议纠错率" not in missing
    assert rows["songlin_street_2023.txt"][:2] == (0, 0)
    assert len(rows["songlin_street_2023.txt"][2].split("、")) == 8


def test_report_shows_the_least_disclosed_reports(planted_run):
    html = planted_run.summary.report_path.read_text(encoding="utf-8")
    table = html[html.index('id="disclosure-lowest"'):]
    table = table[:table.index("</table>")]
    assert "songlin_street_2023.txt" in table and "0%" in table
