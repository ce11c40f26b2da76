"""What a report's page states about it: chrome lines, title, dates, source.

Pure helpers shared by the web page reader (``formats.webpage``) and the
report metadata parser (``fazhi.metadata``, which finds issuer, region and
year). Anything not stated stays None, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re

# ---------------------------------------------------------------- page chrome

# Lines of a government page around the article: menus, breadcrumbs, the
# info line, share/print links, browser notices, footer.
_CHROME_WORDS = (
    "当前位置", "您的位置", "您现在的位置", "首页", "IE版本", "浏览器", "分享到", "打印页面",
    "关闭页面", "关闭窗口", "【打印", "字号", "浏览次数", "阅读次数", "访问量", "来源", "发布时间",
    "发布日期", "索引号", "主题分类", "发文机关", "成文日期", "发文字号", "网站标识码", "ICP备",
    "主办单位", "承办单位", "版权所有", "扫一扫", "无障碍", "长者模式", "收藏", "【关闭", "欢迎访问",
)
_CHROME_RE = re.compile("|".join(map(re.escape, _CHROME_WORDS)))


def has_chrome_signs(text: str) -> bool:
    """Whether some line of ``text`` could be chrome other than a blank one: it holds a chrome
    word or a menu mark. Report text mostly holds neither, and then no line need be tried in
    turn. (Two searches: one pattern of both finds the words 6x slower, without its fast scan.)"""
    return _CHROME_RE.search(text) is not None or _has_menu_mark(text)


def is_chrome_line(line: str) -> bool:
    """True for a line of page furniture rather than report text."""
    stripped = line.strip()
    if not stripped:
        return True
    if _CHROME_RE.search(stripped):
        return True
    return _has_menu_mark(stripped) and not stripped.endswith("。")


def _has_menu_mark(text: str) -> bool:
    """Whether ``text`` holds one of > » | ｜: four `in` tests take a quarter of the time of a
    regex class over a report's text, and less on a line."""
    return ">" in text or "»" in text or "|" in text or "｜" in text


# ---------------------------------------------------------------- title

_TITLE_WORDS = re.compile(r"报告|情况|总结|年报|统计")
_SENTENCE_END = re.compile(r"[。；！？!?;，,]$")
_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])")
_MAX_TITLE = 60
_TITLE_LINES = 3
_SCAN_LINES = 30
# Lines set above a title that are not part of it: 附件1, 津政报〔2024〕5号, （此件公开发布）.
_ABOVE_TITLE = re.compile(r"^附件\s*\d*[:：]?$|[〔\[［]\d{4}[〕\]］]|^[（(]此件|号$")
_OPENS_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s|--)\s*")


def clean_title(title: str) -> str | None:
    """A stated title without site names ("…报告_政务公开_某区人民政府")
    and with its line breaks removed."""
    flat = re.sub(r"\s*\n\s*", "", title).strip()
    parts = [p for p in _TITLE_SEPARATORS.split(flat) if p]
    if not parts:
        return None
    return next((p for p in parts if _TITLE_WORDS.search(p)), parts[0])


def find_title(lines: list[str]) -> str | None:
    """The report's title line(s) near the top, skipping page chrome.

    A title names a report (报告/情况/总结), is short and is not a
    sentence. A title broken over up to three lines ("…法治政府建设" /
    "年度报告") is joined back; a 附件 label or document number above it
    is not part of it.
    """
    pending: list[str] = []
    for line in _head(lines):
        if is_chrome_line(line) or _ABOVE_TITLE.search(line):
            pending = []
            continue
        if not _title_like(line):
            return None  # the body began before any title
        if _TITLE_WORDS.search(line):
            if _OPENS_WITH_YEAR.match(line):  # "2019年…统计数据" is whole; lines above are the site's
                return line
            joined = "".join(pending) + line
            return joined if len(joined) <= _MAX_TITLE else line
        pending = (pending + [line])[-_TITLE_LINES + 1:]
    return None


def _head(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines[:_SCAN_LINES] if line.strip()]


def _title_like(line: str) -> bool:
    return (len(line) <= _MAX_TITLE and not _SENTENCE_END.search(line)
            and not _HEADING.match(line) and re.search(r"[\u4e00-\u9fff]", line) is not None)


# ---------------------------------------------------------------- dates, source

_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def as_year(digits: str) -> int | None:
    """A year written in digits or Chinese numerals (二〇二三, 二○一四); None outside 1949–2100."""
    year = int("".join(_CN_DIGIT.get(ch, ch) for ch in digits))
    return year if 1949 <= year <= 2100 else None


_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发文日期|公开日期|发表时间|日期|时间)\s*[:：]\s*(.{6,20})")
# "来源：" or "信息来源：": only the value is kept, so the pattern opens with 来源 (a literal re
# finds fast; an optional 信息 in front had every character tried: 8x slower).
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|｜:：]+?)(?=\s|发布|时间|日期|作者|浏览|$)")
_DATE_LINE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*")


def parse_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from "2024-02-28 10:47", "2024/2/28", "2024年2月28日"."""
    if not value:
        return None
    m = _DATE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def stated_published(lines: list[str]) -> str | None:
    """The date a "发布时间：" (or 发布日期, 日期) label states near the top."""
    for line in _head(lines):
        if "日期" not in line and "时间" not in line:   # every label of _PUBLISHED ends with one
            continue
        for m in _PUBLISHED.finditer(line):
            date = parse_date(m.group(1))
            if date:
                return date
    return None


def stated_source(lines: list[str]) -> str | None:
    """The name a "来源：" label states near the top."""
    for line in _head(lines):
        m = _SOURCE.search(line)
        if m:
            return m.group(1)
    return None


def closing_date(lines: list[str]) -> str | None:
    """The date line that closes a report ("2024年1月30日") near its end."""
    tail = []
    for line in reversed(lines):  # from the end: the last four lines of text
        if line.strip() and not is_chrome_line(line):
            tail.append(line)
            if len(tail) == 4:
                break
    for line in tail:
        if _DATE_LINE.fullmatch(line):
            return _chinese_date(line.strip())
    return None


def _chinese_date(text: str) -> str | None:
    if re.match(r"\d", text):
        return parse_date(text)
    m = re.fullmatch(r"(.{4})年(.{1,2})月(.{1,3})日", text)
    if not m:
        return None
    year = as_year(m.group(1))
    month, day = _small_number(m.group(2)), _small_number(m.group(3))
    try:
        return dt.date(year, month, day).isoformat() if year and month and day else None
    except ValueError:
        return None


def _small_number(text: str) -> int | None:
    """1–31 written in Chinese numerals (一, 十, 十二, 二十, 三十一)."""
    digits = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
    if "十" not in text:
        return digits.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
