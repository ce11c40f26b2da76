"""int_report_metadata: title, issuer and its level, region with its GB/T 2260 code, year, dates and text key of each report (parser: fazhi.metadata)."""
from fazhi.parallel import stream_slices
from fazhi.parse_tables import metadata_frame, parser_version, reports_to_parse, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    version = parser_version("metadata")
    reports = reports_to_parse(dbt, session, version, "report_id, raw_text, stated_title, stated_published")
    return stamped(stream_slices(metadata_frame, reports), version)
