-- int_report_identity: one report, one identity. Files whose texts are the same once
-- chrome, spaces, punctuation and traditional characters are set aside (an html page
-- and its pdf, a re-download with other bytes) are one report: the first landed stands
-- for it (within one run, the first by location), the others are recorded as its
-- duplicates and left out of the fact marts.
with reports as (
    select report_id, location, ingested_at from {{ ref('stg_reports') }}
),

keys as (
    select report_id, text_key from {{ ref('int_report_metadata') }}
),

ranked as (
    select
        reports.report_id,
        keys.text_key,
        first_value(reports.report_id) over (
            partition by keys.text_key
            order by reports.ingested_at, reports.location, reports.report_id
        ) as first_report_id
    from reports
    left join keys using (report_id)
)

select
    report_id,
    text_key,
    case
        when text_key is not null and first_report_id <> report_id then first_report_id
    end as duplicate_of
from ranked
