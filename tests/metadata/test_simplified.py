"""fazhi.metadata.page.simplified: OpenCC runs only where it changes something, with the same result."""
from __future__ import annotations

import opencc
import pytest

from fazhi.metadata.page import simplified

_T2S = opencc.OpenCC("t2s.json")


@pytest.mark.parametrize("text", [
    "某縣人民政府關於二〇二三年度法治政府建設情況的報告",   # traditional script
    "乾河镇人民政府二〇二三年工作报告",                      # simplified, with a character t2s folds
    "某县司法局二〇二三年度法治政府建设工作报告",            # simplified only: left as it is
])
def test_simplified_equals_opencc_on_any_text(text):
    assert simplified(text) == _T2S.convert(text)


def test_pinyin_glosses_are_removed_after_conversion():
    assert simplified("某縣建(jiàn)設報告") == "某县建设报告"


@pytest.mark.parametrize(("text", "expected"), [
    ("某镇修(xiū)缮祠堂（cí）堂", "某镇修缮祠堂堂"),          # ASCII and full-width brackets after an ideograph
    ("版本(abc)与规则2(ab)", "版本与规则2(ab)"),            # after a digit: not a gloss
    ("甲(abcdefgh)乙(ǚ)", "甲(abcdefgh)乙"),                 # more than seven letters: not a gloss
    ("(ab)开头（x", "(ab)开头（x"),                          # nothing before it, or never closed
])
def test_a_gloss_is_a_bracket_of_pinyin_right_after_an_ideograph(text, expected):
    assert simplified(text) == expected


# A report's head runs to thousands of characters: from a few hundred on, simplified looks its
# characters up in tables instead of scanning with the regexes. The same texts, made that long.
_PROSE = "本镇坚持依法行政，推进法治政府建设（一）年度工作有序开展。" * 12


@pytest.mark.parametrize("text", [
    "某縣人民政府關於二〇二三年度法治政府建設情況的報告",
    "乾河镇人民政府二〇二三年工作报告",
    "某县司法局二〇二三年度法治政府建设工作报告",
])
def test_a_long_text_is_converted_as_opencc_converts_it(text):
    long = _PROSE + text + _PROSE
    assert len(long) > 300
    assert simplified(long) == _T2S.convert(long)


@pytest.mark.parametrize(("text", "expected"), [
    ("某镇修(xiū)缮祠堂（cí）堂", "某镇修缮祠堂堂"),
    ("版本(abc)与规则2(ab)", "版本与规则2(ab)"),
    ("甲(abcdefgh)乙(ǚ)", "甲(abcdefgh)乙"),
    ("(ab)开头（x", "(ab)开头（x"),
    ("某縣建(jiàn)設報告", "某县建设报告"),
])
def test_a_long_text_loses_its_glosses_as_a_short_one(text, expected):
    assert simplified(_PROSE + text + _PROSE) == _PROSE + expected + _PROSE
