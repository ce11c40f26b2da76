-- int_report_stamps: when each current report was last parsed. A parse writes all of a
-- report's rows (int_sections, int_sentences, int_facts, int_report_metadata) with one
-- stamp, kept per report in parsed.reports: read there, not as the latest of its rows.
-- The incremental marts rebuild a report whose stamp they do not hold yet
-- (see macros/incremental_by_report.sql). A duplicate of another report's text
-- (int_report_identity) has no stamp, so the fact marts hold each report once.
with reports as (
    select report_id from {{ ref('int_report_identity') }}
    where duplicate_of is null
)

select reports.report_id, stamps.parsed_at
from reports
left join {{ source('parsed', 'reports') }} as stamps using (report_id)
