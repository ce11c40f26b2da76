{#- Data tests of an incremental build read the rows this build wrote, not the
    whole warehouse: a nightly run of ten reports then tests ten reports' rows,
    whatever the warehouse holds (cost proportional to the change). A test opts
    in with `where: touched_reports` (dbt_project.yml sets it for every test).

    A row is of this build when its `parsed_at` stamp is newer than every stamp
    an earlier build saw: fazhi stamps a report's parse rows when it parses it
    (at ingest, or re-parsing before dbt: fazhi.parsed), the int_ models copy
    them and the incremental marts carry their report's stamp; each build ends
    by keeping the newest stamp in `parsed.built_through` (record_built_through).
    A table without that column (the wide mart, the region panel, the report
    identities; the staging views) is tested whole, as is every table on a
    full refresh. dbt calls this macro as the test runs: nothing here changes the parse. -#}

{% macro duckdb__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where != 'touched_reports' -%}
        {{ return(dbt.default__get_where_subquery(relation)) }}
    {%- endif -%}
    {%- if not execute or flags.FULL_REFRESH -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- if not _has_parse_stamp(relation) -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set filtered -%}
        (select * from {{ relation }}
         where parsed_at > (select coalesce(max(parsed_at), '-infinity'::timestamp)
                            from parsed.built_through)) dbt_subquery
    {%- endset -%}
    {{ return(filtered) }}
{%- endmacro %}


{% macro record_built_through() -%}
    {#- on-run-end: the newest parse stamp this build copied (the next build tests newer rows). -#}
    {%- if execute and flags.WHICH in ('build', 'run') -%}   {#- not `fazhi docs` (read-only) -#}
        {%- do run_query("delete from parsed.built_through") -%}
        {%- do run_query("insert into parsed.built_through select max(parsed_at) from parsed.reports") -%}
    {%- endif -%}
{%- endmacro %}


{% macro _has_parse_stamp(relation) -%}
    {#- Whether ``relation`` has a `parsed_at` column: its yml says (every column is
        documented; the marts' contracts enforce it), read from the graph instead of
        describing the table, a query per test (~60 data tests a build). A relation the
        graph does not know is described. -#}
    {%- set found = [] -%}
    {%- for node in (graph.nodes.values() | list) + (graph.sources.values() | list) -%}
        {%- if node.resource_type in ('model', 'source', 'seed')
              and (node.identifier or node.alias or node.name) | lower == relation.identifier | lower
              and node.schema | lower == relation.schema | lower -%}
            {%- do found.append('parsed_at' in (node.columns.keys() | map('lower') | list)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found -%}
        {{ return(found[0]) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {{ return('parsed_at' in columns) }}
{%- endmacro %}
