"""int_sentences: every sentence of every report, with its section (parser: fazhi.text.sentences)."""
from fazhi.parallel import stream_slices
from fazhi.parse_tables import parser_version, reports_to_parse, sentences_frame, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    version = parser_version("sentences")
    reports = reports_to_parse(dbt, session, version, "report_id, text, raw_text")
    return stamped(stream_slices(sentences_frame, reports), version)
