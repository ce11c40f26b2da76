"""Attribution: what each number of a sentence measures (subject, action, kind).

Second step of extraction, after ``numbers.find_mentions``. For every mention
it reads the clause around the number (with ``phrases.py``):

* a count takes the noun phrase between the stage verb and the number
  (受理[行政复议案件]126件) or, when the number comes first, the noun after its
  measure word (修订36个[县级专项应急预案]); with neither it carries the
  subject and verb of the clause before (受理…126件，办结118件);
* a percentage is a rate named before it (调解成功率达97%) or a change after a
  change verb (同比下降4.7% -> -4.7); a bare rate name (答复率, 合格率) takes
  its domain from the clause before;
* a figure stated as the previous period's (上年为100件, 由100件增至120件) and a
  year-on-year change (同比增长20%, 比上年增加20件, 同比提高5个百分点) are
  marked ``prior`` (figure, from, change); ``report.py`` links each to the
  figure of this year it speaks of;
* 分别 lists spread values over subjects; 均 and rate lists (参训率、合格率99%)
  spread one value over several subjects; 未发生A和B案件 gives one zero per
  thing named;
* the kind follows SCHEMA.md: units first (元, 天, %), then case nouns and
  case stages (受理/办结 申请, 工单, 纠纷 …) against everything else counted.

This module is the loop over a sentence's mentions: it cuts the sentence into
clauses, slices each mention's context (``drafts.Context``), hands it to the
reader of its form (``counts.py``, ``percents.py``, ``zeros.py``) and marks
what the words before say about the period (last year's, 每季度, 多年来).
Metric labels and 其中 totals are added afterwards by ``report.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.counts import count_drafts
from fazhi.extract.drafts import LEVEL_KINDS, Carry, Context, Draft, State
from fazhi.extract.left import EARLIER_ENDINGS, EARLIER_LAST, FROM_ENDINGS, FROM_LAST
from fazhi.extract.numbers import Mention
from fazhi.extract.percents import percent_drafts
from fazhi.extract.zeros import zero_drafts
from fazhi.text.sentences import Sentence

# A clause ends at these marks, and at a comma that is not a thousands separator.
# (One character class first, the comma's condition after it: a pattern opening
# with a class lets the regex engine skip to the next mark at once.)
_CLAUSE_CUT = re.compile(r"[，；：。！？!?;:\n,](?:(?<!,)|(?![0-9]{3}(?![0-9])))")
_FREQUENCY = re.compile(r"每(?:年|季度|季|月|周|半年|天|日|个月|星期)(?:度)?[^，,；。]{0,6}$")
# 去年同期受理100件: a clause that opens with the earlier period and a stage verb
_EARLIER_OPENING = re.compile(r"^(?:上年|去年|上一年)度?(?:同期)?(?:共|为|是|有)?(" + ph.alternation(
    w for w in lx.ACTION_VERBS if "结转" not in w) + r")?(?:了|为|共|共计)?$")
_MULTI_YEAR = re.compile(r"近几年|近年来|多年来|历年来|(?:十八大|十九大|二十大|(?<![今本])[0-9]{4}年)以来")
_tuple_new = tuple.__new__   # a NamedTuple without its Python-level __new__


def attribute_sentence(text: str, sentence: Sentence, mentions: list[Mention], carry: Carry) -> list[Draft]:
    """Drafts for the mentions of one sentence, in order (several per spread)."""
    s0, s1 = sentence.start, sentence.end
    cut_at = [c.start() for c in _CLAUSE_CUT.finditer(text, s0, s1)]   # sentence.text is text[s0:s1]
    n_cuts = len(cut_at)
    out: list[Draft] = []
    state = State(carry.subject)
    ordinal = sentence.ordinal
    n = len(mentions)
    prev_end = -1   # end of the previous mention
    # 多年来累计收到申请42件, 二十大以来下放职权140项: flows over several years get no metric
    st = sentence.text
    span = _MULTI_YEAR.search(text, s0, s1) if "以来" in st or "近年" in st or "近几" in st or "多年" in st else None
    several_years_from = span.start() if span else s1
    for i, m in enumerate(mentions):
        lead, end, form = m.lead, m.end, m.form
        ci = bisect_left(cut_at, lead)
        clause_start = cut_at[ci - 1] + 1 if ci else s0
        clause_end = cut_at[ci] if ci < n_cuts else s1
        from_prev = prev_end > clause_start
        nxt = clause_end
        next_right = ""
        if i + 1 < n:
            following = mentions[i + 1]
            if following.lead < clause_end:
                nxt = following.lead
                if nxt == end:
                    after = mentions[i + 2].lead if i + 2 < n else clause_end
                    next_right = text[following.end:min(after, clause_end)]
        left = text[prev_end if from_prev else clause_start:lead]
        ctx = _tuple_new(Context, (
            text, m, ordinal, left, text[end:nxt] if nxt > end else "",
            next_right, from_prev, ci, prev_end,
            ((cut_at[ci - 2] + 1 if ci >= 2 else s0), clause_start - 1) if ci else (0, 0),
        ))
        if form == "count":
            drafts = count_drafts(ctx, state)
        elif form == "zero":
            drafts = zero_drafts(ctx)
        else:
            drafts = percent_drafts(ctx, state)
        if drafts:
            # (inline, not memoised: most left words end in none of these, which the last character says)
            last_char = left[-1:]
            earlier = last_char in EARLIER_LAST and left.endswith(EARLIER_ENDINGS)
            from_figure = not earlier and last_char in FROM_LAST and left.endswith(FROM_ENDINGS)
            if earlier or from_figure or ("每" in left and _FREQUENCY.search(left)) or m.start > several_years_from:
                for d in drafts:
                    d.no_metric = True   # 上年为120件, 每季度开展1次: not this period's work done
            if (earlier or from_figure or (not from_prev and ("上" in left or "去年" in left)
                                           and _EARLIER_OPENING.match(ph.strip(left)))) \
                    and m.start <= several_years_from:
                for d in drafts:
                    if d.kind != "change":
                        d.prior = "from" if from_figure else "figure"
            # state.remember(drafts, ci), inline: once per number
            by_clause = state.by_clause
            if ci in by_clause:
                by_clause[ci] += drafts
            else:
                by_clause[ci] = drafts[:]
            d = drafts[-1]
            if d.kind not in LEVEL_KINDS and d.form != "zero":
                if d.subject:
                    state.subject = d.subject
                if d.action:
                    state.action = d.action
            state.last = drafts
            out += drafts
        state.clause = ci
        prev_end = end
    for d in reversed(out):
        if d.subject and d.kind not in LEVEL_KINDS:
            carry.subject = d.subject
            break
    return out
