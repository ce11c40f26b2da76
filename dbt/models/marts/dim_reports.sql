-- dim_reports: one row per current report: who issued it, where, for which year, and how much was parsed.
with reports as (
    select * from {{ ref('stg_reports') }}
),

section_counts as (
    select report_id, count(*) filter (where level = 1) as top_sections, count(*) as sections
    from {{ ref('int_sections') }}
    group by report_id
),

sentence_counts as (
    select report_id, count(*) as sentences from {{ ref('int_sentences') }} group by report_id
),

fact_counts as (
    select report_id, count(*) as facts from {{ ref('fct_facts') }} group by report_id
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
    metadata.published,
    metadata.dated,
    coalesce(reports.stated_source, metadata.source_name) as source_name,
    reports.text_chars,
    coalesce(section_counts.top_sections, 0) as top_sections,
    coalesce(section_counts.sections, 0) as sections,
    coalesce(sentence_counts.sentences, 0) as sentences,
    coalesce(fact_counts.facts, 0) as facts,
    reports.ingested_at
from reports
left join section_counts using (report_id)
left join sentence_counts using (report_id)
left join fact_counts using (report_id)
left join metadata using (report_id)
