"""The parts of a report that say who wrote it and when: title, page fields, opening, signature.

``read(text)`` converts the report's head and tail to simplified characters
(OpenCC's t2s, done here for metadata only; the facts pipeline normalises its
own text) and drops pinyin glosses (建設(shè)). It returns the title, the page's
labelled fields (发布机构, 来源, 栏目, 名称, 发文日期 …), the first body
paragraphs (after chrome, the title and an addressee line such as "省政府："),
and the closing lines where a signature and date stand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fazhi.ingest.metadata import clean_title, find_title, is_chrome_line
from fazhi.text import code_points

HEAD_CHARS, TAIL_CHARS = 4000, 600
# An ideograph's pinyin gloss: (shè) right after it. The bracket comes first in the pattern and the
# ideograph is checked behind it, so the scan jumps from bracket to bracket (4x faster than a
# pattern that opens with the look-behind and is tried at every character).
_PINYIN_LETTERS = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[" + _PINYIN_LETTERS + r"]{1,7}[)）]")
_FIELD = re.compile(
    r"(发布机构|发文机关|来源|信息来源|来自|栏目|名称|标题|题名|发布时间|发布日期|成文日期|生成日期|发文日期)"
    r"\s*[:：|｜]\s*\|?\s*([^|｜\s][^|｜]*?)\s*(?=\||｜|\s+\S{1,6}\s*[:：]|\s{2,}|$)")
# Every label of _FIELD is followed by one of these: a line without any states no field.
_FIELD_MARKS = re.compile(r"[:：|｜]")
_ADDRESSEE = re.compile(r"^[^。，,]{2,40}[:：]$")
_PUNCT = re.compile(r"[，,。；;！!？?]")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．])")
_BRACKETED = re.compile(r"^【[^】]{1,12}】|^[《“\"]|[》”\"]$")


@cache
def _converter():
    import opencc
    return opencc.OpenCC("t2s.json")


@cache
def _convertible_chars() -> str:
    """Every character OpenCC's t2s changes on its own (traditional ones, and the few
    simplified ones it folds, e.g. 乾 -> 干)."""
    chars = [chr(c) for c in range(0x3400, 0xA000)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    return "".join(c for c, s in zip(chars, converted) if c != s)


@cache
def _convertible() -> re.Pattern[str]:
    """Any character of ``_convertible_chars``."""
    return re.compile("[" + _convertible_chars() + "]")


# From this length on, ``simplified`` decides what a text needs by looking each code point up in
# a table (fazhi.text.code_points): a whole report in a third of the time of the two
# regex scans (measured on the bench's long corpus). Shorter texts (titles) stay with the regexes.
_LOOKUP_FROM = 300
_CONVERTIBLE, _BRACKET, _LETTER = 1, 2, 3


@cache
def _classes():
    """Each code point's class: convertible, a bracket, a pinyin letter or none (0)."""
    table = code_points.table()
    for cls, chars in ((_CONVERTIBLE, _convertible_chars()), (_BRACKET, "(（"), (_LETTER, _PINYIN_LETTERS)):
        table[[ord(c) for c in chars]] = cls
    return table


def simplified(text: str) -> str:
    """Traditional characters to simplified, pinyin glosses removed.

    OpenCC runs only on a text holding a character it changes: it costs about
    as much as the rest of the metadata of a report, and most reports are simplified.
    A gloss is looked for only where a bracket is followed by a pinyin letter.
    """
    if len(text) < _LOOKUP_FROM:
        if _convertible().search(text):
            text = _converter().convert(text)
        return _PINYIN.sub("", text)
    classes = _classes()[code_points.code_points(text)]
    if (classes == _CONVERTIBLE).any():
        return _PINYIN.sub("", _converter().convert(text))
    if ((classes[:-1] == _BRACKET) & (classes[1:] == _LETTER)).any():
        return _PINYIN.sub("", text)
    return text


@dataclass(frozen=True)
class Page:
    head: str                     # the first HEAD_CHARS characters, simplified
    title: str | None
    fields: dict[str, str]        # label -> first value stated
    body: list[str]               # the first paragraphs of report text
    addressees: list[str]         # "中共某州委、某州人民政府：" lines
    bylines: list[str]            # short lines under the title before the text: a body's name
    tail: list[str]               # the last non-empty lines, last first


def read(text: str, stated_title: str | None = None) -> Page:
    head = simplified(text[:HEAD_CHARS])
    lines = [line.strip() for line in head.splitlines()]
    fields: dict[str, str] = {}
    for line in lines[:40]:
        if _FIELD_MARKS.search(line):
            for m in _FIELD.finditer(line):
                fields.setdefault(m.group(1), m.group(2).strip())
    title = clean_title(simplified(stated_title)) if stated_title else None
    title = title or _field_title(fields) or find_title(lines)
    if title:
        title = _BRACKETED.sub("", re.sub(r"\s+", "", title))
    body, addressees, bylines = _body(lines, title)
    tail_text = simplified(text[-TAIL_CHARS:]) if len(text) > HEAD_CHARS else head
    tail = [line.strip() for line in reversed(tail_text.splitlines()) if line.strip()][:8]
    return Page(head, title, fields, body, addressees, bylines, tail)


def _field_title(fields: dict[str, str]) -> str | None:
    for label in ("名称", "标题", "题名"):
        if label in fields and re.search(r"报告|情况|总结|年报", fields[label]):
            return fields[label]
    return None


def _body(lines: list[str], title: str | None) -> tuple[list[str], list[str], list[str]]:
    """The first paragraphs of text: not chrome, not the title, not a field
    line, not a heading; and the short lines standing between title and text."""
    body, addressees, bylines = [], [], []
    flat_title = title or ""
    after_title = not flat_title
    for line in lines:
        flat = "".join(line.split())   # without its blanks (what \s matches is what str.split cuts at)
        if not flat or (is_chrome_line(line) and len(flat) < 80) or (_FIELD_MARKS.search(line) and _FIELD.search(line)):
            continue
        if flat_title and (flat in flat_title or flat_title in flat) and len(flat) < len(flat_title) + 20:
            after_title = True
            continue
        if _ADDRESSEE.match(flat) and not body:
            addressees.append(flat)
            continue
        if len(flat) <= 30 and not _PUNCT.search(flat):
            if after_title and not body and not re.search(r"[A-Za-z]", flat):
                bylines.append(flat)
            continue  # headings, menu words, a short title line
        if _HEADING.match(flat) and len(flat) < 40:
            continue
        body.append(flat)
        if len(body) == 4:
            break
    return body, addressees, bylines
