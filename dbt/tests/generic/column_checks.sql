{#- A model-level test of its columns' values, in one test node and one scan
    (dbt's per-node start-up outweighs the query on small runs), instead of one
    not_null or accepted_values node per column:
      not_null: [columns]                        none of them is null
      accepted_values: {column: [values, ...]}   a non-null value is one of these
    Fails with one row per check that does not hold: the check (not_null or
    accepted_values), the column, and how many rows break it (fazhi.transform
    reports each as a failed test, named as dbt named the per-column tests). -#}
{% test column_checks(model, not_null=[], accepted_values={}) %}
{%- set checks = [] -%}
{%- for column in not_null -%}
    {%- do checks.append(('not_null', column, adapter.quote(column) ~ ' is null')) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append(value if value is number else "'" ~ (value | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {%- do checks.append(('accepted_values', column, adapter.quote(column) ~ ' not in (' ~ literals | join(', ') ~ ')')) -%}
{%- endfor %}
select split_part(check_name, ':', 1) as check_kind, split_part(check_name, ':', 2) as column_name, failing_rows
from (
    select
        {%- for kind, column, predicate in checks %}
        count(*) filter (where {{ predicate }}) as "{{ kind }}:{{ column }}"{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
) unpivot (failing_rows for check_name in (
    {%- for kind, column, predicate in checks %}"{{ kind }}:{{ column }}"{{ ", " if not loop.last }}{% endfor -%}
))
where failing_rows > 0
{% endtest %}
