"""int_sections: the heading tree of every report (parser: fazhi.text.sections)."""
from fazhi.parse_tables import sections_frame


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert")
    reports = dbt.ref("stg_reports")
    if dbt.is_incremental:
        reports = reports.filter(f"report_id not in (select report_id from {dbt.this})")
    return sections_frame(reports.select("report_id, text").pl())
