"""int_sentences: every sentence of every report, with its section (parser: fazhi.text.sentences)."""
from fazhi.parse_tables import sentences_frame


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert")
    reports = dbt.ref("stg_reports")
    if dbt.is_incremental:
        reports = reports.filter(f"report_id not in (select report_id from {dbt.this})")
    return sentences_frame(reports.select("report_id, text, raw_text").pl())
