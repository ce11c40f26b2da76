"""Numeral values: Arabic and Chinese number words to floats (first step of extraction).

``numbers.py`` finds where a number is written; this module only turns the
digits it captured into a value: ``"1,234.5"`` -> 1234.5, ``"四千"`` -> 4000,
``"一百二十"`` -> 120, ``"两"`` -> 2, ``"九十八点五"`` -> 98.5, plus the
multipliers 万/亿/千 that may follow either kind of numeral.
"""
from __future__ import annotations

from functools import lru_cache

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"": 1, "千": 1000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}


def parse_arabic(digits: str) -> float:
    """``"1,234"`` -> 1234.0, ``"21.08"`` -> 21.08 (thousands separators dropped)."""
    return float(digits.replace(",", ""))


@lru_cache(maxsize=4096)   # pure, and a report writes few distinct numeral words
def parse_chinese(word: str) -> float:
    """Value of a Chinese numeral word: 四千 -> 4000, 一百二十 -> 120, 十五 -> 15, 三万五千 -> 35000.

    A decimal part after 点 is read digit by digit (九十八点五 -> 98.5). A run of
    bare digits without any unit word (二〇二三) is read positionally.
    """
    whole, _, frac = word.partition("点")
    value = float(_parse_integer(whole))
    if frac:
        value += float("0." + "".join(str(CN_DIGITS.get(c, 0)) for c in frac))
    return value


def _parse_integer(word: str) -> int:
    if word and all(c in CN_DIGITS for c in word) and len(word) > 1:
        return int("".join(str(CN_DIGITS[c]) for c in word))
    total = 0      # everything above the current 万/亿 group
    section = 0    # the current group below 万
    digit = 0      # the pending digit
    for c in word:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL_UNITS:
            section += (digit or 1) * CN_SMALL_UNITS[c]
            digit = 0
        elif c in CN_BIG_UNITS:
            big = CN_BIG_UNITS[c]
            group = section + digit
            if big > 10_000 and total:
                total = (total + group) * big
            else:
                total += (group or 1) * big
            section = digit = 0
    return total + section + digit


def scale(multiplier: str | None) -> int:
    """The factor of a multiplier written after a numeral: 万 -> 10000, None -> 1."""
    return MULTIPLIERS.get(multiplier or "", 1)
