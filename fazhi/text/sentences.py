"""Sentence splitting with offsets into the report text.

A sentence ends at 。！？ (with any closing quotes or brackets that follow)
or at a line break. Leading and trailing blanks are not part of a sentence.
Used by the dbt model ``int_sentences``; facts carry the sentence they sit in.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
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


class Sentences(Sequence[Sentence]):
    """The sentences of one text, in order: their spans at once, each ``Sentence`` (and its
    text) only when asked for.

    A report's parse stores every sentence's span, but the extractor asks only for the sentences
    that hold a number: one in ten on the bench corpora and the dev excerpts, a quarter in the
    seeds. Building all of a report's ~200 objects, each with a copy of its text, took half of
    the time of splitting it (1.6 against 0.8 CPU-s a 10,000 long bench reports). A list's
    indexing, iteration and slices; ``sentences[k].ordinal == k``.
    """

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: list[int] | None = None, ends: list[int] | None = None) -> None:
        self.text = text
        if starts is None or ends is None:
            spans = sentence_spans(text)
            starts, ends = [a for a, _ in spans], [b for _, b in spans]
        self.starts, self.ends = starts, ends

    def over(self, text: str) -> Sentences:
        """The same spans over ``text``, a text of the same length (a one-for-one rewriting)."""
        return Sentences(text, self.starts, self.ends)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, k):  # noqa: ANN001, ANN204 (an int, or a slice as a list's)
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self.starts)))]
        if k < 0:
            k += len(self.starts)
            if k < 0:
                raise IndexError("sentence index out of range")
        start, end = self.starts[k], self.ends[k]   # IndexError past the end, as a list's
        # the frozen dataclass's fields, filled as its __init__ would without four object.__setattr__
        sentence = _new(Sentence)
        fields = sentence.__dict__
        fields["ordinal"], fields["start"], fields["end"], fields["text"] = k, start, end, self.text[start:end]
        return sentence


_new = object.__new__


def split_sentences(text: str) -> Sentences:
    """All non-blank sentences of ``text`` in order, with their spans."""
    return Sentences(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, as ``split_sentences`` finds them (the fast path for tables)."""
    return [m.span() for m in _SENTENCE.finditer(text)]
