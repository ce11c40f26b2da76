"""What attribution builds and passes along: drafts, the carry between sentences,
one mention's context and the state a sentence's earlier mentions leave.

Shared by the sentence loop (``attribute.py``) and the readers of counts
(``counts.py``), percentages (``percents.py``) and zeros (``zeros.py``);
``report.py`` links and labels the drafts afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract.numbers import Mention

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


HARD_CUT = re.compile(r"[；;：:。！？!?\n]")
# What may stand between two numbers of one list (分别为120件、80件; 下降8%和25%).
CONNECTOR = frozenset(("", "、", "和", "及", "与", "以及", ",", "，"))
LEVEL_KINDS = ("rate", "change")   # a percentage's kinds: they neither carry a subject nor total
_RELATIONAL = lx.RELATIONAL_NOUNS


class Context(NamedTuple):
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
        return self.prev_end >= 0 and HARD_CUT.search(self.text, self.prev_end, self.m.lead) is None


class State:
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

    def topic(self) -> str | None:
        """The last subject of the sentence without its relational tail (编制, 金额 …)."""
        for d in reversed(self.last):
            s = d.subject if d.kind not in LEVEL_KINDS else self.subject
            if s:
                for r in _RELATIONAL:
                    if s.endswith(r) and len(s) > len(r):
                        return s[: -len(r)]
                return s
        return None


def copy_draft(d: Draft, m: Mention) -> Draft:
    """The next value of a list (分别为120件、80件): ``m`` with ``d``'s reading."""
    return Draft(m.start, m.end, m.value, m.unit, d.kind, m.qualifier, d.subject, d.action, d.sentence,
                 respectively=True, form=m.form, prior=d.prior if d.kind == "change" else None)
