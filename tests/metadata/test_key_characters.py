"""The characters text_key digests (fazhi.metadata._key_characters): the NumPy
table against the regex it replaced, on made-up texts and every code point."""
from __future__ import annotations

import random
import re
import sys

import pytest

from fazhi.metadata import _key_characters, text_key

_NOT_KEY = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


@pytest.mark.parametrize("text", [
    "",
    "某区2023年度法治政府建设报告（全文）：行政复议12件，ABC-xyz。",
    "　\t\n，。；“”——…·｜|",
    "\ud800孤立\udfff代理项𠀀𠀁\u3400\uf900",    # lone surrogates, ideographs outside the basic block
])
def test_keeps_what_the_regex_kept(text):
    assert _key_characters(text) == _NOT_KEY.sub("", text)


def test_every_code_point():
    text = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert _key_characters(text) == _NOT_KEY.sub("", text)


def test_random_texts():
    rng = random.Random(5)
    alphabet = "法治政府建设报告年度 \n\t\u3000，。0123456789abcXYZ𠀀\uf900\u3400"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        assert _key_characters(text) == _NOT_KEY.sub("", text)


def test_text_key_ignores_punctuation_and_is_none_without_words():
    assert text_key("某县司法局：全年办案12件。") == text_key("某县司法局 全年办案12件")
    assert text_key("，。——\n  ") is None
