"""Incremental builds: a run parses only new (or stale) reports; --full-refresh parses all."""
from __future__ import annotations

import shutil

PARSED = """
    select r.doc, max(f.parsed_at)
    from intermediate.int_sentences f join staging.stg_reports r using (report_id)
    group by r.doc order by r.doc
"""


def test_new_report_is_parsed_alone_and_full_refresh_reparses_all(seeds_run, seeds_dir, tmp_path, pipeline_runner,
                                                                    read_only):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    con = read_only(warehouse)
    before = dict(con.execute(PARSED).fetchall())
    facts_before = con.execute("select count(*) from fct_facts").fetchone()[0]
    con.close()

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "new_report.txt").write_text(
        "某县2023年法治政府建设情况报告\n一、主要成效\n全年受理行政复议案件30件，办结28件。\n", encoding="utf-8")
    run = pipeline_runner([seeds_dir, inbox], warehouse)
    assert (run.landing.landed, run.landing.skipped) == (1, 5)

    con = read_only(warehouse)
    after = dict(con.execute(PARSED).fetchall())
    assert {doc: after[doc] for doc in before} == before          # old reports untouched
    assert after["new_report.txt"] > max(before.values())         # the new one parsed now
    assert con.execute("select count(*) from fct_facts").fetchone()[0] > facts_before
    con.close()

    pipeline_runner([inbox], warehouse, full_refresh=True)
    refreshed = dict(read_only(warehouse).execute(PARSED).fetchall())
    assert all(refreshed[doc] > after["new_report.txt"] for doc in before)


def test_changed_file_is_a_new_version_and_staging_uses_the_latest(tmp_path, pipeline_runner, read_only):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = inbox / "county.txt"
    report.write_text("某县2022年法治政府建设情况报告\n一、成效\n全年受理行政复议案件10件。\n", encoding="utf-8")
    warehouse = tmp_path / "fazhi.duckdb"
    pipeline_runner([inbox], warehouse)
    report.write_text("某县2022年法治政府建设情况报告\n一、成效\n全年受理行政复议案件12件。\n", encoding="utf-8")
    pipeline_runner([inbox], warehouse)
    con = read_only(warehouse)
    assert con.execute("select count(*) from raw.reports").fetchone()[0] == 2      # both versions kept
    assert con.execute("select count(*) from dim_reports").fetchone()[0] == 1      # the latest is current
    values = [r[0] for r in con.execute("select value from fct_facts where unit = '件'").fetchall()]
    assert values == [12]
