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

Metric labels and 其中 totals are added afterwards by ``report.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.left import EARLIER_ENDINGS, EARLIER_LAST, FROM_ENDINGS, FROM_LAST, count_left
from fazhi.extract.rates import change_left, is_bare_rate, join_rate, percent_left
from fazhi.extract.numbers import Mention
from fazhi.text.sentences import Sentence


@dataclass(slots=True)
class Draft:
    """A fact before its metric is known; one per mention and subject."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    qualifier: str | None
    subject: str | None
    action: str | None
    sentence: int
    respectively: bool = False
    part_of: int | None = None
    no_metric: bool = False   # an illustrative episode or an earlier period's figure
    form: str = "count"
    prior: str | None = None      # figure (上年为…), from (由…增至), change (同比增长…): about last year
    prior_of: int | None = None   # the start of this year's figure it speaks of (set by report.py)


@dataclass(slots=True)
class Carry:
    """What one sentence hands to the next: its last subject, last total and its label."""

    subject: str | None = None
    total: Draft | None = None
    total_label: str | None = None


_alt = ph.alternation
# A clause ends at these marks, and at a comma that is not a thousands separator.
# (One character class first, the comma's condition after it: a pattern opening
# with a class lets the regex engine skip to the next mark at once.)
_CLAUSE_CUT = re.compile(r"[，；：。！？!?;:\n,](?:(?<!,)|(?![0-9]{3}(?![0-9])))")
_HARD_CUT = re.compile(r"[；;：:。！？!?\n]")
_CONNECTOR = frozenset(("", "、", "和", "及", "与", "以及", ",", "，"))
_ZERO_SPLIT = re.compile(r"、|以及|和|(?<!涉)及(?!时)|与|或")
_CASE_NOUN = re.compile(_alt(lx.CASE_NOUNS))
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
_ZERO_HEADS = ("案件", "事件", "事故", "信息", "项目", "内容")
_ZERO_WHOLE = ("文件", "规章", "案件", "项目", "信息", "事项", "内容")   # items already whole: no head added
_ZERO_COUNTED = ("信息", "项目", "文件", "规章", "内容")
_CAUSED = re.compile("导致|引起|引发|造成|酿成")
_CHANNEL = re.compile(r"[0-9]{5}(?:[\u4e00-\u9fff]{0,8}热线)?|[\u4e00-\u9fff]{0,6}热线")
_FIVE_DIGITS = re.compile(r"[0-9]{5}")
_SHARE_OF_TOTAL = re.compile(r"[，,]?占[^，,。；;]{0,6}(?:总数|总量|总件数|总和|全部)")
_TRAINING_VERBS = frozenset("培训 轮训 参训 学法 旁听 参学".split())
_FREQUENCY = re.compile(r"每(?:年|季度|季|月|周|半年|天|日|个月|星期)(?:度)?[^，,；。]{0,6}$")
# 去年同期受理100件: a clause that opens with the earlier period and a stage verb
_EARLIER_OPENING = re.compile(r"^(?:上年|去年|上一年)度?(?:同期)?(?:共|为|是|有)?(" + _alt(
    w for w in lx.ACTION_VERBS if "结转" not in w) + r")?(?:了|为|共|共计)?$")
_MULTI_YEAR = re.compile(r"近几年|近年来|多年来|历年来|(?:十八大|十九大|二十大|(?<![今本])[0-9]{4}年)以来")
_LEVEL_KINDS = ("rate", "change")
_PERSON_UNITS = lx.PERSON_UNITS
_DURATION_UNITS = lx.DURATION_UNITS
_CASE_UNITS = lx.CASE_UNITS


class _Context(NamedTuple):
    """One mention and the words around it, sliced from the report text.

    A NamedTuple built by ``tuple.__new__`` (see ``attribute_sentence``): one
    is made per mention, and a dataclass's ``__init__`` costs a Python call.
    """

    text: str
    m: Mention
    sentence: int
    left: str          # from the clause start (or the previous number) to the number
    right: str         # from the number to the next number or the clause end
    next_right: str    # after the next number, when it follows at once (5类18项业务)
    from_prev: bool    # the left words start right after the previous number
    clause_index: int
    prev_end: int      # end of the previous mention of the sentence (-1: none)
    prev_clause_span: tuple[int, int]   # the clause before this one, in the same sentence

    @property
    def prev_clause(self) -> str:
        return self.text[self.prev_clause_span[0]:self.prev_clause_span[1]]

    @property
    def same_part(self) -> bool:
        """No ；/： between the previous mention and this one."""
        return self.prev_end >= 0 and _HARD_CUT.search(self.text, self.prev_end, self.m.lead) is None


_tuple_new = tuple.__new__   # a NamedTuple without its Python-level __new__


class _State:
    """What earlier mentions of the sentence leave for later ones."""

    __slots__ = ("fallback", "subject", "action", "clause", "last", "spread", "serial", "serial_subjects",
                 "by_clause")

    def __init__(self, fallback: str | None) -> None:
        self.fallback = fallback            # the last subject of the sentences before
        self.subject: str | None = None     # the last count's subject in this sentence
        self.action: str | None = None      # the last count's action in this sentence
        self.clause = -1                    # the clause index of the last mention
        self.last: list[Draft] = []         # the drafts of the last mention
        self.spread = False                 # the last count opened a 分别 list
        self.serial: list[str] = []         # verbs still to hand out in a 分别 list
        self.serial_subjects: list[str] = []
        self.by_clause: dict[int, list[Draft]] = {}


def attribute_sentence(text: str, sentence: Sentence, mentions: list[Mention], carry: Carry) -> list[Draft]:
    """Drafts for the mentions of one sentence, in order (several per spread)."""
    s0, s1 = sentence.start, sentence.end
    cut_at = [c.start() for c in _CLAUSE_CUT.finditer(text, s0, s1)]   # sentence.text is text[s0:s1]
    n_cuts = len(cut_at)
    out: list[Draft] = []
    state = _State(carry.subject)
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
        ctx = _tuple_new(_Context, (
            text, m, ordinal, left, text[end:nxt] if nxt > end else "",
            next_right, from_prev, ci, prev_end,
            ((cut_at[ci - 2] + 1 if ci >= 2 else s0), clause_start - 1) if ci else (0, 0),
        ))
        if form == "count":
            drafts = _count(ctx, state)
        elif form == "zero":
            drafts = _zero(ctx)
        else:
            drafts = _percent(ctx, state)
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
            if d.kind not in _LEVEL_KINDS and d.form != "zero":
                if d.subject:
                    state.subject = d.subject
                if d.action:
                    state.action = d.action
            state.last = drafts
            out += drafts
        state.clause = ci
        prev_end = end
    for d in reversed(out):
        if d.subject and d.kind not in _LEVEL_KINDS:
            carry.subject = d.subject
            break
    return out


# ---------------------------------------------------------------- counts


def _count(ctx: _Context, state: _State) -> list[Draft]:
    m, left, right = ctx.m, ctx.left, ctx.right
    unit = m.unit
    spread = "分别" in left
    if ctx.from_prev and state.spread and state.last and left.strip() in _CONNECTOR:
        d = _copy(state.last[-1], m)        # 分别为120件、80件
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
    after = ctx.text[m.end:m.end + 2]
    if (bare and not action) or unit in ("批次", "批") or (
            "占" in after and _SHARE_OF_TOTAL.match(ctx.text, m.end)):
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


def _copy(d: Draft, m: Mention) -> Draft:
    return Draft(m.start, m.end, m.value, m.unit, d.kind, m.qualifier, d.subject, d.action, d.sentence,
                 respectively=True, form=m.form, prior=d.prior if d.kind == "change" else None)


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


def _enrich(subject: str | None, action: str | None, state: _State, ctx: _Context) -> str | None:
    """Complete a subject the text leaves short: 案件 -> 调解案件, 金额 -> 调解案件涉及金额."""
    if not subject:
        return subject
    if subject in _GENERIC_COUNT_SUBJECTS and action and not action.endswith(subject):
        return action + subject
    if subject.startswith(_RELATIONAL):
        topic = _topic(state)
        if topic and not subject.startswith(topic):
            return topic + subject
    if subject.startswith("清单"):
        # 权责清单…，调整清单事项150项: the nearest earlier compound with the same head
        for prefix, _ in reversed(_ANAPHORIC.findall(ctx.prev_clause) + _ANAPHORIC.findall(ctx.left)):
            if prefix not in lx.LEADING_FILLERS and not ph.verbs(prefix):
                return prefix + subject
    return subject


def _topic(state: _State) -> str | None:
    """The last subject of the sentence without its relational tail (编制, 金额 …)."""
    for d in reversed(state.last):
        s = d.subject if d.kind not in _LEVEL_KINDS else state.subject
        if s:
            for r in _RELATIONAL:
                if s.endswith(r) and len(s) > len(r):
                    return s[: -len(r)]
            return s
    return None


# ---------------------------------------------------------------- percentages


def _percent(ctx: _Context, state: _State) -> list[Draft]:
    m, left = ctx.m, ctx.left
    unit = "百分点" if m.form == "pp" else "%"
    prev = state.last[-1] if state.last else None
    if ctx.from_prev and prev is not None and prev.kind in _LEVEL_KINDS and left.strip() in _CONNECTOR:
        d = _copy(prev, m)   # 同比下降8%和25%: the list continues
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
        subject = c.subject
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
    names = r.names
    if jun and len(names) == 1 and is_bare_rate(names[0]):
        # 办理建议126件、提案158件，办结率均为97%: one rate for each thing just counted
        before = [d.subject for d in state.by_clause.get(ctx.clause_index - 1, ()) if d.subject
                  and d.kind not in _LEVEL_KINDS]
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


def _context_noun(ctx: _Context, state: _State) -> str | None:
    """The domain of a bare rate: the clause before, else the last subject."""
    if state.last and state.clause == ctx.clause_index - 1:
        if state.last[-1].unit in lx.PERSON_UNITS and ctx.prev_clause:
            obj = ph.clause_object(ctx.prev_clause)
            if obj:
                return obj     # 260名人员参加资格考试，通过率98%: the exam, not the people
        return _topic(state)   # 调处300件，调处成功率99%
    if ctx.prev_clause:
        obj = ph.clause_object(ctx.prev_clause)
        if obj:
            return obj         # 办理依申请公开事项，答复率为100%
    return state.subject or state.fallback


# ---------------------------------------------------------------- zeros


def _zero(ctx: _Context) -> list[Draft]:
    """未发生A和B案件, 无出台X和Y: one zero per thing named."""
    m = ctx.m
    obj = ctx.right
    for i, c in enumerate(obj):
        if c in "，,；;。：:）)":
            obj = obj[:i]
            break
    word = ctx.text[m.start:m.end]
    verb = word[1:].lstrip("有").removeprefix("对外")   # 未发生 -> 发生, 没有 -> "", 未对外公开发布 -> 公开发布
    lead = ph.verbs(obj)
    if lead and lead[0][0] == 0:
        # 无制定规章…, 没有起草和印发新的文件…: the verb opens the object
        k = 0
        while k + 1 < len(lead) and obj[lead[k][1]:lead[k + 1][0]] in ("", "和", "、", "及", "并"):
            k += 1
        verb = obj[:lead[k][1]]
        obj = obj[lead[k][1]:]
    items = [it for it in (ph.strip(x) for x in _ZERO_SPLIT.split(obj)) if it]
    if not items:
        return []
    head = next((h for h in _ZERO_HEADS if items[-1].endswith(h)), "")
    out = []
    for it in items:
        it = it.removeprefix("新的").removeprefix("新").removesuffix("等")
        if head and not it.endswith(head) and not it.endswith(_ZERO_WHOLE):
            it += head
        # 没发生因处置不当引起升级的纠纷: an averted event is a count; documents and items are counts
        kind = "case" if _CASE_NOUN.search(it) and not _CAUSED.search(it) and not it.endswith(_ZERO_COUNTED) \
            else "count"
        unit = "项" if it.endswith(("项目", "事项")) else "件"
        d = Draft(m.start, m.end, 0.0, unit, kind, None, it, verb or None, ctx.sentence, form="zero")
        # 关于公开申请答复的行政诉讼: narrower than the metric; …引起升级的纠纷: an averted event
        d.no_metric = "关于" in it or _CAUSED.search(it) is not None
        out.append(d)
    return out
