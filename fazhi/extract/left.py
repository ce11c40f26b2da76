"""The words before a number: what they say about it, read once per distinct string.

``attribute.py`` slices, for every number, the words from the clause start (or
the previous number) up to it: ``left``. Everything read from those words alone
is here, as pure functions of the string, memoised: a report repeats its
phrasings (受理…, 办结…, 同比增长…) and a corpus repeats them across reports, so
most numbers find their left words already read.

``count_left(left)`` reads, for a count, the subject, stage verb, agent and
serial verbs of ``phrases.left_phrase``, corrected where the words end in a
change (同比增加30件: a change in the count before), an earlier period's figure
(上年为120件) or a 由/从 figure (由原来的36个…). ``rates.py`` does the same for
percentages.

The endings that mark an earlier period's figure and a 由/从 figure are here too:
``attribute.py`` tests them for every number, inline (with the last character
first: most words end in none of them).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph

_ABSOLUTE_CHANGE = re.compile(r"^(?:同比|环比|较上年度?|比上年度?|较去年|比去年|较上一年度?)?(?:同期)?"
                              r"(增加|减少|增长|下降|上升|多|少|新增)了?$")
_ABSOLUTE_ENDS = ("增加", "减少", "增长", "下降", "上升", "多", "少", "新增", "了")
_COMPARED_CHANGE = re.compile(r"(?:同比|环比|较上年度?|比上年度?|较去年|比去年|较上一年度?|较[0-9]{4}年|比[0-9]{4}年"
                              r"|与(?:上年|去年|上一年|[0-9]{4}年)(?:度)?(?:同期)?相比)(?:同期)?"
                              r"(增加|减少|增长|下降|上升|新增|多|少)了?([\u4e00-\u9fff“”]{0,12})$")
# A comparison with the year before (not 环比, not a named year): 同比, 较上年, 与去年相比 …
YEAR_ON_YEAR = re.compile(r"同比|[较比](?:上年|去年|上一年)|与(?:上年|去年|上一年)")
# 上年为120件, 去年同期共80件: an earlier period's figure (the left words end so)
EARLIER_ENDINGS = tuple(a + b + c for a in ("上年", "去年", "上一年", "上年度", "同期")
                         for b in ("", "同期") for c in ("", "为", "是", "有", "共"))
# 由原来的36个精简为18个: the figure after 由/从 is the earlier one
FROM_ENDINGS = ("由原来的", "从原来的", "由原来", "从原来", "由过去的", "从过去的", "由原", "从原", "由", "从")
# Their last characters: a set lookup rejects most words before str.endswith(tuple) compares them all.
EARLIER_LAST = frozenset(w[-1] for w in EARLIER_ENDINGS)
FROM_LAST = frozenset(w[-1] for w in FROM_ENDINGS)
# Distinct left words kept per function: a few thousand cover a corpus's phrasings;
# past that the least recently used are read again.
_KEPT = 1 << 14


class CountLeft(NamedTuple):
    """What the words before a count say (``subject`` "" when they name none)."""

    subject: str
    action: str | None
    verb_at_end: bool       # the verb ends the words (合法性审核86件)
    agent: str              # the words before the verb: who acts (12345热线[受理]…)
    serial: tuple[str, ...]   # the verbs of a serial group, for 分别 (受理、办结…分别为)
    ends_function: bool     # the words end in a function word (…的, …为)
    change: bool            # a change in the count before (同比增加30件, 比上年多出12项)
    year_on_year: bool      # … against the year before (not 环比, not a named year)


@lru_cache(maxsize=_KEPT)
def count_left(left: str) -> CountLeft:
    """The reading of the words before a count (see ``CountLeft``)."""
    subject, action, verb_at_end, agent, serial = ph.left_phrase(left)
    trimmed = left.rstrip()
    ends_function = trimmed.endswith(lx.FUNCTION_TAILS)
    change = _ABSOLUTE_CHANGE.match(ph.strip(left)) if left.endswith(_ABSOLUTE_ENDS) else None
    if change:
        # 同比增加30件: a change in the count before, not a count of its own
        subject, action, verb_at_end = "", change.group(1), False
    elif ("较" in left or "比" in left) and "分别" not in left:
        change = _COMPARED_CHANGE.search(left, max(0, len(left) - 32))
        if change:
            # 比上年多出备案事项12项: the difference against an earlier period, in the count's unit
            subject, action, verb_at_end = ph.strip(change.group(2)), change.group(1), False
    if left.endswith(EARLIER_ENDINGS):
        subject = ""   # 上年为120件: the same thing, an earlier figure
    elif left.endswith(FROM_ENDINGS):
        cut = next(e for e in FROM_ENDINGS if left.endswith(e))
        subject, verb_at_end = ph.strip(left[: -len(cut)]), False   # 部门由原来的36个…
        ends_function = False
    return CountLeft(subject, action, verb_at_end, agent, serial, ends_function, change is not None,
                     change is not None and YEAR_ON_YEAR.match(change.group()) is not None)
