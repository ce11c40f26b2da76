"""The whole flow, end to end, on real components: Prefect, DuckDB, dbt, GX."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from bisect import bisect_right
from collections import defaultdict


TABLE_COUNTS = """
    select (select count(*) from raw.reports), (select count(*) from raw.report_sources),
           (select count(*) from fct_facts), (select count(*) from intermediate.int_sections)
"""


def test_seeds_land_build_and_check(seeds_run, read_only):
    summary, warehouse = seeds_run
    assert summary.landing.landed == 5 and summary.landing.failed == 0
    con = read_only(warehouse)
    assert con.execute("select count(*) from dim_reports").fetchone()[0] == 5
    assert con.execute("select count(*) from fct_facts").fetchone()[0] > 100
    runs = con.execute("select status, files_landed from dq.runs where run_id = ?", [summary.run_id]).fetchall()
    assert runs == [(summary.status, 5)]
    checks = {r[0] for r in con.execute("select check_name from dq.check_results where run_id = ?",
                                        [summary.run_id]).fetchall()}
    assert {"rate_within_0_100", "closed_le_received"} <= checks
    assert summary.report_path.exists() and (summary.report_path.parent / "latest.html").exists()


def test_every_fact_is_traceable_to_its_span(seeds_run, read_only, seeds_dir):
    _, warehouse = seeds_run
    rows = read_only(warehouse).execute("""
        select doc, start_offset, end_offset, number_text, sentence_text, section_path
        from fct_facts""").fetchall()
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    for doc, start, end, number_text, sentence, section in rows:
        assert texts[doc][start:end] == number_text
        assert number_text in sentence and sentence in texts[doc]
        assert section is not None


def test_a_facts_section_is_the_last_heading_at_or_before_its_sentence(dev_run, read_only):
    """fct_facts' section of a fact, against the rule computed here from int_sections' headings
    (on the dev excerpts: some of their facts are in heading lines)."""
    _, warehouse = dev_run
    con = read_only(warehouse)
    starts, ids = defaultdict(list), defaultdict(list)   # each report's headings, in text order
    for report_id, start, section_id in con.execute(
            "select report_id, start_offset, section_id from intermediate.int_sections order by all").fetchall():
        starts[report_id].append(start)
        ids[report_id].append(section_id)
    facts = con.execute("select report_id, sentence_start, section_id from fct_facts").fetchall()
    on_a_heading = 0
    for report_id, sentence_start, section_id in facts:
        i = bisect_right(starts[report_id], sentence_start)
        assert section_id == (ids[report_id][i - 1] if i else None)
        on_a_heading += i > 0 and starts[report_id][i - 1] == sentence_start
    assert on_a_heading > 0   # sentences that start where their heading starts are among them


def test_second_run_on_same_files_adds_nothing(seeds_run, seeds_dir, read_only, pipeline_runner):
    _, warehouse = seeds_run
    con = read_only(warehouse)
    before = con.execute(TABLE_COUNTS).fetchone()
    con.close()
    again = pipeline_runner([seeds_dir], warehouse)
    assert (again.landing.landed, again.landing.skipped) == (0, 5)
    after = read_only(warehouse).execute(TABLE_COUNTS).fetchone()
    assert after == before


def test_report_names_failing_checks(samples_run, read_only):
    summary, warehouse = samples_run
    failing = [c for c in summary.checks if not c.success]
    assert any(c.check_name == "closed_le_received" and c.severity == "error" for c in failing)
    html = summary.report_path.read_text(encoding="utf-8")
    for c in failing:
        assert c.check_name in html
    stored = read_only(warehouse).execute(
        "select check_name, doc from dq.check_failures where run_id = ?", [summary.run_id]).fetchall()
    assert ("closed_le_received", "donghu_justice_bureau_2023.txt") in stored


def test_section_tree_finds_every_top_level_heading(seeds_run, read_only, seeds_dir):
    _, warehouse = seeds_run
    found = read_only(warehouse).execute("""
        select r.doc, list(s.marker order by s.ordinal), list(s.title order by s.ordinal)
        from intermediate.int_sections s join staging.stg_reports r using (report_id)
        where s.level = 1 group by r.doc""").fetchall()
    numerals = "一二三四五六七八九十"
    expected_counts = {"000": 4, "001": 3, "002": 2, "003": 3, "004": 4}
    assert len(found) == 5
    for doc, markers, titles in found:
        assert markers == [f"{numerals[i]}、" for i in range(expected_counts[doc[:3]])], doc
        lines = [ln.strip() for ln in (seeds_dir / doc).read_text(encoding="utf-8").splitlines()]
        heading_lines = [ln for ln in lines if re.match(f"^[{numerals}]+、", ln)]
        assert titles == [re.split("[。；！？]", ln[2:])[0].strip() for ln in heading_lines], doc


def test_fazhi_facts_is_scored_by_score_py(seeds_run, gold_dir, score_script, tmp_path):
    _, warehouse = seeds_run
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "facts", "--format", "jsonl", "--warehouse", str(warehouse)],
                         capture_output=True, text=True, check=True)
    facts = tmp_path / "facts.jsonl"
    facts.write_text(out.stdout, encoding="utf-8")
    first = json.loads(out.stdout.splitlines()[0])
    assert {"doc", "start", "end", "value", "unit", "kind", "qualifier", "metric", "subject",
            "report_id", "section", "sentence"} <= set(first)
    scored = subprocess.run([sys.executable, str(score_script), "--gold", str(gold_dir), "--pred", str(facts), "--json"],
                            capture_output=True, text=True, check=True)
    figures = json.loads(scored.stdout)
    print("score.py on the seeds:", figures)
    assert figures["predicted"] > 0 and figures["matched"] > 0
