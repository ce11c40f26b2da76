"""A failed ``column_checks`` data test as the failures of the one-check tests it stands for.

One ``column_checks`` test a model (dbt/tests/generic/column_checks.sql) runs all its checks:
not_null, accepted_values, primary_key, unique_rows, relationships. dbt reports it as one
test; fazhi.transform hands each failed one here, which names and counts every broken check
as dbt named and counted the test of that one check, so the run's failures read as before
the checks were folded into one node.
"""
from __future__ import annotations

import re
from pathlib import Path


def column_failures(warehouse: Path, result, tested_after) -> list[str]:
    """A failed ``column_checks`` test as one failure a broken check, named and counted as dbt's
    one-check tests were: ``not_null_fct_facts_value: warn 3 null rows``,
    ``accepted_values_int_facts_kind: warn 2 rows of other values``,
    ``primary_key_int_sentences_sentence_id: warn Got 1 result, configured to warn if != 0``
    (likewise ``unique_rows_…`` and ``relationships_…``, ``source_…`` on a source).

    Its query (as compiled for this build) names each broken check and counts it;
    it is run again here, read-only, only when the test failed, on the rows the test read:
    those stamped after ``tested_after``, the build's ``parsed.built_through`` before it
    recorded its own newest stamp.
    """
    import duckdb

    node = result.node
    metadata = getattr(node, "test_metadata", None)
    if metadata is None or metadata.name != "column_checks" or str(result.status) == "error":
        return []
    with duckdb.connect() as con:
        con.execute("attach '{}' as build (read_only)".format(str(warehouse).replace("'", "''")))
        # the query names the build's tables in full and leaves parsed.built_through unqualified:
        # here that is the stamp as the test read it, in this connection's own catalog
        con.execute("create schema parsed")
        con.execute("create table parsed.built_through as select ?::timestamp as parsed_at", [tested_after])
        rows = con.execute(node.compiled_code).fetchall()
    return [f"{_check_test_name(node, check, column)}: {result.status} {_check_message(result, check, count)}"
            for check, column, count in rows]


def _check_test_name(node, check: str, column: str) -> str:
    """The name dbt gave the one-check test a ``column_checks`` check replaces (its arguments as they
    were: a relationship's ``to`` as written in the yml)."""
    from dbt.parser.generic_test_builders import synthesize_generic_test_names

    if node.attached_node:                                # model.fazhi.fct_facts, seed.fazhi.case_stages
        table, test_type = node.attached_node.split(".", 2)[2], check
    else:   # a source's test: the tested table is its `model` (its relationships' `to` are dependencies too)
        source = re.search(r"source\(\s*'([^']+)'\s*,\s*'([^']+)'", node.test_metadata.kwargs["model"])
        table, test_type = f"{source[1]}_{source[2]}", f"source_{check}"
    if check == "unique_rows":
        args: dict = {"columns": node.test_metadata.kwargs["unique_rows"]}
    elif check == "relationships":
        target = node.test_metadata.kwargs["relationships"][column]
        args = {"column_name": column, "to": target["to"], "field": target["field"]}
    else:
        args = {"column_name": column}
    return synthesize_generic_test_names(test_type, table, args)[1]


def _check_message(result, check: str, count: int) -> str:
    """``3 null rows``, ``2 rows of other values``; for the other checks dbt's own words for the count:
    ``Got 2 results, configured to warn if != 0``."""
    if check == "not_null":
        return f"{count} null rows"
    if check == "accepted_values":
        return f"{count} rows of other values"
    from dbt_common.events.format import pluralize

    configured = (result.message or "").partition(", ")[2] or f"configured to {result.status} if != 0"
    return f"Got {pluralize(count, 'result')}, {configured}"
