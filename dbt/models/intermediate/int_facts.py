"""int_facts: the numeric facts of every sentence (extractor: fazhi.extract)."""
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
    spans = dbt.ref("int_sentences").aggregate(
        "report_id, list(ordinal order by ordinal) as ordinals, list(start_offset order by ordinal) as starts, "
        "list(end_offset order by ordinal) as ends", "report_id")
    reports = reports.join(spans, "report_id", how="left")
    return stamped(map_slices(facts_frame, reports.pl(), rules), version)
