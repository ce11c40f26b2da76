-- qa_case_stages: fct_cases with the sentence stating each stage, for the checks
-- closed ≤ received (办结/审结 ≤ 受理) and corrected ≤ closed (纠错 ≤ 办结).
-- A qualifier widens what a figure can mean: the later stage is compared by its
-- floor and the earlier by its ceiling. A floor (余/以上) has no ceiling and a
-- ceiling (不到/以内) no floor, so such a pair is not compared (null); an
-- approximate figure (约) leaves 5% for rounding.
-- What the report says about the stages is read as it means it:
-- * a report that gives both 收到 and, under it, 受理 closes the cases it accepted:
--   received is the 受理 part (收到120件，其中受理100件 → 100), unless the closed
--   count says it includes cases not accepted (结案86件，包括不予受理…: the 收到 total);
-- * cases carried over from last year (上年结转8件, 旧存3件) may be closed this year:
--   received_ceiling adds them when the report states them;
-- * 纠错 stated only under 其中 of 办结 (办结50件，其中撤销3件、确认违法2件) is the
--   corrected count (their sum), since corrections are by definition closed cases.
{{ quality_by_report() }}
with cases as (
    select * from {{ ref('fct_cases') }}
    where {{ qa_reports('report_id') }}
),

-- the facts without their sentence, read three times and so kept in memory (with it, 3 M
-- rows at 100,000 reports spilled to disk): whether a count follows 结转 / 旧存 is read here
facts as (
    select fact_id, report_id, metric, value, qualifier, action, part_of_fact_id, kind, unit,
        start_offset, end_offset,
        regexp_matches(
            substr(sentence_text, greatest(1, start_offset - sentence_start - 5),
                   least(6, start_offset - sentence_start)),
            '结转|旧存') as after_carry_word
    from {{ ref('fct_facts') }}
    where {{ qa_reports('report_id') }}
),

stages as (
    select * from {{ ref('case_stages') }}
),

-- 受理 stated as a part of the received total
accepted as (
    select
        totals.fact_id as received_fact_id,
        arg_min(parts.value, parts.start_offset) as value,
        arg_min(parts.qualifier, parts.start_offset) as qualifier,
        arg_min(parts.fact_id, parts.start_offset) as fact_id
    from facts as parts
    inner join facts as totals on totals.fact_id = parts.part_of_fact_id
    where parts.action like '%受理%' and parts.kind in ('case', 'count')
    group by totals.fact_id
),

-- a count stated right after 结转 / 旧存 (上年结转8件), per report
carried as (
    select report_id, sum(value) as value
    from facts
    where kind in ('case', 'count')
      and after_carry_word
    group by report_id
),

-- corrections stated as parts of the closed count
corrected_parts as (
    select
        parts.part_of_fact_id as closed_fact_id,
        sum(parts.value) as value,
        max(parts.qualifier) as qualifier,
        min(parts.fact_id) as fact_id
    from facts as parts
    inner join stages on stages.metric_id = parts.metric and stages.stage = 'corrected'
    where parts.part_of_fact_id is not null
    group by parts.part_of_fact_id
),

-- the sentences of the facts a case row names: its stages' and the parts read as them (all of its
-- report: the cases' reports narrow the scan, without asking again which reports are rebuilt)
texts as (
    select fact_id, sentence_text, start_offset, end_offset
    from {{ ref('fct_facts') }}
    where report_id in (select report_id from cases)
      and fact_id in (
          select received_fact_id from cases
          union all select closed_fact_id from cases
          union all select corrected_fact_id from cases
          union all select fact_id from accepted
          union all select fact_id from corrected_parts)
),

read_cases as (
    select
        cases.case_row_id,
        cases.report_id,
        cases.doc,
        cases.case_type,
        coalesce(accepted.value, cases.received) as received,
        case when accepted.value is not null then accepted.qualifier else cases.received_qualifier end
            as received_qualifier,
        coalesce(accepted.fact_id, cases.received_fact_id) as received_fact_id,
        coalesce(carried.value, 0) as carried_over,
        cases.closed,
        cases.closed_qualifier,
        cases.closed_fact_id,
        coalesce(cases.corrected, corrected_parts.value) as corrected,
        case when cases.corrected is not null then cases.corrected_qualifier else corrected_parts.qualifier end
            as corrected_qualifier,
        coalesce(cases.corrected_fact_id, corrected_parts.fact_id) as corrected_fact_id
    from cases
    left join texts as closed_fact on closed_fact.fact_id = cases.closed_fact_id
    left join accepted
        on accepted.received_fact_id = cases.received_fact_id
        and not regexp_matches(coalesce(closed_fact.sentence_text, ''), '不予受理|包括|含')
    left join carried on carried.report_id = cases.report_id
    left join corrected_parts on corrected_parts.closed_fact_id = cases.closed_fact_id
)

select
    read_cases.case_row_id,
    read_cases.report_id,
    read_cases.doc,
    read_cases.case_type as metric,
    read_cases.received,
    read_cases.carried_over,
    read_cases.closed,
    read_cases.corrected,
    case read_cases.received_qualifier
        when 'at_least' then null
        when 'approx' then read_cases.received * 1.05 + read_cases.carried_over
        else read_cases.received + read_cases.carried_over
    end as received_ceiling,
    case read_cases.closed_qualifier when 'at_most' then null when 'approx' then read_cases.closed * 0.95 else read_cases.closed end as closed_floor,
    case read_cases.closed_qualifier when 'at_least' then null when 'approx' then read_cases.closed * 1.05 else read_cases.closed end as closed_ceiling,
    case read_cases.corrected_qualifier when 'at_most' then null when 'approx' then read_cases.corrected * 0.95 else read_cases.corrected end as corrected_floor,
    closed_fact.sentence_text as closed_sentence,
    closed_fact.start_offset as closed_start,
    closed_fact.end_offset as closed_end,
    corrected_fact.sentence_text as corrected_sentence,
    corrected_fact.start_offset as corrected_start,
    corrected_fact.end_offset as corrected_end,
    -- the latest stage's sentence, for a reader looking at the whole row
    coalesce(corrected_fact.sentence_text, closed_fact.sentence_text, received_fact.sentence_text) as sentence_text,
    coalesce(corrected_fact.start_offset, closed_fact.start_offset, received_fact.start_offset) as start_offset,
    coalesce(corrected_fact.end_offset, closed_fact.end_offset, received_fact.end_offset) as end_offset
from read_cases
left join texts as received_fact on received_fact.fact_id = read_cases.received_fact_id
left join texts as closed_fact on closed_fact.fact_id = read_cases.closed_fact_id
left join texts as corrected_fact on corrected_fact.fact_id = read_cases.corrected_fact_id
