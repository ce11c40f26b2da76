"""Counts: what a number with a measure word counts (subject, action, kind).

Called by ``attribute.attribute_sentence`` for each mention of form "count":
the noun phrase between the stage verb and the number (受理[行政复议案件]126件)
or after the measure word (修订36个[县级专项应急预案]), else the subject and
verb the sentence carries; 分别 lists hand out values and verbs; the kind
(case, count, amount, duration) follows SCHEMA.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.drafts import CONNECTOR, Context, Draft, State, copy_draft
from fazhi.extract.left import count_left

_alt = ph.alternation
_NOT_CASE_NOUN = re.compile(_alt(lx.NOT_CASE_NOUNS))
# One pass over a subject for the nouns that decide case against count; the
# longest word wins where two overlap (审核意见 is not 意见, 意见书 is not 意见).
_KIND_OF_NOUN = {**{w: "conditional" for w in lx.CONDITIONAL_CASE_NOUNS},
                 **{w: "case" for w in lx.CASE_NOUNS}, **{w: "not_case" for w in lx.NOT_CASE_NOUNS}}
_KIND_NOUN = re.compile(_alt(_KIND_OF_NOUN))
_CASE_VERB = re.compile(_alt(lx.CASE_VERBS))
_NOT_CASE_VERB = re.compile(_alt(lx.NOT_CASE_VERBS))
_GENERIC_COUNT_SUBJECTS = frozenset(("案件", "纠纷", "件"))
_EVENT_UNITS = frozenset(("次", "场", "场次", "期", "轮", "批次"))
_RELATIONAL = lx.RELATIONAL_NOUNS
_ANAPHORIC = re.compile(r"([\u4e00-\u9fff]{2})(清单)")
# The first characters of the subjects _enrich completes (generic, relational, 清单…).
_ENRICH_FIRST = frozenset(w[0] for w in (*_GENERIC_COUNT_SUBJECTS, *_RELATIONAL, "清单"))
_CHANNEL = re.compile(r"[0-9]{5}(?:[\u4e00-\u9fff]{0,8}热线)?|[\u4e00-\u9fff]{0,6}热线")
_FIVE_DIGITS = re.compile(r"[0-9]{5}")
_SHARE_OF_TOTAL = re.compile(r"[，,]?占[^，,。；;]{0,6}(?:总数|总量|总件数|总和|全部)")
_TRAINING_VERBS = frozenset("培训 轮训 参训 学法 旁听 参学".split())
_PERSON_UNITS = lx.PERSON_UNITS
_DURATION_UNITS = lx.DURATION_UNITS
_CASE_UNITS = lx.CASE_UNITS


def count_drafts(ctx: Context, state: State) -> list[Draft]:
    m, left, right = ctx.m, ctx.left, ctx.right
    unit = m.unit
    spread = "分别" in left
    if ctx.from_prev and state.spread and state.last and left.strip() in CONNECTOR:
        d = copy_draft(state.last[-1], m)        # 分别为120件、80件
        if state.serial:
            d.action = state.serial.pop(0)
        return [d]
    r_noun = (ph.right_noun(right) if right else "") or (ph.right_noun(ctx.next_right) if ctx.next_right else "")
    # what the words before say, read once per distinct string (left.py)
    lsubj, action, verb_at_end, agent, serial, ends_function, change, year_on_year = count_left(left)
    if ctx.from_prev and r_noun:
        lsubj = ""   # the words before belong to the previous number (6家单位320余项事项)
    if r_noun and (not lsubj or ends_function or verb_at_end):
        subject, after = r_noun, True
    elif r_noun:
        subject, after = lsubj + r_noun, True   # 绩效考评6项加分细则
    elif lsubj and not ends_function:
        subject, after = lsubj, False
    elif verb_at_end and action and unit in _EVENT_UNITS:
        subject, after = action, False        # 专题学习4次: the activity is what is counted
    else:
        subject, after = None, False
    if action is None:
        # 培训人员650人次: the noun's own stage verb; 召开推进会7场，座谈会5场: the clause's
        action = (ph.leading_verb(subject) if subject else None) or (
            state.action if state.clause >= 0 and ctx.same_part else None)
    if subject is None:
        subject = state.subject
        if subject is None and ctx.prev_clause:
            subject = ph.clause_noun(ctx.prev_clause) or None
        subject = subject or state.fallback
    if unit in _PERSON_UNITS:
        if after:
            subject, action = ph.person_phrase(right, subject, action)
        elif not lsubj and right:
            # 约1.2万人次参与: who they are is the predicate that follows
            subject, action = ph.person_phrase(right, "人员", action) if ph.starts_with_predicate(
                right) else (subject, action)
        if action in _TRAINING_VERBS and subject and not subject.endswith(lx.PERSON_NOUNS):
            subject += "人员"   # 开设讲习班3期轮训145人: the people trained
    if agent and subject:
        # without 热线 only five digits can name a channel: a plain scan finds them faster
        channel = _CHANNEL.search(agent) if "热线" in agent else _FIVE_DIGITS.search(agent)
        if channel:
            subject = channel.group() + subject   # 12345热线受理群众诉求: the channel names what is counted
    if subject and subject[0] in _ENRICH_FIRST:   # skips the call for most subjects
        subject = _enrich(subject, action, state, ctx)
    kind = count_kind(unit, subject, action)
    bare = ctx.text[m.end - 1].isdigit()
    if kind == "count" and bare and not is_not_case_subject(subject):
        kind = "case"   # 行政许可870，: a bare number after a case noun counts the cases
    state.spread = spread
    state.serial = list(serial) if spread and serial else []
    if state.serial:
        action = state.serial.pop(0)          # 受理、办结…分别为156件、149件
        kind = count_kind(unit, subject, action)
    # all fields positional (respectively, part_of, no_metric, form): keywords cost twice as much
    d = Draft(m.start, m.end, m.value, unit, kind, m.qualifier, subject, action, ctx.sentence,
              spread, None, False, m.form)
    if after and m.value == 1 and unit in ("起", "件") and kind == "case":
        d.no_metric = True   # 对1起征地纠纷组织调解: one illustrative episode
    following = ctx.text[m.end:m.end + 2]
    if (bare and not action) or unit in ("批次", "批") or (
            "占" in following and _SHARE_OF_TOTAL.match(ctx.text, m.end)):
        # a category of a breakdown (行政许可870，; …12件，占总量的40%) or batches: not the metric
        d.no_metric = True
    if change:
        d.no_metric = True
        d.kind = "change"
        if d.action in ("减少", "下降", "少"):
            d.value = -d.value
        if year_on_year:
            d.prior = "change"   # 同比增加20件, 比上年多出12项: this year's figure minus last year's
    return [d]


@lru_cache(maxsize=1 << 14)   # a pure function of three short strings, asked once per count
def count_kind(unit: str, subject: str | None, action: str | None) -> str:
    """case | count | amount | duration for a number with a measure word (SCHEMA.md)."""
    if unit == "元":
        return "amount"
    if unit in _DURATION_UNITS:
        # 达标天数287天: a number of days meeting a condition is a count
        return "count" if subject and subject.endswith("天数") else "duration"
    if unit in _PERSON_UNITS or unit not in _CASE_UNITS:
        return "count"
    if action and (action in lx.ISSUING_VERBS or (action == "减少" and subject)):
        return "count"   # 发出整改建议7件; 减少信访150件 (averted, not handled)
    if subject and subject.startswith(lx.PREVENTED):
        return "count"
    if action and ("督察" in action or "督查" in action):
        return "count"   # 督察交办的案件和问题: found by inspection, not received or handled
    nouns = _KIND_NOUN.findall(subject) if subject else ()
    if not nouns:
        # 办理各类事务300件: handling with no noun of its own
        if unit in ("件", "起") and action and (action in lx.OUTCOME_VERBS or action in lx.HANDLING_VERBS):
            return "case"
        return "count"
    found = set(map(_KIND_OF_NOUN.__getitem__, nouns))
    if "not_case" in found:
        return "count"
    if "case" not in found:
        # 维持原决定8件: an outcome
        if unit in ("件", "起") and action and action in lx.OUTCOME_VERBS:
            return "case"
    if "case" in found:
        return "case"
    if "conditional" in found and action and _CASE_VERB.search(action) and not _NOT_CASE_VERB.search(action):
        return "case"   # 问题/意见/事项 received, solved or handled
    return "count"


@lru_cache(maxsize=1 << 12)
def is_not_case_subject(subject: str | None) -> bool:
    """True when the subject names a thing that is never a case (案卷, 文件, 检查 …)."""
    return bool(subject and _NOT_CASE_NOUN.search(subject))


def _enrich(subject: str | None, action: str | None, state: State, ctx: Context) -> str | None:
    """Complete a subject the text leaves short: 案件 -> 调解案件, 金额 -> 调解案件涉及金额."""
    if not subject:
        return subject
    if subject in _GENERIC_COUNT_SUBJECTS and action and not action.endswith(subject):
        return action + subject
    if subject.startswith(_RELATIONAL):
        topic = state.topic()
        if topic and not subject.startswith(topic):
            return topic + subject
    if subject.startswith("清单"):
        # 权责清单…，调整清单事项150项: the nearest earlier compound with the same head
        found: list[tuple[str, str]] = _ANAPHORIC.findall(ctx.prev_clause) + _ANAPHORIC.findall(ctx.left)
        for prefix, _ in reversed(found):
            if prefix not in lx.LEADING_FILLERS and not ph.verbs(prefix):
                return prefix + subject
    return subject
