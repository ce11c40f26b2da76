-- qa_rate_counts: a rate stated right after its own count in one sentence
-- ("维持5件，占受理案件的33%", "审结4696件，审结率94.8%"), with every base the
-- report states that the rate could be of, for the check stated_rate_fits_a_base.
-- The count is the fact just before the rate in the sentence (a case or a count,
-- not a part of another list's rate); the bases are the report's counts of the same
-- unit family (件/起/宗, 人/名) at least as large as the count. A rate fits a base
-- when the count over it, in per cent, is within half a point (or the rounding of
-- the stated decimals, when coarser) of the stated rate; matched_base names the
-- first base that fits, or is null when none does. Changes (同比 …) are not rates
-- here, and a rate or count stated loosely (余, 约, 以上, 不到) is not compared.
{{ quality_by_report() }}
-- the facts without their sentence (read three times, they are kept in memory: with the
-- sentence, 3 M rows at 100,000 reports spilled to disk); the sentence joins the few rates last
with facts as (
    select
        * exclude (sentence_text),
        case
            when unit in ('件', '起', '宗') then '件'
            when unit in ('人', '名', '人次') then '人'
            else unit
        end as unit_family
    from {{ ref('fct_facts') }}
    where {{ qa_reports('report_id') }}
),

-- the fact before each rate in its sentence, ordered within the sentences that state a rate
-- only (each of them whole): sorting every fact was half of the model's work (its select:
-- 0.64-0.78 against 0.36 CPU-s on the long 10,000-report bench corpus, 9.8 against 7.0 at
-- 100,000 reports; the same rows there, in the dev excerpts and the seeds)
rate_sentences as (
    select distinct report_id, sentence_start from facts where kind = 'rate'
),

ordered as (
    select
        facts.*,
        lag(facts.fact_id) over by_sentence as previous_fact_id
    from facts
    semi join rate_sentences
        on rate_sentences.report_id = facts.report_id and rate_sentences.sentence_start = facts.sentence_start
    window by_sentence as (partition by facts.report_id, facts.sentence_start order by facts.start_offset, facts.fact_id)
),

rates as (
    select
        rates.fact_id,
        rates.report_id,
        rates.doc,
        rates.metric,
        rates.subject,
        rates.value as stated_pct,
        counts.fact_id as count_fact_id,
        counts.value as count_value,
        counts.unit_family,
        counts.subject as count_subject,
        counts.action as count_action,
        -- the stated decimals' rounding: 38% may be 37.5 … 38.5
        greatest(0.5, 0.5 * power(10, -coalesce(length(regexp_extract(rates.number_text, '[.．]([0-9]+)', 1)), 0))) as tolerance,
        rates.start_offset,
        rates.end_offset
    from ordered as rates
    inner join facts as counts on counts.fact_id = rates.previous_fact_id
    where rates.kind = 'rate'
      and rates.qualifier is null
      and counts.qualifier is null
      and counts.kind in ('case', 'count')
      and counts.value > 0
      and rates.value > 0 and rates.value < 100
      -- a share of a base (占受理案件的38%) or the count's own rate (审结4696件，审结率83.4%);
      -- other rates after a count (调解成功率 after 调解19138件) may have it as their base
      -- rates with a definition (纠错率 = 纠错 / 办结) are stated_rate_matches_counts' own
      and coalesce(rates.metric, '') not in (select rate_metric from {{ ref('rate_definitions') }})
      and (rates.subject like '占%'
           or (counts.action is not null and contains(rates.subject, counts.action || '率')))
),

bases as (
    select fact_id, report_id, unit_family, value, subject, action, number_text, start_offset
    from facts
    where kind in ('case', 'count') and qualifier is null and value > 0
),

fits as (
    select
        rates.fact_id,
        count(bases.value) as bases,
        -- two bases equally near: the first in the text (arg_min alone picks either, run to run)
        arg_min(bases.number_text,
                [abs(100.0 * rates.count_value / bases.value - rates.stated_pct), bases.start_offset]) as nearest_base,
        min(abs(100.0 * rates.count_value / bases.value - rates.stated_pct)) as nearest_gap,
        arg_min(coalesce(bases.action, '') || coalesce(bases.subject, '') || ' ' || bases.number_text,
                [abs(100.0 * rates.count_value / bases.value - rates.stated_pct), bases.start_offset])
            filter (where abs(100.0 * rates.count_value / bases.value - rates.stated_pct) <= rates.tolerance) as matched_base
    from rates
    left join bases
        on bases.report_id = rates.report_id
        and bases.unit_family is not distinct from rates.unit_family
        and bases.value >= rates.count_value
        and bases.fact_id <> rates.count_fact_id
    group by rates.fact_id
),

texts as (
    select fact_id, sentence_text from {{ ref('fct_facts') }}
    where report_id in (select report_id from rates) and fact_id in (select fact_id from rates)
)

select
    rates.* exclude (start_offset, end_offset),
    texts.sentence_text,
    rates.start_offset,
    rates.end_offset,
    fits.bases,
    fits.matched_base,
    fits.nearest_base,
    round(fits.nearest_gap, 2) as nearest_gap,
    fits.matched_base is not null or fits.bases = 0 as fits_a_base
from rates
inner join fits using (fact_id)
inner join texts using (fact_id)
