"""dbt's own data tests: a broken key is reported by the build (severity warn, marts still built)."""
from __future__ import annotations

import shutil

import duckdb

from fazhi.transform import dbt_build
from fazhi.warehouse import build_copy


def test_a_repeated_or_missing_key_fails_its_primary_key_test(seeds_run, tmp_path):
    _, seeds_warehouse = seeds_run
    published = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, published)
    with build_copy(published) as build:
        # parse tables are incremental: rows of reports already parsed stay as they are
        with duckdb.connect(str(build)) as con:
            con.execute("insert into intermediate.int_sentences select * from intermediate.int_sentences limit 1")
            con.execute("insert into intermediate.int_sections "
                        "select * replace (null as section_id) from intermediate.int_sections limit 1")
        result = dbt_build(build)
    failed = {failure.split(":")[0] for failure in result.failures}
    assert "primary_key_int_sentences_sentence_id" in failed      # repeated key
    assert "primary_key_int_sections_section_id" in failed        # missing key
    assert "primary_key_fct_facts_fact_id" not in failed
    assert result.models > 0
