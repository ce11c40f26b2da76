"""Number mentions: one regex scan of a report for numbers that could be facts.

First step of extraction. ``find_mentions(text)`` runs a single compiled
regex over the whole (normalised) text for a numeral followed by a counting
word, a percentage, a 百分之/分之/成 ratio or a zero stated in words
(未发生…), then drops what is not a fact by its surroundings: ordinals
(第31次), numbers inside quotes or titles (“八五”普法, 《…2023年版》), slogans
(八项规定, 两个维护), words that merely contain a numeral (一件事, 一次性), and
a count of 方面 restating the list before it. Each survivor is a ``Mention``
with its span, value, unit and qualifier; ``attribute.py`` then says what it
counts.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract.numerals import parse_arabic, parse_chinese, scale


class Mention(NamedTuple):
    """A number as written: ``text[start:end]`` with its unit and qualifier.

    ``form`` is how it was written: "count" (numeral + measure word), "pct"
    (a percentage: %, 百分之, 分之, 成), "pp" (百分点), "times" (倍) or
    "zero" (未发生…: value 0, the things that are zero come later).
    ``lead`` is where a qualifier word before the number starts (约, 超过),
    equal to ``start`` when there is none.
    """

    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    form: str
    lead: int


_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_AR_REST = r"[0-9]*(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_AR = r"[0-9]" + _AR_REST
_UNITS = "|".join(re.escape(u) + la for u, la in lx.COUNT_UNITS)
# One scan. Every alternative begins with the same character class, consumed
# first, so the regex engine can skip to the next digit, numeral or 未 without
# trying the branches at every position; each branch then checks, by a
# look-behind, which character opened it. Groups named *_rest hold what
# follows that first character: the number as written is text[start:end(group)].
_CANDIDATE = re.compile(
    r"[0-9" + _CN_CHARS + r"未]"
    r"(?:(?<=未)(?P<zero>发生|引发|出现|产生)"
    r"|(?<=百)分之(?P<pcn>[零〇一二两三四五六七八九十百点]+)"
    r"|(?<=[一二三四五六七八九十])(?P<den_rest>[一二三四五六七八九十百]*)分之(?P<num>[一二三四五六七八九十百]+)"
    r"|(?<=[一二三四五六七八九])成(?P<cheng2>[一二三四五六七八九](?![\u4e00-\u9fff]))?"
    r"|(?:(?<=[0-9])(?P<ar_rest>" + _AR_REST + r")(?:\s?(?:-|~|～|至|到|—|–)\s?(?P<hi>" + _AR + r"))?"
    r"|(?<=[" + _CN_CHARS + r"])(?P<cn_rest>[" + _CN_CHARS + r"]*(?:点[零〇一二三四五六七八九]+)?))"
    r"(?P<q1>余|多)?(?P<mult>千万|百万|万|亿|千)?(?P<q2>余|多)?"
    r"(?P<unit>" + _UNITS + r")(?P<post>以上|以下|以内|之内|左右|上下|内)?)"
)
_CN_SET = frozenset(_CN_CHARS)
_FORMULA_BEFORE = frozenset("+＋·•×*/／")
_FORMULA_AFTER = frozenset("+＋·×")
_CLAUSE_PUNCT = "，,；;：:。！？!?\n"
# Quotations, titles and document numbers: numbers inside them are names.
_QUOTED = re.compile(r'“[^“”。；;\n]{0,40}”|"[^"。；;\n]{0,40}"|《[^《》\n]{0,80}》|〔[^〔〕\n]{0,12}〕|「[^「」\n]{0,40}」')
_PREFIX_WORDS = tuple(w for w, _ in lx.PREFIX_QUALIFIERS)
_CHENG_CONTEXT_BEFORE = ("占", "达", "近", "约", "超", "逾", "有", "过", "到", "将近", "超过", "提高", "提升")
_CHENG_CONTEXT_AFTER = ("以上", "左右", "多", "的")
_SLOGAN_AFTER = tuple(lx.SLOGAN_NOUNS)
_CLAUSE_END = frozenset("，。；、,;")
_ONE_BAD_NEXT = ("事", "性", "办", "告知", "申请", "成", "龙", "站", "网", "门", "窗", "体", "流")
_LIST_ITEM = re.compile(r"(?:[\u4e00-\u9fff“”]{2,12}、){2,}[\u4e00-\u9fff“”]{2,12}$")
_HOUR_SLOGAN = re.compile(r"(?:自助|不打烊|服务|在线|值守|营业|全天候|政务|热线|畅通|响应)")


def find_mentions(text: str) -> list[Mention]:
    """Every number in ``text`` that may be a fact, in order (zeros included)."""
    out: list[Mention] = []
    quoted: _Quoted | None = None
    for m in _CANDIDATE.finditer(text):
        if quoted is None:
            quoted = _Quoted(text)
        mention = _read(text, m, quoted)
        if mention is not None:
            out.append(mention)
    return out


class _Quoted:
    """The spans of short quotations, titles and document numbers of a text."""

    def __init__(self, text: str) -> None:
        spans = [q.span() for q in _QUOTED.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def holds(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and end < self.ends[k]


def _read(text: str, m: re.Match[str], quoted: _Quoted) -> Mention | None:
    start, end = m.span()
    ar_rest, cn_rest, zero, pcn, num_ = m.group("ar_rest", "cn_rest", "zero", "pcn", "num")
    if ar_rest is not None or cn_rest is not None:
        return _count(text, m, start, end, quoted)
    if zero is not None:
        return _zero(text, start, end)
    if pcn is not None:
        return _ratio(text, start, end, parse_chinese(pcn))
    if num_ is not None:
        den, num = parse_chinese(text[start:m.end("den_rest")]), parse_chinese(num_)
        if not den or num > den:
            return None
        return _ratio(text, start, end, round(100 * num / den, 2))
    # 六成, 七成五: only as a share (占六成, 超过七成, 六成以上)
    before = text[max(0, start - 2):start]
    if not (before.endswith(_CHENG_CONTEXT_BEFORE) or text.startswith(_CHENG_CONTEXT_AFTER, end)):
        return None
    value = 10 * parse_chinese(text[start]) + (parse_chinese(m.group("cheng2")) if m.group("cheng2") else 0)
    return _ratio(text, start, end, value)


def _count(text: str, m: re.Match[str], start: int, end: int, quoted: _Quoted) -> Mention | None:
    unit, cn_rest, hi, mult, q1, q2, post = m.group("unit", "cn_rest", "hi", "mult", "q1", "q2", "post")
    before = text[start - 1] if start else ""
    if before in lx.ORDINAL_BEFORE or before in _FORMULA_BEFORE or text[end:end + 1] in _FORMULA_AFTER:
        return None   # 第31次; 1+3+N, 7×24: ordinals and formulas
    if cn_rest is not None:
        if before in _CN_SET:
            return None
        cn = text[start:m.end("cn_rest")]
        if not _chinese_ok(text, cn, unit, end, before, q1 or q2, mult):
            return None
        if quoted.holds(start, end):
            return None
        value = parse_chinese(cn)
    else:
        if before.isdigit() or before == "." or ("A" <= before <= "z") or (
                before == "," and start > 1 and text[start - 2].isdigit()):
            return None   # inside a longer number, a code or a version
        ar = text[start:m.end("ar_rest")]
        if ar.startswith("0") and len(ar) > 1 and not ar.startswith("0."):
            return None   # 0371, codes and numbering
        if quoted.holds(start, end):
            return None
        digits = hi or ar
        value = float(digits) if "," not in digits else parse_arabic(digits)
    if mult:
        value *= scale(mult)
    qualifier = None
    if q1 or q2:
        qualifier = "at_least"
    if post == "内" and unit not in lx.DURATION_UNITS:
        end -= 1   # 3个工作日内 is within three days; 3个村内 is not a qualifier
    elif post:
        qualifier = lx.SUFFIX_QUALIFIERS[post]
    if hi is not None:
        qualifier = "at_most"   # a range 3-5天 is at most its upper end
    lead = start
    if qualifier is None or qualifier == "at_least":
        pre = _prefix_qualifier(text, start)
        if pre is not None:
            lead, q = pre
            qualifier = qualifier or q
    if unit in ("小时", "个小时") and _HOUR_SLOGAN.match(text, end):
        return None   # "24小时自助服务" names a service, it does not measure one
    if unit == "个" and text.startswith("方面", end) and _LIST_ITEM.search(text, max(0, start - 60), start):
        return None   # "A、B、C三个方面" restates the list just written
    form = "count"
    if unit == "%":
        form = "pct"
    elif unit in ("百分点", "个百分点"):
        form = "pp"
    elif unit == "倍":
        form, value, unit = "times", value * 100, "%"
    unit = lx.UNIT_RENAME.get(unit, unit)
    return Mention(start, end, value, unit, qualifier, form, lead)


def _chinese_ok(text: str, cn: str, unit: str, end: int, before: str, approx: str | None,
                mult: str | None) -> bool:
    """Chinese numerals count only in plain prose, never inside words or slogans."""
    if unit not in lx.CN_UNITS and not (mult and unit == "元"):
        return False
    if before in lx.CN_WORD_BEFORE or (cn == "一" and before in lx.CN_WORD_BEFORE_ONE):
        return False
    if not any(c in lx.CN_DIGITS_SET for c in cn) and not approx and cn != "十":
        return False   # 百花, 千家万户
    if text.startswith(_SLOGAN_AFTER, end):
        return False   # 两个维护, 八项规定
    if cn == "一" and not approx:
        if unit not in ("名", "个", "位", "家", "支", "件", "项", "场", "次", "份", "条", "人", "批", "天", "个月") \
                and text[end:end + 1] not in _CLAUSE_END:
            return False   # 一期工程, 一部分, 一类事项; but 培训一期，is a count
        if text.startswith(_ONE_BAD_NEXT, end) or "一" in text[end:end + 3]:
            return False   # 一件事, 一次性, 一企一策
    return True


def _prefix_qualifier(text: str, start: int) -> tuple[int, str] | None:
    window = text[max(0, start - 3):start]
    if not window.endswith(_PREFIX_WORDS):
        return None
    for word, q in lx.PREFIX_QUALIFIERS:
        if window.endswith(word):
            return start - len(word), q
    return None


def _ratio(text: str, start: int, end: int, value: float) -> Mention:
    qualifier = None
    post = text[end:end + 2]
    if post in lx.SUFFIX_QUALIFIERS and post not in ("余", "多"):
        qualifier = lx.SUFFIX_QUALIFIERS[post]
        end += 2
    lead = start
    pre = _prefix_qualifier(text, start)
    if pre is not None:
        lead, q = pre
        qualifier = qualifier or q
    return Mention(start, end, float(value), "%", qualifier, "pct", lead)


def _zero(text: str, start: int, end: int) -> Mention | None:
    """未发生/未引发 + a case noun: a zero stated in words."""
    stop = end
    limit = min(len(text), end + 40)
    while stop < limit and text[stop] not in _CLAUSE_PUNCT:
        stop += 1
    obj = text[end:stop]
    if not any(n in obj for n in lx.CASE_NOUNS) and not any(n in obj for n in ("事故", "事件")):
        return None
    return Mention(start, end, 0.0, "件", None, "zero", start)
