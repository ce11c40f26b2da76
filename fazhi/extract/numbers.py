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
from typing import NamedTuple

from fazhi.extract import lexicon as lx
from fazhi.extract.numerals import MULTIPLIERS, parse_arabic, parse_chinese
from fazhi.extract.phrases import alternation


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
# Atomic groups: nothing that may follow the digits (a range mark, 余/多, 万, a
# unit) starts with a digit, a comma or a point, so giving digits back never
# finds a match; without them the engine tried every shorter number (2023年).
_AR_REST = r"(?>[0-9]*(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?)"
_AR = r"(?>[0-9]" + _AR_REST + ")"
# The units as a character trie (see phrases.alternation): each unit keeps its
# look-ahead as a guard. The regex engine then tries the few units that begin
# with the character after the number instead of all of them in turn; with the
# longest unit first where one is a prefix of another (as COUNT_UNITS is
# ordered), it picks the same unit as the plain list did.
_UNITS = alternation([u for u, _ in lx.COUNT_UNITS],
                     guards={u: la[len("(?!"):-1] for u, la in lx.COUNT_UNITS if la})
# Every character that can come second in some branch of _CANDIDATE (besides \s).
_SECOND = re.escape("".join(sorted(set(
    "分"                                        # 百分之, 三分之一
    "成点"                                      # 六成, 九十八点五
    "0123456789,.-~～至到—–"                    # 1,234.5, ranges 3-5天
    "余多千百万亿" + _CN_CHARS                  # 3万, 十余, 四千
    + "".join(u[0] for u, _ in lx.COUNT_UNITS)))))
# One scan. Every alternative begins with the same character class, consumed
# first, so the regex engine can skip to the next digit, numeral or 未 without
# trying the branches at every position; each branch then checks, by a
# look-behind, which character opened it. Groups named *_rest hold what
# follows that first character: the number as written is text[start:end(group)].
# Two guards only save time: the look-ahead on the second character drops at
# once the many numerals inside words (一步, 统一) that every branch would try
# and fail; and a digit right after a digit opens no number (2023年 is tried
# once, not four times), as any number starting there would match from the
# digit before.
#
# The same scan finds quotations, titles and document numbers (numbers inside
# them are names: “八五”普法, 《…2023年版》): their opening mark is one more
# first character, and the quotation is read by a look-ahead (group "quote"),
# so that the scan still goes on inside it. No number contains a quotation
# mark, so a number is either wholly inside a quotation or outside all of them.
# One pass over the text instead of two: the skip to the next first character
# is the slowest part of a scan.
_OPENERS = '“"《〔「'
_QUOTED = (r'(?<=“)[^“”。；;\n]{0,40}”|(?<=")[^"。；;\n]{0,40}"|(?<=《)[^《》\n]{0,80}》'
           r'|(?<=〔)[^〔〕\n]{0,12}〕|(?<=「)[^「」\n]{0,40}」')
