{% macro unit_family(unit) -%}
    {#- Units that count the same thing, written either way (README: 件/起/宗, 人/名):
        a figure in 件 compares with one in 起. Any other unit is its own family. -#}
    case
        when {{ unit }} in ('件', '起', '宗') then '件'
        when {{ unit }} in ('人', '名') then '人'
        else {{ unit }}
    end
{%- endmacro %}
