-- fct_cases: one row per report × case type, the received / closed / corrected counts.
-- A report that states a stage twice counts the first statement (by position);
-- parts of a total (其中 …) never stand for the stage itself.
{{ incremental_by_report() }}

with facts as (
    select * from {{ ref('fct_facts') }}
    where part_of_fact_id is null
      and report_id in (
          select report_id from {{ ref('int_report_stamps') }}
          where {{ reports_to_build(ref('int_report_stamps')) }}
      )
),

stages as (
    select * from {{ ref('case_stages') }}
),

staged as (
    select
        facts.*,
        stages.case_type,
        stages.case_type_zh,
        stages.stage,
        row_number() over (
            partition by facts.report_id, stages.case_type, stages.stage
            order by facts.start_offset
        ) as nth
    from facts
    inner join stages on stages.metric_id = facts.metric
),

firsts as (
    select * from staged where nth = 1
)

select
    report_id || ':' || case_type as case_row_id,
    report_id,
    any_value(doc) as doc,
    case_type,
    any_value(case_type_zh) as case_type_zh,
    cast(max(value) filter (where stage = 'received') as bigint) as received,
    cast(max(value) filter (where stage = 'closed') as bigint) as closed,
    cast(max(value) filter (where stage = 'corrected') as bigint) as corrected,
    max(qualifier) filter (where stage = 'received') as received_qualifier,
    max(qualifier) filter (where stage = 'closed') as closed_qualifier,
    max(qualifier) filter (where stage = 'corrected') as corrected_qualifier,
    max(fact_id) filter (where stage = 'received') as received_fact_id,
    max(fact_id) filter (where stage = 'closed') as closed_fact_id,
    max(fact_id) filter (where stage = 'corrected') as corrected_fact_id,
    any_value(parsed_at) as parsed_at,
    any_value(models_version) as models_version
from firsts
group by report_id, case_type
