"""Visual lines -> paragraphs: the rules that undo a layout's line wraps.

A PDF stores text as lines placed on a page; a Chinese paragraph is cut
wherever the line was full. ``join_lines`` puts a paragraph back together
and keeps real paragraph and heading breaks, so headings such as 一、
（一） 1. stay at the start of their line. Pure: the PDF reader measures
each line, this module only decides.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import is_cjk

_CN_DIGITS = "一二三四五六七八九十百零〇"
HEADING_START = re.compile(
    rf"""\s*(?:
        [{_CN_DIGITS}]+[、.．]                   # 一、
      | [（(][{_CN_DIGITS}]+[）)]                # （一）
      | [0-9]{{1,2}}(?:[、．]|\.(?![0-9]))       # 1. 1、 (not 1.5)
      | [（(][0-9]{{1,2}}[）)]                   # （1）
      | [\u2460-\u2473]                          # ①
      | 第[{_CN_DIGITS}0-9]+[章节条部分篇]       # 第一章
      | 附件
    )""",
    re.VERBOSE,
)
# A line ending in one of these ends a sentence, so the break is real.
_TERMINAL = set("。！？：；!?:;")
# Closing quotes and brackets that may follow the terminal mark.
_CLOSERS = "”’」』）)】》\"' \u3000"


@dataclass(frozen=True)
class Line:
    """One visual line and where it sits in its text block.

    ``full``: the line reaches the right edge of the block (so it may wrap);
    ``indented``: it starts right of the left edge (a paragraph's first
    line, or a centred title).
    """

    text: str
    full: bool
    indented: bool


def join_lines(lines: Sequence[Line]) -> str:
    """The lines as text, wrapped paragraphs joined, one paragraph a line."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and is_wrap(previous, line):
            paragraphs[-1] += line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return "\n".join(paragraphs)


def is_wrap(first: Line, second: Line) -> bool:
    """True when the break between ``first`` and ``second`` is only a wrap."""
    if not first.full or second.indented or not first.text or not second.text:
        return False
    if "\t" in first.text or "\t" in second.text:
        return False   # a table row (cells joined by a tab) is a line of its own
    if starts_heading(second.text) or ends_sentence(first.text):
        return False
    return is_cjk(first.text[-1]) or is_cjk(second.text[0])


def starts_heading(text: str) -> bool:
    """True when ``text`` opens with a heading marker (一、 （一） 1. 第一章 …)."""
    return HEADING_START.match(text) is not None


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with 。！？：； (closing quotes allowed after)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL
