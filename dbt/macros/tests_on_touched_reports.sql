{#- Data tests of an incremental build read the rows this build wrote, not the
    whole warehouse: a nightly run of ten reports then tests ten reports' rows,
    whatever the warehouse holds (cost proportional to the change). A test opts
    in with `where: touched_reports` (dbt_project.yml sets it for every test).

    A row is of this build when its `parsed_at` stamp is: the parse tables stamp
    their rows when they parse a report, the incremental marts carry their
    report's stamp, and stamps are written while the build runs, after
    `run_started_at`. A table without that column (one row per report: dim_reports,
    the wide mart; the staging views) is tested whole, as is every table on a
    full refresh. dbt calls this macro as the test runs: nothing here changes the parse. -#}

{% macro duckdb__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where != 'touched_reports' -%}
        {{ return(dbt.default__get_where_subquery(relation)) }}
    {%- endif -%}
    {%- if not execute or flags.FULL_REFRESH or run_started_at is none -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- if 'parsed_at' not in columns -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set filtered -%}
        (select * from {{ relation }}
         where parsed_at >= '{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}'::timestamp) dbt_subquery
    {%- endset -%}
    {{ return(filtered) }}
{%- endmacro %}
