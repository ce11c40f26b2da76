"""int_sentences: every sentence of every report, with its section (parser: fazhi.text.sentences)."""
from fazhi.parallel import map_slices
from fazhi.parse_tables import parser_version, sentences_frame, stale_filter, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    version = parser_version("sentences")
    reports = dbt.ref("stg_reports")
    if dbt.is_incremental:
        reports = reports.filter(stale_filter(session, dbt.this, version))
    return stamped(map_slices(sentences_frame, reports.select("report_id, text, raw_text").pl()), version)
