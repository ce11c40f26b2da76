-- qa_case_stages: fct_cases with the sentences that state each stage, for the
-- checks closed ≤ received and corrected ≤ closed.
with cases as (
    select * from {{ ref('fct_cases') }}
),

facts as (
    select fact_id, metric, sentence_text, start_offset, end_offset from {{ ref('fct_facts') }}
)

select
    cases.case_row_id,
    cases.report_id,
    cases.doc,
    cases.case_type as metric,
    cases.received,
    cases.closed,
    cases.corrected,
    -- the later stage's sentence is where the contradiction shows
    coalesce(corrected_fact.sentence_text, closed_fact.sentence_text, received_fact.sentence_text) as sentence_text,
    coalesce(corrected_fact.start_offset, closed_fact.start_offset, received_fact.start_offset) as start_offset,
    coalesce(corrected_fact.end_offset, closed_fact.end_offset, received_fact.end_offset) as end_offset
from cases
left join facts as received_fact on received_fact.fact_id = cases.received_fact_id
left join facts as closed_fact on closed_fact.fact_id = cases.closed_fact_id
left join facts as corrected_fact on corrected_fact.fact_id = cases.corrected_fact_id
