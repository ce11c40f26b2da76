"""The issuer's region: the place chain a name states, resolved against the gazetteer.

``chain(name)`` reads the places at the start of a body's name
(江临市甲区市场监督管理局 -> 江临市, 甲区); ``resolve`` turns the finest of them
into a ``Region``: its GB/T 2260 code and the county, city and province above
it. A name shared by several divisions (城中区: 西宁 and 柳州) is settled by the
provinces and cities the rest of the text names, and left without a code when
they do not settle it. A city or province is filled only when the text names
it (a named city implies its province; a county alone implies nothing), as the
gold conventions of ../shared/gold/SCHEMA.md require.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from fazhi.metadata.gazetteer import CITY, COUNTY, PROVINCE, Gazetteer, Mention, Unit, load, mentions

TOWNSHIP = "township"
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:街道|镇|乡|街(?=办事处|党工委|人民政府|关于|$))")
_NOT_TOWN = re.compile(r"城乡|乡镇|城镇|和|^(?:各|全|我|本|该)")


@dataclass(frozen=True)
class Region:
    """Where an issuer sits. ``code`` is the 6-digit code of the finest unit the
    gazetteer has (a town's county); None when the name stays ambiguous."""

    name: str
    level: str
    code: str | None = None
    county: str | None = None
    city: str | None = None
    province: str | None = None


@dataclass(frozen=True)
class Place:
    """A place named in a chain: a gazetteer name (``units`` its candidates) or a town."""

    name: str
    units: tuple[Unit, ...] = ()


def chain(name: str, text: str = "", gazetteer: Gazetteer | None = None) -> list[Place]:
    """The places named one after another at the start of ``name``, coarsest
    first. A town's short form (新河街) becomes 新河街道 when ``text`` says so."""
    g = gazetteer or load()
    places: list[Place] = []
    pos = 0
    for m in mentions(name, g):
        if m.start != pos:
            break
        places.append(Place(m.name, m.units))
        pos += len(m.name)
    town = _TOWN.match(name, pos)
    if town and not _NOT_TOWN.search(town.group(0)):
        word = town.group(0)
        if word.endswith("街") and word + "道" in text:
            word += "道"
        if not word.endswith("街"):
            places.append(Place(word))
    return places


def extend_from_text(places: list[Place], text: str, found: list[Mention]) -> list[Place]:
    """Places the text writes right before the chain's first one (柳州市城中区,
    某市某县新河镇) are added in front: the text names both together. When
    the text writes it after several different places, the most frequent wins,
    and a tie adds none (赴北京市朝阳区学习 in a report of another 朝阳区)."""
    if not places:
        return places
    by_end = {m.start + len(m.name): m for m in found}
    support: Counter[tuple[Place, ...]] = Counter()
    for hit in re.finditer(re.escape(places[0].name), text):
        before, end = [], hit.start()
        while end in by_end:
            m = by_end[end]
            before.insert(0, Place(m.name, m.units))
            end = m.start
        for i in range(len(before)):  # 某市某县 also supports 某县
            support[tuple(before[i:])] += 1
    if not support:
        return places
    best = max(support.values())
    top = sorted((k for k, n in support.items() if n == best), key=len)
    if any(longer[-len(shorter):] != shorter for shorter, longer in zip(top, top[1:])):
        return places  # different places written before it equally often
    return list(top[-1]) + places


def resolve(places: list[Place], found: list[Mention], g: Gazetteer | None = None) -> Region | None:
    """The region of a chain, given every mention in the text."""
    g = g or load()
    if not places:
        return None
    named = [p for p in places if p.units]
    town = places[-1].name if not places[-1].units else None
    if town and not named:  # a town alone: the county the text names most, if any
        county = most_named(found, "", (COUNTY,))
        named = [Place(county.name, (g.unit(county.code),))] if county else []
    unit = _pick(named, found, g) if named else None
    finest = named[-1].name if named else None
    if town:
        return Region(town, TOWNSHIP, unit.code if unit else None,
                      county=unit.name if unit and unit.level == COUNTY else finest if not unit else None,
                      **_above(unit, found, g, named))
    if unit is None:
        level = {"省": PROVINCE, "市": CITY}.get(finest[-1], COUNTY) if finest else COUNTY
        return Region(finest, level)
    county = unit.name if unit.level == COUNTY else None
    return Region(finest if unit.level == COUNTY else unit.name, unit.level, unit.code, county=county,
                  **_above(unit, found, g, named))


def _pick(named: list[Place], found: list[Mention], g: Gazetteer) -> Unit | None:
    """The finest place's unit that lies in every coarser place of the chain,
    then the one the text's other provinces and cities point to."""
    candidates = [u for u in named[-1].units
                  if all(any(g.contains(o, u) for o in outer.units) for outer in named[:-1])]
    if len({u.code[:2] for u in candidates}) == 1 and len(candidates) > 1 and any(
            u.level == PROVINCE for u in candidates):
        # 天津市 is province 120000 and city 120100: a body of 天津市 is provincial.
        return min(candidates, key=lambda u: (u.level != PROVINCE, u.code))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    votes: Counter[str] = Counter()
    for m in found:  # one vote a mention (北京市 is a province and a city: one vote)
        votes.update({u.code for outer in m.units if outer.level in (PROVINCE, CITY)
                      for u in candidates if u.code != outer.code and g.contains(outer, u)})
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return g.unit(ranked[0][0])
    return None


def _above(unit: Unit | None, found: list[Mention], g: Gazetteer, named: list[Place]) -> dict:
    """City and province of a unit, each only when the text names it or a city below it."""
    if unit is None:
        return {}
    if unit.level == PROVINCE:
        municipality = g.unit(unit.code[:2] + "0100")
        return {"province": unit.name,
                "city": municipality.name if municipality and municipality.name == unit.name else None}
    codes = {u.code for m in found for u in m.units} | {u.code for p in named for u in p.units}
    city = g.city_of(unit)
    city_named = city is not None and (city.code in codes or unit.level == CITY)
    province = g.province_of(unit)
    province_named = province is not None and (province.code in codes or city_named)
    return {"city": city.name if city_named else None,
            "province": province.name if province_named else None}


# The divisions a bare level word stands for in 我市, 区政府, 县委, 全省: 市 is a
# prefecture city or a county-level city (江临市).
LEVEL_WORDS = {"省": (PROVINCE,), "市": (CITY, COUNTY), "区": (COUNTY,), "县": (COUNTY,), "旗": (COUNTY,),
               "州": (CITY,)}


def place_for(found: list[Mention], word: str) -> Unit | None:
    """The place a bare level word (市, 区, 县, 旗, 省, 州) refers to: the one of
    that kind the text names most."""
    return most_named(found, word, LEVEL_WORDS[word]) if word in LEVEL_WORDS else None


def most_named(found: list[Mention], suffix: str, levels: tuple[str, ...]) -> Unit | None:
    """The unit of ``levels`` whose name ends in ``suffix`` the text names most,
    under the name the text writes most (某县, not 某某族自治县):
    None on a tie or when none is named."""
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    units: dict[str, Unit] = {}
    for m in found:
        for u in m.units:
            if len(m.name) < 3 and u.level == COUNTY:  # 城区, 郊区: words more often than names
                continue
            if u.level in levels and u.name.endswith(suffix):
                counts[u.code] += 1
                units[u.code] = u
                if m.name.endswith(suffix):
                    written.setdefault(u.code, Counter())[m.name] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    code = ranked[0][0]
    names = written.get(code)
    return replace(units[code], name=names.most_common(1)[0][0]) if names else units[code]
