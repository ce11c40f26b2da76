"""The year a report is about, from its title, opening, statistical period or closing date.

In order: the year in the title (2023年度…报告; an info-disclosure report titled
for 2022 and published in 2023 is about 2022); a statistical period
(统计期限为2021年1月1日起…); the opening (2023年，…; 现将2018年度…情况报告如下);
the date closing the report, when it falls in the first half of a year (a
report signed 2024年1月30日 is about 2023). None when nothing says it.
"""
from __future__ import annotations

import re

from fazhi.ingest.metadata import as_year
from fazhi.metadata.page import Page

_Y = r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
_TITLE_YEAR = re.compile(_Y + r"\s*年")
_PERIOD = re.compile(r"统计(?:期限|时限|期间|时间|区间)[^0-9]{0,8}" + _Y + r"年\s*1\s*月\s*1\s*日")
_OPENING = re.compile(r"^(?:[^，,。]{0,8}?)" + _Y + r"年(?:度)?(?:以来|全年|上半年)?(?![0-9一二三四五六七八九十]+月)")
_NOW_REPORT = re.compile(r"现将(?:[^。]{0,20}?)" + _Y + r"年(?:度)?[^。]{0,40}?(?:报告|总结|情况|汇报)")
_CLOSING = re.compile(r"^" + _Y + r"年(\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日$")


def report_year(page: Page) -> int | None:
    if page.title:
        m = _TITLE_YEAR.search(page.title)
        if m:
            return as_year(m.group(1))
    m = _PERIOD.search(page.head)
    if m:
        return as_year(m.group(1))
    for paragraph in page.bylines[:2] + page.body[:3]:
        m = _OPENING.match(paragraph) or _NOW_REPORT.search(paragraph)
        if m:
            return as_year(m.group(1))
    for line in page.tail[:4]:
        m = _CLOSING.match(re.sub(r"\s+", "", line))
        if m and _month(m.group(2)) <= 6:
            year = as_year(m.group(1))
            return year - 1 if year else None
    return None


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    digits = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
    tens, _, ones = text.rpartition("十")
    return (10 if "十" in text else 0) + digits.get(ones or "〇", 0)
