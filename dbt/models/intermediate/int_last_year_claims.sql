-- int_last_year_claims: what a report says last year's figure was. One row per fact
-- that speaks of last year's value of a figure of this year in its sentence (the
-- extractor's prior_of link): a figure stated as last year's (上年为100件, 去年同期受理
-- 100件, 由100件增至120件), a year-on-year change in per cent (同比增长20%), in the
-- figure's own unit (比上年增加20件) or in points of a rate (同比提高5个百分点). Each row
-- gives the figure of last year the statement implies, as a range: a stated figure is
-- exact, a change leaves the rounding of its stated decimals (20% may be 19.5 … 20.5 %).
-- Only figures of this year that carry a metric are kept (the metric is what last
-- year's report is searched for); loose figures (余, 约, 以上, 不到) and scaled ones
-- (1.2万件: rounded to a thousand, not to its decimals) are left out.
-- Built one report at a time (macros/incremental_by_report.sql: incremental_by_parse).
{{ incremental_by_parse(['int_facts', 'int_sentences']) }}
{%- set stamps = parse_stamps(['int_facts', 'int_sentences']) %}

with to_build as (
    select report_id, parsed_at from {{ stamps }} as stamps
    where {{ reports_to_build(stamps) }}
),

facts as (
    select * from {{ ref('int_facts') }}
    where report_id in (select report_id from to_build)
),

sentences as (
    select report_id, ordinal, sentence_text from {{ ref('int_sentences') }}
    where report_id in (select report_id from to_build)
),

linked as (
    select
        claims.fact_id as claim_id,
        claims.report_id,
        claims.number_text,
        claims.value as stated_value,
        claims.unit as stated_unit,
        claims.start_offset,
        claims.end_offset,
        claims.sentence_ordinal,
        case
            when claims.kind <> 'change' then 'figure'
            when claims.unit = '%' then 'percent'
            when claims.unit = '百分点' then 'points'
            else 'difference'
        end as claim_kind,
        -- half a unit of the last stated decimal: 20% is 19.5 … 20.5, 2.5% is 2.45 … 2.55
        0.5 * power(10, -coalesce(length(regexp_extract(claims.number_text, '[.．]([0-9]+)', 1)), 0))
            as stated_rounding,
        this_year.fact_id as this_year_fact_id,
        this_year.metric,
        this_year.value as this_year_value,
        this_year.unit,
        {{ unit_family('this_year.unit') }} as unit_family,
        0.5 * power(10, -coalesce(length(regexp_extract(this_year.number_text, '[.．]([0-9]+)', 1)), 0))
            as this_year_rounding
    from facts as claims
    inner join facts as this_year
        on this_year.fact_id = claims.report_id || ':' || claims.prior_of_offset || ':0'
    where claims.prior_of_offset is not null
      and this_year.metric is not null
      and claims.qualifier is null
      and this_year.qualifier is null
      -- 1.2万件, 3.5亿元: the rounding of a scaled figure is not its decimals'
      and not regexp_matches(claims.number_text || this_year.number_text, '[万亿萬億]')
),

implied as (
    select
        *,
        -- the ends of the range, in either order (a fall of 10% puts the larger one first)
        case claim_kind
            when 'figure' then stated_value
            when 'difference' then this_year_value - stated_value
            when 'points' then this_year_value - (stated_value + stated_rounding) - this_year_rounding
            -- a change of p % means this year = last year × (1 + p/100)
            when 'percent' then this_year_value / (1 + (stated_value + stated_rounding) / 100)
        end as one_end,
        case claim_kind
            when 'figure' then stated_value
            when 'difference' then this_year_value - stated_value
            when 'points' then this_year_value - (stated_value - stated_rounding) + this_year_rounding
            when 'percent' then this_year_value / (1 + (stated_value - stated_rounding) / 100)
        end as other_end
    from linked
    -- 下降100%: this year's 0 says nothing of last year's figure
    where claim_kind <> 'percent' or stated_value - stated_rounding > -100
)

select
    implied.claim_id,
    implied.report_id,
    implied.claim_kind,
    implied.number_text,
    implied.stated_value,
    implied.metric,
    implied.this_year_fact_id,
    implied.this_year_value,
    implied.unit,
    implied.unit_family,
    round(least(one_end, other_end), 4) as previous_low,
    round(greatest(one_end, other_end), 4) as previous_high,
    sentences.sentence_text,
    implied.start_offset,
    implied.end_offset,
    to_build.parsed_at,
    '{{ models_version() }}' as models_version
from implied
inner join sentences
    on sentences.report_id = implied.report_id and sentences.ordinal = implied.sentence_ordinal
inner join to_build on to_build.report_id = implied.report_id
