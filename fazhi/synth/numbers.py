"""Number forms of the synthetic corpus: a true value -> how a report writes it.

Lowest layer of ``fazhi.synth``: ``facts.py`` decides *what* is counted and
its true value; this module decides how the number is written (584件,
1.5万件, 二百一十件, 7000余件, 约3000人, 99%以上, 1865.4万元, 2.3个百分点)
and returns a ``Num``: the text of the number with its unit and any suffix
qualifier (the gold ``number_text``), an optional qualifier word written
before it (``lead``: 约, 近, 超过 — not part of ``number_text``), the
normalised value, unit and qualifier exactly as the gold SCHEMA defines them.

Values are built from integers (tenths of 万 and the like), never from float
arithmetic, so 1865.4万元 is exactly 18654000. Pure functions of a
``random.Random``; no I/O.
"""
from __future__ import annotations

from random import Random
from typing import NamedTuple

_DIGITS = "零一二三四五六七八九"


class Num(NamedTuple):
    """A number as written, with its gold normalisation."""

    text: str                 # number_text: numeral + unit (+ 余/以上 …)
    value: int | float        # normalised value (万/亿 scaled, % as percent number)
    unit: str                 # gold unit (万元 -> 元; 个百分点 -> 百分点)
    qualifier: str | None     # None | at_least | approx | at_most
    lead: str = ""            # qualifier word before the number (约, 近, 超过), not in text


def chinese(n: int, two: bool = False) -> str:
    """``n`` (0 <= n < 10**8) in Chinese numerals: 210 -> 二百一十, 15 -> 十五.

    ``two`` writes a leading 2 as 两 where usage allows it (两次, 两千).
    """
    if n < 0 or n >= 10 ** 8:
        raise ValueError(n)
    if n == 0:
        return "零"
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        head = chinese(hi, two) + "万"
        if lo == 0:
            return head
        return head + ("零" if lo < 1000 else "") + _below_10k(lo, False)
    text = _below_10k(n, True)
    if two and text[0] == "二" and (len(text) == 1 or text[1] in "千百万"):
        if not (len(text) > 1 and text[1] == "百"):  # 两百 is colloquial; reports write 二百
            text = "两" + text[1:]
    return text


def _below_10k(n: int, leading: bool) -> str:
    out = []
    zero = False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // size % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if size == 10 and d == 1 and leading and not out:
            out.append("十")  # 十五, not 一十五
        else:
            out.append(_DIGITS[d] + unit)
    return "".join(out)


def _decimal(m: int, places: int) -> str:
    """``m / 10**places`` written without trailing zeros: (154, 1) -> 15.4, (150, 1) -> 15."""
    if places == 0:
        return str(m)
    whole, frac = divmod(m, 10 ** places)
    frac_text = f"{frac:0{places}d}".rstrip("0")
    return f"{whole}.{frac_text}" if frac_text else str(whole)


def _num(value: float) -> int | float:
    """An int when the value is whole (584, not 584.0), else the float."""
    return int(value) if float(value).is_integer() else value