_CANDIDATE = re.compile(
    r"[0-9" + _CN_CHARS + r"未没无" + _OPENERS + r"]"
    # zeros in words first, outside the guard below (their second characters are common ones)
    # (one look-behind for all three first characters: most candidates fail it once)
    r"(?:(?<=[未没零])(?:(?P<zero>(?<=没)有(?:发生|出现)?|(?<=没)发生|(?<=[未没])(?:发生|引发|出现|产生)"
    r"|(?<=未)(?:对外)?(?:公开发布|公开|发布|制定|出台|制发|印发|收到|受理))"
    # 行政诉讼零败诉, 零事故: 零 before what it zeroes (an empty zero group: the span is 零)
    r"|(?<![零〇一二两三四五六七八九十百千万0-9]零)(?P<zero0>)(?=败诉|事故|投诉|上访|信访|纠错))"
    r"|(?=[\s" + _SECOND + r"])"
    r"(?:(?<=百)分之(?P<pcn>[零〇一二两三四五六七八九十百点]+)"
    r"|(?<=[一二三四五六七八九十])(?P<den_rest>[一二三四五六七八九十百]*)分之(?P<num>[一二三四五六七八九十百]+)"
    r"|(?<=[一二三四五六七八九])成(?P<cheng2>[一二三四五六七八九](?![\u4e00-\u9fff]))?"
    r"|(?:(?<=[0-9])(?<![0-9][0-9])(?P<ar_rest>" + _AR_REST + r")(?:\s?(?:-|~|～|至|到|—|–)\s?(?P<hi>" + _AR + r"))?"
    r"|(?<=[" + _CN_CHARS + r"])(?P<cn_rest>[" + _CN_CHARS + r"]*(?:点[零〇一二三四五六七八九]+)?))"
    r"(?P<q1>余|多)?(?P<mult>千万|百万|万|亿|千)?(?P<q2>余|多)?"
    # a number without a classifier right before a clause ends (行政许可870，占…): _count keeps
    # it only after a noun that implies 件 (the empty group "bare" says it matched)
    r"(?P<unit>" + _UNITS + r"|(?P<bare>)(?=[，,；;。]))(?P<post>以上|以下|以内|之内|左右|上下|内)?)"
    r"|(?<=[" + _OPENERS + r"])(?=(?P<quote>" + _QUOTED + r"))"
    # (无行政败诉), 本局无收费事项: 无 opening a clause or after the body's name
    r"|(?<=[（(，,。；;：:\n局府委办厅院所站队关位门度年]无)(?P<nil>))"
)
_CN_SET = frozenset(_CN_CHARS)
_FORMULA_BEFORE = frozenset("+＋·•×*/／")
_FORMULA_AFTER = frozenset("+＋·×")
_CLAUSE_PUNCT = "，,；;：:。！？!?\n"
# Prefix qualifiers by their last character, each list in PREFIX_QUALIFIERS order:
# most numbers have none, and one dict lookup of the character before says so.
_PREFIX_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    c: tuple((w, q) for w, q in lx.PREFIX_QUALIFIERS if w[-1] == c) for c in {w[-1] for w, _ in lx.PREFIX_QUALIFIERS}}
_CHENG_CONTEXT_BEFORE = ("占", "达", "近", "约", "超", "逾", "有", "过", "到", "将近", "超过", "提高", "提升")
_CHENG_CONTEXT_AFTER = ("以上", "左右", "多", "的")
_SLOGAN_AFTER = tuple(lx.SLOGAN_NOUNS)
_CLAUSE_END = frozenset("，。；、,;")
_ONE_BAD_NEXT = ("事", "性", "办", "告知", "申请", "成", "龙", "站", "网", "门", "窗", "体", "流", "时期", "阶段")
_LIST_ITEM = re.compile(r"(?:[\u4e00-\u9fff“”]{2,12}、){2,}[\u4e00-\u9fff“”]{2,12}$")
_HOUR_SLOGAN = re.compile(r"(?:自助|不打烊|服务|在线|值守|营业|全天候|政务|热线|畅通|响应)")


_BARE_NOUNS = ("案件", "申请", "处罚", "强制", "许可", "复议", "诉讼", "纠纷", "投诉", "征收", "不作为", "工单", "信息公开")
# A count of bodies earlier in the clause (7个乡镇受理…): a qualified number after it selects them.
_SELECTED_BODIES = re.compile(r"[0-9一二三四五六七八九十]个[^，,。；;]{0,12}(?:政府|部门|单位|乡镇|街道|市州|县|区)"
                              r"[^，,。；;]*$")
_CELL_EDGE = frozenset(" |\t\n（(：:")
_STREAK = re.compile(r"(?<=连续)(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:个)?年(?![0-9一二三四五六七八九十])")
# 高于省定标准的58%: a benchmark set by another authority, not the body's figure
_BENCHMARK = re.compile(r"(?:超过|高于|低于|优于|超出|达到|不低于)[^，。；;,]{0,10}(?:规定|要求|标准|目标)的?$")
_GRADE_AFTER = ("占", "的", "水", "标准")


def find_mentions(text: str) -> list[Mention]:
    """Every number in ``text`` that may be a fact, in order (zeros included)."""
    out = _scan(text)
    if "连续" in text:
        # 连续三年: a streak, kind duration in 年 (years are never counts otherwise)
        for m in _STREAK.finditer(text):
            word = m.group().rstrip("年").rstrip("个")
            value = float(word) if word.isdigit() else parse_chinese(word)
            out.append(_tuple_new(Mention, (m.start(), m.end(), value, "年", None, "count", m.start())))
        out.sort()
    return out


