{#- A model-level test: none of `columns` is null. One test node and one scan
    for all of a model's required columns, instead of one node per column (dbt's
    per-node start-up outweighs the query on small runs). Fails with one row per
    column that has nulls: the column's name and how many rows have it null
    (fazhi.transform reports each such column as a failed test, as before). -#}
{% test not_null_columns(model, columns) %}
select column_name, null_rows
from (
    select
        {%- for column in columns %}
        count(*) filter (where {{ adapter.quote(column) }} is null) as {{ adapter.quote(column) }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
) unpivot (null_rows for column_name in (
    {%- for column in columns %}{{ adapter.quote(column) }}{{ ", " if not loop.last }}{% endfor -%}
))
where null_rows > 0
{% endtest %}
