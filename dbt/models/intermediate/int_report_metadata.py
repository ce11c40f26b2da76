"""int_report_metadata: title, issuing body, region, year and dates each report states (parser: fazhi.ingest.metadata)."""
from fazhi.parse_tables import metadata_frame


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="report_id", incremental_strategy="delete+insert")
    reports = dbt.ref("stg_reports")
    if dbt.is_incremental:
        reports = reports.filter(f"report_id not in (select report_id from {dbt.this})")
    return metadata_frame(reports.select("report_id, raw_text, stated_title, stated_published").pl())
