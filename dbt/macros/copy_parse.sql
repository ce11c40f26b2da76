{#- The int_ parse models are views of the rows fazhi wrote into the `parsed`
    tables (fazhi.parsed: ingest parses each report it lands; the flow re-parses
    stale ones before dbt runs), narrowed to the reports that are current
    (stg_reports) and parsed (parsed.reports). Nothing is copied: a build reads
    the parse where ingest wrote it, so a report's rows are written once, and a
    superseded or removed report's rows leave the view with it. -#}

{% macro copy_parse(table, columns='*') -%}
    {{ config(materialized='view') }}
select {{ columns }}
from {{ source('parsed', table) }}
where report_id in (
    select stamps.report_id
    from {{ source('parsed', 'reports') }} as stamps
    where stamps.report_id in (select report_id from {{ ref('stg_reports') }})
)
{%- endmacro %}


{% macro drop_not_current_rows(current) -%}
    {#- The intermediate tables' post-hook: a table keeps only reports that are current in
        staging (a superseded version's rows go); a view (the parse models) is narrowed already. -#}
    {%- if config.get('materialized') != 'view' -%}
    delete from {{ this }} where report_id not in (select report_id from {{ current }})
    {%- endif -%}
{%- endmacro %}


{% macro fact_id() -%}
    {#- A fact's id from the columns of its parse row: report_id:start_offset:span_rank, where
        span_rank counts the facts sharing one span (均). Derived, not stored: written at ingest,
        these ids were two thirds of parsed.facts' bytes. -#}
    report_id || ':' || start_offset || ':' || span_rank
{%- endmacro %}
