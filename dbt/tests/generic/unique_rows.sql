{#- A model-level test: no two rows share the values of `columns` (nulls compare
    equal here, as in a group by), i.e. the model's grain holds. -#}
{% test unique_rows(model, columns) %}
select {{ columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
