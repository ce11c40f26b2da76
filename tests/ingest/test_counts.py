"""Counting ideographs and blanks (fazhi.ingest.formats.counts): the table of
character classes against the regexes it replaces, on every code point and on
made-up texts short and long."""
from __future__ import annotations

import random
import re
import sys

import pytest

from fazhi.ingest.formats.base import IDEOGRAPH, count_ideographs
from fazhi.ingest.formats.counts import SHORT, _table, ideographs, ideographs_and_blanks

_RUNS = re.compile(f"[{IDEOGRAPH}]+")
_BLANKS = re.compile(r"\s+")


def by_regex(text: str) -> tuple[int, int]:
    return sum(map(len, _RUNS.findall(text))), sum(map(len, _BLANKS.findall(text)))


def test_the_table_classifies_every_code_point_as_the_regexes_do():
    _, table = _table()
    ideograph, blank = re.compile(f"[{IDEOGRAPH}]"), re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        expected = 1 if ideograph.match(ch) else 2 if blank.match(ch) else 0
        assert table[code] == expected, hex(code)
        assert (blank.match(ch) is not None) == ch.isspace(), hex(code)


SAMPLES = [
    "",
    "某县司法局2023年度法治政府建设工作报告",
    "　一、主要工作\n\t全年办理行政复议案件12件，同比增长5%。\r\n",
    "abc def\u00a0\u2003\u3000ghi",
    "\ud800孤立的代理项\udfff",            # lone surrogates count as neither
    "𠀀𠀁 兀 豈",                          # outside the counted blocks, and the compatibility block
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("repeat", [1, 40])   # short texts take the regex, long ones the table
def test_counts_equal_the_regexes(text, repeat):
    text = text * repeat
    assert ideographs_and_blanks(text) == by_regex(text)
    assert ideographs(text) == count_ideographs(text) == by_regex(text)[0]


def test_random_texts_either_side_of_the_threshold():
    rng = random.Random(3)
    alphabet = "法治政府建设报告年度 \n\t\u3000，。；0123456789abcXYZ\u00a0𠀀\uf900\u3400"
    for size in (0, 1, SHORT - 1, SHORT, SHORT + 1, 5000):
        for _ in range(20):
            text = "".join(rng.choice(alphabet) for _ in range(size))
            assert ideographs_and_blanks(text) == by_regex(text)
