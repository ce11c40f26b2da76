-- int_report_disclosure: per report, which of the core indicators (seed
-- disclosure_indicators: 行政复议 受理/办结/纠错率, 行政应诉 案件/出庭应诉率, 行政处罚 …)
-- it states, as a disclosure score for dim_reports: whether a body discloses is
-- itself what evaluators grade. An indicator is stated when any fact of the report
-- carries its metric; the list is a seed an analyst can edit (a change to it rebuilds
-- every report). Built one report at a time (macros/incremental_by_report.sql:
-- incremental_by_parse): a report's row depends on its own facts only.
{{ incremental_by_parse(['int_facts']) }}
{%- set stamps = parse_stamps(['int_facts']) %}

with to_build as (
    select report_id, parsed_at from {{ stamps }} as stamps
    where {{ reports_to_build(stamps) }}
),

indicators as (
    select * from {{ ref('disclosure_indicators') }}
),

stated as (
    select distinct report_id, metric
    from {{ ref('int_facts') }}
    where metric in (select metric_id from indicators)
        and report_id in (select report_id from to_build)
)

select
    to_build.report_id,
    count(stated.metric) as disclosure_stated,
    (select count(*) from indicators) as disclosure_indicators,
    round(count(stated.metric) / (select count(*) from indicators), 3) as disclosure_score,
    (select string_agg(indicators.name_zh, '、' order by indicators.name_zh)
     from indicators
     where indicators.metric_id not in (
         select s.metric from stated as s where s.report_id = to_build.report_id)) as disclosure_missing,
    to_build.parsed_at,
    '{{ models_version() }}' as models_version
from to_build
left join stated on stated.report_id = to_build.report_id
group by to_build.report_id, to_build.parsed_at
