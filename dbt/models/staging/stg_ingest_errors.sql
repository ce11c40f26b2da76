-- stg_ingest_errors: files that could not be landed, one row per file per run.
with source as (
    select * from {{ source('raw', 'ingest_errors') }}
)

select
    run_id,
    doc,
    location,
    size_bytes,
    sha256,
    stage,
    reason,
    occurred_at
from source
