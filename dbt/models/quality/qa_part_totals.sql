-- qa_part_totals: each stated total with the sum of the parts listed under it (其中 …).
-- Only parts in the total's unit are summed; a total stated as a floor (余/以上)
-- is not checked, since its parts may exceed the figure as written.
with facts as (
    select * from {{ ref('fct_facts') }}
),

parts as (
    select part_of_fact_id as total_fact_id, unit, sum(value) as parts_sum, count(*) as parts
    from facts
    where part_of_fact_id is not null and kind not in ('rate', 'change')
    group by part_of_fact_id, unit
)

select
    totals.fact_id as total_fact_id,
    totals.report_id,
    totals.doc,
    totals.metric,
    totals.subject,
    totals.value as total,
    parts.parts_sum,
    parts.parts,
    totals.sentence_text,
    totals.start_offset,
    totals.end_offset
from facts as totals
inner join parts
    on parts.total_fact_id = totals.fact_id and parts.unit is not distinct from totals.unit
where coalesce(totals.qualifier, '') <> 'at_least'
