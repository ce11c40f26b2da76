-- int_report_figures: one figure per report and metric, the one an analyst reads as the
-- report's: its first statement, a part of a total (其中 …) counting only when the total
-- is not of that metric (纠错 inside 办结). fct_report_metrics spreads these into columns;
-- qa_year_over_year reads last year's figure here.
with facts as (
    select * from {{ ref('int_facts') }}
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
    start_offset
from stated
qualify row_number() over (partition by report_id, metric order by start_offset, fact_id) = 1
