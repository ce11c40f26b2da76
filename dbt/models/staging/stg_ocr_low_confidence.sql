-- stg_ocr_low_confidence: the spans of report text that OCR read with a low score, one per line.
with source as (
    select * from {{ source('raw', 'ocr_low_confidence') }}
)

select
    report_id,
    start_offset,
    end_offset
from source
