"""int_facts: the numeric facts of every sentence (extractor: fazhi.extract).

Sentences are split by the same function as int_sentences (ordinals agree;
fct_facts joins the two), so this model does not wait for that one.
"""
from fazhi.parallel import stream_slices
from fazhi.parse_tables import facts_frame, load_metric_rules, parser_version, reports_to_parse, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    rules = load_metric_rules(dbt.ref("metric_taxonomy").pl())
    version = parser_version("facts", rules)
    reports = reports_to_parse(dbt, session, version, "report_id, text")
    return stamped(stream_slices(facts_frame, reports, rules), version)
