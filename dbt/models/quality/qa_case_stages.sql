-- qa_case_stages: fct_cases with the sentence stating each stage, for the checks
-- closed ≤ received (办结/审结 ≤ 受理) and corrected ≤ closed (纠错 ≤ 办结).
-- A qualifier widens what a figure can mean: the later stage is compared by its
-- floor and the earlier by its ceiling. A floor (余/以上) has no ceiling and a
-- ceiling (不到/以内) no floor, so such a pair is not compared (null); an
-- approximate figure (约) leaves 5% for rounding.
with cases as (
    select * from {{ ref('fct_cases') }}
),

facts as (
    select fact_id, sentence_text, start_offset, end_offset from {{ ref('fct_facts') }}
)

select
    cases.case_row_id,
    cases.report_id,
    cases.doc,
    cases.case_type as metric,
    cases.received,
    cases.closed,
    cases.corrected,
    case cases.received_qualifier when 'at_least' then null when 'approx' then cases.received * 1.05 else cases.received end as received_ceiling,
    case cases.closed_qualifier when 'at_most' then null when 'approx' then cases.closed * 0.95 else cases.closed end as closed_floor,
    case cases.closed_qualifier when 'at_least' then null when 'approx' then cases.closed * 1.05 else cases.closed end as closed_ceiling,
    case cases.corrected_qualifier when 'at_most' then null when 'approx' then cases.corrected * 0.95 else cases.corrected end as corrected_floor,
    closed_fact.sentence_text as closed_sentence,
    closed_fact.start_offset as closed_start,
    closed_fact.end_offset as closed_end,
    corrected_fact.sentence_text as corrected_sentence,
    corrected_fact.start_offset as corrected_start,
    corrected_fact.end_offset as corrected_end,
    -- the latest stage's sentence, for a reader looking at the whole row
    coalesce(corrected_fact.sentence_text, closed_fact.sentence_text, received_fact.sentence_text) as sentence_text,
    coalesce(corrected_fact.start_offset, closed_fact.start_offset, received_fact.start_offset) as start_offset,
    coalesce(corrected_fact.end_offset, closed_fact.end_offset, received_fact.end_offset) as end_offset
from cases
left join facts as received_fact on received_fact.fact_id = cases.received_fact_id
left join facts as closed_fact on closed_fact.fact_id = cases.closed_fact_id
left join facts as corrected_fact on corrected_fact.fact_id = cases.corrected_fact_id
