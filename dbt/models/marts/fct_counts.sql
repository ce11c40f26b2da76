-- fct_counts: every fact that is neither a rate level nor a case stage of fct_cases.
{{ incremental_by_report() }}

with to_build as (
    select report_id from {{ ref('int_report_stamps') }}
    where {{ reports_to_build(ref('int_report_stamps')) }}
),

facts as (
    select * from {{ ref('fct_facts') }}
    where report_id in (select report_id from to_build)
),

cases as (
    select * from {{ ref('fct_cases') }}
    where report_id in (select report_id from to_build)
),

in_cases as (
    select received_fact_id as fact_id from cases where received_fact_id is not null
    union all
    select closed_fact_id from cases where closed_fact_id is not null
    union all
    select corrected_fact_id from cases where corrected_fact_id is not null
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
    section_path,
    parsed_at,
    models_version
from facts
where kind <> 'rate'
  and fact_id not in (select fact_id from in_cases)
