"""Sentence splitting with offsets into the report text.

A sentence ends at 。！？ (with any closing quotes or brackets that follow)
or at a line break. Leading and trailing blanks are not part of a sentence.
Used by the dbt model ``int_sentences``; facts carry the sentence they sit in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|\n|$)")
_BLANKS = " \t\r\u3000\ufeff"


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == report_text[start:end]``."""

    ordinal: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """All non-blank sentences of ``text`` in order, with their spans."""
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        chunk = m.group(0)
        if not chunk.strip(_BLANKS + "\n"):
            continue
        start = m.start() + (len(chunk) - len(chunk.lstrip(_BLANKS + "\n")))
        end = m.end() - (len(chunk) - len(chunk.rstrip(_BLANKS + "\n")))
        out.append(Sentence(len(out), start, end, text[start:end]))
    return out
