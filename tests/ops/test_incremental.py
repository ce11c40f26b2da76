"""Incremental builds: a run parses only new (or stale) reports and rewrites only their
rows in the marts; the result equals a full rebuild; --full-refresh parses all."""
from __future__ import annotations

import shutil

PARSED = """
    select r.doc, max(f.parsed_at)
    from intermediate.int_sentences f join staging.stg_reports r using (report_id)
    group by r.doc order by r.doc
"""
MART_STAMPS = "select doc, min(parsed_at) from fct_facts group by doc"
MARTS = ("fct_facts", "fct_cases", "fct_rates", "fct_counts", "dim_reports", "fct_report_metrics", "fct_region_metrics",
         # built one report at a time from the parse tables (incremental_by_parse)
         "intermediate.int_report_figures", "intermediate.int_last_year_claims", "intermediate.int_report_disclosure")
BOOKKEEPING = {"parsed_at", "models_version", "ingested_at"}


def mart_rows(con) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without the bookkeeping columns (which differ between builds)."""
    out = {}
    for table in MARTS:
        columns = [c for (c, *_) in con.execute(f"describe {table}").fetchall() if c not in BOOKKEEPING]
        rows = con.execute(f"select {', '.join(columns)} from {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def build_copy(seeds_run, tmp_path, read_only):
    """A copy of the seeds' warehouse to run dbt on (named as the catalog dbt builds into,
    fazhi.transform), and its marts' rows."""
    warehouse = tmp_path / "build.duckdb"
    shutil.copyfile(seeds_run[1], warehouse)
    con = read_only(warehouse)
    expected = mart_rows(con)
    con.close()
    return warehouse, expected


def test_new_report_is_parsed_alone_and_full_refresh_reparses_all(seeds_run, seeds_dir, tmp_path, pipeline_runner,
                                                                    read_only):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    con = read_only(warehouse)
    before = dict(con.execute(PARSED).fetchall())
    facts_before = con.execute("select count(*) from fct_facts").fetchone()[0]
    stamps_before = dict(con.execute(MART_STAMPS).fetchall())
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
    stamps = dict(con.execute(MART_STAMPS).fetchall())
    assert {doc: stamps[doc] for doc in stamps_before} == stamps_before   # marts kept the old reports' rows
    incremental = mart_rows(con)
    con.close()

    pipeline_runner([inbox], warehouse, full_refresh=True)
    con = read_only(warehouse)
    refreshed = dict(con.execute(PARSED).fetchall())
    assert all(refreshed[doc] > after["new_report.txt"] for doc in before)
    full = mart_rows(con)
    for table in MARTS:
        assert incremental[table] == full[table], f"{table}: the incremental build differs from a full one"


def test_stale_mart_rows_go_and_a_change_of_models_rebuilds_every_report(seeds_run, tmp_path, pipeline_runner,
                                                                       read_only):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    con = read_only(warehouse)
    expected = mart_rows(con)
    parsed = con.execute("select max(parsed_at) from intermediate.int_report_stamps").fetchone()[0]
    con.close()

    import duckdb
    with duckdb.connect(str(warehouse)) as con:
        # a row left from an older parse of a report (as when a re-parse now finds nothing there) ...
        con.execute("insert into fct_cases select * replace ('stale' as case_row_id, parsed_at - interval 1 day as parsed_at) "
                    "from fct_cases limit 1")
        # ... and tables built by older models
        con.execute("update fct_facts set models_version = 'older'")

    empty = tmp_path / "nothing_new"
    empty.mkdir()
    pipeline_runner([empty], warehouse)
    con = read_only(warehouse)
    assert con.execute("select count(*) from fct_cases where case_row_id = 'stale'").fetchone()[0] == 0
    assert con.execute("select count(distinct models_version) from fct_facts").fetchone()[0] == 1
    assert con.execute("select count(*) from fct_facts where models_version = 'older'").fetchone()[0] == 0
    assert mart_rows(con) == expected
    # rebuilt from the parse tables: nothing was parsed again
    assert con.execute("select max(parsed_at) from intermediate.int_report_stamps").fetchone()[0] == parsed


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


def test_a_superseded_or_removed_report_leaves_the_tables_a_full_build_would(tmp_path, pipeline_runner, read_only):
    """The per-report tables drop a superseded version's and a removed report's rows, as a full rebuild has none."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first, second = inbox / "east_county.txt", inbox / "west_county.txt"
    first.write_text("东坡县2023年法治政府建设情况报告\n一、主要成效\n全年受理行政复议案件40件，比上年增加6件，"
                     "办结38件。\n", encoding="utf-8")
    second.write_text("西岭县2023年法治政府建设情况报告\n一、主要成效\n全年受理行政复议案件25件，比上年减少3件。\n"
                      "行政应诉案件12件。\n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    warehouse = tmp_path / "fazhi.duckdb"
    pipeline_runner([inbox], warehouse)
    con = read_only(warehouse)
    assert con.execute("select count(distinct report_id) from intermediate.int_last_year_claims").fetchone()[0] == 2
    con.close()

    first.write_text(first.read_text(encoding="utf-8").replace("40件", "44件"), encoding="utf-8")   # a new version
    pipeline_runner([inbox], warehouse)
    pipeline_runner([tmp_path / "nothing"], warehouse, remove=["west_county.txt"])
    con = read_only(warehouse)
    incremental = mart_rows(con)
    values = {r[0] for r in con.execute("select value from intermediate.int_report_figures").fetchall()}
    assert 44 in values and 40 not in values and 25 not in values
    con.close()

    pipeline_runner([tmp_path / "nothing"], warehouse, full_refresh=True)
    con = read_only(warehouse)
    full = mart_rows(con)
    for table in MARTS:
        assert incremental[table] == full[table], f"{table}: the incremental build differs from a full one"
