"""Attribution: what each number of a sentence measures (subject, action, kind).

Second step of extraction, after ``numbers.find_mentions``. For every mention
it reads the clause around the number (with ``phrases.py``):

* a count takes the noun phrase between the stage verb and the number
  (受理[行政复议案件]584件) or, when the number comes first, the noun after its
  measure word (修订36个[区级专项应急预案]); with neither it carries the
  subject and verb of the clause before (受理…584件，办结448件);
* a percentage is a rate named before it (调处成功率达98%) or a change after a
  change verb (同比下降6.4% -> -6.4); a bare rate name (答复率, 合格率) takes
  its domain from the clause before;
* 分别 lists spread values over subjects; 均 and rate lists (参考率、合格率100%)
  spread one value over several subjects; 未发生A和B案件 gives one zero per
  thing named;
* the kind follows SCHEMA.md: units first (元, 天, %), then case nouns and
  case stages (受理/办结 申请, 工单, 纠纷 …) against everything else counted.

Metric labels and 其中 totals are added afterwards by ``report.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
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


@dataclass(slots=True)
class Carry:
    """What one sentence hands to the next: its last subject, last total and labels."""

    subject: str | None = None
    total: Draft | None = None
    labels: dict[int, str | None] = field(default_factory=dict)


_alt = ph.alternation
_CLAUSE_CUT = re.compile(r"[，；：。！？!?;:\n]|,(?![0-9]{3}(?![0-9]))")
_HARD_CUTS = frozenset("；;：:。！？!?\n")
_CONNECTOR = frozenset(("", "、", "和", "及", "与", "以及", ",", "，"))
_RATE_WORD = re.compile(r"(?:" + _alt(lx.RATE_WORDS) + r")[”\"]?")
_CHANGE = re.compile(r"(?:" + _alt(lx.CHANGE_UP + lx.CHANGE_DOWN) + r")(?:了|为|达|达到|约)?$")
_COMPARE = re.compile(r"(?:同比|环比|较上年度?|比上年度?|较去年|比去年|较上一年度?|与上年相比|与去年相比)(?:同期)?")
_EARLIER = ("上年", "去年", "上一年", "同期")
_EARLIER_FIGURE = re.compile(r"(?:上年|去年|上一年|上年度|同期)(?:同期)?(?:为|是|有|共)?$")
_LIST_SPLIT = re.compile(r"、|以及|和(?!谐)|(?<!以|涉|普|危)及(?!时|其|以)|(?<!参|给|赋|授)与(?!会)|(?<=”)(?=“)")
_ZERO_SPLIT = re.compile(r"、|以及|和|(?<!涉)及(?!时)|与|或")
_GENERIC_RATE_TAIL = re.compile(r"(?:" + _alt(lx.GENERIC_RATE_STEMS) + r")*(?:" + _alt(lx.RATE_WORDS) + r")[”\"]?$")
_CASE_NOUN = re.compile(_alt(lx.CASE_NOUNS))
_NOT_CASE_NOUN = re.compile(_alt(lx.NOT_CASE_NOUNS))
_COND_CASE_NOUN = re.compile(_alt(lx.CONDITIONAL_CASE_NOUNS))
_CASE_VERB = re.compile(_alt(lx.CASE_VERBS))
_NOT_CASE_VERB = re.compile(_alt(lx.NOT_CASE_VERBS))
_GENERIC_COUNT_SUBJECTS = frozenset(("案件", "纠纷", "件"))
_EVENT_UNITS = frozenset(("次", "场", "场次", "期", "轮", "批次"))
_RELATIONAL = ("涉及金额", "涉案金额", "标的额", "总金额", "金额", "在编人员", "编制", "人员")
_ANAPHORIC = re.compile(r"([\u4e00-\u9fff]{2})(清单)")
_ZERO_HEADS = ("案件", "事件", "事故")
_LEVEL_KINDS = ("rate", "change")


@dataclass(slots=True)
class _Context:
    """One mention and the words around it, sliced from the report text."""

    m: Mention
    written: str       # the mention as written, text[m.start:m.end]
    sentence: int
    left: str          # from the clause start (or the previous number) to the number
    right: str         # from the number to the next number or the clause end
    next_right: str    # after the next number, when it follows at once (12类39项业务)
    from_prev: bool    # the left words start right after the previous number
    clause_index: int
    same_part: bool    # no ；/： between this clause and the previous mention's
    prev_clause: str   # the clause before this one, in the same sentence


@dataclass(slots=True)
class _State:
    """What earlier mentions of the sentence leave for later ones."""

    fallback: str | None
    subject: str | None = None
    action: str | None = None
    clause: int = -1
    part: int = -1
    last: list[Draft] = field(default_factory=list)
    spread: bool = False

    def remember(self, drafts: list[Draft], clause: int, part: int) -> None:
        if drafts:
            d = drafts[-1]
            if d.kind not in _LEVEL_KINDS and d.form != "zero":
                if d.subject:
                    self.subject = d.subject
                if d.action:
                    self.action = d.action
            self.last = drafts
        self.clause, self.part = clause, part


def attribute_sentence(text: str, sentence: Sentence, mentions: list[Mention], carry: Carry) -> list[Draft]:
    """Drafts for the mentions of one sentence, in order (several per spread)."""
    s0, s1 = sentence.start, sentence.end
    cut_at = [s0 + c.start() for c in _CLAUSE_CUT.finditer(sentence.text)]
    parts = [0]   # parts[k]: how many ；/： precede clause k
    for c in cut_at:
        parts.append(parts[-1] + (text[c] in _HARD_CUTS))
    out: list[Draft] = []
    state = _State(carry.subject)
    n = len(mentions)
    for i, m in enumerate(mentions):
        ci = bisect_left(cut_at, m.lead)
        clause_start = cut_at[ci - 1] + 1 if ci else s0
        clause_end = cut_at[ci] if ci < len(cut_at) else s1
        from_prev = i > 0 and mentions[i - 1].end > clause_start
        seg_start = mentions[i - 1].end if from_prev else clause_start
        nxt = mentions[i + 1].lead if i + 1 < n and mentions[i + 1].lead < clause_end else clause_end
        next_right = ""
        if i + 1 < n and nxt == m.end:
            after = mentions[i + 2].lead if i + 2 < n else clause_end
            next_right = text[mentions[i + 1].end:min(after, clause_end)]
        ctx = _Context(
            m, text[m.start:m.end], sentence.ordinal, text[seg_start:m.lead], text[m.end:nxt] if nxt > m.end else "",
            next_right, from_prev, ci, state.part == parts[ci],
            text[(cut_at[ci - 2] + 1 if ci >= 2 else s0):clause_start - 1] if ci else "",
        )
        if m.form == "zero":
            drafts = _zero(ctx)
        elif m.form == "count":
            drafts = _count(ctx, state)
        else:
            drafts = _percent(ctx, state)
        if any(w in ctx.left for w in _EARLIER) and _EARLIER_FIGURE.search(ctx.left):
            for d in drafts:
                d.no_metric = True   # 上年为120件: an earlier period's figure
        state.remember(drafts, ci, parts[ci])
        out.extend(drafts)
    for d in reversed(out):
        if d.subject and d.kind not in _LEVEL_KINDS:
            carry.subject = d.subject
            break
    return out


# ---------------------------------------------------------------- counts


def _count(ctx: _Context, state: _State) -> list[Draft]:
    m, left = ctx.m, ctx.left
    spread = "分别" in left
    if ctx.from_prev and state.spread and state.last and left.strip() in _CONNECTOR:
        return [_copy(state.last[-1], m)]   # 分别为120件、80件
    r_noun = ph.right_noun(ctx.right) or ph.right_noun(ctx.next_right)
    lsubj, action, verb_at_end = ph.left_phrase(left)
    ends_function = left.rstrip().endswith(lx.FUNCTION_TAILS)
    if ctx.from_prev and r_noun:
        lsubj = ""   # the words before belong to the previous number (8家单位900余项事项)
    if r_noun and (not lsubj or ends_function or verb_at_end):
        subject, after = r_noun, True
    elif r_noun:
        subject, after = lsubj + r_noun, True   # 考核评价8项正面清单
    elif lsubj and not ends_function:
        subject, after = lsubj, False
    elif verb_at_end and action and m.unit in _EVENT_UNITS:
        subject, after = action, False        # 集中学习2次: the activity is what is counted
    else:
        subject, after = None, False
    if action is None and ctx.same_part and state.clause >= 0:
        action = state.action                 # 召开协调会10场，对接会9场
    if subject is None:
        subject = state.subject
        if subject is None and ctx.prev_clause:
            subject = ph.clause_noun(ctx.prev_clause) or None
        subject = subject or state.fallback
    if after and m.unit in lx.PERSON_UNITS:
        subject, action = ph.person_phrase(ctx.right, subject, action)
    subject = _enrich(subject, action, state, ctx)
    kind = count_kind(m.unit, subject, action)
    state.spread = spread
    d = Draft(m.start, m.end, m.value, m.unit, kind, m.qualifier, subject, action, ctx.sentence,
              respectively=spread, form=m.form)
    if after and m.value == 1 and m.unit in ("起", "件") and kind == "case":
        d.no_metric = True   # 对1起…案件进行调解: one illustrative episode
    return [d]


def _copy(d: Draft, m: Mention) -> Draft:
    return Draft(m.start, m.end, m.value, m.unit, d.kind, m.qualifier, d.subject, d.action, d.sentence,
                 respectively=True, form=m.form)


def count_kind(unit: str, subject: str | None, action: str | None) -> str:
    """case | count | amount | duration for a number with a measure word (SCHEMA.md)."""
    if unit == "元":
        return "amount"
    if unit in lx.DURATION_UNITS:
        return "duration"
    if unit in lx.PERSON_UNITS or unit not in lx.CASE_UNITS or not subject:
        return "count"
    if _NOT_CASE_NOUN.search(subject):
        return "count"
    if _CASE_NOUN.search(subject):
        return "case"
    if action and _COND_CASE_NOUN.search(subject) and _CASE_VERB.search(action) \
            and not _NOT_CASE_VERB.search(action):
        return "case"   # 问题/意见/事项 received, solved or handled
    return "count"


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
        # 权责清单…，调整清单内容324项: the nearest earlier compound with the same head
        for prefix, _ in reversed(_ANAPHORIC.findall(ctx.left) or _ANAPHORIC.findall(ctx.prev_clause)):
            if prefix not in lx.LEADING_FILLERS and not ph.verbs(prefix):
                return prefix + subject
    return subject


def _topic(state: _State) -> str | None:
    """The last subject of the sentence without its relational tail (编制, 金额 …)."""
    for d in reversed(state.last):
        s = d.subject
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
        d = _copy(prev, m)   # 同比下降6%和39%: the list continues
        d.unit = unit
        if prev.kind == "change" and prev.value < 0:
            d.value = -m.value
        prev.respectively = True
        return [d]
    tail = ph.strip_tail(left)
    change = _CHANGE.search(tail)
    if change or m.form in ("pp", "times"):
        return [_change(ctx, state, tail, change, unit, prev)]
    jun = "均" in left[-6:] or "都" in left[-4:]
    name_end = -1
    for r in _RATE_WORD.finditer(tail):
        name_end = r.end()
    if name_end < 0:
        subject = ph.strip(tail) or (prev.subject if prev is not None else None) or state.subject or state.fallback
        return [Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, subject, None, ctx.sentence, form=m.form)]
    names = _split_rates(ph.strip(tail[:name_end]), jun)
    context = None
    out = []
    for name in names:
        if _is_bare_rate(name):
            if context is None:
                context = _context_noun(ctx, state) or ""
            name = context + name
        out.append(Draft(m.start, m.end, m.value, unit, "rate", m.qualifier, name, None, ctx.sentence,
                         respectively=len(names) > 1, form=m.form))
    return out


def _change(ctx: _Context, state: _State, tail: str, change: re.Match[str] | None, unit: str,
            prev: Draft | None) -> Draft:
    m = ctx.m
    word = change.group() if change else ""
    head = tail[:change.start()] if change else tail
    cmp_end = cmp_start = -1
    for c in _COMPARE.finditer(head):
        cmp_start, cmp_end = c.start(), c.end()
    noun = ph.strip((head[:cmp_start] if cmp_end >= 0 else head).replace("分别", ""))
    items = [x for x in _LIST_SPLIT.split(noun) if x] if noun else []
    subject = items[0] if len(items) > 1 and "分别" in ctx.left else noun
    if not subject:
        subject = (prev.subject if prev is not None else None) or state.subject or state.fallback
    action = next((w for w in lx.CHANGE_UP + lx.CHANGE_DOWN if word.startswith(w)), None)
    down = action in lx.CHANGE_DOWN
    return Draft(m.start, m.end, -m.value if down else m.value, unit, "change", m.qualifier, subject, action,
                 ctx.sentence, respectively="分别" in ctx.left, form=m.form)


def _split_rates(name: str, jun: bool) -> list[str]:
    """差评件整改率、回访满意率 -> both; 检查和应报完备实施清单完成率 -> 检查实施清单完成率, …"""
    parts = [p for p in _LIST_SPLIT.split(name) if p]
    if len(parts) < 2:
        return [name]
    has_rate = [bool(_RATE_WORD.search(p)) for p in parts]
    if not jun and not all(has_rate):
        return [name]
    tail = _GENERIC_RATE_TAIL.search(parts[-1])
    suffix = tail.group() if tail else ""
    domain = _rate_domain(parts[0])
    out = []
    for p, ok in zip(parts, has_rate):
        if not ok:
            p += suffix
        elif domain and _is_bare_rate(p):
            p = domain + p
        out.append(p)
    return out


def _rate_domain(name: str) -> str:
    """A rate name before its generic stage words: 代表委员答复满意率 -> 代表委员."""
    t = _GENERIC_RATE_TAIL.search(name)
    return name[:t.start()] if t else name


def _is_bare_rate(name: str) -> bool:
    t = _GENERIC_RATE_TAIL.search(name)
    return t is not None and t.start() == 0


def _context_noun(ctx: _Context, state: _State) -> str | None:
    """The domain of a bare rate: the clause before, else the last subject."""
    if state.last and state.clause == ctx.clause_index - 1:
        return _topic(state)   # 调处167件，调处成功率100%
    if ctx.prev_clause:
        obj = ph.clause_object(ctx.prev_clause)
        if obj:
            return obj         # 处理依申请公开信息，答复率达到100%
    return state.subject or state.fallback


# ---------------------------------------------------------------- zeros


def _zero(ctx: _Context) -> list[Draft]:
    """未发生A和B案件: one zero per thing named."""
    m = ctx.m
    obj = ctx.right
    for i, c in enumerate(obj):
        if c in "，,；;。：:":
            obj = obj[:i]
            break
    items = [it for it in (ph.strip(x) for x in _ZERO_SPLIT.split(obj)) if it]
    if not items:
        return []
    verb = ctx.written[1:]   # 未发生 -> 发生, 未引发 -> 引发
    head = next((h for h in _ZERO_HEADS if items[-1].endswith(h)), "")
    out = []
    for it in items:
        if head and not it.endswith(head):
            it += head
        kind = "case" if _CASE_NOUN.search(it) else "count"
        out.append(Draft(m.start, m.end, 0.0, "件", kind, None, it, verb, ctx.sentence, form="zero"))
    return out

