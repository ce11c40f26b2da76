{#- Quality tables (models/quality/qa_*.sql) built one report at a time.

    A qa_ model is a table whose rows each belong to one report (`report_id`).
    A build rewrites the rows of the reports that changed since the table was
    last built, and of the reports that compare with them; every other row stays.
    What changed is read from dim_reports, not from a clock: the columns a
    check's rows depend on (doc, title, year, issuer, region, duplicate_of and
    the parse stamp) are kept per model in `quality.qa_built_reports` after each
    build, and a report whose row there differs from dim_reports now (new,
    re-parsed, removed, superseded, turned into or out of a duplicate) is
    touched. A model comparing reports across years names its `neighbours`:
    the reports of the same body (`coalesce(issuer, region)`) or issuer whose
    year follows a touched report's (old or new year and body) compare with it,
    so their rows are rebuilt too; `region_year` names the reports of a touched
    report's region and year (old or new), which a panel ranks against each other.
    The marts with one row per report or per region and year (fct_report_metrics,
    fct_region_metrics) are built the same way.

    Every table is rebuilt whole on --full-refresh, on its first build, and when
    the project's models or seeds changed (`models_version`, as the marts). The
    model's SQL filters its inputs with `qa_reports(column)`: `true` for a whole
    build, else the rebuilt reports; the pre-hook deletes their old rows and the
    post-hook keeps this build's view of the reports. -#}

{% macro quality_by_report(neighbours=none, on_schema_change='sync_all_columns') -%}
    {#- A mart with an enforced contract passes on_schema_change='append_new_columns' (dbt allows
        no other); its whole rebuild then recreates the table with the contract's columns. -#}
    {{ config(
        materialized='incremental', incremental_strategy='append', on_schema_change=on_schema_change,
        pre_hook="{{ qa_delete_rebuilt(" ~ (("'" ~ neighbours ~ "'") if neighbours else "none") ~ ") }}",
        post_hook="{{ qa_keep_reports() }}"
    ) }}
{%- endmacro %}


{% macro qa_state_table() -%}
    {#- on-run-start: the table of each quality model's last view of the reports (builds only:
        `fazhi docs` reads the warehouse read-only). -#}
    {%- if flags.WHICH in ('build', 'run') %}
    create schema if not exists quality;
    create table if not exists quality.qa_built_reports (
        model          varchar not null,   -- the qa_ model
        report_id      varchar not null,
        doc            varchar,
        title          varchar,
        report_year    integer,
        issuer         varchar,
        region         varchar,
        duplicate_of   varchar,
        parsed_at      timestamp,
        models_version varchar not null    -- of the project when the model was built
    )
    {%- endif %}
{%- endmacro %}


{% macro _qa_state_columns() -%}
    report_id, doc, title, report_year::integer as report_year, issuer, region, duplicate_of, parsed_at
{%- endmacro %}


{% macro _qa_whole_build() -%}
    {#- Whether this build of the model reads every report. -#}
    {%- if not execute or not is_incremental() -%}{{ return(true) }}{%- endif -%}
    {%- set kept = run_query(
        "select count(*), count(*) filter (where models_version <> '" ~ models_version() ~ "') "
        ~ "from quality.qa_built_reports where model = '" ~ this.identifier ~ "'") -%}
    {{ return(kept.rows[0][0] == 0 or kept.rows[0][1] > 0) }}
{%- endmacro %}


{% macro _qa_rebuilt(neighbours) -%}
    {#- A query of the report_ids whose rows this build rewrites (see the header). -#}
    {%- set keys = {'body': 'coalesce({0}.issuer, {0}.region)', 'issuer': '{0}.issuer', 'region_year': '{0}.region'} -%}
    {%- set year_after = 0 if neighbours == 'region_year' else 1 -%}
    (
        with now_state as (
            select {{ _qa_state_columns() }} from {{ ref('dim_reports') }}
        ),
        kept as (
            select {{ _qa_state_columns() }} from quality.qa_built_reports
            where model = '{{ this.identifier }}'
        ),
        touched as (
            (select * from now_state except select * from kept)
            union all
            (select * from kept except select * from now_state)
        )
        select report_id from touched
        {%- if neighbours %}
        union
        -- the reports whose last year (or, for region_year, whose year) is a touched
        -- report's year, before or after it changed
        select now_state.report_id
        from now_state
        inner join touched
            on {{ keys[neighbours].format('now_state') }} = {{ keys[neighbours].format('touched') }}
            and now_state.report_year = touched.report_year + {{ year_after }}
        {%- endif %}
    )
{%- endmacro %}


{% macro qa_reports(column, neighbours=none) -%}
    {#- A predicate on ``column`` (a report_id): the reports this build reads (`true`: all). -#}
    {%- if _qa_whole_build() -%}
    true
    {%- else -%}
    {{ column }} in {{ _qa_rebuilt(neighbours) }}
    {%- endif -%}
{%- endmacro %}


{% macro qa_delete_rebuilt(neighbours) -%}
    {#- pre-hook: drop the rows this build rewrites (all of them on a whole rebuild of an existing table). -#}
    {%- if execute and is_incremental() -%}
        {%- set whole = _qa_whole_build() -%}   {#- a query: asked once -#}
        {%- if whole and model.config.contract.enforced -%}
    {#- the columns in the contract's order, as a new table has them (a taxonomy change adds
        or drops columns of the wide mart): the rows are all rewritten anyway -#}
    create or replace table {{ this }} (
            {%- for column in model.columns.values() %}
        "{{ column.name }}" {{ column.data_type }}{{ "," if not loop.last }}
            {%- endfor %}
    )
        {%- elif whole -%}
    delete from {{ this }}
        {%- else -%}
    delete from {{ this }} where report_id in {{ _qa_rebuilt(neighbours) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{% macro qa_keep_reports() -%}
    {#- post-hook: this build's view of the reports, read by the next build. Only the rows of
        reports whose view changed are replaced (every row after a change of the project):
        rewriting all of them cost each model ~0.05 s of a +10 build and grew the log. -#}
    delete from quality.qa_built_reports
    where model = '{{ this.identifier }}'
      and (
        models_version <> '{{ models_version() }}'
        or report_id in (
            select report_id from (
                select {{ _qa_state_columns() }} from quality.qa_built_reports
                where model = '{{ this.identifier }}'
                except
                select {{ _qa_state_columns() }} from {{ ref('dim_reports') }}
            )
        )
      );
    insert into quality.qa_built_reports
    select '{{ this.identifier }}', *, '{{ models_version() }}'
    from (
        select {{ _qa_state_columns() }} from {{ ref('dim_reports') }}
        except
        select {{ _qa_state_columns() }} from quality.qa_built_reports
        where model = '{{ this.identifier }}'
    )
{%- endmacro %}
