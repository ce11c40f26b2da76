"""Sentence splitting with offsets into the report text.

A sentence ends at 。！？ (with any closing quotes or brackets that follow)
or at a line break. Leading and trailing blanks are not part of a sentence.
Used by the dbt model ``int_sentences``; facts carry the sentence they sit in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_END = "。！？!?"
_CLOSERS = "”’」』）)\"'"
# A sentence starts at a non-blank character and runs to its end marks (and
# the closing quotes after them) or to the last non-blank before a line break.
_SENTENCE = re.compile(
    rf"[^\s{_END}](?:[^{_END}\n]*[^\s{_END}])?(?:[{_END}]+[{_CLOSERS}]*)?"
    rf"|[{_END}]+[{_CLOSERS}]*"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == report_text[start:end]``."""

    ordinal: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """All non-blank sentences of ``text`` in order, with their spans.

    The sentences are built by filling each one's ``__dict__`` as the frozen
    dataclass's ``__init__`` would (the same fields in the same order), without
    its four ``object.__setattr__`` calls: half the time, at 130 sentences a report.
    """
    new, out = object.__new__, []
    for i, m in enumerate(_SENTENCE.finditer(text)):
        sentence = new(Sentence)
        fields = sentence.__dict__
        fields["ordinal"] = i
        fields["start"], fields["end"] = m.span()
        fields["text"] = m.group()
        out.append(sentence)
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, as ``split_sentences`` finds them (the fast path for tables)."""
    return [m.span() for m in _SENTENCE.finditer(text)]
