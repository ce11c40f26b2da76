{#- After every dbt invocation: drop the staging tables dbt-duckdb's incremental
    models may leave behind (`<model>__dbt_tmp<timestamp>`, in `main`), so
    analysts see only the marts there and DuckDB stops suggesting them. -#}

{% macro drop_build_leftovers() -%}
    {%- if execute -%}
        {%- set leftovers = run_query(
            "select table_schema, table_name, table_type from information_schema.tables "
            ~ "where table_catalog = current_database() and contains(table_name, '__dbt_tmp')"
        ) -%}
        {%- for row in leftovers.rows -%}
            {%- do run_query('drop ' ~ ('view' if row[2] == 'VIEW' else 'table') ~ ' if exists "'
                             ~ row[0] ~ '"."' ~ row[1] ~ '"') -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
