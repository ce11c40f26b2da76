-- dim_reports: one row per current report file: who issued it, where, for which year,
-- whether it repeats another file's text, and how much was parsed (int_report_sizes:
-- counted as each report is parsed). Rebuilt whole each run (one row per report), so a
-- report that becomes or stops being a duplicate is shown as it is now.
{{ config(materialized='table') }}

with reports as (
    select report_id, doc, location, format, encoding, stated_source, ingested_at
    from {{ ref('stg_reports') }}
),

metadata as (
    select * from {{ ref('int_report_metadata') }}
),

identity as (
    select report_id, duplicate_of from {{ ref('int_report_identity') }}
),

stamps as (
    select report_id, parsed_at from {{ ref('int_report_stamps') }}
),

sizes as (
    select report_id, text_chars, top_sections, sections, sentences, facts
    from {{ ref('int_report_sizes') }}
)

select
    reports.report_id,
    reports.doc,
    metadata.title,
    metadata.report_year,
    metadata.issuer,
    metadata.issuer_level,
    metadata.region,
    metadata.region_level,
    metadata.region_code,
    metadata.province,
    metadata.city,
    metadata.county,
    try_cast(metadata.published as date) as published,
    try_cast(metadata.dated as date) as dated,
    identity.duplicate_of,
    reports.location,
    reports.format,
    reports.encoding,
    coalesce(reports.stated_source, metadata.source_name) as source_name,
    sizes.text_chars::bigint as text_chars,
    coalesce(sizes.top_sections, 0)::bigint as top_sections,
    coalesce(sizes.sections, 0)::bigint as sections,
    coalesce(sizes.sentences, 0)::bigint as sentences,
    coalesce(sizes.facts, 0)::bigint as facts,
    disclosure.disclosure_stated,
    disclosure.disclosure_score,
    disclosure.disclosure_missing,
    reports.ingested_at,
    stamps.parsed_at
from reports
left join metadata using (report_id)
left join identity using (report_id)
left join stamps using (report_id)
left join sizes using (report_id)
left join {{ ref('int_report_disclosure') }} as disclosure using (report_id)
