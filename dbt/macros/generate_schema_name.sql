{#- Use a model's schema as written (staging, intermediate) instead of dbt's
    default "<target>_<schema>"; marts stay in main for analysts. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
