"""dbt's own data tests: a broken key is reported by the build (severity warn, marts still built).

An incremental build tests the rows of the reports it parsed (macros/tests_on_touched_reports.sql):
the damaged rows below carry a parse stamp newer than the last build's, as a re-parse would.
"""
from __future__ import annotations

import shutil

import duckdb
import yaml

from fazhi.config import DBT_DIR
from fazhi.transform import dbt_build
from fazhi.warehouse import build_copy


_LATER = "now()::timestamp + interval 1 hour"   # a stamp later than any the last build saw
_FACT_KEY = "report_id, start_offset, span_rank"   # what a fact's id is made of (int_facts)


def test_a_repeated_or_missing_key_fails_its_primary_key_test(seeds_run, tmp_path):
    _, seeds_warehouse = seeds_run
    published = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, published)
    with build_copy(published) as build:
        # a parse with broken keys, as a faulty parser would write it (fazhi.parsed): the models copy it
        with duckdb.connect(str(build)) as con:
            report = con.execute("select min(report_id) from parsed.reports").fetchone()[0]
            for table in ("reports", "sections", "sentences", "facts", "metadata"):
                con.execute(f"update parsed.{table} set parsed_at = {_LATER} where report_id = ?", [report])
            con.execute("insert into parsed.sentences select * from parsed.sentences where report_id = ? limit 1",
                        [report])
            con.execute("insert into parsed.sections select * replace (null as ordinal) from parsed.sections "
                        "where report_id = ? limit 1", [report])    # its id (report_id:ordinal) is null
        result = dbt_build(build)
    failed = {failure.split(":")[0] for failure in result.failures}
    assert "primary_key_int_sentences_sentence_id" in failed      # repeated key
    assert "primary_key_int_sections_section_id" in failed        # missing key
    assert "primary_key_fct_facts_fact_id" not in failed
    assert result.models > 0


def test_an_incremental_build_tests_only_the_reports_it_parsed(seeds_run, tmp_path):
    """A damaged row of a report this build did not parse is not read by its tests (cost follows the change)."""
    _, seeds_warehouse = seeds_run
    published = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, published)
    with build_copy(published) as build:
        with duckdb.connect(str(build)) as con:   # an old stamp: a report parsed by an earlier build
            con.execute("insert into parsed.sentences select * from parsed.sentences limit 1")
        result = dbt_build(build)
    assert not any(f.startswith("primary_key_int_sentences_sentence_id") for f in result.failures)
    assert result.tests_passed > 0


def test_nulls_and_other_values_fail_one_test_of_the_model_named_by_check_and_column(seeds_run, tmp_path):
    """column_checks: one test node a model; its failure names each broken check and column, with its rows."""
    result = _build_after(
        seeds_run, tmp_path,
        f"update parsed.facts set value = null, parsed_at = {_LATER} where rowid in "
        f"(select rowid from parsed.facts order by {_FACT_KEY} limit 3)",
        f"update parsed.facts set kind = null, parsed_at = {_LATER} where rowid = "
        f"(select rowid from parsed.facts order by {_FACT_KEY} desc limit 1)",
        f"update parsed.facts set qualifier = 'roughly', parsed_at = {_LATER} where rowid in "
        f"(select rowid from parsed.facts order by {_FACT_KEY} desc limit 3 offset 1)")
    failures = {f.split(":")[0]: f for f in result.failures}
    assert failures["not_null_int_facts_value"].endswith("warn 3 null rows")
    assert failures["not_null_int_facts_kind"].endswith("warn 1 null rows")
    assert failures["accepted_values_int_facts_qualifier"].endswith("warn 3 rows of other values")
    assert "not_null_int_facts_start_offset" not in failures
    assert "accepted_values_int_facts_kind" not in failures     # a null is not another value
    assert result.tests_failed >= 3


