-- dim_reports: one row per current report: who issued it, where, for which year, and how much was parsed.
{{ incremental_by_report() }}

with stamps as (
    select * from {{ ref('int_report_stamps') }}
    where {{ reports_to_build(ref('int_report_stamps')) }}
),

reports as (
    select report_id, doc, location, format, encoding, stated_source, text_chars, ingested_at
    from {{ ref('stg_reports') }}
    where report_id in (select report_id from stamps)
),

section_counts as (
    select report_id, count(*) filter (where level = 1) as top_sections, count(*) as sections
    from {{ ref('int_sections') }}
    where report_id in (select report_id from stamps)
    group by report_id
),

sentence_counts as (
    select report_id, count(*) as sentences from {{ ref('int_sentences') }}
    where report_id in (select report_id from stamps)
    group by report_id
),

fact_counts as (
    select report_id, count(*) as facts from {{ ref('fct_facts') }}
    where report_id in (select report_id from stamps)
    group by report_id
),

metadata as (
    select * from {{ ref('int_report_metadata') }}
)

select
    reports.report_id,
    reports.doc,
    reports.location,
    reports.format,
    reports.encoding,
    metadata.title,
    metadata.issuer,
    metadata.region,
    metadata.province,
    metadata.city,
    metadata.report_year,
    try_cast(metadata.published as date) as published,
    try_cast(metadata.dated as date) as dated,
    coalesce(reports.stated_source, metadata.source_name) as source_name,
    reports.text_chars,
    coalesce(section_counts.top_sections, 0) as top_sections,
    coalesce(section_counts.sections, 0) as sections,
    coalesce(sentence_counts.sentences, 0) as sentences,
    coalesce(fact_counts.facts, 0) as facts,
    reports.ingested_at,
    stamps.parsed_at,
    '{{ models_version() }}' as models_version
from reports
inner join stamps using (report_id)
left join section_counts using (report_id)
left join sentence_counts using (report_id)
left join fact_counts using (report_id)
left join metadata using (report_id)
