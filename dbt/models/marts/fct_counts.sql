-- fct_counts: every fact that is neither a rate level nor a case stage of fct_cases.
with facts as (
    select * from {{ ref('fct_facts') }}
),

in_cases as (
    select received_fact_id as fact_id from {{ ref('fct_cases') }} where received_fact_id is not null
    union all
    select closed_fact_id from {{ ref('fct_cases') }} where closed_fact_id is not null
    union all
    select corrected_fact_id from {{ ref('fct_cases') }} where corrected_fact_id is not null
)

select
    fact_id,
    report_id,
    doc,
    kind,
    metric,
    subject,
    action,
    value,
    unit,
    qualifier,
    number_text,
    part_of_fact_id,
    start_offset,
    end_offset,
    sentence_id,
    sentence_text,
    section_path
from facts
where kind <> 'rate'
  and fact_id not in (select fact_id from in_cases)