def _scan(text: str) -> list[Mention]:
    out: list[Mention] = []
    quote_end = 0   # end of the last quotation found (they do not overlap: one inside another is not one)
    for m in _CANDIDATE.finditer(text):
        if m.lastindex == _QUOTE_GROUP:
            # a quotation (the quote group closes last in its branch, and only there): its
            # opening marks are almost half the candidates, so they skip the groups() tuple
            if m.start() >= quote_end:
                quote_end = m.end(_QUOTE_GROUP)
            continue
        # one groups() call instead of a lookup per named group (most candidates are counts)
        groups = m.groups()
        if groups[_G_AR_REST] is not None or groups[_G_CN_REST] is not None:
            mention = _count(text, m, groups, m.start() < quote_end)
        else:
            mention = _read_other(text, m, groups)
        if mention is not None:
            out.append(mention)
    return out


# Indexes into ``_CANDIDATE``'s groups() tuple (``_count`` unpacks it in this order).
_G_ALL = tuple(_CANDIDATE.groupindex[g] - 1 for g in (
    "zero", "zero0", "pcn", "den_rest", "num", "cheng2", "ar_rest", "hi", "cn_rest", "q1", "mult", "q2", "unit", "bare",
    "post", "quote", "nil"))
(_G_ZERO, _G_ZERO0, _G_PCN, _G_DEN_REST, _G_NUM, _G_CHENG2, _G_AR_REST, _G_HI, _G_CN_REST, _G_Q1, _G_MULT, _G_Q2, _G_UNIT,
 _G_BARE, _G_POST, _G_QUOTE, _G_NIL) = _G_ALL
_QUOTE_GROUP = _G_QUOTE + 1   # the group number of "quote" (m.lastindex of a quotation)
# Building a NamedTuple through tuple.__new__ skips its Python-level __new__ (half the cost).
_tuple_new = tuple.__new__
assert _G_ALL == tuple(range(_CANDIDATE.groups))   # every group, in the order _count unpacks them


def _read_other(text: str, m: re.Match[str], groups: tuple) -> Mention | None:
    """A zero stated in words or a ratio (百分之, 分之, 成)."""
    start, end = m.span()
    if groups[_G_ZERO] is not None or groups[_G_ZERO0] is not None or groups[_G_NIL] is not None:
        return _zero(text, start, end)
    pcn = groups[_G_PCN]
    if pcn is not None:
        return _ratio(text, start, end, parse_chinese(pcn))
    num_ = groups[_G_NUM]
    if num_ is not None:
        den, num = parse_chinese(text[start:m.end(_G_DEN_REST + 1)]), parse_chinese(num_)
        if not den or num > den:
            return None
        return _ratio(text, start, end, round(100 * num / den, 2))
    # 六成, 七成五: only as a share (占六成, 超过七成, 六成以上)
    before = text[max(0, start - 2):start]
    if not (before.endswith(_CHENG_CONTEXT_BEFORE) or text.startswith(_CHENG_CONTEXT_AFTER, end)):
        return None
    cheng2 = groups[_G_CHENG2]
    value = 10 * parse_chinese(text[start]) + (parse_chinese(cheng2) if cheng2 else 0)
    return _ratio(text, start, end, value)


_NOT_BEFORE = lx.ORDINAL_BEFORE | _FORMULA_BEFORE
_CN_UNITS = lx.CN_UNITS
_SUFFIX_QUALIFIERS = lx.SUFFIX_QUALIFIERS
_DURATION_UNITS = lx.DURATION_UNITS
_UNIT_RENAME = lx.UNIT_RENAME
_MULTIPLIERS = MULTIPLIERS


