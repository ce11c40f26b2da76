-- fct_rates: one row per rate level stated in a report (kind = rate, in %).
-- A view of fct_facts, as fct_counts is: a fact is stored once.
{{ config(materialized='view') }}

select
    fact_id,
    report_id,
    doc,
    metric,
    subject,
    value as rate_pct,
    qualifier,
    number_text,
    start_offset,
    end_offset,
    sentence_id,
    sentence_text,
    section_path,
    parsed_at,
    models_version
from {{ ref('fct_facts') }}
where kind = 'rate'
