-- fct_facts: every numeric fact, with its report, section, sentence and span.
{{ incremental_by_report() }}

with stamps as (
    select * from {{ ref('int_report_stamps') }}
    where {{ reports_to_build(ref('int_report_stamps')) }}
),

facts as (
    select * from {{ ref('int_facts') }}
    where report_id in (select report_id from stamps)
),

reports as (
    select report_id, doc, read_method from {{ ref('stg_reports') }}
),

unsure as (
    select * from {{ ref('stg_ocr_low_confidence') }}
    where report_id in (select report_id from stamps)
),

-- materialized: computed alone, the scan of the parse's sentences reads only the built reports'
-- rows; inlined, DuckDB joined them to the facts first and read every sentence's text
-- (1.3 M rows at 10,000 reports: 1.5 of a +10 build's 10 CPU-s, measured); the columns read
-- only: int_sentences derives sentence_id, so it is derived below for the facts' sentences alone
sentences as materialized (
    select report_id, ordinal, start_offset, sentence_text from {{ ref('int_sentences') }}
    where report_id in (select report_id from stamps)
),

sections as (
    select * from {{ ref('int_sections') }}
    where report_id in (select report_id from stamps)
)

select
    facts.fact_id,
    facts.report_id,
    reports.doc,
    facts.start_offset,
    facts.end_offset,
    facts.number_text,
    facts.value,
    facts.unit,
    facts.kind,
    facts.qualifier,
    facts.subject,
    facts.action,
    facts.metric,
    facts.respectively,
    reports.read_method,
    exists (
        select 1 from unsure
        where unsure.report_id = facts.report_id
          and unsure.start_offset < facts.end_offset and unsure.end_offset > facts.start_offset
    ) as ocr_low_confidence,
    case when facts.part_of_offset is not null
         then facts.report_id || ':' || facts.part_of_offset || ':0' end as part_of_fact_id,
    facts.report_id || ':' || facts.sentence_ordinal as sentence_id,
    sentences.sentence_text,
    sentences.start_offset as sentence_start,
    sections.section_id,
    sections.path as section_path,
    sections.title as section_title,
    stamps.parsed_at,
    '{{ models_version() }}' as models_version,
    -- last, as an appended column: an incremental mart with a contract only appends new columns
    case when facts.prior_of_offset is not null
         then facts.report_id || ':' || facts.prior_of_offset || ':0' end as prior_of_fact_id
from facts
inner join stamps using (report_id)
inner join reports using (report_id)
inner join sentences
    on sentences.report_id = facts.report_id and sentences.ordinal = facts.sentence_ordinal
-- the deepest section holding the sentence is the last heading starting at or before it
asof left join sections
    on sections.report_id = facts.report_id and sentences.start_offset >= sections.start_offset
