"""The paragraph builder of the synthetic corpus: text with its truth marked.

``facts.py`` writes every sentence through a ``Para``: plain text with
``t``, a fact with ``num`` (the number is recorded with its offset inside the
paragraph and its gold fields), a non-fact with ``nf`` or inline markup
``[[text|code]]`` (years, ordinals, slogans, section numbers). ``layout.py``
later places paragraphs in a document and turns local offsets into the gold
``start`` of each line. Nothing here knows about files or formats.
"""
from __future__ import annotations

import re

from fazhi.synth.numbers import Num

# Reasons of non-facts, by the code used in ``[[text|code]]`` markup.
REASONS = {
    "s": "name/slogan containing a numeral",
    "o": "ordinal",
    "e": "enumerator (一是/二是…)",
    "y": "calendar year",
    "d": "date",
    "n": "document number",
    "p": "plan period",
    "h": "section numbering",
    "t": "name/slogan containing a numeral (hotline name)",
    "v": "name/slogan containing a numeral (version)",
}
_MARKUP = re.compile(r"\[\[([^|\]]+)\|([a-z])\]\]")
_PARSED: dict[str, tuple[tuple[str, str | None], ...]] = {}


class Fact:
    """One number in a paragraph and the gold line(s) it stands for.

    ``lines`` holds (subject, action, metric) per gold line: more than one
    for a number shared by several subjects (均) or a zero in words naming
    several things (未发生行政复议和行政诉讼案件).
    """

    __slots__ = ("local", "num", "kind", "lines", "respectively", "part_of", "start")

    def __init__(self, local: int, num: Num, kind: str, lines: list, respectively: bool,
                 part_of: Fact | None):
        self.local = local
        self.num = num
        self.kind = kind
        self.lines = lines
        self.respectively = respectively
        self.part_of = part_of
        self.start = -1  # set by layout


class Para:
    """One paragraph (one line of the report) being written."""

    __slots__ = ("parts", "n", "facts", "nonfacts", "heading")

    def __init__(self, heading: bool = False):
        self.parts: list[str] = []
        self.n = 0
        self.facts: list[Fact] = []
        self.nonfacts: list[tuple[int, str, str]] = []
        self.heading = heading

    def t(self, s: str) -> Para:
        """Append plain text (no numbers in it unless marked up as ``[[…|code]]``)."""
        if "[[" in s:
            return self.m(s)
        self.parts.append(s)
        self.n += len(s)
        return self

    def m(self, s: str) -> Para:
        """Append text with inline non-fact markup: ``深入开展“[[八五|s]]”普法``."""
        segs = _PARSED.get(s)
        if segs is None:
            segs = _parse(s)
            if len(s) < 100 and len(_PARSED) < 4096:  # vocabulary, not sentences put together
                _PARSED[s] = segs
        for text, code in segs:
            if code is not None:
                self.nonfacts.append((self.n, text, REASONS[code]))
            self.parts.append(text)
            self.n += len(text)
        return self

    def nf(self, text: str, reason: str) -> Para:
        """Append a non-fact (a year, date, ordinal …) with its reason."""
        self.nonfacts.append((self.n, text, REASONS.get(reason, reason)))
        self.parts.append(text)
        self.n += len(text)
        return self

    def num(self, num: Num, kind: str, subject: str, action: str | None = None,
            metric: str | None = None, *, also: tuple = (), respectively: bool = False,
            part_of: Fact | None = None) -> Fact:
        """Append a number (its lead word first) and record it as a fact.

        ``also`` adds (subject, action, metric) lines sharing this number (均).
        """
        if num.lead:
            self.parts.append(num.lead)
            self.n += len(num.lead)
        fact = Fact(self.n, num, kind, [(subject, action, metric), *also], respectively, part_of)
        self.facts.append(fact)
        self.parts.append(num.text)
        self.n += len(num.text)
        return fact

    def text(self) -> str:
        return "".join(self.parts)


def _parse(s: str) -> tuple[tuple[str, str | None], ...]:
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in _MARKUP.finditer(s):
        if m.start() > pos:
            out.append((s[pos:m.start()], None))
        out.append((m.group(1), m.group(2)))
        pos = m.end()
    if pos < len(s):
        out.append((s[pos:], None))
    return tuple(out)


def strip_markup(s: str) -> str:
    """The text of a markup string without its ``[[…|code]]`` brackets."""
    return _MARKUP.sub(lambda m: m.group(1), s)
