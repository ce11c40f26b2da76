"""int_facts: the numeric facts of every sentence (extractor: fazhi.extract).

Sentences are split by the same function as int_sentences (ordinals agree;
fct_facts joins the two), so this model does not wait for that one.
"""
from fazhi.parallel import map_slices
from fazhi.parse_tables import facts_frame, load_metric_rules, parser_version, stale_filter, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    rules = load_metric_rules(dbt.ref("metric_taxonomy").pl())
    version = parser_version("facts", rules)
    reports = dbt.ref("stg_reports").select("report_id, text")
    if dbt.is_incremental:
        reports = reports.filter(stale_filter(session, dbt.this, version))
    return stamped(map_slices(facts_frame, reports.pl(), rules), version)
