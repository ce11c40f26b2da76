"""Who wrote a report: the body named by the title, the signature, the opening or the page.

In order of trust: the title (江临市司法局关于…的报告, 某县统计局2021年度…,
新河街关于… for a place's own report); a signature line at the end; the
subject of the opening sentence (2023年，某市司法局持续…; 2019年，在…下，我市扎实…;
今年以来，区司法局党组…; 现将县政府2021年度…报告如下); the page's own fields
(发布机构, 来源, 栏目), which name the publisher and so come last. Every short
form is completed only with a place the text names (``orgs.full_name``); a
self-reference whose place the text does not name leaves the issuer unknown.
"""
from __future__ import annotations

import re

from fazhi.metadata.gazetteer import Mention
from fazhi.metadata.orgs import full_name, government_of, is_body
from fazhi.metadata.page import Page
from fazhi.metadata.places import chain, place_for

_YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年度?"
_TOPIC = (r"(?:政府信息公开|法治政府|依法行政|行政复议|行政应诉|行政诉讼|行政执法|法律援助|法治建设|"
          r"普法|年度|工作|推进|建设|情况|报告|总结|关于)")
_TITLE_ABOUT = re.compile(r"^(?P<s>[^关]{2,40}?)关于")
_TITLE_BEFORE_YEAR = re.compile(rf"^(?P<s>[^\d〇○零]{{2,40}}?){_YEAR}")
_TITLE_BODY = re.compile(rf"^(?:{_YEAR})?(?P<s>.{{2,40}}?)(?:{_YEAR}|{_TOPIC})")
_LEADING_YEAR = re.compile(rf"^{_YEAR}")
# "某区2023年法治政府建设情况报告", "某街道2022年政府信息公开工作年度报告": a place's own
# report on its government's work (not "某区法律援助工作总结", which any body may write).
_PLACE_REPORT = re.compile(rf"^(?:{_YEAR})?(?P<s>[^\d〇○零]{{2,30}}?)(?:{_YEAR})?(?:法治政府建设|政府信息公开)")
_TOPIC_RE = re.compile(_TOPIC)
_LEAD = re.compile(rf"^(?:{_YEAR}(?:以来|全年)?|今年以来|年初以来|近年来|一年来|过去一年|本年度|今年)[，,]?")
_CONTEXT = re.compile(r"^在[^。；]{1,80}?(?:下|中|后|里)[，,]")
_PARTY_AND_GOV = re.compile(r"([省市区县旗])委[、，,和及]?\1(?:人民)?政府")
_STOP = re.compile(
    r"[，,。、；：:\s（(“《]|坚持|认真|深入|全面|始终|紧紧|紧扣|围绕|以习|以“|在|持续|着力|进一步|扎实|不断|高度|"
    r"切实|积极|按照|根据|把|将|对|聚焦|立足|牢牢|严格|大力|主动|统筹|结合|贯彻|落实|推进|加强|强化|锚定|"
    r"奋力|党组|党委|党工委|已|累计|全年|现|继续|紧密|自觉|抢抓|秉持|树立|着眼|努力|狠抓|共|坚定|全力|以来|"
    r"深化|始|勇|攻坚|着重|围|重视|注重|不|用|把|通过|按|依|以")
_NOW = re.compile(rf"现将(?:{_YEAR})?(?P<s>[^，,。\d]{{2,20}}?)(?:{_YEAR}|关于|的?法治|的?政府信息)")
_SELF = re.compile(r"^我(?:们)?([省市区县旗镇乡]|街道)$")
_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月"
                        r"[0-9一二三四五六七八九十]{1,3}日$")
_PAGE_FIELDS = ("发布机构", "发文机关", "栏目", "来自", "来源", "信息来源")
_SITE_WORDS = re.compile(r"(?:官方网站|门户网站|官网|网站|政务网|网)$")


def find_issuer(page: Page, text: str, found: list[Mention]) -> str | None:
    """The issuer's full name, or None when no source names it in full."""
    for source in (_from_title, _from_signature, _from_byline, _from_opening, _from_fields):
        issuer = source(page, text, found)
        if issuer:
            return issuer
    return None


def title_place(page: Page, text: str) -> str | None:
    """A place the title names as its subject (甲区2021年…, 关于某区…), for the region."""
    if not page.title:
        return None
    for m in (_TITLE_ABOUT.match(page.title), _TITLE_BODY.match(page.title)):
        if m and chain(m.group("s"), text):
            return m.group("s")
    subject = page.title.split("关于", 1)[-1]
    m = _TITLE_BODY.match(subject)
    if m and chain(m.group("s"), text):
        return m.group("s")
    return None


