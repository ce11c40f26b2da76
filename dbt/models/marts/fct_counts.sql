-- fct_counts: every fact that is neither a rate level nor a case stage of fct_cases.
-- A view of fct_facts, as fct_rates is: a fact is stored once. Written again as a table (with its
-- sentence), its 370,000 rows took 1.1 s of a cold build of the long bench corpus (measured).
{{ config(materialized='view') }}

-- not materialized: DuckDB materializes a CTE read more than once, and through this one the view then
-- read every column of fct_facts, the sentences' text too, for any query: a count of the view or
-- one report's rows took ~35 ms at 10,000 reports, ~13 ms so (the same rows; measured)
with cases as not materialized (
    select * from {{ ref('fct_cases') }}
),

in_cases as (
    select received_fact_id as fact_id from cases where received_fact_id is not null
    union all
    select closed_fact_id from cases where closed_fact_id is not null
    union all
    select corrected_fact_id from cases where corrected_fact_id is not null
)

select
    fact_id,
    report_id,
    doc,
    kind,
    metric,
    subject,
    action,
    value,
    unit,
    qualifier,
    number_text,
    part_of_fact_id,
    start_offset,
    end_offset,
    sentence_id,
    sentence_text,
    section_path,
    parsed_at,
    models_version
from {{ ref('fct_facts') }}
where kind <> 'rate'
  and fact_id not in (select fact_id from in_cases)
