"""Quality tables follow the change: a run rewrites the qa_ rows of the reports it touched
and of the reports that compare with them (last year's, the duplicates), and keeps every
other row; the tables then hold the same rows as a whole rebuild.

One copy of the session's planted warehouse goes through three real runs: new reports
land (one is an earlier year of an untouched report, one repeats another's text), then
one of them is corrected (a new version of the file), then a report is taken out. After
each, a copy rebuilt whole (`dbt build --full-refresh` of the quality models) is compared
with it, row by row.
"""
from __future__ import annotations

import shutil

import pytest

from .conftest import _run_with_env, planted_copy_with_inbox

pytestmark = pytest.mark.filterwarnings("ignore:Logger 'fazhi.mail' attempted to send logs:UserWarning")

QA_TABLES = ("qa_case_stages", "qa_metric_jumps", "qa_part_totals", "qa_rate_consistency",
             "qa_rate_counts", "qa_sentence_stages", "qa_year_over_year")
QUIET = {"FAZHI_SMTP_HOST": "", "FAZHI_MAIL_TO": ""}

# An invented earlier year of an untouched planted report (柏溪镇 2023 says 上年为60件 and
# 行政处罚 down 25%): its rows in qa_year_over_year and qa_metric_jumps come from this one.
EARLIER = ("柏溪镇人民政府2022年度法治政府建设情况报告\n\n一、主要工作成效\n"
           "（一）化解行政争议。全年受理行政复议案件58件，办结61件。\n"
           "（二）规范行政执法。全年办理行政处罚案件200件。\n")
# The same file corrected: other figures, so the 2023 report compares differently.
CORRECTED = ("柏溪镇人民政府2022年度法治政府建设情况报告\n\n一、主要工作成效\n"
             "（一）化解行政争议。全年受理行政复议案件60件，办结57件。\n"
             "（二）规范行政执法。全年办理行政处罚案件9件。\n")
TAKEN_OUT = "yunshan_town_2022.txt"
# An untouched report's row, marked: an incremental run must leave it as it is.
MARKED = "dongpo_county_2023.txt"


def qa_rows(con, table: str) -> list[tuple]:
    return sorted(con.execute(f"select * from quality.{table}").fetchall(), key=repr)


def rebuilt_whole(warehouse, root) -> dict[str, list[tuple]]:
    """The quality tables of a copy of ``warehouse`` rebuilt whole from the same marts."""
    import duckdb

    from fazhi.transform import dbt_build

    copy = root / "whole" / "build.duckdb"   # the catalog name dbt builds into (fazhi.transform)
    shutil.rmtree(copy.parent, ignore_errors=True)
    copy.parent.mkdir(parents=True)
    shutil.copyfile(warehouse, copy)
    dbt_build(copy, full_refresh=True, select="path:models/quality", state=root / "dbt_state")
    with duckdb.connect(str(copy), read_only=True) as con:
        return {t: qa_rows(con, t) for t in QA_TABLES}


STATE_COLUMNS = "report_id, doc, title, report_year, issuer, region, duplicate_of, parsed_at"