def _count(text: str, m: re.Match[str], groups: tuple, quoted: bool) -> Mention | None:
    """A numeral and its measure word (``quoted``: inside a quotation or title)."""
    start, end = m.span()
    before = text[start - 1] if start else ""
    if before in _NOT_BEFORE or text[end:end + 1] in _FORMULA_AFTER:
        return None   # 第31次; 1+3+N, 7×24: ordinals and formulas
    _, _, _, _, _, _, _, hi, cn_rest, q1, mult, q2, unit, bare, post, _, _ = groups
    if bare is not None:
        # 行政许可870，: the noun before says what is counted, and that it is counted in 件
        if cn_rest is not None or q1 or mult or q2 or hi is not None or not text.endswith(
                _BARE_NOUNS, max(0, start - 4), start):
            return None
        unit = "件"
    approx = q1 or q2
    if cn_rest is not None:
        if before in _CN_SET:
            return None
        cn = text[start:m.end(_G_CN_REST + 1)]
        if not _chinese_ok(text, cn, unit, end, before, approx, mult):
            return None
        if quoted:
            return None
        value = parse_chinese(cn)
    else:
        if before.isdigit() or before == "." or ("A" <= before <= "z") or (
                before == "," and start > 1 and text[start - 2].isdigit()):
            return None   # inside a longer number, a code or a version
        ar = text[start:m.end(_G_AR_REST + 1)]
        if ar[0] == "0" and len(ar) > 1 and ar[1] != ".":
            return None   # 0371, codes and numbering
        if quoted:
            return None
        digits = hi or ar
        value = float(digits) if "," not in digits else parse_arabic(digits)
    if mult:
        value *= _MULTIPLIERS[mult]
    qualifier = "at_least" if approx else None
    if post == "内" and unit not in _DURATION_UNITS:
        end -= 1   # 3个工作日内 is within three days; 3个村内 is not a qualifier
    elif post:
        qualifier = _SUFFIX_QUALIFIERS[post]
    if hi is not None:
        qualifier = "at_most"   # a range 3-5天 is at most its upper end
    lead = start
    if (qualifier is None or qualifier == "at_least") and before in _PREFIX_BY_LAST:
        pre = _prefix_qualifier(text, start)
        if pre is not None:
            lead, q = pre
            qualifier = qualifier or q
    if qualifier is not None and text[end:end + 1] == "的" and (
            text[end + 1:end + 2].isdigit() or text[end + 1:end + 2] in _CN_SET):
        return None   # 受理申请多于25件的7个乡镇: a threshold that selects, not a figure
    if lead < start and _SELECTED_BODIES.search(text, max(0, lead - 30), lead):
        return None   # 7个乡镇受理申请多于25件: the bodies counted are selected by it
    if before == "-" and unit == "%" and start > 1 and text[start - 2] in _CELL_EDGE:
        # a signed cell of a 同比 column (| -30.0% |): the sign is part of the number
        start, lead, value = start - 1, lead - 1, -value
    if unit == "%" and _BENCHMARK.search(text, max(0, lead - 24), lead):
        return None
    if before == "前" and unit in ("位", "名"):
        return None   # 居于前五位: a rank
    if unit == "件" and text.startswith("实事", end):
        return None   # 年内推进12件实事: the name of a programme
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
    unit = _UNIT_RENAME.get(unit, unit)
    return _tuple_new(Mention, (start, end, value, unit, qualifier, form, lead))


def _chinese_ok(text: str, cn: str, unit: str, end: int, before: str, approx: str | None,
                mult: str | None) -> bool:
    """Chinese numerals count only in plain prose, never inside words or slogans."""
    if unit not in lx.CN_UNITS and not (mult and unit == "元"):
        return False
    if before in lx.CN_WORD_BEFORE or (cn == "一" and before in lx.CN_WORD_BEFORE_ONE):
        return False
    if lx.CN_DIGITS_SET.isdisjoint(cn) and not approx and cn != "十" and before not in "近约逾":
        return False   # 百花, 千家万户; but 近千人
    if unit == "类" and (text.startswith(_GRADE_AFTER, end) or before == "于"):
        return False   # 一类占88%, 四类水质: a grade label
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
    """The qualifier word ending right before ``start`` (约, 超过 …): the first in
    PREFIX_QUALIFIERS order that the three characters before the number end with."""
    if not start:
        return None
    for word, q in _PREFIX_BY_LAST.get(text[start - 1], ()):
        if text.endswith(word, max(0, start - 3), start):
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


_ZERO_NOUNS = lx.CASE_NOUNS + ("事故", "事件", "项目", "文件", "规章", "事项", "许可", "收费")
_NOT_A_NUMBER = ("职权", "职能", "权限", "权力", "需要", "法律依据")


def _zero(text: str, start: int, end: int) -> Mention | None:
    """未发生/没有/无/未公开… + what is zero (a case noun, documents, items): a zero stated in words."""
    stop = end
    limit = min(len(text), end + 40)
    while stop < limit and text[stop] not in _CLAUSE_PUNCT:
        stop += 1
    obj = text[end:stop]
    if not any(n in obj for n in _ZERO_NOUNS) or any(n in obj for n in _NOT_A_NUMBER):
        return None   # 无实施行政处罚等职权: lacking a power is not a number
    return Mention(start, end, 0.0, "件", None, "zero", start)
