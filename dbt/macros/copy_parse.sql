{#- The int_ parse models copy the rows fazhi wrote into the `parsed` tables
    (fazhi.parsed: ingest parses each report it lands; the flow re-parses stale
    ones before dbt runs). A build copies the current reports (stg_reports)
    whose parse stamp the model does not hold yet: new and re-parsed reports,
    every report on a full build. Their earlier rows go first (pre-hook), also
    when the new parse gives none; the directory's post-hook drops the rows of
    reports that are no longer current. -#}

{% macro copy_parse(table) -%}
    {{ config(
        materialized='incremental', unique_key='report_id', incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_reparsed_rows() }}"
    ) }}
select *
from {{ source('parsed', table) }}
where report_id in ({{ reports_to_copy() }})
{%- endmacro %}


{% macro reports_to_copy() -%}
    select stamps.report_id
    from {{ source('parsed', 'reports') }} as stamps
    where stamps.report_id in (select report_id from {{ ref('stg_reports') }})
    {%- if is_incremental() %}
      and not exists (
          select 1 from {{ this }} as built
          where built.report_id = stamps.report_id and built.parsed_at = stamps.parsed_at
      )
    {%- endif %}
{%- endmacro %}


{% macro drop_reparsed_rows() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where report_id in ({{ reports_to_copy() }})
    {%- endif -%}
{%- endmacro %}
