"""The places a text names (fazhi.metadata.gazetteer.mentions), found by the automaton.

The rule: left to right without overlaps, the longest name winning where two
start together. Checked on sentences written for the test against a plain
reference that tries every name at every character.
"""
from __future__ import annotations

import random

import pytest

from fazhi.metadata.gazetteer import load, mentions


def reference(text: str) -> list[tuple[int, str]]:
    """The rule spelled out: at each position the longest name starting there,
    then on after it; else the next character."""
    by_alias = load().by_alias
    longest = max(map(len, by_alias))
    found, pos = [], 0
    while pos < len(text):
        for size in range(min(longest, len(text) - pos), 1, -1):
            if text[pos:pos + size] in by_alias:
                found.append((pos, text[pos:pos + size]))
                pos += size
                break
        else:
            pos += 1
    return found


def spans(text: str) -> list[tuple[int, str]]:
    return [(m.start, m.name) for m in mentions(text)]


SENTENCES = [
    "湖南省长沙市岳麓区召开会议。",           # 湖南省, not 湖南 + 南省
    "我们去了江西赣州，又到北京市朝阳区。",
    "楚雄彝族自治州和楚雄州是一处。",
    "文件发往天津市河西区、西青区和北辰区。",
    "没有任何地名的一句话。",
    "",
    "🌟湖南省🌟长沙市",                       # characters outside the BMP before a name
    "湖南湖南省省",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_mentions_follow_the_rule(text):
    assert spans(text) == reference(text)


def test_longest_name_at_a_start_wins_and_offsets_are_characters():
    assert spans("🌟湖南省") == [(1, "湖南省")]
    found = mentions("湖南省长沙市")
    assert [m.name for m in found] == ["湖南省", "长沙市"]
    assert all(u.name == "湖南省" for u in found[0].units)


def test_overlapping_names_keep_the_leftmost():
    # Names run into each other: each character is covered at most once,
    # the earlier start always kept.
    text = "江西赣州市南康区"
    found = spans(text)
    assert found == reference(text)
    ends = [start + len(name) for start, name in found]
    assert all(end <= start for end, (start, _) in zip(ends, found[1:]))


def test_random_strings_of_place_name_pieces():
    # Fragments of names glued at random make overlaps and near-misses the
    # sentences above do not.
    names = sorted(load().by_alias)
    rng = random.Random(7)
    pieces = [n[:rng.randint(1, len(n))] for n in rng.sample(names, 300)] + list("，。省市县区的")
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert spans(text) == reference(text), text