def built_state(con) -> dict:
    """What quality.qa_built_reports holds: where it differs from dim_reports now, its versions,
    and where the rows of the untouched report MARKED are stored."""
    differing = con.execute(f"""
        with kept as (select model, {STATE_COLUMNS} from quality.qa_built_reports),
        expected as (
            select model, {STATE_COLUMNS}
            from (select distinct model from quality.qa_built_reports)
            cross join (select {STATE_COLUMNS.replace('report_year', 'report_year::integer as report_year')}
                        from main.dim_reports)
        )
        select count(*) from ((select * from kept except all select * from expected)
                              union all (select * from expected except all select * from kept))
    """).fetchone()[0]
    versions = con.execute("select count(distinct models_version) from quality.qa_built_reports").fetchone()[0]
    marked = dict(con.execute("select model, rowid from quality.qa_built_reports where doc = ?", [MARKED]).fetchall())
    return {"differing": differing, "versions": versions, "marked_rowids": marked}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, pipeline_runner, planted_run):
    """(stage, warehouse snapshot, the same rebuilt whole, the marked row after the run) per run."""
    import duckdb

    root, warehouse, inbox = planted_copy_with_inbox(tmp_path_factory, planted_run, "qa_incremental",
                                                     {"baixi_town_2022.txt": EARLIER})
    # the same text as a planted report under another name: a duplicate of it
    shutil.copyfile(planted_run.corpus / TAKEN_OUT, inbox / "yunshan_town_2022_copy.txt")

    with duckdb.connect(str(warehouse)) as con:
        kept = con.execute("select case_row_id, closed_sentence from quality.qa_case_stages where doc = ?",
                           [MARKED]).fetchall()
        con.execute("update quality.qa_case_stages set closed_sentence = 'marked' where doc = ?", [MARKED])
        out = {"planted_state": built_state(con)}

    def after(stage: str) -> None:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            tables = {t: qa_rows(con, t) for t in QA_TABLES}
            marked = con.execute("select closed_sentence from quality.qa_case_stages where doc = ?",
                                 [MARKED]).fetchall()
            out[f"{stage}_state"] = built_state(con)
        out[stage] = (tables, marked)

    _run_with_env(pipeline_runner, [inbox], warehouse, QUIET)
    after("added")
    with duckdb.connect(str(warehouse)) as con:   # the marked row has served: back to what it was
        con.executemany("update quality.qa_case_stages set closed_sentence = ? where case_row_id = ?",
                        [(sentence, row) for row, sentence in kept])
    out["added_whole"] = rebuilt_whole(warehouse, root)
    (inbox / "baixi_town_2022.txt").write_text(CORRECTED, encoding="utf-8")
    _run_with_env(pipeline_runner, [inbox], warehouse, QUIET)
    after("corrected")
    out["corrected_whole"] = rebuilt_whole(warehouse, root)
    _run_with_env(lambda p, w: pipeline_runner(p, w, remove=[TAKEN_OUT]), [], warehouse, QUIET)
    after("taken_out")
    out["taken_out_whole"] = rebuilt_whole(warehouse, root)
    return out


def test_an_untouched_reports_rows_are_kept_as_they_are(runs):
    _, marked = runs["added"]
    assert marked and {m for (m,) in marked} == {"marked"}


@pytest.mark.parametrize("stage", ["added", "corrected", "taken_out"])
def test_the_kept_view_of_the_reports_is_dim_reports_now(runs, stage):
    state = runs[f"{stage}_state"]
    assert (state["differing"], state["versions"]) == (0, 1)


def test_an_untouched_reports_kept_view_is_not_written_again(runs):
    before, after = runs["planted_state"]["marked_rowids"], runs["added_state"]["marked_rowids"]
    assert len(before) >= 9 and after == before


@pytest.mark.parametrize("stage", ["added", "corrected", "taken_out"])
def test_the_tables_equal_a_whole_rebuild(runs, stage):
    tables, _ = runs[stage]
    whole = runs[f"{stage}_whole"]
    for table in QA_TABLES:
        if stage == "added" and table == "qa_case_stages":   # the marked row differs on purpose
            whole[table] = [r for r in whole[table] if MARKED not in r]
            tables = {**tables, table: [r for r in tables[table] if MARKED not in r]}
        assert tables[table] == whole[table], f"{stage}: {table} differs from a whole rebuild"


def _yoy(rows: list[tuple], doc: str) -> list[tuple]:
    return [r for r in rows if r[2] == doc]


def test_an_untouched_report_is_compared_with_its_new_last_year(runs):
    added, _ = runs["added"]
    corrected, _ = runs["corrected"]
    rows = _yoy(added["qa_year_over_year"], "baixi_town_2023.txt")
    assert {r[14] for r in rows} == {"baixi_town_2022.txt"}      # previous_doc
    assert rows != _yoy(corrected["qa_year_over_year"], "baixi_town_2023.txt")
    assert any(r[2] == "baixi_town_2023.txt" for r in added["qa_metric_jumps"])


def test_rows_comparing_with_a_report_taken_out_go(runs):
    added, _ = runs["added"]
    taken_out, _ = runs["taken_out"]
    assert {r[14] for r in _yoy(added["qa_year_over_year"], "yunshan_town_2023.txt")} == {TAKEN_OUT}
    assert not [r for r in taken_out["qa_year_over_year"] if r[14] == TAKEN_OUT]
    assert not [r for r in taken_out["qa_metric_jumps"] if TAKEN_OUT in (r[2], r[9])]
