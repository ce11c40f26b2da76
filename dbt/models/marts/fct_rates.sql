-- fct_rates: one row per rate level stated in a report (kind = rate, in %).
{{ incremental_by_report() }}

with facts as (
    select * from {{ ref('fct_facts') }}
    where kind = 'rate'
      and report_id in (
          select report_id from {{ ref('int_report_stamps') }}
          where {{ reports_to_build(ref('int_report_stamps')) }}
      )
)

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
from facts
