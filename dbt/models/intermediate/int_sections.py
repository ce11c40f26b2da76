"""int_sections: the heading tree of every report (parser: fazhi.text.sections)."""
from fazhi.parallel import stream_slices
from fazhi.parse_tables import parser_version, reports_to_parse, sections_frame, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    version = parser_version("sections")
    reports = reports_to_parse(dbt, session, version, "report_id, text")
    return stamped(stream_slices(sections_frame, reports), version)
