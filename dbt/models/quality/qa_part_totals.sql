-- qa_part_totals: each stated total with the sum of the parts listed under it (其中 …),
-- for the check parts ≤ total.
-- Only parts in the total's unit are summed (rates and changes never); for cases
-- 件 and 起 are one unit (156起，其中简易程序案件149件). A total
-- stated as a floor (余/以上) is not checked, since its parts may exceed the figure
-- as written; a part stated as a ceiling (不到/以内) adds nothing to parts_floor, the
-- least the parts can sum to. An approximate total (约) leaves 5% for rounding
-- (total_ceiling). parts_sum is the sum as written.
-- A part is summed only when it is in the total's sentence (a list the reader ran on
-- past the sentence's end is not the report's claim) and not inside a bracket opened
-- after the total (刑事案件118件（含自诉1件）: the 1件 is a part of the 118, not of the total).
-- A list that ends with the rest (其他, 其余: 其中治安类10件、征收类12件、其他类5件) says
-- its parts are all of the total, so they must add up to it (parts_sum_to_total), when
-- neither the total nor a part is stated loosely.
{{ quality_by_report() }}
with facts as (
    select
        *,
        case when kind = 'case' and unit in ('件', '起', '宗') then '件' else unit end as counting_unit
    from {{ ref('fct_facts') }}
    where {{ qa_reports('report_id') }}
),

placed as (
    select
        parts.*,
        substr(parts.sentence_text, totals.end_offset - totals.sentence_start + 1,
               parts.start_offset - totals.end_offset) as between_text
    from facts as parts
    inner join facts as totals on totals.fact_id = parts.part_of_fact_id
    where parts.sentence_start = totals.sentence_start
),

parts as (
    select
        part_of_fact_id as total_fact_id,
        counting_unit,
        sum(value) as parts_sum,
        sum(case when qualifier = 'at_most' then 0 else value end) as parts_floor,
        count(*) as parts,
        bool_or(regexp_matches(between_text, '其他|其余|其它')) as closes_with_rest,
        bool_or(qualifier is not null) as loose_parts
    from placed
    where kind not in ('rate', 'change')
      -- no bracket left open: as many closing brackets as opening ones, at least (counted by
      -- what removing them takes off: a third of the time of two regex rewrites, the same rows)
      and length(replace(replace(between_text, '(', ''), '（', ''))
          >= length(replace(replace(between_text, ')', ''), '）', ''))
    group by part_of_fact_id, counting_unit
)

select
    totals.fact_id as total_fact_id,
    totals.report_id,
    totals.doc,
    totals.metric,
    totals.subject,
    totals.value as total,
    totals.qualifier,
    case when totals.qualifier = 'approx' then totals.value * 1.05 else totals.value end as total_ceiling,
    parts.parts_sum,
    parts.parts_floor,
    parts.parts,
    parts.closes_with_rest,
    not parts.closes_with_rest or parts.loose_parts or totals.qualifier is not null
        or parts.parts_sum = totals.value as parts_sum_to_total,
    totals.sentence_text,
    totals.start_offset,
    totals.end_offset
from facts as totals
inner join parts
    on parts.total_fact_id = totals.fact_id and parts.counting_unit is not distinct from totals.counting_unit
where coalesce(totals.qualifier, '') <> 'at_least'
  and totals.kind not in ('rate', 'change')