def test_a_reparsed_reports_broken_checks_are_named_though_the_build_moved_its_stamp_on(seeds_run, tmp_path):
    """A failed column_checks test is queried again after the build, which has by then recorded the
    report's stamp as seen (parsed.built_through): the query still reads the rows the test read."""
    result = _build_after(
        seeds_run, tmp_path,
        "create temp table reparsed as select min(report_id) as report_id from parsed.reports",
        *(f"update parsed.{table} set parsed_at = {_LATER} where report_id = (select report_id from reparsed)"
          for table in ("reports", "sections", "sentences", "facts", "metadata")),
        "update parsed.facts set value = null where rowid in (select rowid from parsed.facts "
        f"where report_id = (select report_id from reparsed) order by {_FACT_KEY} limit 2)")
    failures = {f.split(":")[0]: f.split(": ", 1)[1] for f in result.failures}
    assert failures["not_null_int_facts_value"] == "warn 2 null rows"
    assert failures["not_null_fct_facts_value"] == "warn 2 null rows"
    assert not any(name.startswith("column_checks_") for name in failures)


def test_every_model_seed_and_source_has_at_most_one_data_test_node():
    """dbt spends ~0.1 s of its own Python on every test node whatever the data: a model's checks
    are arguments of its one column_checks test, not a test node each (a relationship included)."""
    tested = {}
    for path in [*DBT_DIR.glob("models/**/*.yml"), *DBT_DIR.glob("seeds/*.yml")]:
        properties = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        tables = [*properties.get("models", []), *properties.get("seeds", [])]
        tables += [t for source in properties.get("sources", []) for t in source.get("tables", [])]
        for table in tables:
            tests = [*table.get("data_tests", [])]
            tests += [t for column in table.get("columns", []) for t in column.get("data_tests", [])]
            tested[table["name"]] = len(tests)
    assert tested["fct_facts"] == 1 and tested["report_sources"] == 1
    assert {name: n for name, n in tested.items() if n > 1} == {}


def _build_after(seeds_run, tmp_path, *statements: str):
    """dbt build on a copy of the seeds' warehouse after ``statements`` changed its rows."""
    _, seeds_warehouse = seeds_run
    published = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, published)
    with build_copy(published) as build:
        with duckdb.connect(str(build)) as con:
            for statement in statements:
                con.execute(statement)
        return dbt_build(build)


def test_each_broken_check_of_a_model_is_its_own_failure_named_as_its_one_check_test(seeds_run, tmp_path):
    """column_checks folds a model's key, grain, not-null, value and relationship checks into one test
    node; a defect of each kind still fails under the name and count of the test it replaced.

    The region panel keeps rows of regions a build does not touch (and is tested whole), so rows
    planted there stay for the build's test; the repeated sentence key is a parse row, as above."""
    panel = "fct_region_metrics"
    first = "panel_row"     # one row of the panel, as it was before any was planted
    result = _build_after(
        seeds_run, tmp_path,
        f"create temp table {first} as select * from {panel} order by all limit 1",
        f"insert into {panel} select * from {first}",                                  # the grain twice
        f"insert into {panel} select * replace ('no.such_metric' as metric) from {first}",
        f"insert into {panel} select * replace ('governor' as issuer_role, report_year - 50 as report_year) "
        f"from {first}",
        f"insert into {panel} select * replace (null as value, report_year - 60 as report_year) from {first}",
        f"insert into {panel} select * replace ('no-such-report' as report_id, report_year - 70 as report_year) "
        f"from {first}",
        f"update parsed.sentences set parsed_at = {_LATER} where (report_id, ordinal) = (select (report_id, ordinal) "
        "from parsed.sentences order by report_id, ordinal limit 1)",
        "insert into parsed.sentences select * from parsed.sentences order by report_id, ordinal limit 1")
    failures = {f.split(":")[0]: f.split(": ", 1)[1] for f in result.failures}
    got_one = "warn Got 1 result, configured to warn if != 0"
    assert failures == {
        "unique_rows_fct_region_metrics_region_code__region__report_year__metric": got_one,
        "relationships_fct_region_metrics_metric__metric_id__ref_metric_taxonomy_": got_one,
        "relationships_fct_region_metrics_report_id__report_id__ref_dim_reports_": got_one,
        "accepted_values_fct_region_metrics_issuer_role": "warn 1 rows of other values",
        "not_null_fct_region_metrics_value": "warn 1 null rows",
        "primary_key_int_sentences_sentence_id": got_one,
    }
    assert result.tests_failed == 6
