"""One report, one row; one figure per region and year (real pipeline, real DuckDB and dbt).

A district's government report lands twice (UTF-8, and GB18030 with a page line
around it: other bytes, same text), beside the district justice bureau's report
on the same cases and a report of a district whose name two cities share. The
texts are written for this test.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.config import PROJECT_DIR

GOVERNMENT = (
    "东城区人民政府关于2023年法治政府建设情况的报告\n"
    "2023年，东城区坚持依法行政，认真落实北京市各项部署。\n"
    "一、行政复议\n"
    "全年办结行政复议案件110件，纠错11件。\n"
)
BUREAU = (
    "东城区司法局关于2023年法治政府建设情况的报告\n"
    "2023年，东城区司法局认真履行职责，落实北京市司法局部署。\n"
    "一、行政复议\n"
    "全年办结行政复议案件125件，纠错15件。\n"
)
AMBIGUOUS = (
    "城中区人民政府关于2023年法治政府建设情况的报告\n"
    "2023年，城中区坚持依法行政。\n"
    "全年办结行政复议案件40件，纠错4件。\n"
)


def fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, pipeline_runner) -> Path:
    inbox = tmp_path_factory.mktemp("identity")
    (inbox / "a_government.txt").write_text(GOVERNMENT, encoding="utf-8")
    (inbox / "b_government_again.txt").write_bytes(("分享到：\n" + GOVERNMENT + "【打印页面】\n").encode("gb18030"))
    (inbox / "c_bureau.txt").write_text(BUREAU, encoding="utf-8")
    (inbox / "d_ambiguous.txt").write_text(AMBIGUOUS, encoding="utf-8")
    path = inbox / "fazhi.duckdb"
    pipeline_runner([inbox / name for name in sorted(p.name for p in inbox.glob("*.txt"))], path)
    return path


def test_a_second_file_of_the_same_text_is_a_duplicate_shown_but_not_counted(warehouse, read_only):
    con = read_only(warehouse)
    rows = dict(con.execute("select doc, report_id from dim_reports").fetchall())
    assert sorted(rows) == ["a_government.txt", "b_government_again.txt", "c_bureau.txt", "d_ambiguous.txt"]
    duplicates = dict(con.execute("select doc, duplicate_of from dim_reports").fetchall())
    assert duplicates == {"a_government.txt": None, "b_government_again.txt": rows["a_government.txt"],
                          "c_bureau.txt": None, "d_ambiguous.txt": None}
    assert con.execute("select count(*) from raw.reports").fetchone()[0] == 4            # kept in raw
    in_facts = {r[0] for r in con.execute("select distinct doc from fct_facts").fetchall()}
    assert "b_government_again.txt" not in in_facts and "a_government.txt" in in_facts
    in_wide = {r[0] for r in con.execute("select doc from fct_report_metrics").fetchall()}
    assert in_wide == {"a_government.txt", "c_bureau.txt", "d_ambiguous.txt"}


def test_reports_command_prints_one_report_a_line(warehouse):
    out = fazhi("reports", "--format", "jsonl", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    rows = {r["doc"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert len(rows) == 4
    gov = rows["a_government.txt"]
    assert (gov["issuer"], gov["issuer_level"], gov["region"], gov["region_code"], gov["province"], gov["city"],
            gov["report_year"]) == ("东城区人民政府", "county", "东城区", "110101", "北京市", "北京市", 2023)
    assert (rows["c_bureau.txt"]["issuer"], rows["c_bureau.txt"]["issuer_level"]) == ("东城区司法局", "department")
    assert rows["b_government_again.txt"]["duplicate_of"] == gov["report_id"]
    csv_out = fazhi("reports", "--format", "csv", "--warehouse", str(warehouse))
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines()[0].startswith("doc,report_id,title,report_year")


def test_an_ambiguous_region_stays_without_code(warehouse, read_only):
    row = read_only(warehouse).execute(
        "select region, region_code, province, city from dim_reports where doc = 'd_ambiguous.txt'").fetchone()
    assert row == ("城中区", None, None, None)


def test_the_panel_picks_the_governments_figure(warehouse, read_only):
    con = read_only(warehouse)
    rows = con.execute("""
        select metric, value, doc, issuer_role, reports_stating from fct_region_metrics
        where region_code = '110101' and report_year = 2023
          and metric in ('admin_reconsideration.closed', 'admin_reconsideration.corrected')
        order by metric""").fetchall()
    assert rows == [("admin_reconsideration.closed", 110.0, "a_government.txt", "government", 2),
                    ("admin_reconsideration.corrected", 11.0, "a_government.txt", "government", 2)]


def test_readme_query_1_counts_each_region_once(warehouse, read_only):
    """README's first analyst query, run as written: 东城区 2023 is 11 / 110 = 10 %
    (the government's report), not (11 + 11 + 15) / (110 + 110 + 125)."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    query = re.search(r"-- 1\..*?;", readme, re.S).group(0)
    rows = read_only(warehouse).execute(query).fetchall()
    columns = [d[0] for d in read_only(warehouse).execute(query).description]
    by_region = {row[columns.index("region")]: dict(zip(columns, row)) for row in rows}
    assert by_region["东城区"]["correction_pct"] == 10.0
    assert by_region["城中区"]["correction_pct"] == 10.0
