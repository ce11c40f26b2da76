"""int_sections: the heading tree of every report (parser: fazhi.text.sections)."""
from fazhi.parallel import map_slices
from fazhi.parse_tables import parser_version, sections_frame, stale_filter, stamped


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert",
               on_schema_change="sync_all_columns")
    version = parser_version("sections")
    reports = dbt.ref("stg_reports")
    if dbt.is_incremental:
        reports = reports.filter(stale_filter(session, dbt.this, version))
    return stamped(map_slices(sections_frame, reports.select("report_id, text").pl()), version)
