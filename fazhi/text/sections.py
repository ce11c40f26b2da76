"""The heading tree of a report (一、 / （一） / 1. / （1）), with char offsets.

Used by the dbt model ``int_sections``; a sentence sits in the last heading
that starts at or before it (the deepest one holding it), which fct_facts
finds in SQL. Offsets are Python str indices into the text as given
(raw and normalised text have the same offsets, see ``normalize``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = "一二三四五六七八九十百零〇"
# (level, pattern) — a heading starts a line, after optional blanks.
_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[{_CN_NUM}]+、")),
    (2, re.compile(rf"[（(][{_CN_NUM}]+[）)]")),
    (3, re.compile(r"[0-9]{1,2}(?:[、．]|\.(?![0-9]))")),
    (4, re.compile(r"[（(][0-9]{1,2}[）)]")),
)
# A line some level's pattern could open, found by one scan of "\n" + text (a pattern
# opening with a literal is searched fast, ^ in MULTILINE is tried at every character):
# only these lines, a third of a report's, are tried level by level.
_CANDIDATE = re.compile("\n[ \t\u3000]*(?:" + "|".join(p.pattern for _, p in _LEVELS) + ")")
_TITLE_END = re.compile(r"[。；！？]")
_MAX_TITLE = 60


@dataclass(frozen=True)
class Section:
    """One heading and the text it governs.

    ``start``/``end`` cover the heading and its whole subtree; ``body_start``
    is where the text after the heading's title begins. ``path`` joins the
    markers from the top, e.g. ``二/（一）/3.``; level 0 is the preamble.
    """

    ordinal: int
    level: int
    marker: str
    path: str
    title: str
    start: int
    end: int
    body_start: int
    parent: int | None


def _heading(line: str) -> tuple[int, str, int] | None:
    """(level, marker, offset of marker in line) when the line opens a heading."""
    stripped = line.lstrip(" \t\u3000")
    indent = len(line) - len(stripped)
    for level, pattern in _LEVELS:
        m = pattern.match(stripped)
        if m and len(stripped) > m.end() and not stripped[m.end()].isspace():
            return level, m.group(0), indent
    return None


# What str.splitlines breaks a line at (all of them blanks to str.strip and to \s).
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_VISIBLE = re.compile(r"\S")


def _first_line(text: str) -> str:
    """The first non-blank line, stripped: the line around the first non-blank character
    (without splitting the whole text into lines)."""
    m = _VISIBLE.search(text)
    if not m:
        return ""
    end = _LINE_BREAK.search(text, m.start())
    return text[m.start():end.start() if end else len(text)].strip()


def find_sections(text: str) -> list[Section]:
    """Split a report into its heading tree, in document order.

    The first section (ordinal 0, level 0) is the preamble before the first
    heading, titled with the report's first non-empty line.
    """
    first_line = _first_line(text)
    heads: list[tuple[int, str, int, str, int]] = []  # level, marker, start, title, body_start
    for m in _CANDIDATE.finditer("\n" + text):
        pos = m.start()                 # where the line starts in text (its "\n" in "\n" + text)
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        h = _heading(text[pos:line_end])
        if h:
            level, marker, indent = h
            start = pos + indent
            after = start + len(marker)
            rest = text[after:line_end]
            t = _TITLE_END.search(rest)
            title_end = t.start() if t else len(rest)
            title = rest[:title_end].strip()
            if len(title) <= _MAX_TITLE:
                body_start = after + title_end + (1 if t else 0)
                heads.append((level, marker, start, title, body_start))

    # (level, marker, path, title, start, body_start, parent) of each section; a Section is built
    # once its end is known (a frozen dataclass costs as much to build as the rest of this loop).
    rows: list[tuple] = [(0, "", "", first_line, 0, 0, None)]
    stack: list[int] = [0]  # ordinals of open ancestors
    for level, marker, start, title, body_start in heads:
        while len(stack) > 1 and rows[stack[-1]][0] >= level:
            stack.pop()
        parent = stack[-1]
        path = f"{rows[parent][2]}/{marker}" if rows[parent][2] else marker
        rows.append((level, marker, path, title, start, body_start, parent))
        stack.append(len(rows) - 1)

    # Close each section where the next heading at its level or above opens.
    sections = [Section(0, 0, "", "", first_line, 0, len(text), 0, None)]
    for i in range(1, len(rows)):
        level, marker, path, title, start, body_start, parent = rows[i]
        end = len(text)
        for nxt in rows[i + 1:]:
            if nxt[0] <= level:
                end = nxt[4]
                break
        sections.append(Section(i, level, marker, path, title, start, end, body_start, parent))
    return sections
