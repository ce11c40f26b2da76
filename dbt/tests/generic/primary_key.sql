{#- A key column: not null and unique, checked in one scan (one test node
    instead of two: dbt's per-test start-up outweighs the query on small runs).
    Fails with the keys that are null or repeated. -#}
{% test primary_key(model, column_name) %}
select {{ column_name }} as key_value, count(*) as occurrences
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}
