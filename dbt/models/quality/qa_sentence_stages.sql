-- qa_sentence_stages: one sentence that counts cases received (新收/受理/收到/立案)
-- and then cases closed (结案/审结/办结) of the same thing, for the check
-- closed_le_received_in_sentence, which also covers case types no metric names
-- (一审案件 新收73件，结案118件). Pairs fct_cases already compares (the closed figure
-- carries a closed-stage metric of case_stages, the received one a received-stage
-- metric) are left to closed_le_received. A sentence that mentions cases carried
-- over (结转, 旧存, 上年, 累计, 积案, 往年, 以前年度, 含) may close more than it received,
-- so it is not compared; loosely stated figures (余, 约 …) are not compared.
{{ quality_by_report() }}
with facts as (
    select
        *,
        case when unit in ('件', '起', '宗') then '件' else unit end as unit_family
    from {{ ref('fct_facts') }}
    where {{ qa_reports('report_id') }}
      and kind = 'case' and qualifier is null and part_of_fact_id is null
),

received as (
    select * from facts
    where action in ('新收', '受理', '收到', '收案', '立案', '立案受理')
),

closed as (
    select * from facts
    where action in ('结案', '审结', '办结')
),

stages as (
    select * from {{ ref('case_stages') }}
)

select
    closed.fact_id,
    closed.report_id,
    closed.doc,
    coalesce(closed.metric, received.metric) as metric,
    closed.subject,
    received.value as received,
    closed.value as closed,
    received.value >= closed.value as closed_within_received,
    closed.sentence_text,
    closed.start_offset,
    closed.end_offset
from closed
inner join received
    on received.report_id = closed.report_id
    and received.sentence_start = closed.sentence_start
    and received.start_offset < closed.start_offset
    and received.unit_family is not distinct from closed.unit_family
    and received.subject is not distinct from closed.subject
where not regexp_matches(closed.sentence_text, '结转|旧存|上年|累计|积案|往年|以前年度|含')
  and not (coalesce(closed.metric, '') in (select metric_id from stages where stage = 'closed')
           and coalesce(received.metric, '') in (select metric_id from stages where stage = 'received'))
-- the received figure nearest before the closed one
qualify row_number() over (partition by closed.fact_id order by received.start_offset desc) = 1
