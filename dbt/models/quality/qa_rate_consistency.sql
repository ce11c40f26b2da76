-- qa_rate_consistency: stated rates next to the rate their own counts give
-- (seed rate_definitions: 纠错率 = 纠错 / 办结 …), in the same report.
-- A count is its first statement outside any 其中 list; when the report states
-- it only as parts of a total ("办结218件，其中撤销12件、变更8件"), the parts that
-- carry the metric under the first such total are summed.
-- A count stated loosely (余, 约, 以上 …) gives no exact rate and is not compared.
-- The rate is compared with every base the report gives for the case type (the defined
-- one, 办结, and 受理/收到): gap_points is how far the statement is from the nearest,
-- in percentage points, counting only the direction a qualifier (以上 / 不到) leaves
-- open; matched_base names the base within 0.5 points (null: none fits).
-- numerator, denominator and computed_pct are the defined base's (else the other base first by metric id).
{{ quality_by_report() }}
with facts as (
    select * from {{ ref('fct_facts') }}
    where {{ qa_reports('report_id') }}
),

definitions as (
    select * from {{ ref('rate_definitions') }}
),

stated as (
    select metric, report_id, arg_min(value, start_offset) as value, arg_min(qualifier, start_offset) as qualifier
    from facts
    where part_of_fact_id is null and metric is not null
    group by metric, report_id
),

part_sums as (
    select metric, report_id, part_of_fact_id, sum(value) as value, max(qualifier) as qualifier,
        min(start_offset) as first_start
    from facts
    where part_of_fact_id is not null and metric is not null and kind not in ('rate', 'change')
    group by metric, report_id, part_of_fact_id
),

from_parts as (
    select metric, report_id, arg_min(value, first_start) as value, arg_min(qualifier, first_start) as qualifier
    from part_sums
    group by metric, report_id
),

firsts as (
    select
        coalesce(stated.metric, from_parts.metric) as metric,
        coalesce(stated.report_id, from_parts.report_id) as report_id,
        coalesce(stated.value, from_parts.value) as value,
        case when stated.value is not null then stated.qualifier else from_parts.qualifier end as qualifier
    from stated
    full outer join from_parts
        on from_parts.metric = stated.metric and from_parts.report_id = stated.report_id
),

bases as (
    -- the defined denominator first, then the case type's other received and closed counts
    -- (a report may state 纠错率 over 受理 or 收到): every base the report gives
    select definitions.rate_metric, definitions.numerator_metric, definitions.denominator_metric as base_metric,
        0 as base_rank
    from definitions
    union all
    select definitions.rate_metric, definitions.numerator_metric, others.metric_id, 1
    from definitions
    inner join {{ ref('case_stages') }} as own on own.metric_id = definitions.denominator_metric
    inner join {{ ref('case_stages') }} as others
        on others.case_type = own.case_type and others.stage in ('received', 'closed')
        and others.metric_id <> definitions.denominator_metric
),

per_base as (
    select
        rates.fact_id,
        rates.report_id,
        rates.doc,
        rates.metric,
        rates.value as stated_pct,
        rates.qualifier,
        bases.base_metric,
        bases.base_rank,
        numerators.value as numerator,
        denominators.value as denominator,
        round(100.0 * numerators.value / denominators.value, 2) as computed_pct,
        rates.sentence_text,
        rates.start_offset,
        rates.end_offset
    from facts as rates
    inner join bases on bases.rate_metric = rates.metric
    inner join firsts as numerators
        on numerators.report_id = rates.report_id and numerators.metric = bases.numerator_metric
    inner join firsts as denominators
        on denominators.report_id = rates.report_id and denominators.metric = bases.base_metric
    where rates.kind = 'rate' and denominators.value > 0
        and numerators.qualifier is null and denominators.qualifier is null
),

gaps as (
    select
        *,
        case qualifier
            when 'at_least' then greatest(stated_pct - computed_pct, 0)
            when 'at_most' then greatest(computed_pct - stated_pct, 0)
            else abs(stated_pct - computed_pct)
        end as base_gap
    from per_base
)

-- one row per stated rate: the defined base's figures, and the base that fits best
select
    fact_id,
    any_value(report_id) as report_id,
    any_value(doc) as doc,
    any_value(metric) as metric,
    any_value(stated_pct) as stated_pct,
    any_value(qualifier) as qualifier,
    arg_min(numerator, row(base_rank, base_metric)) as numerator,
    arg_min(denominator, row(base_rank, base_metric)) as denominator,
    arg_min(computed_pct, row(base_rank, base_metric)) as computed_pct,
    arg_min(base_metric, [base_gap, base_rank]) filter (where base_gap <= 0.5) as matched_base,
    min(base_gap) as gap_points,
    any_value(sentence_text) as sentence_text,
    any_value(start_offset) as start_offset,
    any_value(end_offset) as end_offset
from gaps
group by fact_id
