"""Percentages: what a per cent or 百分点 measures, a rate or a change.

Called by ``attribute.attribute_sentence`` for each mention of form "pct",
"pp" or "times": a rate named before it (调解成功率达97%), a change after a
change verb (同比下降4.7% -> -4.7), a bare rate name (答复率) with its domain
from the clause before; lists of rates and changes spread over their subjects.
``rates.py`` reads the words before the number.
"""
from __future__ import annotations

from collections.abc import Sequence

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.drafts import CONNECTOR, LEVEL_KINDS, Context, Draft, State, copy_draft
from fazhi.extract.rates import change_left, is_bare_rate, join_rate, percent_left


def percent_drafts(ctx: Context, state: State) -> list[Draft]:
    m, left = ctx.m, ctx.left
    unit = "百分点" if m.form == "pp" else "%"
    prev = state.last[-1] if state.last else None
    if ctx.from_prev and prev is not None and prev.kind in LEVEL_KINDS and left.strip() in CONNECTOR:
        d = copy_draft(prev, m)   # 同比下降8%和25%: the list continues
        d.unit = unit
        if state.serial_subjects:
            d.subject = state.serial_subjects.pop(0)
        if prev.kind == "change" and prev.value < 0:
            d.value = -m.value
        prev.respectively = True
        return [d]
    r = percent_left(left)   # what the words before say, read once per distinct string (rates.py)
    if m.value < 0:
        # -30.0%: a signed figure is a change (a level cannot be negative)
        return [Draft(m.start, m.end, m.value, unit, "change", m.qualifier, r.name or state.subject,
                      None, ctx.sentence, form=m.form)]
    if r.change is not None or m.form in ("pp", "times"):
        c = r.change or change_left(left)
        subject: str | None = c.subject
        if c.rest:
            state.serial_subjects = list(c.rest)   # 诉讼和复议案件同比分别下降5%、3%: one subject per value
        if not subject:
            subject = (prev.subject if prev is not None else None) or state.subject or state.fallback
        return [Draft(m.start, m.end, -m.value if c.down else m.value, unit, "change", m.qualifier, subject,
                      c.action, ctx.sentence, respectively=c.spread, form=m.form,
                      prior="change" if c.year_on_year else None)]
    if r.lead is not None:
        # 减少办理环节30%、压缩办理时限60%: a verb of change opens the clause, what it changes follows
        verb, what = r.lead
        return [Draft(m.start, m.end, -m.value if verb in lx.CHANGE_DOWN else m.value, unit, "change",
                      m.qualifier, what, verb, ctx.sentence, form=m.form)]
    jun = r.jun
    if r.names is None:
        subject = r.name or ph.strip(ctx.right.lstrip("的")) or (
            prev.subject if prev is not None else None) or state.subject or state.fallback
        return [Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, subject, None, ctx.sentence, form=m.form)]
    names: Sequence[str] = r.names
    if jun and len(names) == 1 and is_bare_rate(names[0]):
        # 办理建议126件、提案158件，办结率均为97%: one rate for each thing just counted
        before = [d.subject for d in state.by_clause.get(ctx.clause_index - 1, ()) if d.subject
                  and d.kind not in LEVEL_KINDS]
        if len(set(before)) > 1:
            names = [join_rate(s, names[0]) for s in dict.fromkeys(before)]
            return [Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, name, None, ctx.sentence,
                          respectively=True, form=m.form) for name in names]
    context = None
    resolved = []
    for name in names:
        if is_bare_rate(name):
            if context is None:
                context = _context_noun(ctx, state) or ""
            name = join_rate(context, name)
        resolved.append(name)
    if len(resolved) > 1 and not jun and "分别" in left[-8:]:
        # 办结率、满意率分别为98%、100%: one name per value, the rest for the values that follow
        state.serial_subjects = resolved[1:]
        return [Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, resolved[0], None, ctx.sentence,
                      respectively=True, form=m.form)]
    return [Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, name, None, ctx.sentence,
                  respectively=len(resolved) > 1, form=m.form) for name in resolved]


def _context_noun(ctx: Context, state: State) -> str | None:
    """The domain of a bare rate: the clause before, else the last subject."""
    if state.last and state.clause == ctx.clause_index - 1:
        if state.last[-1].unit in lx.PERSON_UNITS and ctx.prev_clause:
            obj = ph.clause_object(ctx.prev_clause)
            if obj:
                return obj     # 260名人员参加资格考试，通过率98%: the exam, not the people
        return state.topic()   # 调处300件，调处成功率99%
    if ctx.prev_clause:
        obj = ph.clause_object(ctx.prev_clause)
        if obj:
            return obj         # 办理依申请公开事项，答复率为100%
    return state.subject or state.fallback
