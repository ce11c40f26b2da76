{#- The incremental models' build, lean: an incremental build of an existing table whose
    columns the model's query gives unchanged is one statement, `insert into <table> by name
    <query>`, between the hooks. dbt-duckdb's materialization stages the rows in a temporary
    table, describes it and the table twice more, checks the contract with two more DESCRIBEs
    and then inserts: ~10 statements and their Jinja a model (~0.3-0.5 s of a +10 build's
    ~0.6 s a model, measured). The rows inserted are the same: dbt's append inserts the
    query's columns by name too.

    The lean path needs two DESCRIBEs (the table, the query) and is taken only when
    - the table exists as a table and this is no full refresh;
    - the query's columns are the table's, names and types (no column to add, drop or retype:
      every `on_schema_change` would leave the table as it is);
    - the model's contract, when enforced, names the table's columns with their types (so the
      query meets the contract, as dbt's check would find);
    - no grants or other extras dbt's path would apply.
    Otherwise (first build, full refresh, a changed query or contract) dbt-duckdb's own
    materialization runs, unchanged: it adds the columns or reports the broken contract. -#}

{% materialization incremental, adapter='duckdb', supported_languages=['sql', 'python'] -%}
    {#- decided before the hooks run: a pre-hook that retypes or recreates the table
        (align_column_types, qa_delete_rebuilt) gives it the contract's columns, which the
        lean path requires the table to have already -#}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- if not (_lean_increment_possible(existing_relation) and _lean_columns_match(existing_relation)) -%}
        {{ return(dbt.materialization_incremental_duckdb()) }}
    {%- endif -%}
    {%- set target_relation = this.incorporate(type='table') -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {% call statement('main') -%}
    insert into {{ target_relation }} by name
    select * from (
{{ compiled_code }}
    )
    {%- endcall %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do adapter.commit() %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}


{% macro _lean_increment_possible(existing_relation) -%}
    {#- Whether this build may take the lean path (before the hooks run). -#}
    {{ return(existing_relation is not none
              and existing_relation.type == 'table'
              and not should_full_refresh()
              and model.language == 'sql'
              and not config.get('grants')
              and not config.get('indexes')
              and not config.get('persist_docs')
              and not config.get('unique_key')
              and config.get('incremental_strategy') in (none, 'append')) }}
{%- endmacro %}


{% macro _lean_columns_match(relation) -%}
    {#- Whether the query's columns are the table's (names and types) and, with an enforced
        contract, the contract's. -#}
    {%- set built = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do built.update({column.name | lower: column.dtype | lower}) -%}
    {%- endfor -%}
    {%- set query = {} -%}
    {%- for column in adapter.get_column_schema_from_query(get_empty_subquery_sql(compiled_code)) -%}
        {%- do query.update({column.name | lower: column.dtype | lower}) -%}
    {%- endfor -%}
    {%- if query != built -%}{{ return(false) }}{%- endif -%}
    {%- if model.contract.enforced -%}
        {%- set declared = {} -%}
        {%- for name, column in model.columns.items() -%}
            {%- do declared.update({name | lower: (column.data_type or '') | lower}) -%}
        {%- endfor -%}
        {{ return(declared == built) }}
    {%- endif -%}
    {{ return(true) }}
{%- endmacro %}

