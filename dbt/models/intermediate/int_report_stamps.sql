-- int_report_stamps: when each current report was last parsed, by any parse model.
-- The incremental marts rebuild a report whose stamp they do not hold yet
-- (see macros/incremental_by_report.sql). A duplicate of another report's text
-- (int_report_identity) has no stamp, so the fact marts hold each report once.
with reports as (
    select report_id from {{ ref('int_report_identity') }}
    where duplicate_of is null
),

{% for parsed in ['int_sections', 'int_sentences', 'int_facts', 'int_report_metadata'] %}
{{ parsed }}_stamps as (
    select report_id, max(parsed_at) as parsed_at from {{ ref(parsed) }} group by report_id
),
{% endfor %}

stamped as (
    select
        reports.report_id,
        greatest(
            int_sections_stamps.parsed_at, int_sentences_stamps.parsed_at,
            int_facts_stamps.parsed_at, int_report_metadata_stamps.parsed_at
        ) as parsed_at
    from reports
    left join int_sections_stamps using (report_id)
    left join int_sentences_stamps using (report_id)
    left join int_facts_stamps using (report_id)
    left join int_report_metadata_stamps using (report_id)
)

select * from stamped
