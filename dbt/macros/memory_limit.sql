{#- on-run-start: DuckDB's memory limit for the build (FAZHI_DUCKDB_MEMORY, the limit fazhi's
    own writing connections set: fazhi.warehouse.connect). The limit belongs to the database,
    not to a connection, so it is set once, before the first node. As a `settings` entry of
    the profile, dbt-duckdb set it again on every node's cursor: 72 times in a +10 build,
    ~3 ms each, and the build ran 0.3-0.5 s slower (measured). -#}
{% macro set_memory_limit() -%}
    set memory_limit = '{{ env_var("FAZHI_DUCKDB_MEMORY", "1GB") }}'
{%- endmacro %}