def _round_sig(v: int, sig: int) -> int:
    """``v`` rounded down to ``sig`` significant digits (at least 1)."""
    if v < 10:
        return max(v, 1)
    size = 10 ** max(0, len(str(v)) - sig)
    return max(size, v // size * size)


def _grouped(v: int) -> str:
    return f"{v:,}"


def count(rng: Random, v: int, unit: str, *, exact: bool = False, cn: float = 0.08,
          wan: bool = True) -> Num:
    """A count of ``v`` things in ``unit``; may be rounded and qualified unless ``exact``.

    The returned ``Num.value`` is the value as written (7213 -> "7200余件" -> 7200).
    """
    v = max(int(v), 1)
    r = rng.random()
    if exact or r < 0.62:
        return _exact_count(rng, v, unit, cn, wan)
    r = rng.random()
    if r < 0.45:   # 余 / 多 between numeral and unit (or before 万)
        digits = len(str(v))
        sig = rng.choice((1, 2, 2, 3)) if rng.random() < 0.9 else digits
        base = _round_sig(v, max(1, min(sig, digits - 1)))
        word = "余" if rng.random() < 0.8 else "多"
        if base < 10:
            return _exact_count(rng, v, unit, cn, wan)
        if base < 1000 and rng.random() < 0.3:
            base = _round_sig(base, 1)
            return Num(chinese(base) + word + unit, base, unit, "at_least")
        if wan and base >= 10000 and base % 1000 == 0 and rng.random() < 0.6:
            tenths = base // 1000
            return Num(_decimal(tenths, 1) + "万" + word + unit, base, unit, "at_least")
        return Num(str(base) + word + unit, base, unit, "at_least")
    base = _round_sig(v, rng.choice((1, 2, 2)))
    if base < 10:
        return _exact_count(rng, v, unit, cn, wan)
    written = _plain(rng, base, wan)
    if r < 0.60:
        return Num(written + unit + "以上", base, unit, "at_least")
    if r < 0.72:
        return Num(written + unit, base, unit, "at_least", rng.choice(("超过", "逾", "超过", "不少于")))
    if r < 0.86:
        if rng.random() < 0.3:
            return Num(written + unit + "左右", base, unit, "approx")
        return Num(written + unit, base, unit, "approx", "约")
    return Num(written + unit, base, unit, "at_most", rng.choice(("近", "近", "将近", "不到")))


def _plain(rng: Random, v: int, wan: bool) -> str:
    """Digits, or x.y万 when that is exact."""
    if wan and v >= 10000 and v % 1000 == 0 and rng.random() < 0.6:
        return _decimal(v // 1000, 1) + "万"
    return str(v)


def _exact_count(rng: Random, v: int, unit: str, cn: float, wan: bool) -> Num:
    r = rng.random()
    if v <= 20 and r < cn * 3 or 20 < v < 1000 and r < cn and (v % 10 == 0 or v < 100):
        return Num(chinese(v, two=rng.random() < 0.8) + unit, v, unit, None)
    if wan and v >= 10000 and r > 0.55:
        # exact in 万 when the value allows it
        if v % 1000 == 0:
            return Num(_decimal(v // 1000, 1) + "万" + unit, v, unit, None)
        if v % 100 == 0:
            return Num(_decimal(v // 100, 2) + "万" + unit, v, unit, None)
    if v >= 1000 and r < 0.06:
        return Num(_grouped(v) + unit, v, unit, None)
    return Num(str(v) + unit, v, unit, None)


def wan_count(rng: Random, tenths_of_wan: int, unit: str) -> Num:
    """A large count written in 万 with one decimal: 33 -> 3.3万次 (33000)."""
    return Num(_decimal(tenths_of_wan, 1) + "万" + unit, tenths_of_wan * 1000, unit, None)


def rate(rng: Random, pct: float, *, places: int | None = None, exact: bool = False,
         allow_words: bool = True) -> Num:
    """A percentage level: 98.6%, 100%, 99%以上, 百分之九十八."""
    if places is None:
        places = rng.choice((0, 1, 1, 2)) if pct < 100 else 0
    m = round(pct * 10 ** places)
    text = _decimal(m, places)
    value = _num(float(text))
    if not exact and value < 100 and rng.random() < 0.12 and value == int(value):
        return Num(text + "%以上", value, "%", "at_least")
    if allow_words and not exact and value == int(value) and 50 <= value < 100 and rng.random() < 0.05:
        return Num("百分之" + chinese(int(value)), value, "%", None)
    return Num(text + "%", value, "%", None)


def rate_of(part: int, whole: int, rng: Random) -> Num:
    """The rate a report would state for ``part / whole`` (within 0.005 points)."""
    places = rng.choice((1, 2, 2))
    m = round(100 * part * 10 ** places / whole)
    text = _decimal(m, places)
    return Num(text + "%", _num(float(text)), "%", None)


def money(rng: Random, yuan: int, *, exact: bool = False) -> Num:
    """An amount in 元: 9080元, 115万元, 1865.4万元, 1.2亿元, 300余万元, 约1200万元."""
    yuan = max(int(yuan), 1)
    if yuan < 100000:
        v = yuan if exact or rng.random() < 0.5 else _round_sig(yuan, 3)
        return Num(str(v) + "元", v, "元", None)
    if yuan >= 10 ** 8 and rng.random() < 0.7:
        places = rng.choice((1, 2))
        m = yuan // 10 ** (8 - places)
        return Num(_decimal(m, places) + "亿元", m * 10 ** (8 - places), "元", None)
    r = rng.random()
    if not exact and r < 0.15:
        base = _round_sig(yuan // 10000, rng.choice((1, 2)))
        return Num(str(base) + "余万元", base * 10000, "元", "at_least")
    if not exact and r < 0.25:
        base = _round_sig(yuan // 10000, 2)
        return Num(str(base) + "万元", base * 10000, "元", "approx", "约")
    places = rng.choice((0, 1, 2, 2))
    m = yuan // 10 ** (4 - places)
    return Num(_decimal(m, places) + "万元", m * 10 ** (4 - places), "元", None)


def change_pct(rng: Random, pct: float, *, places: int | None = None) -> Num:
    """The magnitude of a relative change (the caller signs it): 12.5%."""
    if places is None:
        places = rng.choice((0, 1, 1, 2))
    text = _decimal(round(pct * 10 ** places), places)
    return Num(text + "%", _num(float(text)), "%", None)


def points(rng: Random, pp: float) -> Num:
    """A change in percentage points: 2.3个百分点 (unit 百分点)."""
    text = _decimal(round(pp * 10), 1)
    return Num(text + rng.choice(("个百分点", "个百分点", "百分点")), _num(float(text)), "百分点", None)


def times(rng: Random, x: float) -> Num:
    """A growth written in multiples: 1.5倍 (gold: 150, unit %)."""
    text = _decimal(round(x * 10), 1)
    return Num(text + "倍", _num(round(float(text) * 100, 6)), "%", None)


def signed(num: Num, sign: int) -> Num:
    """The same number with its value signed (下降6.4% -> -6.4)."""
    return num._replace(value=_num(-num.value) if sign < 0 else num.value)


def span(rng: Random, lo: int, hi: int, unit: str) -> Num:
    """A range, 3-5个工作日: the gold takes the upper end, at_most."""
    return Num(f"{lo}{rng.choice(('-', '至', '-'))}{hi}{unit}", hi, unit, "at_most")


def days(rng: Random, v: int, unit: str = "天") -> Num:
    """A duration: 24天, 3个工作日, 2小时."""
    if v <= 10 and rng.random() < 0.3:
        return Num(chinese(v, two=True) + unit, v, unit, None)
    return Num(str(v) + unit, v, unit, None)
