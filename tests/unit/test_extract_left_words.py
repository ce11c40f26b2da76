"""The words before a number, read once per distinct string (left.py, rates.py).

The readings are pure functions of the string, memoised: these tests check
what they read from made-up words, and that a memoised answer is the same,
immutable value a fresh reading gives (a caller cannot change it for the next).
"""
from __future__ import annotations

import pytest

from fazhi.extract.left import CountLeft, count_left
from fazhi.extract.rates import PercentLeft, change_left, percent_left


def test_count_left_reads_verb_and_subject():
    r = count_left("全年共办理群众来信")
    assert isinstance(r, CountLeft)
    assert r.action == "办理" and "来信" in r.subject
    assert not r.change and not r.year_on_year


@pytest.mark.parametrize("left, action, yoy", [
    ("同比减少", "减少", True),            # a change in the count before, against last year
    ("较2021年多出备案事项", "多", False),   # against a named year: a change, not year on year
])
def test_count_left_reads_a_change(left, action, yoy):
    r = count_left(left)
    assert r.change and r.action == action and r.year_on_year is yoy


def test_count_left_earlier_and_from_figures():
    assert count_left("去年同期为").subject == ""
    r = count_left("内设科室由原来的")
    assert r.subject == "内设科室" and not r.verb_at_end and not r.ends_function


def test_percent_left_change_and_rates():
    r = percent_left("来访群众数量同比下降")
    assert isinstance(r, PercentLeft)
    assert r.change is not None and r.change.action == "下降" and r.change.down and r.change.year_on_year
    assert r.change.subject.startswith("来访群众")   # (数量 is a filler strip drops)
    r = percent_left("窗口办件按时办结率、群众满意率分别为")
    # two rate names, the second given the first's domain
    assert r.change is None and r.names == ("窗口办件按时办结率", "窗口办件群众满意率")
    assert percent_left("占").names is None


def test_percent_left_spread_change_subjects():
    c = percent_left("来信和来访分别同比增长").change
    assert (c.subject, c.rest, c.spread) == ("来信", ("来访",), True)


def test_change_left_without_a_change_verb():
    c = change_left("调解成功率同比提高了")   # ends in a change verb: the same reading
    assert c == percent_left("调解成功率同比提高了").change
    c = change_left("结案率比上年")   # 5个百分点 after no change verb: a change all the same
    assert c.action is None and not c.down and c.subject == "结案率"


def test_memoised_readings_are_immutable_and_equal():
    left = "本季度新受理咨询事项"
    first = count_left(left)
    assert count_left(left) is first   # read once
    count_left.cache_clear()
    assert count_left(left) == first   # read again: the same value
    with pytest.raises(AttributeError):
        first.subject = "x"
    assert isinstance(percent_left("办结率均为").names, tuple)
