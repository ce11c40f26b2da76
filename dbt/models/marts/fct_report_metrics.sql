-- fct_report_metrics: one row per report, one column per metric of the taxonomy
-- (dots become double underscores: admin_reconsideration__received), with region
-- and year, ready for Excel or a BI tool. A metric stated twice counts its first
-- statement; a part of a total (其中 …) stands for a metric only when its total is
-- not of that metric (纠错 inside 办结; the 自然人 cell of the 政府信息公开 form's 总计):
-- the figures of int_report_figures.
-- A duplicate file of a report (dim_reports.duplicate_of) is not a row.
-- Its yml (types, the contract, a description per column) is generated from the taxonomy
-- by fazhi.wide_mart.
-- A row depends on its report alone: a build rewrites the rows of the reports whose
-- dim_reports row changed since the table was built (macros/quality_by_report.sql).
{{ quality_by_report(on_schema_change='append_new_columns') }}
{%- set metric_query -%}
    select metric_id, kind from {{ ref('metric_taxonomy') }} order by metric_id
{%- endset -%}
{%- set metrics = run_query(metric_query).rows if execute else [] %}

with reports as (
    select * from {{ ref('dim_reports') }}
    where duplicate_of is null and {{ qa_reports('report_id') }}
),

firsts as (
    select report_id, metric, value from {{ ref('int_report_figures') }}
    where report_id in (select report_id from reports)
),

-- One PIVOT over the per-report firsts: a tenth of the time of one filtered
-- aggregate per metric grouped over the reports' columns (22 s at 10,000 reports).
wide as (
    pivot (select report_id, metric, value from firsts)
    on metric in (
        {%- for metric, kind in metrics %}'{{ metric }}'{{ ", " if not loop.last }}{% endfor -%}
    )
    using max(value)
    group by report_id
)

select
    reports.report_id,
    reports.doc,
    reports.title,
    reports.issuer,
    reports.province,
    reports.city,
    reports.region,
    reports.report_year,
    reports.facts
    {%- for metric, kind in metrics %},
    cast(wide."{{ metric }}" as {{ metric_column_type(kind) }}) as "{{ metric | replace('.', '__') }}"
    {%- endfor %}
from reports
left join wide using (report_id)
