"""The HTML report of a run: what it says, that report text stays text, and how a browser shows it."""
from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from fazhi import checks
from fazhi.checks import Failure
from fazhi.report import highlight

from .conftest import fazhi
from .corpus import PLANTED, SCRIPT


def html_of(run) -> str:
    return run.summary.report_path.read_text(encoding="utf-8")


def test_report_is_written_per_run_and_as_latest(planted_run):
    path = planted_run.summary.report_path
    assert path == planted_run.warehouse.parent / "reports" / f"{planted_run.summary.run_id}.html"
    assert (path.parent / "latest.html").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_report_has_summary_and_a_table_per_failing_check(planted_run):
    html, s = html_of(planted_run), planted_run.summary
    assert f"fazhi data quality: {s.verdict}" in html
    assert re.search(r"Error checks failed</th><td[^>]*>4<", html)
    assert re.search(r"Warning checks failed</th><td[^>]*>7<", html)
    for c in s.checks:
        assert (f'id="check-{c.check_name}"' in html) == (not c.success), c.check_name
    for p in PLANTED:
        assert p.doc in html


def test_report_quotes_sentences_with_the_number_marked(planted_run):
    html = html_of(planted_run)
    assert "全年受理行政复议案件40件，办结<mark>52件</mark>。" in html
    assert "全年办理行政处罚案件<mark>60件</mark>，其中简易程序案件45件，普通程序案件30件。" in html


def test_markup_in_a_report_stays_text(planted_run):
    html = html_of(planted_run)
    assert "<script" not in html.lower()
    escaped = "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"
    assert f"出庭应诉率达到<mark>105%</mark>{escaped}。" in html
    assert unescape(escaped) == SCRIPT


def test_report_lists_the_ingest_errors_of_the_run(planted_run):
    html = html_of(planted_run)
    section = html[html.index("Ingest errors of this run"):]
    assert "qingchuan_county_2022.doc" in section and "not a Word binary (.doc)" in section


def test_report_has_a_chart_of_failures_per_report_as_table_bars(planted_run):
    html = html_of(planted_run)
    chart = html[html.index('<table id="chart"'):]
    chart = chart[:chart.index("</table>")]
    labels = re.findall(r'title="([^"]+\.txt)"', chart)
    assert set(labels) == {p.doc for p in PLANTED} | {"donghu_justice_bureau_2023.txt"}
    assert "<svg" not in html.lower() and "http" not in chart


def test_report_is_mail_safe_and_in_chinese_first(planted_run):
    """No SVG, no style sheet, no links at all (relative ones are dead in a mail client); failures
    come before the summary; reports are named by issuer, year and title beside the file."""
    html = html_of(planted_run)
    assert "<svg" not in html.lower() and "<style" not in html.lower() and "href=" not in html.lower()
    s = planted_run.summary
    assert f"数据质量：{s.news.new} 个新问题（共 {s.news.unresolved} 个未解决）· 19 份报告" in html
    assert html.index('id="check-') < html.index('id="summary"')
    assert "《青川县人民政府2023年度法治政府建设情况报告》<br>" in html and "qingchuan_county_2023.txt" in html
    passing = html[html.index('id="passing"'):]
    assert "fact_key_unique" in passing[:passing.index("</p>")]


def test_report_names_the_runs_data_docs(planted_run):
    html = html_of(planted_run)
    link = re.search(r'<p id="data-docs".*?<code>([^<]+)</code>', html).group(1)
    assert not link.startswith(("/", "file:", "http"))
    index = planted_run.summary.report_path.parent / link
    assert index.is_file()
    pages = {p.name for p in (index.parent / "validations").rglob("*.html")}
    assert len(pages) == len(checks.load_suites())  # one validation per suite
    assert "pwned" not in index.read_text(encoding="utf-8")


@pytest.mark.parametrize("span, expected", [
    ((5, 8), ("受理", "40件", "，办结52件。")),      # inside the sentence
    ((3, 5), ("", "受理", "40件，办结52件。")),      # at its start
    ((14, 15), ("受理40件，办结52件", "。", "")),    # at its end
    ((2, 5), None),                                  # starts before the sentence
    ((14, 16), None),                                # runs past its end
    ((None, None), None),                            # no span
])
def test_highlight_only_inside_the_sentence(span, expected):
    f = Failure("r", "d.txt", None, "", "受理40件，办结52件。", span[0], span[1], sentence_start=3)
    assert highlight(f) == expected


def test_report_command_prints_the_runs_path(planted_run):
    out = fazhi("report", "--warehouse", str(planted_run.warehouse))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(planted_run.summary.report_path)


