"""Percentages: what the words before one say (a rate's name, a change), read once per distinct string.

For ``attribute.py``'s percentages, as ``left.py`` is for its counts: everything
read from the words before a percentage alone, as a pure function of the
string, memoised (a corpus repeats 同比增长, 办结率为, 满意率达 …):

* a change (同比下降4.7%, 提高5个百分点): what changed, the verb, its sign,
  whether it is against the year before, and the subjects of a 分别 list;
* a verb of change opening the clause (减少办理环节30%);
* the rate names (调解成功率, 投诉件办结率、回访满意率 -> both; 处罚和许可公示率
  -> 处罚公示率, 许可公示率), or none when no rate word is written.

Also the helpers that join a bare rate name to its domain (``join_rate``,
``is_bare_rate``); ``attribute.py`` finds the domain, which depends on the
numbers before.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.left import YEAR_ON_YEAR

_alt = ph.alternation
_RATE_WORD = re.compile(r"(?:" + _alt(lx.RATE_WORDS) + r")[”\"]?")
_CHANGE = re.compile(r"(?:" + _alt(lx.CHANGE_UP + lx.CHANGE_DOWN) + r")(?:了|为|达|达到|约)?$")
_CHANGE_WORDS = lx.CHANGE_UP + lx.CHANGE_DOWN
_LEAD_CHANGE = re.compile(r"^(?:平均|累计|共)?(" + _alt(w for w in _CHANGE_WORDS if len(w) > 1)
                          + r")了?([\u4e00-\u9fff“”]{1,12})$")
_COMPARE = re.compile(r"(?:同比|环比|较上年度?|比上年度?|较去年|比去年|较上一年度?|与上年相比|与去年相比)(?:同期)?")
# (及 and 与 are matched before their look-behinds: a branch that opens with a
# character lets the engine skip it at once where that character is not.)
_LIST_CHARS = frozenset("、和及与”")   # every match of _LIST_SPLIT holds or follows one of them
_LIST_SPLIT = re.compile(r"、|以及|和(?!谐)|及(?<![以涉普危]及)(?!时|其|以)|与(?<![参给赋授]与)(?!会)|(?<=”)(?=“)")
_GENERIC_RATE_TAIL = re.compile(r"(?:" + _alt(lx.GENERIC_RATE_STEMS) + r")*(?:" + _alt(lx.RATE_WORDS) + r")[”\"]?$")
_DOMAIN_HEAD = re.compile(_alt(lx.DOMAIN_HEADS))
_KEPT = 1 << 14   # distinct left words kept (see left.py)


class Change(NamedTuple):
    """A percentage read as a change (同比下降4.7%)."""

    subject: str              # what changed ("" when the words name nothing)
    rest: tuple[str, ...]     # the subjects of the values that follow (诉讼和复议案件同比分别下降5%、3%)
    action: str | None        # the change verb (增长, 下降 …)
    down: bool                # the verb says the value falls: the figure is negative
    year_on_year: bool        # against the year before (not 环比, not a named year)
    spread: bool              # 分别: one value of a list


class PercentLeft(NamedTuple):
    """What the words before a percentage say."""

    name: str                          # the words without their fillers
    change: Change | None              # they end in a change verb (同比下降): the change
    # read only when no change verb ends the words (a change is not a rate):
    lead: tuple[str, str] | None       # a verb of change opening the clause and what it changes
    jun: bool                          # 均/都: one value for several names
    names: tuple[str, ...] | None      # the rate names, None when no rate word is written


@lru_cache(maxsize=_KEPT)
def percent_left(left: str) -> PercentLeft:
    """The reading of the words before a percentage (see ``PercentLeft``)."""
    tail = ph.strip_tail(left)
    change = _CHANGE.search(tail)
    if change:
        return PercentLeft(ph.strip(tail), _change(left, tail, change), None, False, None)
    lead = _LEAD_CHANGE.match(ph.strip(tail)) if _RATE_WORD.search(tail) is None else None
    jun = "均" in left[-6:] or "都" in left[-4:]
    name_end = -1
    for r in _RATE_WORD.finditer(tail):
        name_end = r.end()
    names = tuple(split_rates(ph.strip(tail[:name_end]), jun)) if name_end >= 0 else None
    return PercentLeft(ph.strip(tail), None, (lead.group(1), lead.group(2)) if lead else None, jun, names)


@lru_cache(maxsize=_KEPT)
def change_left(left: str) -> Change:
    """A percentage read as a change though no change verb ends the words (5个百分点, 1.5倍)."""
    tail = ph.strip_tail(left)
    return _change(left, tail, _CHANGE.search(tail))


def _change(left: str, tail: str, change: re.Match[str] | None) -> Change:
    word = change.group() if change else ""
    head = tail[:change.start()] if change else tail
    cmp_end = cmp_start = -1
    for c in _COMPARE.finditer(head):
        cmp_start, cmp_end = c.start(), c.end()
    noun = ph.strip((head[:cmp_start] if cmp_end >= 0 else head).replace("分别", ""))
    items = [x for x in _LIST_SPLIT.split(noun) if x] if noun and "分别" in left else []
    subject, rest = (items[0], tuple(items[1:])) if len(items) > 1 else (noun, ())
    action = next((w for w in _CHANGE_WORDS if word.startswith(w)), None)
    # 同比增长20%: against last year; 环比 or 较2019年 is against another period
    yoy = cmp_end >= 0 and action is not None and YEAR_ON_YEAR.match(head, cmp_start) is not None
    return Change(subject, rest, action, action in lx.CHANGE_DOWN, yoy, "分别" in left)


def split_rates(name: str, jun: bool) -> list[str]:
    """投诉件办结率、回访满意率 -> both; 处罚和许可公示率 -> 处罚公示率, 许可公示率."""
    if _LIST_CHARS.isdisjoint(name):
        return [name]   # nothing _LIST_SPLIT could split at
    parts = [p for p in _LIST_SPLIT.split(name) if p]
    if len(parts) < 2:
        return [name]
    has_rate = [bool(_RATE_WORD.search(p)) for p in parts]
    if not jun and not all(has_rate):
        return [name]
    tail = _GENERIC_RATE_TAIL.search(parts[-1])
    suffix = tail.group() if tail else ""
    domain = rate_domain(parts[0])
    out = []
    for k, (p, ok) in enumerate(zip(parts, has_rate)):
        if not ok:
            p += suffix
        elif k and domain and is_bare_rate(p):
            p = domain + p
        out.append(p)
    return out


def join_rate(domain: str, name: str) -> str:
    """Domain + bare rate name, without saying the stage twice (出庭应诉 + 出庭应诉率)."""
    word = _RATE_WORD.search(name)
    stem = name[:word.start()] if word else name
    if stem and domain.endswith(stem):
        return domain + name[len(stem):]
    return domain + name


def rate_domain(name: str) -> str:
    """What a rate name is about: its words up to the last thing counted
    (重大合同合法性审查率 -> 重大合同), else before its generic stage
    words (人大代表建议办理满意率 -> 人大代表建议)."""
    head = None
    for head in _DOMAIN_HEAD.finditer(name):
        pass
    if head is not None:
        return name[:head.end()]
    t = _GENERIC_RATE_TAIL.search(name)
    return name[:t.start()] if t else name


def is_bare_rate(name: str) -> bool:
    # The same as _GENERIC_RATE_TAIL.search(name).start() == 0: the leftmost match
    # starts at 0 exactly when there is a match at 0, and match() tries no other place.
    return _GENERIC_RATE_TAIL.match(name) is not None
