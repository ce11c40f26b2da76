-- qa_rate_consistency: stated rates next to the rate their own counts give
-- (seed rate_definitions: 纠错率 = 纠错 / 办结 …), in the same report.
-- gap_points is how far the statement is from the counts, in percentage points,
-- counting only the direction a qualifier (以上 / 不到) leaves open.
with facts as (
    select * from {{ ref('fct_facts') }} where part_of_fact_id is null
),

definitions as (
    select * from {{ ref('rate_definitions') }}
),

firsts as (
    select metric, report_id, arg_min(value, start_offset) as value
    from facts
    group by metric, report_id
),

compared as (
    select
        rates.fact_id,
        rates.report_id,
        rates.doc,
        rates.metric,
        rates.value as stated_pct,
        rates.qualifier,
        numerators.value as numerator,
        denominators.value as denominator,
        round(100.0 * numerators.value / denominators.value, 2) as computed_pct,
        rates.sentence_text,
        rates.start_offset,
        rates.end_offset
    from facts as rates
    inner join definitions on definitions.rate_metric = rates.metric
    inner join firsts as numerators
        on numerators.report_id = rates.report_id and numerators.metric = definitions.numerator_metric
    inner join firsts as denominators
        on denominators.report_id = rates.report_id and denominators.metric = definitions.denominator_metric
    where rates.kind = 'rate' and denominators.value > 0
)

select
    *,
    case qualifier
        when 'at_least' then greatest(stated_pct - computed_pct, 0)
        when 'at_most' then greatest(computed_pct - stated_pct, 0)
        else abs(stated_pct - computed_pct)
    end as gap_points
from compared
