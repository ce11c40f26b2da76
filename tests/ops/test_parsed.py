"""The parse tables (fazhi.parsed): a report is parsed when it lands, in the landing's
transaction, and again only when its parse is missing or of another parser version."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb

from fazhi.parse_tables import Parser
from fazhi.parsed import reparse

STAMPS = "select report_id, parser_version, parsed_at from parsed.reports order by report_id"
INT_STAMPS = """select report_id, max(parsed_at) from intermediate.{table} group by report_id order by report_id"""
PARSE_MODELS = ("int_sections", "int_sentences", "int_facts", "int_report_metadata")
ROWS = "select * exclude (parsed_at, parser_version) from intermediate.{table} order by all"
NEW_REPORT = "某乡2023年依法行政工作报告\n一、工作成效\n全年办理信访事项17件，化解16件。\n"


def _copy(seeds_run, tmp_path):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    return warehouse


def _model_rows(con) -> dict[str, list]:
    return {t: con.execute(ROWS.format(table=t)).fetchall() for t in PARSE_MODELS}


def test_fazhi_ingest_parses_what_it_lands_without_dbt(seeds_run, tmp_path, read_only):
    warehouse = _copy(seeds_run, tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "xiang.txt").write_text(NEW_REPORT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "ingest", str(inbox), "--warehouse", str(warehouse)],
                         capture_output=True, text=True, env=os.environ)
    assert out.returncode == 0, out.stderr
    con = read_only(warehouse)
    landed = con.execute("select report_id from raw.reports where doc = 'xiang.txt'").fetchone()[0]
    stamp = con.execute("select parser_version from parsed.reports where report_id = ?", [landed]).fetchone()
    assert stamp == (Parser.now().version,)
    facts = con.execute("select number_text from parsed.facts where report_id = ? order by start_offset",
                        [landed]).fetchall()
    assert facts == [("17件",), ("16件",)]
    # the parse models are views of the parse: they show it at once; the marts wait for dbt
    assert con.execute("select count(*) from intermediate.int_facts where report_id = ?", [landed]).fetchone()[0] == 2
    assert con.execute("select count(*) from fct_facts where report_id = ?", [landed]).fetchone()[0] == 0
    # every landed report has exactly one parse, of this parser
    assert con.execute("select count(*) from raw.reports anti join parsed.reports using (report_id)").fetchone()[0] == 0


def test_landing_the_same_files_twice_parses_nothing_the_second_time(seeds_run, seeds_dir, tmp_path,
                                                                    pipeline_runner, read_only):
    warehouse = _copy(seeds_run, tmp_path)
    con = read_only(warehouse)
    stamps = con.execute(STAMPS).fetchall()
    con.close()
    run = pipeline_runner([seeds_dir], warehouse, run_id="again-1")
    assert run.landing.landed == 0
    con = read_only(warehouse)
    assert con.execute(STAMPS).fetchall() == stamps
    con.close()
    assert reparse(warehouse) == 0


def test_a_warehouse_without_parse_tables_is_parsed_on_the_next_run(seeds_run, tmp_path, pipeline_runner,
                                                                     read_only):
    """A warehouse built before the parse tables: the next run parses every current report, rows unchanged."""
    warehouse = _copy(seeds_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        before = _model_rows(con)
        old_stamps = dict(con.execute(INT_STAMPS.format(table="int_sentences")).fetchall())
        con.execute("drop schema parsed cascade")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pipeline_runner([inbox], warehouse, run_id="upgrade-1")
    con = read_only(warehouse)
    assert _model_rows(con) == before
    stamps = dict(con.execute(INT_STAMPS.format(table="int_sentences")).fetchall())
    assert stamps.keys() == old_stamps.keys()
    assert all(stamps[r] > old_stamps[r] for r in stamps)              # parsed again, copied again
    assert {v for (_, v, _) in con.execute(STAMPS).fetchall()} == {Parser.now().version}


def test_a_parse_of_another_version_is_parsed_again_alone(seeds_run, tmp_path, pipeline_runner, read_only):
    warehouse = _copy(seeds_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        before = _model_rows(con)
        old = con.execute(STAMPS).fetchall()
        stale = old[0][0]
        for table in ("reports", "sections", "sentences", "facts", "metadata"):
            con.execute(f"update parsed.{table} set parser_version = 'older' where report_id = ?", [stale])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pipeline_runner([inbox], warehouse, run_id="version-1")
    con = read_only(warehouse)
    now = con.execute(STAMPS).fetchall()
    assert [row for row in now if row[0] != stale] == [row for row in old if row[0] != stale]
    reparsed = next(row for row in now if row[0] == stale)
    assert reparsed[1] == Parser.now().version and reparsed[2] > old[0][2]
    for table in PARSE_MODELS:
        assert dict(con.execute(INT_STAMPS.format(table=table)).fetchall())[stale] == reparsed[2], table
    assert _model_rows(con) == before


def test_a_warehouse_whose_parse_stamps_have_no_sizes_gets_them_on_the_next_run(seeds_run, tmp_path,
                                                                                 pipeline_runner, read_only):
    """parsed.reports from before it counted each parse: the next run adds the columns and parses again,
    and dim_reports shows the same sizes as before."""
    warehouse = _copy(seeds_run, tmp_path)
    sizes = "select report_id, text_chars, top_sections, sections, sentences, facts from main.dim_reports order by all"
    with duckdb.connect(str(warehouse)) as con:
        before = con.execute(sizes).fetchall()
        for column in ("text_chars", "top_sections", "sections", "sentences", "facts"):
            con.execute(f"alter table parsed.reports drop column {column}")
        for table in ("reports", "sections", "sentences", "facts", "metadata"):
            con.execute(f"update parsed.{table} set parser_version = 'older'")   # the code before
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    pipeline_runner([inbox], warehouse, run_id="sizes-1")
    con = read_only(warehouse)
    assert con.execute(sizes).fetchall() == before
    assert all(row[1] > 0 and row[4] > 0 for row in before)
    assert con.execute("select count(*) from parsed.reports where text_chars is null").fetchone()[0] == 0
