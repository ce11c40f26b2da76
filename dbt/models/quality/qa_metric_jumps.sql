-- qa_metric_jumps: the same body's metric in two consecutive report years, side by side,
-- for the check that a figure changes no more than tenfold from one year to the next.
-- A body is the issuer the title names (else the region); a metric's figure in a
-- report is its first statement (parts of a total excluded), as in fct_cases.
-- Rates and changes are left out: a rate is bounded and checked on its own, and a
-- change may cross zero. When the body has several reports of the year before (a
-- report of another kind, a re-issue), a figure is compared with the nearest of
-- their figures (the smallest ratio; then the first report and offset): one row a
-- figure, not one a pair, which grew with the square of a body's reports a year.
{{ quality_by_report(neighbours='body') }}
with all_reports as (
    select report_id, doc, report_year, coalesce(issuer, region) as body
    from {{ ref('dim_reports') }}
    where report_year is not null and coalesce(issuer, region) is not null
),

-- the reports whose rows this build writes, and the reports of the year before theirs
rebuilt as (
    select * from all_reports where {{ qa_reports('report_id', 'body') }}
),

reports as (
    select * from all_reports
    where {{ qa_reports('report_id', 'body') }}
       or exists (select 1 from rebuilt
                  where rebuilt.body = all_reports.body and rebuilt.report_year = all_reports.report_year + 1)
),

facts as (
    select * from {{ ref('fct_facts') }}
    where report_id in (select report_id from reports)
      and part_of_fact_id is null
      and metric is not null
      and kind in ('case', 'count', 'amount', 'duration')
),

firsts as (
    select *
    from facts
    qualify row_number() over (partition by report_id, metric order by start_offset, fact_id) = 1
),

figures as (
    select reports.body, reports.report_year, firsts.*
    from firsts
    inner join reports using (report_id)
),

-- each figure of a rebuilt report, and the nearest figure of the body's year before
nearest as (
    select
        current_year.fact_id,
        arg_min(previous.fact_id,
                {'ratio': greatest(current_year.value / previous.value, previous.value / current_year.value),
                 'report_id': previous.report_id, 'start_offset': previous.start_offset}) as previous_fact_id
    from figures as current_year
    inner join figures as previous
        on previous.body = current_year.body
        and previous.metric = current_year.metric
        and previous.report_year = current_year.report_year - 1
        and previous.unit is not distinct from current_year.unit
    where previous.value > 0 and current_year.value > 0
      and current_year.report_id in (select report_id from rebuilt)
    group by current_year.fact_id
)

select
    previous.fact_id || '>' || current_year.fact_id as jump_id,
    current_year.report_id,
    current_year.doc,
    current_year.body,
    current_year.metric,
    current_year.unit,
    previous.report_year as previous_year,
    previous.value as previous_value,
    previous.report_id as previous_report_id,
    previous.doc as previous_doc,
    previous.sentence_text as previous_sentence,
    current_year.report_year,
    current_year.value,
    round(greatest(current_year.value / previous.value, previous.value / current_year.value), 2) as ratio,
    current_year.sentence_text,
    current_year.start_offset,
    current_year.end_offset
from nearest
inner join figures as current_year on current_year.fact_id = nearest.fact_id
inner join figures as previous on previous.fact_id = nearest.previous_fact_id
