-- int_report_disclosure: per report, which of the core indicators (seed
-- disclosure_indicators: 行政复议 受理/办结/纠错率, 行政应诉 案件/出庭应诉率, 行政处罚 …)
-- it states, as a disclosure score for dim_reports: whether a body discloses is
-- itself what evaluators grade. An indicator is stated when any fact of the report
-- carries its metric; the list is a seed an analyst can edit.
with indicators as (
    select * from {{ ref('disclosure_indicators') }}
),

stated as (
    select distinct report_id, metric
    from {{ ref('int_facts') }}
    where metric in (select metric_id from indicators)
),

reports as (
    select report_id from {{ ref('stg_reports') }}
)

select
    reports.report_id,
    count(stated.metric) as disclosure_stated,
    (select count(*) from indicators) as disclosure_indicators,
    round(count(stated.metric) / (select count(*) from indicators), 3) as disclosure_score,
    (select string_agg(indicators.name_zh, '、' order by indicators.name_zh)
     from indicators
     where indicators.metric_id not in (
         select s.metric from stated as s where s.report_id = reports.report_id)) as disclosure_missing
from reports
left join stated on stated.report_id = reports.report_id
group by reports.report_id
