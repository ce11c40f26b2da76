-- stg_reports: one row per current report version, with normalised text for parsing.
-- A changed file under the same location is a new version; the one whose bytes were read
-- there last is current (a file put back to an earlier version is that version again).
-- Reports taken out with `fazhi remove` (raw.report_removals) are not current.
with source as (
    select * from {{ source('raw', 'reports') }}
),

sightings as (
    select * from {{ source('raw', 'report_sources') }}
),

removals as (
    select * from {{ source('raw', 'report_removals') }}
),

current_versions as (
    select distinct arg_max(report_id, coalesce(last_seen_at, first_seen_at)) as report_id
    from sightings
    group by location
),

renamed as (
    select
        source.report_id,
        source.doc,
        source.location,
        source.size_bytes,
        source.format,
        coalesce(source.method, 'text') as read_method,
        source.ocr_confidence,
        source.encoding,
        source.title as stated_title,
        source.published as stated_published,
        source.source_name as stated_source,
        source.text as raw_text,
        {{ normalize_text('source.text') }} as text,
        length(source.text) as text_chars,
        source.ingested_at,
        source.run_id
    from source
    inner join current_versions using (report_id)
    where report_id not in (select report_id from removals)
)

select * from renamed
