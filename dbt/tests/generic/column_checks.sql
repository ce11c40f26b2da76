{#- A model's data test: all its checks in one test node and one query (dbt's
    per-node start-up, ~0.1 s of Python, outweighs the query on small runs),
    instead of one node per check:
      not_null: [columns]                        none of them is null
      accepted_values: {column: [values, ...]}   a non-null value is one of these
      primary_key: column                        not null and unique
      unique_rows: [columns]                     no two rows share these values (the grain)
      relationships: {column: {to: ref(...), field: ...}}
                                                 a non-null value is one of `to`'s `field`
                                                 (the test then depends on `to` as well)
    Fails with one row per check that does not hold: the check, what it checks (the
    column; the grain's columns joined by commas) and its count (rows for not_null,
    accepted_values and relationships; keys or groups for primary_key and
    unique_rows, as dbt's one-check tests counted). fazhi.transform reports each as
    a failed test, named as dbt named the one-check tests. The checks share the
    test's configuration (severity, `where`): a check of another severity would be
    a second column_checks entry of the model. -#}
{% test column_checks(model, not_null=[], accepted_values={}, primary_key=none, unique_rows=[], relationships={}) %}
{%- set row_checks = [] -%}   {#- counted in one scan of the tested rows -#}
{%- set set_checks = [] -%}   {#- each a query of its own over the tested rows -#}
{%- for column in not_null -%}
    {%- do row_checks.append(('not_null', column, 'count(*) filter (where ' ~ adapter.quote(column) ~ ' is null)')) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append(value if value is number else "'" ~ (value | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {%- do row_checks.append(('accepted_values', column,
        'count(*) filter (where ' ~ adapter.quote(column) ~ ' not in (' ~ literals | join(', ') ~ '))')) -%}
{%- endfor -%}
{%- if primary_key -%}
    {%- set key = adapter.quote(primary_key) -%}
    {%- do set_checks.append(('primary_key', primary_key,
        '(select count(*) from (select ' ~ key ~ ' from tested group by ' ~ key
        ~ ' having ' ~ key ~ ' is null or count(*) > 1))')) -%}
{%- endif -%}
{%- if unique_rows -%}
    {%- set grain_sql = [] -%}
    {%- for column in unique_rows -%}{%- do grain_sql.append(adapter.quote(column)) -%}{%- endfor -%}
    {%- do set_checks.append(('unique_rows', unique_rows | join(','),
        '(select count(*) from (select 1 from tested group by ' ~ grain_sql | join(', ') ~ ' having count(*) > 1))')) -%}
{%- endif -%}
{%- for column, target in relationships.items() -%}
    {#- anti-join, not `not in`: a null among the parent's values must not hide the orphans -#}
    {%- do set_checks.append(('relationships', column,
        '(select count(*) from tested as child where child.' ~ adapter.quote(column) ~ ' is not null'
        ~ ' and not exists (select 1 from ' ~ target.to ~ ' as parent where parent.' ~ adapter.quote(target.field)
        ~ ' = child.' ~ adapter.quote(column) ~ '))')) -%}
{%- endfor %}
{%- set checks = row_checks + set_checks %}
with tested as (
    select * from {{ model }}
)
select split_part(check_name, ':', 1) as check_kind, split_part(check_name, ':', 2) as column_name, failing_rows
from (
    select * from
    {%- if row_checks %}
    (select
        {%- for kind, column, count_sql in row_checks %}
        {{ count_sql }} as "{{ kind }}:{{ column }}"{{ "," if not loop.last }}
        {%- endfor %}
     from tested) as row_counts{{ "," if set_checks }}
    {%- endif %}
    {%- if set_checks %}
    (select
        {%- for kind, column, count_sql in set_checks %}
        {{ count_sql }} as "{{ kind }}:{{ column }}"{{ "," if not loop.last }}
        {%- endfor %}
    ) as set_counts
    {%- endif %}
) unpivot (failing_rows for check_name in (
    {%- for kind, column, count_sql in checks %}"{{ kind }}:{{ column }}"{{ ", " if not loop.last }}{% endfor -%}
))
where failing_rows > 0
{% endtest %}
