"""Names of issuing bodies: recognising one, writing it in full, telling its level.

A body's name is a place chain followed by an organ (江临市甲区 + 市场监督管理局),
a place alone standing for its government (佛山市 -> 佛山市人民政府, 新河街道 ->
新河街道办事处), a short form (区政府办 -> 区人民政府办公室) or a national organ
(司法部 -> 中华人民共和国司法部). ``full_name`` completes a name that starts with
a bare level (区政务服务办公室, 省政府) with the place of that level the text names
most; ``level`` says whether a body is a government (of which level) or a department.
Used by ``fazhi.metadata.issuer``.
"""
from __future__ import annotations

import re

from fazhi.metadata.gazetteer import CITY, COUNTY, PROVINCE, Mention
from fazhi.metadata.places import LEVEL_WORDS, TOWNSHIP, Place, chain, extend_from_text, place_for

NATIONAL, DEPARTMENT = "national", "department"
# Organ words a body's name ends with, longest first.
_ORGAN = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|人民政府|行政公署|办事处|委员会|办公厅|办公室|"
    r"[局厅委办部署院室所站队处]|中心)$")
# Short forms of organ words, as reports write them about themselves.
_SHORT_FORMS = ((re.compile(r"(?<!人民)政府办(?:公室)?$"), "人民政府办公室"),
                (re.compile(r"(?<!人民)政府$"), "人民政府"))
_NATIONAL_ORGAN = re.compile(r"^(?:国务院)?[\u4e00-\u9fff]{1,8}部$")
_NATIONAL_BODY = re.compile(r"^(?:国家[\u4e00-\u9fff]{2,14}(?:总局|局|委员会|署)|国务院[\u4e00-\u9fff]{0,10}(?:办公厅|办公室))$")
# "中共某区委某区人民政府" (a joint report): the government is the body.
_PARTY_PREFIX = re.compile(r"^中共[\u4e00-\u9fff]{2,20}?委(?=[\u4e00-\u9fff]{2,}(?:人民政府|办事处)$)")


def is_body(name: str) -> bool:
    """True for a name that ends with an organ word (…局, …人民政府, …办事处)."""
    return bool(_ORGAN.search(name))


def expand_short(name: str) -> str:
    """区政府办 -> 区人民政府办公室; 吉林省政府 -> 吉林省人民政府."""
    for pattern, full in _SHORT_FORMS:
        if pattern.search(name):
            return pattern.sub(full, name)
    return name


def government_of(place: str, text: str, found: list[Mention]) -> str:
    """The standard name of a place's government; a town takes the county the
    text writes right before it (某县新河镇人民政府)."""
    places = chain(place, text)
    if places and not places[-1].units:  # a town
        county = [p for p in extend_from_text(places, text, found)[:-1]
                  if any(u.level == COUNTY for u in p.units)]
        prefix = county[-1].name if county and not place.startswith(county[-1].name) else ""
        suffix = "办事处" if place.endswith("街道") else "人民政府"
        return prefix + place + suffix
    return place + "人民政府"


def full_name(name: str, text: str, found: list[Mention]) -> str | None:
    """A body's name in full, or None when it cannot be completed from the text
    (区司法局 in a text naming no district)."""
    name = expand_short(_PARTY_PREFIX.sub("", name))
    if _NATIONAL_ORGAN.match(name) and not chain(name, text):
        return "中华人民共和国" + name.removeprefix("国务院")
    if _NATIONAL_BODY.match(name):
        return name
    if name[0] in LEVEL_WORDS and not chain(name, text):
        unit = place_for(found, name[0])
        if unit is None:
            return None
        name = unit.name + name[1:]
    places = chain(name, text)
    if not places:
        return None
    place = "".join(p.name for p in places)
    rest = name[len(place):]
    if rest in ("", "委", "党委", "党工委"):  # a place (or 县委 of 县委、县政府) stands for its government
        return government_of(place, text, found)
    return name if is_body(name) else None


def level(issuer: str | None, places: list[Place]) -> tuple[str | None, str | None]:
    """(issuer_level, region_level): national, a government's level, or
    department together with the level of the government it belongs to."""
    if not issuer:
        return None, None
    if issuer.startswith("中华人民共和国") or not places:
        national = issuer.startswith(("中华人民共和国", "国务院", "国家"))
        return (NATIONAL, NATIONAL) if national else (None, None)
    last = places[-1]
    if not last.units:
        region_level = TOWNSHIP
    else:
        levels = {u.level for u in last.units}
        region_level = PROVINCE if PROVINCE in levels else (CITY if CITY in levels else COUNTY)
    rest = issuer[len("".join(p.name for p in places)):]
    government = rest in ("人民政府", "办事处", "行政公署") or (region_level == TOWNSHIP and rest == "")
    return (region_level if government else DEPARTMENT), region_level