def _from_title(page: Page, text: str, found: list[Mention]) -> str | None:
    if not page.title:
        return None
    m = _TITLE_ABOUT.match(page.title)
    if m:  # "X关于…的报告": X is the body reporting, a place standing for its government
        name = _expand_street(_LEADING_YEAR.sub("", m.group("s")), text)
        return full_name(name, text, found) if is_body(name) or chain(name, text) else None
    m = _TITLE_BEFORE_YEAR.match(page.title)
    if m and is_body(m.group("s")):
        return full_name(m.group("s"), text, found)
    # "2022年某市统计局政府信息公开…": the longest body named before a topic word
    title = _LEADING_YEAR.sub("", page.title)
    bodies = [title[:t.start()] for t in _TOPIC_RE.finditer(title) if is_body(title[:t.start()])]
    if bodies:
        return full_name(max(bodies, key=len), text, found)
    m = _PLACE_REPORT.match(page.title)
    if m and _places_only(_expand_street(m.group("s"), text), text):
        return full_name(_expand_street(m.group("s"), text), text, found)
    return None


def _places_only(name: str, text: str) -> bool:
    places = chain(name, text)
    return bool(places) and len("".join(p.name for p in places)) == len(name)


def _from_signature(page: Page, text: str, found: list[Mention]) -> str | None:
    """A body's name on the line above a closing date (a footer's site name has none)."""
    lines = [re.sub(r"\s+", "", line) for line in page.tail[:6]]
    signed = [line for below, line in zip(lines, lines[1:]) if _DATE_LINE.match(below)]
    return _name_line(signed, text, found)


def _from_byline(page: Page, text: str, found: list[Mention]) -> str | None:
    return _name_line(page.bylines[:3], text, found)


def _name_line(lines: list[str], text: str, found: list[Mention]) -> str | None:
    """The first line that is a body's name alone (a signature, a byline)."""
    for line in lines:
        flat = re.sub(r"\s+", "", line)
        if 4 <= len(flat) <= 30 and is_body(flat) and not re.search(r"[，,。：:；\d]", flat):
            name = full_name(flat, text, found)
            if name:
                return name
    return None


def _from_opening(page: Page, text: str, found: list[Mention]) -> str | None:
    for paragraph in page.body[:3]:
        for subject in (_opening_subject(paragraph), _now_subject(paragraph)):
            if subject:
                name = _subject_name(subject, text, found)
                if name:
                    return name
    return None


def _opening_subject(paragraph: str) -> str | None:
    rest = _LEAD.sub("", paragraph, count=1)
    if rest == paragraph and not paragraph.startswith("我"):
        return None
    while (m := _CONTEXT.match(rest)) is not None:
        rest = rest[m.end():]
    rest = _PARTY_AND_GOV.sub(r"\1政府", rest)
    stop = _STOP.search(rest, 1)
    return rest[:stop.start()] if stop else None


def _now_subject(paragraph: str) -> str | None:
    m = _NOW.search(paragraph)
    return m.group("s") if m else None


def _subject_name(subject: str, text: str, found: list[Mention]) -> str | None:
    self_ref = _SELF.match(subject)
    if self_ref:
        unit = place_for(found, self_ref.group(1))  # 我镇, 我街道: no town in the gazetteer
        return government_of(unit.name, text, found) if unit else None
    subject = _expand_street(subject, text)
    if is_body(subject) or re.search(r"政府办?$", subject) or chain(subject, text):
        return full_name(subject, text, found)
    return None


def _from_fields(page: Page, text: str, found: list[Mention]) -> str | None:
    """A body the page's fields name; when the title names a place, only a body of
    that place (a city's site reprinting a district's report is not its issuer)."""
    place = title_place(page, text)
    subject = chain(place, text)[-1].name if place else ""
    for label in _PAGE_FIELDS:
        value = page.fields.get(label)
        if not value:
            continue
        value = _SITE_WORDS.sub("", re.split(r"[-—>»_|｜（(\s]", value, maxsplit=1)[0])
        if subject not in value:
            continue
        if len(value) >= 2 and (is_body(value) or chain(value, text)):
            name = full_name(value, text, found)
            if name:
                return name
    return None


def _expand_street(name: str, text: str) -> str:
    """新河街 is short for 新河街道 when the text names it so."""
    return name + "道" if name.endswith("街") and name + "道" in text else name
