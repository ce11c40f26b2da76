"""What a table cell's labels say: its unit, kind, subject, verb, and totals.

Used by ``table_facts.py`` for each numeric cell, with the cell's row label,
its column head, the table's topic (caption) and group row: unit from the
cell itself (12件), the head, the row or the caption (件数 → 件, （单位：万元）
→ 元 with the value scaled), else 件; a % cell or a 比例（%） column is a
rate, or a change in a 同比/增减 column; 元 is an amount; case when the
labels name cases, applications or decisions, else count.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fazhi.extract import lexicon
from fazhi.extract.table_rows import CHANGE_WORDS

_TOTAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:合计|总计|总数|共计|小计|全部|总量|合\s*计|总\s*计)")
_CHANGE = re.compile(r"同比|增减|增/减|增/降|变化|增幅|降幅|比上年|较上年|增长|下降|升降")
# A column of shares or rates whose cells are written without % (比例（%）, 办结率).
_PERCENT_HEAD = re.compile(r"[（(]\s*[%％]\s*[)）]|[%％]$|占比|比例|比重|率$|率[（(]")
_UNIT_MARK = re.compile(r"(?:单位\s*[:：]?\s*|[（(]\s*)(万元|亿元|千元|元|件次|人次|件|个|人|项|次|条|家|户|场|份|天|起|宗)\s*[)）]?")
_UNIT_SUFFIX = (("件数", "件"), ("人数", "人"), ("次数", "次"), ("项数", "项"), ("个数", "个"), ("户数", "户"),
                ("家数", "家"), ("场次", "场次"), ("项目数量", "项"), ("项目数", "项"), ("金额", "元"),
                ("人次", "人次"))
_SCALE = {"万元": (1e4, "元"), "亿元": (1e8, "元"), "千元": (1e3, "元")}
_CASE = re.compile(r"案件|申请|复议|诉讼|应诉|处理决定|收案|受理|审结|办结|结案|投诉|举报|纠纷|工单|信访|维持|撤销|"
                   r"纠正|驳回|终止|确认违法|责令履行|处罚|许可|强制|结转|予以公开|不予公开|不予处理")
_NOT_CASE = re.compile(r"规章|规范性文件|文件|项目数量|采购")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_LABEL_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[0-9]+[.．、])\s*")
_CAPTION_TRIM = re.compile(r"^[0-9]*表\s*[0-9一二三四五六七八九十]*\s*[:：．.、]?\s*|^[0-9]*(?:19|20)[0-9]{2}年度?|"
                           r"[（(][^（()）]*[)）]|(?:情况|统计表|统计|汇总表|一览表|情况表|表)+$")
_VERBS = sorted(lexicon.ACTION_VERBS, key=len, reverse=True)
_VERB = re.compile("|".join(map(re.escape, _VERBS)))
_NUMBER = re.compile(rf"({CHANGE_WORDS})?([-+−]?[0-9][0-9,]*(?:\.[0-9]+)?)")
_DOWN = ("下降", "减少", "降低", "↓")



def read_cell(text: str, row: str, col: str, topic: str, group: str, heads: list[str],
              form_part: str) -> tuple[float, str, str]:
    """(value, unit, kind) of a value cell ``text`` under its labels."""
    num = _NUMBER.match(text)
    if num is None:
        raise ValueError(f"not a value cell: {text!r}")
    value = float(num.group(2).replace(",", "").replace("−", "-"))
    verb = num.group(1)   # 下降3.2%: a change, signed by its verb
    if verb in _DOWN:
        value = -abs(value)
    own = text[num.end():].strip()   # a measure word in the cell itself (12件)
    if own[:1] in ("万", "亿") and own[:2] not in ("万元", "亿元"):   # 1.2万, 3亿件
        value *= 1e4 if own[0] == "万" else 1e8
        own = own[1:]
    if own == "%" or not own and _PERCENT_HEAD.search(col):
        return value, "%", "change" if verb or _CHANGE.search(col) or _CHANGE.search(row) else "rate"
    unit = own or unit_of(col) or unit_of(row) or unit_of(topic) or unit_of(group) or "件"
    scale, unit = _SCALE.get(unit, (1.0, unit))
    value = round(value * scale, 6)
    if unit == "元":
        kind = "amount"
    elif unit in ("天", "小时"):
        kind = "duration"
    elif verb or "增/减" in col or "增减" in col or _CHANGE.search(col):
        kind = "change"
        unit = "项" if any("项目" in h for h in heads) else unit
    elif unit in ("件", "起", "宗") and _CASE.search(f"{topic}{group}{row}{col}") and not _NOT_CASE.search(f"{row}{col}"):
        kind = "case"
    else:
        kind = "count"
    if kind == "count" and form_part in ("matrix", "review"):
        kind = "case"   # the form's applications and cases, whatever a row calls them
    return value, unit, kind


@lru_cache(maxsize=4096)   # labels repeat down a table and across reports
def is_total(label: str) -> bool:
    """A 合计/总计 label (a total row or column)."""
    return bool(label) and (_TOTAL.match(label) is not None or label.rstrip("）)").endswith(("总计", "合计")))


@lru_cache(maxsize=4096)
def unit_of(label: str) -> str | None:
    """The unit a label names: （单位：万元）, (件), 件数, 人数, 金额 …"""
    if not label:
        return None
    m = _UNIT_MARK.search(label)
    if m:
        return m.group(1)
    for suffix, unit in _UNIT_SUFFIX:
        if suffix in label:
            return unit
    return None


@lru_cache(maxsize=4096)
def verb_of(label: str) -> str | None:
    """The first action verb of a label (受理, 制发, 审结 …)."""
    m = _VERB.search(label) if label else None
    return m.group() if m else None


@lru_cache(maxsize=4096)
def topic_of(caption: str) -> str:
    """What a caption says the table counts (表1：各局受理案件情况 → 各局受理案件)."""
    t = caption.strip()
    for _ in range(3):
        t2 = _CAPTION_TRIM.sub("", t).strip(" :：")
        if t2 == t:
            break
        t = t2
    return t


@lru_cache(maxsize=4096)
def strip_label(label: str) -> str:
    """A label without its list mark and parenthesised notes."""
    label = _LABEL_MARK.sub("", label.strip())
    return re.sub(r"[（(][^（()）]*[)）]", "", label).strip()


@lru_cache(maxsize=4096)
def subject_of(topic: str, row: str, col: str) -> str:
    """row（column）, with the topic in front when the row names no counted thing."""
    row, col = strip_label(row), strip_label(col)
    head = row
    if topic and not _CASE.search(row) and not _NOT_CASE.search(row):
        head = f"{topic}（{row}）" if row else topic
        return f"{head}（{col}）" if col else head
    return f"{head}（{col}）" if col else head


def year_of(label: str) -> int | None:
    m = _YEAR.search(label) if label else None
    return int(m.group()) if m else None


def is_year(text: str) -> bool:
    return _YEAR.fullmatch(text) is not None
