-- fct_region_metrics: the region × year panel. One row per region, report year and
-- metric, with the value of one report: the region's own government's report when it
-- states the metric, else a department's (a district's government and its justice
-- bureau often both give the district's 行政复议 figures: summing them double counts).
-- A report's value of a metric is its first statement, parts of a total excluded, as in
-- fct_report_metrics; duplicates of a report's text are not in fct_facts.
-- A build rewrites the rows of the regions and years (old and new) of the reports whose
-- dim_reports row changed since the table was built: every report of such a region and
-- year is read again, as the choice ranks them (macros/quality_by_report.sql, region_year).
{{ quality_by_report(neighbours='region_year', on_schema_change='append_new_columns') }}
with reports as (
    select * from {{ ref('dim_reports') }}
    where duplicate_of is null and report_year is not null and region is not null
      and {{ qa_reports('report_id', 'region_year') }}
),

facts as (
    select * from {{ ref('fct_facts') }}
    where metric is not null and part_of_fact_id is null
      and report_id in (select report_id from reports)
),

firsts as (
    select
        report_id,
        metric,
        -- facts sharing a span (均: one per subject) tie on start_offset: fact_id decides, as in
        -- int_report_figures (a tie left to arg_min gave a different fact_id from one build to the next).
        -- One arg_min of the three columns: three of one column each took twice as long (measured).
        arg_min({'value': value, 'unit': unit, 'fact_id': fact_id}, (start_offset, fact_id)) as first
    from facts
    group by report_id, metric
),

candidates as (
    select
        reports.region_code,
        reports.region,
        reports.region_level,
        reports.county,
        reports.city,
        reports.province,
        reports.report_year,
        firsts.metric,
        firsts.first.value as value,
        firsts.first.unit as unit,
        firsts.first.fact_id as fact_id,
        reports.report_id,
        reports.doc,
        reports.issuer,
        reports.issuer_level,
        case
            when reports.issuer_level = reports.region_level then 'government'
            when reports.issuer_level = 'department' then 'department'
            else 'unknown'
        end as issuer_role,
        count(*) over (
            partition by reports.region_code, reports.region, reports.report_year, firsts.metric
        ) as reports_stating,
        row_number() over (
            partition by reports.region_code, reports.region, reports.report_year, firsts.metric
            order by
                case
                    when reports.issuer_level = reports.region_level then 0
                    when reports.issuer_level = 'department' then 1
                    else 2
                end,
                reports.ingested_at,
                reports.report_id
        ) as preference
    from firsts
    inner join reports using (report_id)
)

select
    region_code,
    region,
    region_level,
    county,
    city,
    province,
    report_year,
    metric,
    value,
    unit,
    report_id,
    doc,
    issuer,
    issuer_level,
    issuer_role,
    fact_id,
    reports_stating
from candidates
where preference = 1
