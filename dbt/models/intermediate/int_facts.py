"""int_facts: the numeric facts of every sentence (extractor: fazhi.extract)."""
from fazhi.parse_tables import facts_frame, load_metric_rules


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert")
    reports = dbt.ref("stg_reports")
    sentences = dbt.ref("int_sentences")
    if dbt.is_incremental:
        reports = reports.filter(f"report_id not in (select distinct report_id from {dbt.this})")
    reports = reports.select("report_id, text").pl()
    wanted = set(reports["report_id"].to_list())
    sentences = sentences.select("report_id, ordinal, start_offset, end_offset").pl()
    sentences = sentences.filter(sentences["report_id"].is_in(wanted))
    rules = load_metric_rules(dbt.ref("metric_taxonomy").pl())
    return facts_frame(reports, sentences, rules)
