-- qa_year_over_year: what a report says last year's figure was, against what the same
-- issuer's report of last year said, for the check matches_last_years_report. One row
-- per statement of int_last_year_claims (上年为100件, 同比增长20%, 比上年增加20件, 同比提高
-- 5个百分点) whose issuer has a report of the year before stating the same metric: that
-- report's figure (int_report_figures: its first statement, as in fct_report_metrics), in
-- the same unit family (件/起/宗, 人/名). Same issuer is dim_reports.issuer, the full
-- name; duplicates (dim_reports.duplicate_of) are neither side. The statement matches
-- when last year's figure lies in the range it implies (widened by the rounding of that
-- figure's own decimals). Without last year's report, or with one that does not state
-- the metric, there is no row: nothing to compare.
{{ quality_by_report(neighbours='issuer') }}
with reports as (
    select report_id, doc, title, issuer, report_year
    from {{ ref('dim_reports') }}
    where duplicate_of is null and issuer is not null and report_year is not null
),

-- the reports whose rows this build writes
rebuilt as (
    select * from reports where {{ qa_reports('report_id', 'issuer') }}
),

claims as (
    select claims.*, rebuilt.doc, rebuilt.issuer, rebuilt.report_year
    from {{ ref('int_last_year_claims') }} as claims
    inner join rebuilt using (report_id)
),

previous_figures as (
    select
        figures.*,
        reports.doc,
        reports.title,
        reports.issuer,
        reports.report_year,
        {{ unit_family('figures.unit') }} as unit_family,
        case when figures.unit = '%'
             then 0.5 * power(10, -coalesce(length(regexp_extract(figures.number_text, '[.．]([0-9]+)', 1)), 0))
             else 0 end as rounding
    from {{ ref('int_report_figures') }} as figures
    inner join reports using (report_id)
    where figures.qualifier is null
      -- last year's reports of the rebuilt ones
      and exists (select 1 from rebuilt
                  where rebuilt.issuer = reports.issuer and rebuilt.report_year = reports.report_year + 1)
      and not regexp_matches(figures.number_text, '[万亿萬億]')
),

compared as (
    select
        claims.claim_id,
        -- last year's issuer may have filed more than one report (not duplicates):
        -- the statement matches when any of them agrees, and the row shows the nearest
        -- (of equally near ones, the first by report_id: the same row whatever order rows come in)
        bool_or(previous.value between claims.previous_low - previous.rounding - 1e-6
                                   and claims.previous_high + previous.rounding + 1e-6) as matches_last_year,
        arg_min(previous.value, row(abs(previous.value - (claims.previous_low + claims.previous_high) / 2), previous.report_id)) as previous_value,
        arg_min(previous.number_text, row(abs(previous.value - (claims.previous_low + claims.previous_high) / 2), previous.report_id))
            as previous_number_text,
        arg_min(previous.doc, row(abs(previous.value - (claims.previous_low + claims.previous_high) / 2), previous.report_id)) as previous_doc,
        arg_min(previous.report_id, row(abs(previous.value - (claims.previous_low + claims.previous_high) / 2), previous.report_id))
            as previous_report_id,
        arg_min(coalesce(previous.title, previous.issuer || previous.report_year || '年度报告'),
                row(abs(previous.value - (claims.previous_low + claims.previous_high) / 2), previous.report_id)) as previous_title,
        min(previous.report_year) as previous_year
    from claims
    inner join previous_figures as previous
        on previous.issuer = claims.issuer
        and previous.report_year = claims.report_year - 1
        and previous.metric = claims.metric
        and previous.unit_family is not distinct from claims.unit_family
    group by claims.claim_id
)

select
    claims.claim_id,
    claims.report_id,
    claims.doc,
    claims.issuer,
    claims.report_year,
    claims.metric,
    claims.claim_kind,
    claims.number_text,
    claims.this_year_value,
    claims.previous_low,
    claims.previous_high,
    compared.previous_year,
    compared.previous_value,
    compared.previous_number_text,
    compared.previous_doc,
    compared.previous_report_id,
    compared.previous_title,
    compared.matches_last_year,
    claims.sentence_text,
    claims.start_offset,
    claims.end_offset
from claims
inner join compared using (claim_id)
