{#- Marts built one report at a time.

    Every row of an incremental mart carries its report's parse stamp
    (`parsed_at`, from int_report_stamps) and the version of the project's
    models and seeds (`models_version`). A build reads only the reports whose
    current stamp the table does not hold yet (new and re-parsed reports), or
    every report when the models or seeds changed since the table was built.
    The post-hook `drop_stale_rows` then deletes each row that is not of its
    report's current stamp and of this version: the old rows of re-parsed
    reports (also of those that now give no rows), of superseded or removed
    reports, and of older models. No clock is compared: stamps are matched. -#}

{% macro incremental_by_report() -%}
    {#- The config of a mart built one report at a time (call it at the top of the model).
        Marts have enforced contracts, which allow only appending new columns. -#}
    {{ config(
        materialized='incremental', incremental_strategy='append', on_schema_change='append_new_columns',
        pre_hook="{{ align_column_types() }}",
        post_hook="{{ drop_stale_rows(ref('int_report_stamps')) }}"
    ) }}
{%- endmacro %}


{% macro models_version() -%}
    {#- A digest of every model's and seed's checksum in this project. -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set parts = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') and node.package_name == project_name -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(local_md5(parts | join(','))[:16]) -}}
{%- endmacro %}


{% macro reports_to_build(stamps) -%}
    {#- A predicate on report_id: the reports this build must (re)write
        (all of them when the table predates these bookkeeping columns). -#}
    {%- set built_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list
        if execute and is_incremental() else [] -%}
    {%- if 'parsed_at' in built_columns and 'models_version' in built_columns -%}
    (
        report_id in (
            select stamps.report_id from {{ stamps }} as stamps
            where not exists (
                select 1 from {{ this }} as built
                where built.report_id = stamps.report_id and built.parsed_at = stamps.parsed_at
            )
        )
        or exists (select 1 from {{ this }} where models_version is distinct from '{{ models_version() }}')
    )
    {%- else -%}
    true
    {%- endif -%}
{%- endmacro %}


{% macro drop_stale_rows(stamps) -%}
    delete from {{ this }} as mart
    where models_version is distinct from '{{ models_version() }}'
       or not exists (
           select 1 from {{ stamps }} as stamps
           where stamps.report_id = mart.report_id and stamps.parsed_at = mart.parsed_at
       )
{%- endmacro %}


{% macro align_column_types() -%}
    {#- Give a mart built before its contract the contract's column types (an
        append never changes the type of an existing column). -#}
    {%- if execute and is_incremental() -%}
        {%- set declared = {} -%}
        {%- for name, column in model.columns.items() if column.data_type -%}
            {%- do declared.update({name | lower: column.data_type | lower}) -%}
        {%- endfor -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- set want = declared.get(column.name | lower) -%}
            {%- if want and want != column.dtype | lower %}
    alter table {{ this }} alter column "{{ column.name }}" set data type {{ want }} using try_cast("{{ column.name }}" as {{ want }});
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}


{#- Intermediate tables built one report at a time from the parse tables.

    The same bookkeeping as the marts above, with the parse stamps in place of
    int_report_stamps: a row carries its report's parse stamp (the `parsed_at` of
    its rows in `models`, the parse tables it reads) and `models_version`.
    A build reads the reports whose stamp the table does not hold yet; the
    post-hook deletes rows of older stamps, of reports no longer parsed and of
    older models. Unlike int_report_stamps this keeps duplicates of a report's
    text, as the parse tables do. Use for a model whose rows of a report depend
    only on that report's rows (no window or join across reports). -#}

{% macro incremental_by_parse(models) -%}
    {{ config(
        materialized='incremental', incremental_strategy='append', on_schema_change='append_new_columns',
        post_hook="{{ drop_stale_rows(parse_stamps(" ~ models ~ ")) }}"
    ) }}
{%- endmacro %}


{% macro parse_stamps(models) -%}
    {#- A relation of (report_id, parsed_at): each current report's parse stamp. A parse
        writes all of a report's rows in `models` (the parse tables) with its one stamp,
        kept per report in parsed.reports: reading that row, not the latest of the
        report's rows (a group-by over ~1.6 M rows at 10,000 reports, run three times a
        build). A report without rows in `models` is listed too and builds no rows. -#}
    (select stamps.report_id, stamps.parsed_at
     from {{ source('parsed', 'reports') }} as stamps
     where stamps.report_id in (select report_id from {{ ref('stg_reports') }}))
{%- endmacro %}
