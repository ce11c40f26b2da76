{#- The type of a metric's column in fct_report_metrics: counts are whole numbers,
    rates and amounts are not. fazhi.wide_mart writes the same types into the contract. -#}

{% macro metric_column_type(kind) -%}
    {{- 'bigint' if kind in ('case', 'count') else 'double' -}}
{%- endmacro %}
