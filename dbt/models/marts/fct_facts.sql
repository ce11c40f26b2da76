-- fct_facts: every numeric fact, with its report, section, sentence and span.
{{ incremental_by_report() }}

with stamps as (
    select * from {{ ref('int_report_stamps') }}
    where {{ reports_to_build(ref('int_report_stamps')) }}
),

-- the facts are read once, by the final select, so their 3 M wide rows at 100,000 reports stream
-- through the joins; read twice, DuckDB kept them whole in memory as a shared subplan and every
-- join spilled to disk (the node: 132 s in a 100,000-report build; this shape ~30 s, measured).
-- They are int_facts' rows, read from the parse without its filters: the inner join with the
-- stamps below keeps the same reports (current, parsed, not duplicates, to build). Filtered here,
-- DuckDB estimated them at ~1,000 rows and built its last hash join on all of them, not on the
-- sentences: at 100,000 reports that spilled 2.4 GB and took 25-30 s, against 17 s (measured).
-- depends_on: {{ ref('int_facts') }}
facts as not materialized (
    select *, {{ fact_id() }} as fact_id from {{ source('parsed', 'facts') }}
),

reports as (
    select report_id, doc, read_method from {{ ref('stg_reports') }}
),

sections as (
    select report_id, section_id, ordinal, path, title, start_offset from {{ ref('int_sections') }}
    where report_id in (select report_id from stamps)
),

-- the sentences that hold a fact (one in ten): their text is what the facts carry. The keys are
-- read from the parse's facts table (a narrow scan of two columns), not from int_facts (see
-- above); the facts joined below are int_facts'. Materialized: the built reports' rows only are
-- read, and their text once.
fact_sentences as materialized (
    select sentences.report_id, sentences.ordinal, sentences.start_offset, sentences.sentence_text
    from {{ ref('int_sentences') }} as sentences
    semi join (
        select distinct report_id, sentence_ordinal from {{ source('parsed', 'facts') }}
        where report_id in (select report_id from stamps)
    ) as fact_keys
        on fact_keys.report_id = sentences.report_id and fact_keys.sentence_ordinal = sentences.ordinal
    where sentences.report_id in (select report_id from stamps)
),

-- the deepest section holding a sentence is the last heading starting at or before it, found
-- among its report's headings on narrow keys (a sentence's, a heading's), not on the facts. Not
-- an ASOF join: under the build's memory limit DuckDB gave that join's sort so much of its
-- memory budget that the node's hash joins ran partitioned: its select took 2.1 s instead of
-- 1.0 on the long 10,000-report bench corpus, 28 s (48 CPU-s) instead of 12 (23) at 100,000
-- reports, the same rows (measured).
sentence_heads as (
    select
        fact_sentences.report_id,
        fact_sentences.ordinal,
        arg_max(heads.ordinal, heads.start_offset) as section_ordinal
    from fact_sentences
    left join (select report_id, ordinal, start_offset from sections) as heads
        on heads.report_id = fact_sentences.report_id
       and heads.start_offset <= fact_sentences.start_offset
    group by fact_sentences.report_id, fact_sentences.ordinal
),

sentences as materialized (
    select fact_sentences.*, sections.section_id, sections.path, sections.title
    from fact_sentences
    inner join sentence_heads using (report_id, ordinal)
    left join sections
        on sections.report_id = sentence_heads.report_id
       and sections.ordinal = sentence_heads.section_ordinal
),

-- the OCR's unsure spans of each report, as one list: a fact overlapping one is flagged below
-- without a correlated subquery (DuckDB copied every fact's row to run one)
unsure as (
    select
        report_id,
        list(struct_pack(start_offset := start_offset, end_offset := end_offset)) as spans
    from {{ ref('stg_ocr_low_confidence') }}
    where report_id in (select report_id from stamps)
    group by report_id
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
    coalesce(len(list_filter(
        unsure.spans,
        lambda span: span.start_offset < facts.end_offset and span.end_offset > facts.start_offset
    )) > 0, false) as ocr_low_confidence,
    case when facts.part_of_offset is not null
         then facts.report_id || ':' || facts.part_of_offset || ':0' end as part_of_fact_id,
    facts.report_id || ':' || facts.sentence_ordinal as sentence_id,
    sentences.sentence_text,
    sentences.start_offset as sentence_start,
    sentences.section_id,
    sentences.path as section_path,
    sentences.title as section_title,
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
left join unsure using (report_id)
