"""What a report says about itself: title, issuing body, region, year, dates.

Pure: ``describe`` reads only the title and text it is given. Every field
comes from a stated form (a title pattern, a "发布时间：" line, a paragraph
that opens with "2023年，"); anything not stated stays None, never guessed.
The web page reader uses the same date, source and chrome rules.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class ReportMeta:
    """Metadata of one report; None where the report does not say.

    ``region`` is the finest administrative unit named (滨海新区, 汉沽街道),
    ``regions`` the whole chain as named (天津市, 滨海新区); ``province`` and
    ``city`` are the province-level and prefecture-level units of that chain
    when named. ``year`` is the year reported on, ``published`` the stated
    publication date and ``dated`` the date line closing the report
    (成文日期), both ISO ``YYYY-MM-DD``.
    """

    title: str | None
    issuer: str | None = None
    region: str | None = None
    regions: tuple[str, ...] = field(default_factory=tuple)
    province: str | None = None
    city: str | None = None
    year: int | None = None
    published: str | None = None
    dated: str | None = None
    source_name: str | None = None


def describe(text: str, title: str | None = None, published: str | None = None) -> ReportMeta:
    """Metadata from a report's text and, when the file gave them, its title
    and publication date (which win over what the text states)."""
    lines = text.splitlines()
    title = clean_title(title) if title else find_title(lines)
    issuer = issuer_from_title(title) if title else None
    units = _units(title, issuer, text)
    regions = tuple(name for _, name in units)
    return ReportMeta(
        title=title,
        issuer=_expand_street(issuer, text),
        region=regions[-1] if regions else None,
        regions=regions,
        province=next((name for level, name in units if level == _PROVINCE), None),
        city=next((name for level, name in units if level == _CITY), None),
        year=_year(title, lines),
        published=parse_date(published) if published else stated_published(lines),
        dated=closing_date(lines),
        source_name=stated_source(lines),
    )


# ---------------------------------------------------------------- page chrome

# Lines of a government page around the article: menus, breadcrumbs, the
# info line, share/print links, browser notices, footer.
_CHROME_WORDS = (
    "当前位置", "您的位置", "您现在的位置", "首页", "IE版本", "浏览器", "分享到", "打印页面",
    "关闭页面", "关闭窗口", "【打印", "字号", "浏览次数", "阅读次数", "访问量", "来源", "发布时间",
    "发布日期", "索引号", "主题分类", "发文机关", "成文日期", "发文字号", "网站标识码", "ICP备",
    "主办单位", "承办单位", "版权所有", "扫一扫", "无障碍", "长者模式", "收藏", "【关闭",
)
_CHROME_RE = re.compile("|".join(map(re.escape, _CHROME_WORDS)))
_MENU_MARKS = re.compile(r"[>»|｜]")


def is_chrome_line(line: str) -> bool:
    """True for a line of page furniture rather than report text."""
    stripped = line.strip()
    if not stripped:
        return True
    if _CHROME_RE.search(stripped):
        return True
    return bool(_MENU_MARKS.search(stripped)) and not stripped.endswith("。")


# ---------------------------------------------------------------- title

_TITLE_WORDS = re.compile(r"报告|情况|总结|年报")
_SENTENCE_END = re.compile(r"[。；！？!?;，,]$")
_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])")
_MAX_TITLE = 60
_TITLE_LINES = 3
_SCAN_LINES = 30
# Lines set above a title that are not part of it: 附件1, 津政报〔2024〕5号, （此件公开发布）.
_ABOVE_TITLE = re.compile(r"^附件\s*\d*[:：]?$|[〔\[［]\d{4}[〕\]］]|^[（(]此件|号$")
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
            joined = "".join(pending) + line
            return joined if len(joined) <= _MAX_TITLE else line
        pending = (pending + [line])[-_TITLE_LINES + 1:]
    return None


def _head(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines[:_SCAN_LINES] if line.strip()]


def _title_like(line: str) -> bool:
    return (len(line) <= _MAX_TITLE and not _SENTENCE_END.search(line)
            and not _HEADING.match(line) and re.search(r"[\u4e00-\u9fff]", line) is not None)


# ---------------------------------------------------------------- issuer

_YEAR = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
_ISSUER_BEFORE_ABOUT = re.compile(r"^(?P<issuer>.+?)关于")
_ISSUER_BEFORE_YEAR = re.compile(rf"^(?P<issuer>.+?){_YEAR}")
_NOT_ISSUER = re.compile(r"关于|报告|情况|^[的和及与]|[的和及与]$|\d")


def issuer_from_title(title: str) -> str | None:
    """The body named before "关于…" or before the year in the title."""
    flat = re.sub(r"\s+", "", title)
    for pattern in (_ISSUER_BEFORE_ABOUT, _ISSUER_BEFORE_YEAR):
        m = pattern.match(flat)
        if m and _plausible_issuer(m.group("issuer")):
            return m.group("issuer")
    return None


def _plausible_issuer(name: str) -> bool:
    return 2 <= len(name) <= 40 and not _NOT_ISSUER.search(name)


def _expand_street(issuer: str | None, text: str) -> str | None:
    """"汉沽街" is short for "汉沽街道" when the text names it so."""
    if issuer and issuer.endswith("街") and issuer + "道" in text:
        return issuer + "道"
    return issuer


# ---------------------------------------------------------------- regions

_PROVINCE, _CITY, _COUNTY, _TOWN = range(4)
_PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
    "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
_NAME = "[\u4e00-\u9fff]"
# (level, pattern) tried in order at each position; a name is lazy so the
# unit ends at its first suffix ("滨海新区", not "滨海新区人民政府").
_UNITS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (_PROVINCE, re.compile("|".join(_PROVINCES))),
    (_CITY, re.compile(rf"{_NAME}{{2,6}}?(?:自治州|地区|盟|市)")),
    (_COUNTY, re.compile(rf"{_NAME}{{1,8}}?(?:新区|自治县|自治旗|区|县|旗|市)")),
    (_TOWN, re.compile(rf"{_NAME}{{2,6}}?(?:街道|镇|乡|街(?=$|办事处|党工委|党委|人民政府))")),
)
# "区政务服务办公室": a unit's name never starts with a bare suffix.
_BARE_SUFFIXES = set("省市区县旗镇乡街")
# "中共某区委" names the region after the party prefix.
_PARTY_PREFIX = re.compile(r"^中共")
# Words of organ names that region suffixes would otherwise cut out of.
_NOT_A_UNIT = re.compile(r"城乡|城镇|城市|市场|区域|地区的|社区|辖区|小区|街区")


def _units(title: str | None, issuer: str | None, text: str) -> list[tuple[int, str]]:
    """The administrative chain named by the issuer, else by the title's
    subject ("关于天津市河西区2023年…"), as (level, name)."""
    units = _parse_units(_PARTY_PREFIX.sub("", issuer)) if issuer else []
    if not units and title:
        subject = re.sub(r"\s+", "", title).split("关于", 1)[-1]
        units = _parse_units(subject)
    if units and units[-1][1].endswith("街") and units[-1][1] + "道" in text:
        units[-1] = (units[-1][0], units[-1][1] + "道")
    return units


def region_chain(name: str) -> tuple[str, ...]:
    """Administrative units named at the start of ``name``, coarsest first,
    each finer than the one before (天津市, 滨海新区, 汉沽街道)."""
    return tuple(unit for _, unit in _parse_units(name))


def _parse_units(name: str) -> list[tuple[int, str]]:
    units: list[tuple[int, str]] = []
    pos, floor = 0, _PROVINCE
    while pos < len(name):
        unit = _next_unit(name, pos, floor)
        if unit is None:
            break
        units.append(unit)
        pos, floor = pos + len(unit[1]), unit[0] + 1
    return units


def _next_unit(name: str, pos: int, floor: int) -> tuple[int, str] | None:
    for level, pattern in _UNITS:
        if level < floor:
            continue
        m = pattern.match(name, pos)
        if m and _is_unit(m.group(0), name[m.start():m.end() + 1], level):
            return level, m.group(0)
    return None


def _is_unit(unit: str, with_next: str, level: int) -> bool:
    """Not an organ word ("市场…", "城乡…"), not a bare "区…" that refers
    to an unnamed district, not a province read as a city."""
    if _NOT_A_UNIT.search(with_next) or unit[0] in _BARE_SUFFIXES:
        return False
    return not (level == _CITY and unit in _PROVINCES)


# ---------------------------------------------------------------- year

_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年")
_OPENING_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年(?:度)?(?:以来)?[，,]")


def _year(title: str | None, lines: list[str]) -> int | None:
    """The year in the title; else the year an opening "2023年，" names."""
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return _as_year(m.group(1))
    opening = _opening_paragraph(lines, title)
    m = _OPENING_YEAR.match(opening) if opening else None
    return _as_year(m.group(1)) if m else None


def _as_year(digits: str) -> int | None:
    year = int("".join(_CN_DIGIT.get(ch, ch) for ch in digits))
    return year if 1990 <= year <= 2100 else None


def _opening_paragraph(lines: list[str], title: str | None) -> str | None:
    """The first line of report text after the title (and after chrome)."""
    seen_title = title is None
    flat_title = re.sub(r"\s+", "", title or "")
    for line in _head(lines):
        flat = re.sub(r"\s+", "", line)
        if not seen_title:
            seen_title = bool(flat) and flat_title.endswith(flat)
            continue
        if is_chrome_line(line) or (flat and flat_title.startswith(flat)):
            continue
        return line
    return None


# ---------------------------------------------------------------- dates, source

_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发文日期|公开日期|发表时间|日期|时间)\s*[:：]\s*(.{6,20})")
_SOURCE = re.compile(r"(?:信息)?来源\s*[:：]\s*([^\s|｜:：]+?)(?=\s|发布|时间|日期|作者|浏览|$)")
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
    year = _as_year(m.group(1))
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