def test_report_command_rerenders_a_missing_report_from_the_warehouse(planted_run, copy_of, tmp_path):
    warehouse = copy_of(planted_run, tmp_path)
    original = planted_run.summary.report_path
    moved = tmp_path / "moved.html"
    shutil.move(original, moved)
    try:
        out = fazhi("report", "--run", planted_run.summary.run_id, "--warehouse", str(warehouse))
    finally:
        shutil.move(moved, original)
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path == warehouse.parent / "reports" / f"{planted_run.summary.run_id}.html"
    html = path.read_text(encoding="utf-8")
    assert f"fazhi data quality: {planted_run.summary.verdict}" in html
    assert "全年受理行政复议案件40件，办结<mark>52件</mark>。" in html
    assert "<script" not in html.lower() and "&lt;script&gt;" in html
    assert "qingchuan_county_2022.doc" in html


def test_report_command_names_an_unknown_run(planted_run):
    out = fazhi("report", "--run", "no-such-run", "--warehouse", str(planted_run.warehouse))
    assert out.returncode == 2 and "no-such-run" in out.stderr


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium")
    if binary is None:
        pytest.fail("chromium is not installed: run `make chromium`", pytrace=False)
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


def test_report_in_a_browser(planted_run, tmp_path):
    """Headless Chromium renders the summary, runs no planted script, and takes a screenshot."""
    page = planted_run.summary.report_path.as_uri()
    dom = _chromium("--dump-dom", page, profile=tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr
    text = re.sub(r"<[^>]+>", " ", dom.stdout)
    assert f"fazhi data quality: {planted_run.summary.verdict}" in text
    assert re.search(r"Error checks failed\s+4\b", text) and re.search(r"Warning checks failed\s+7\b", text)
    assert "<title>fazhi 数据质量" in dom.stdout and "<script" not in dom.stdout.lower()

    shot = tmp_path / "warehouse" / "reports" / "report.png"
    shot.parent.mkdir(parents=True)
    out = _chromium(f"--screenshot={shot}", "--window-size=1200,2000", "--hide-scrollbars", page,
                    profile=tmp_path / "profile-shot")
    assert out.returncode == 0, out.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_only_the_last_runs_data_docs_are_kept(tmp_path):
    import os

    from fazhi.report import data_docs_dir, prune_data_docs

    runs = [f"2026110{i}T000000Z-0000" for i in range(1, 5)]
    for age, run in enumerate(reversed(runs)):  # the last run is the newest
        index = data_docs_dir(tmp_path, run) / "index.html"
        index.parent.mkdir(parents=True)
        index.write_text("docs", encoding="utf-8")
        os.utime(index.parent, (1_800_000_000 - age * 3600,) * 2)
    prune_data_docs(tmp_path, keep=2)
    assert sorted(p.name for p in (tmp_path / "gx_docs").iterdir()) == runs[2:]


def _many_failures(n: int):
    """A run summary with ``n`` failing rows over 2,000 reports, written in my own words."""
    from datetime import datetime

    from fazhi.checks import CheckResult
    from fazhi.news import News
    from fazhi.runs import RunSummary

    sentence = "全年受理行政复议案件40件，办结52件，其中纠错3件，另有长句说明以测试篇幅控制的效果。" * 2
    rows = [Failure(f"r{i % 2000}", f"report_{i % 2000:05d}_{'x' * 20}.txt", "admin_reconsideration",
                    f"received=40, closed=52, row={i}", sentence, 13, 16, sentence_start=0) for i in range(n)]
    half = n // 2
    checks_ = [CheckResult("closed_le_received", "error", "quality.qa_case_stages", "办结 ≤ 受理", n, half, rows[:half]),
               CheckResult("stated_rate_fits_a_base", "warning", "quality.qa_rate_counts", "比例与计数不符", n,
                           n - half, rows[half:]),
               CheckResult("fact_key_unique", "error", "fct_facts", "no duplicate keys", n, 0, [])]
    s = RunSummary("20261201T000000Z-beef", "manual", datetime(2026, 12, 1), checks=checks_, reports_total=2000,
                   status="failed checks", dbt_tests_failed=2)
    s.news = News(new=n, open=0)
    return s


def test_a_report_of_10000_failing_rows_stays_small_and_legible_in_a_browser(tmp_path):
    """10,000 failing rows: the page lists each check's first rows and counts the rest (< 2 MB),
    has no SVG and no link, shows dbt test failures, and Chromium renders it."""
    from fazhi.report import ROWS_PER_CHECK, write_report

    s = _many_failures(10_000)
    path = write_report(s, tmp_path / "reports", data_docs="gx_docs/x/index.html", latest=False)
    html = path.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 2 * 2**20
    assert "<svg" not in html.lower() and "href=" not in html.lower() and "src=" not in html.lower()
    assert html.count("<blockquote") == 2 * ROWS_PER_CHECK
    assert f"另有 {5000 - ROWS_PER_CHECK} 行未列出" in html and "dq.check_failures" in html
    assert "2 dbt tests failed" in html and re.search(r"dbt tests failed</th><td[^>]*>2<", html)

    dom = _chromium("--dump-dom", path.as_uri(), profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr
    text = re.sub(r"<[^>]+>", " ", dom.stdout)
    assert "数据质量：10000 个新问题（共 10000 个未解决）· 2000 份报告" in text
    assert re.search(r"dbt tests failed\s+2\b", text) and "<svg" not in dom.stdout.lower()
