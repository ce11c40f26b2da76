"""The parse view: the text the extractor reads, with every offset mapped back to the report.

First thing ``extract_report`` does. Real reports reach us from big5 gateways,
Hong Kong-style mirrors, PDFs and e-books; the rules of ``numbers.py`` and
``attribute.py`` are written for plain simplified prose. ``parse_view(text)``
returns that prose:

* traditional characters become simplified ones (12項 -> 12项, 萬 -> 万), one
  character for one, from OpenCC's traditional-to-simplified conversion. Only
  characters outside GB2312 are converted, so a simplified text (which may use
  著, 乾, 於 on purpose) is never changed, and a text without any of them is
  not copied at all;
* pinyin written after characters on some mirror pages (建設(shè)) is dropped;
* PDF and e-book layout inside a number is dropped: the space of a space
  thousands separator (4 598个), a space split inside a number (1 5起), a space
  between a number and its unit (185 项, 31.6 万元) and a line break between a
  number and a unit that ends a clause (41841⏎起，);
* a page number or running head on its own line inside a sentence (1 / 8,
  — 3 —, 第 2 页) is dropped with its line breaks, so the sentence is whole;
* a list marker glued to the number opening its paragraph (3⏐13个市州, the
  paragraphs before opening with 1 and 2) is dropped: it is not a digit of it.

Dropping changes offsets, so a ``View`` keeps where each deletion was and
``raw_offset`` maps a view offset back into the report text: every span the
extractor returns still points into the text as landed (number_text then
holds the dropped space or line break, as SCHEMA.md asks).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from fazhi.extract import lexicon as lx
from fazhi.extract.phrases import alternation


@cache
def _t2s_table() -> dict[int, str]:
    """Traditional -> simplified, one character for one, for characters outside GB2312."""
    import opencc  # type: ignore[import-not-found,import-untyped,unused-ignore]  # most texts never need it

    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RuntimeError("OpenCC t2s changed the number of lines: cannot map characters one for one")
    table = {}
    for trad, simp in zip(chars, converted):
        if trad != simp and len(simp) == 1:
            try:
                trad.encode("gb2312")
            except UnicodeEncodeError:
                table[ord(trad)] = simp
    return table


@cache
def _traditional() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chr(c) for c in _t2s_table())) + "]")


_CJK = "\u4e00-\u9fff"
_PINYIN = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
_UNIT = "(?:余|多)?(?:千万|百万|万|亿|千)?(?:余|多)?(?:" + alternation(
    [u for u, _ in lx.COUNT_UNITS], guards={u: la[len("(?!"):-1] for u, la in lx.COUNT_UNITS if la}) + ")"
_PAGE_MARK = r"(?:[0-9]{1,4} ?/ ?[0-9]{1,4}|[—－-]{1,2} ?[0-9]{1,4} ?[—－-]{1,2}|第 ?[0-9]{1,4} ?页(?: ?共 ?[0-9]{1,4} ?页)?)"
# A match is the text to drop. Each pattern opens with the one character it
# drops first (a bracket, a space or a line break) and reads what precedes it
# by a look-behind that includes that character: a pattern with a literal
# first character lets the regex engine skip to the next one at memchr speed
# (a few GB/s), where a pattern opening with a look-behind or a choice of
# characters is tried at every position (~100 MB/s, a tenth of extraction).
_THOUSANDS = r"(?=[0-9]{3}(?: [0-9]{3})*(?![0-9]))"
_NOISE = tuple(re.compile(p) for p in (
    rf"\((?<=[{_CJK}]\()[{_PINYIN}]{{1,7}}[)）]",                          # 建設(shè): pinyin
    rf"（(?<=[{_CJK}]（)[{_PINYIN}]{{1,7}}[)）]",
    r" (?:"
    # 4 598个, 1 234 567元, 1 5起: a space inside a number written after words
    rf"(?<=[{_CJK}][0-9] )(?:{_THOUSANDS}|(?=[0-9](?![0-9 ])))"
    rf"|(?<=[{_CJK}][0-9]{{2}} ){_THOUSANDS}|(?<=[{_CJK}][0-9]{{3}} ){_THOUSANDS}"
    r"|(?<=[0-9] [0-9]{3} )(?=[0-9]{3}(?![0-9]))"
    # 185 项, 31.6 万元, 240 余人次: a space before the unit
    rf"|(?<=[0-9] )(?={_UNIT}|%))",
    r"\n(?:"
    # 41841⏎起，: the unit wrapped to the next line
    rf"(?<=[0-9]\n)(?={_UNIT}[，。；、,;)）])"
    # a page number on its own line inside a sentence
    rf"|(?<=[{_CJK}0-9，、,]\n)[ \t]*{_PAGE_MARK}[ \t]*\n(?=[{_CJK}0-9]))",
))


@dataclass(frozen=True)
class View:
    """The text to parse; ``dropped`` lists (view offset, characters dropped before it, cumulative)."""

    text: str
    view_starts: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()

    def raw_offset(self, pos: int) -> int:
        """The report offset of the view offset ``pos`` (a start: the character at ``pos``)."""
        k = bisect_right(self.view_starts, pos) - 1
        return pos + self.shifts[k] if k >= 0 else pos

    def raw_end(self, end: int) -> int:
        """The report offset of a span end (one past the last character, drops inside kept)."""
        return self.raw_offset(end - 1) + 1 if end > 0 else 0


_SAMPLE = 1500


def _has_traditional(text: str) -> bool:
    """Whether the text is in traditional script, read from its start and its middle.

    Pages come whole in one script (a big5 gateway, an HK-style mirror); two
    samples decide at a constant cost instead of a scan of every character,
    which would cost a few percent of extraction on long simplified reports.
    """
    find = _traditional().search
    if len(text) <= 2 * _SAMPLE:
        return find(text) is not None
    middle = len(text) // 2
    return find(text, 0, _SAMPLE) is not None or find(text, middle, middle + _SAMPLE) is not None


def parse_view(text: str) -> View:
    """The simplified, de-noised view of ``text`` (the same object when nothing changes)."""
    if _has_traditional(text):
        text = text.translate(_t2s_table())
    drops = [m.span() for pattern in _NOISE for m in pattern.finditer(text)] + _glued_markers(text)
    drops.sort()
    if not drops:
        return View(text)
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    kept = 0          # end of the last kept stretch in the text
    dropped = 0       # characters dropped so far
    for a, b in drops:
        parts.append(text[kept:a])
        dropped += b - a
        kept = b
        starts.append(b - dropped)   # the view offset of the first character after the drop
        shifts.append(dropped)
    parts.append(text[kept:])
    return View("".join(parts), tuple(starts), tuple(shifts))


def _glued_markers(text: str) -> list[tuple[int, int]]:
    """List numbers glued to the number that opens their paragraph (3⏐13个市州…, 4⏐103个县…).

    A paragraph opening with digits whose first digit continues the numbering
    of the paragraphs before (1, 2, 3 …: two or more in a row) starts with its
    list marker, not with a bigger number (SCHEMA.md; e.g. 326个乡镇 -> 3 + 26个).
    """
    found = [(m.start(1), int(m.group(1))) for m in _GLUED.finditer(text)]
    out: list[tuple[int, int]] = []
    run: list[int] = []
    for k, (pos, digit) in enumerate(found):
        if run and digit == found[k - 1][1] + 1:
            run.append(pos)
            continue
        if len(run) >= 2:
            out += [(p, p + 1) for p in run]
        run = [pos]
    if len(run) >= 2:
        out += [(p, p + 1) for p in run]
    return out


# A paragraph opening with two or more digits and going on in words (not a bare table cell).
# (It opens with the line break: a scan for a literal is fast, a multi-line ^ is tried everywhere.)
_GLUED = re.compile(r"\n[ \t]*([1-9])(?=[0-9]{1,6}[^\n0-9]{0,3}[\u4e00-\u9fff]{4})")
