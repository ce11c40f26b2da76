-- int_report_figures: one figure per report and metric, the one an analyst reads as the
-- report's: its first statement, a part of a total (其中 …) counting only when the total
-- is not of that metric (纠错 inside 办结). fct_report_metrics spreads these into columns;
-- qa_year_over_year reads last year's figure here.
-- Built one report at a time (macros/incremental_by_report.sql: incremental_by_parse).
{{ incremental_by_parse(['int_facts']) }}
{%- set stamps = parse_stamps(['int_facts']) %}

with to_build as (
    select report_id, parsed_at from {{ stamps }} as stamps
    where {{ reports_to_build(stamps) }}
),

facts as (
    select * from {{ ref('int_facts') }}
    where report_id in (select report_id from to_build)
),

stated as (
    select parts.*
    from facts as parts
    left join facts as totals
        on totals.fact_id = parts.report_id || ':' || parts.part_of_offset || ':0'
    where parts.metric is not null
      and (parts.part_of_offset is null or parts.metric is distinct from totals.metric)
)

select
    report_id,
    metric,
    fact_id,
    value,
    unit,
    kind,
    qualifier,
    number_text,
    start_offset,
    to_build.parsed_at,
    '{{ models_version() }}' as models_version
from stated
inner join to_build using (report_id)
qualify row_number() over (partition by report_id, metric order by start_offset, fact_id) = 1
