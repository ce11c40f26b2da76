"""Heading tree, sentences and normalisation, on sentences of our own."""
from __future__ import annotations

import re

import duckdb
import pytest

from fazhi.config import DBT_DIR
from fazhi.text.normalize import FULL_WIDTH, normalize
from fazhi.text.sections import find_sections
from fazhi.text.sentences import Sentence, Sentences, sentence_spans, split_sentences

REPORT = """某区2023年法治政府建设情况报告
现将有关情况报告如下：
一、主要成效
（一）依法履职。全年审核文件12件。
1.完善制度。出台办法3项。
2、强化监督。开展检查8次。
(二)化解纠纷。调解纠纷1.5万件。
二、存在问题
力量不足。
三、下一步安排
  (一)加强学习。
"""


def test_heading_levels_paths_and_titles():
    sections = find_sections(REPORT)
    got = [(s.level, s.path, s.title) for s in sections[1:]]
    assert got == [
        (1, "一、", "主要成效"),
        (2, "一、/（一）", "依法履职"),
        (3, "一、/（一）/1.", "完善制度"),
        (3, "一、/（一）/2、", "强化监督"),
        (2, "一、/(二)", "化解纠纷"),
        (1, "二、", "存在问题"),
        (1, "三、", "下一步安排"),
        (2, "三、/(一)", "加强学习"),
    ]
    assert sections[0].title == "某区2023年法治政府建设情况报告"


def test_section_spans_nest():
    sections = find_sections(REPORT)
    first = sections[1]
    assert REPORT[first.start:first.end].startswith("一、主要成效")
    assert REPORT[first.start:first.end].rstrip().endswith("调解纠纷1.5万件。")
    # The last heading starting before an offset is the deepest one holding it
    # (fct_facts relies on this to find a sentence's section).
    offset = REPORT.index("出台办法")
    last = [s for s in sections if s.start <= offset][-1]
    assert last.path == "一、/（一）/1." and last.start <= offset < last.end
    assert all(s.start <= offset < s.end for s in sections if s.path and last.path.startswith(s.path))


@pytest.mark.parametrize("line", [
    "1.5万件矛盾纠纷得到化解。",          # a decimal number, not heading 1.
    "2023年，全区上下共同努力。",          # a year
    "一是加强学习；二是强化监督。",          # enumeration inside prose
])
def test_lines_that_are_not_headings(line):
    assert len(find_sections(line + "\n")) == 1


def test_sentences_keep_offsets_and_closing_quotes():
    text = "全年办结12件。他说：“依法办事。”\n  新的一行没有句号\n问题？是的！"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["全年办结12件。", "他说：“依法办事。”", "新的一行没有句号", "问题？", "是的！"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_sentences_are_what_the_constructor_builds():
    # Sentences fills the frozen dataclass without its __init__: the result must not tell.
    text = "一是加强学习。二是强化监督！\n\n  没有句号的一行\n“引号里的话。”最后"
    sentences = split_sentences(text)
    built = [Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(sentence_spans(text))]
    assert list(sentences) == built
    assert [vars(s) for s in sentences] == [vars(b) for b in built]
    assert [list(vars(s)) for s in sentences] == [list(vars(b)) for b in built]
    assert {hash(s) for s in sentences} == {hash(b) for b in built}
    assert repr(sentences[0]) == repr(built[0])
    with pytest.raises(AttributeError):
        sentences[0].start = 3


def test_sentences_are_made_when_asked_for_as_a_list_would_give_them():
    text = "第一句。第二句！\n第三句没有句号\n第四句？"
    sentences = Sentences(text)
    built = [Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(sentence_spans(text))]
    assert len(sentences) == 4
    assert (sentences.starts, sentences.ends) == ([s.start for s in built], [s.end for s in built])
    assert [sentences[k] for k in range(4)] == built
    assert sentences[-1] == built[-1] and sentences[1:3] == built[1:3] and sentences[::-2] == built[::-2]
    with pytest.raises(IndexError):
        sentences[4]
    with pytest.raises(IndexError):
        sentences[-5]
    # the same spans over a text rewritten one character for one (traditional -> simplified)
    other = text.replace("第", "弟")
    assert [s.text for s in sentences.over(other)] == [other[s.start:s.end] for s in built]


def test_normalize_is_one_char_for_one():
    text = "受理１２３件，占比９８．５％，　共ＡＢ类"
    assert normalize(text) == "受理123件，占比98.5%， 共AB类"
    assert len(normalize(text)) == len(text)


def test_sql_macro_folds_exactly_like_python():
    macro = (DBT_DIR / "macros" / "normalize_text.sql").read_text(encoding="utf-8")
    full, half = re.findall(r"'([^']*)'", macro)
    assert (full, half) == (FULL_WIDTH, "".join(normalize(c) for c in FULL_WIDTH))
    sample = "共１２件" + FULL_WIDTH
    got = duckdb.execute(f"select translate($1, '{full}', '{half}')", [sample]).fetchone()[0]
    assert got == normalize(sample)


def test_normalize_folds_every_run_and_keeps_the_rest():
    text = "全年受理２３件（占比９８．５％）；ＡＢ类　共ｘ件，再受理１件"
    assert normalize(text) == "全年受理23件（占比98.5%）；AB类 共x件，再受理1件"
    assert normalize("没有全角字符。") == "没有全角字符。"
    assert normalize("") == ""
    assert normalize(FULL_WIDTH * 2) == normalize(FULL_WIDTH) * 2


def _headings_line_by_line(text):
    """The rule find_sections applies, tried on every line (it tries only the lines a heading could open)."""
    from fazhi.text.sections import _heading
    found, pos = [], 0
    for line in text.split("\n"):
        h = _heading(line)
        if h:
            found.append((h[0], h[1], pos + h[2]))
        pos += len(line) + 1
    return found


@pytest.mark.parametrize("text", [
    REPORT,
    "一、开头\n\u3000\u3000（一）缩进的标题。正文\n  1. 带空格\n2.5万件不是标题\n（1）最后一行没有换行",
    "\n\n一、 后面是空格\n二、\n（二） 空格之后\n(3)正文\r\n10、第十\n123、不是\n",
    "没有标题的报告。\n只有正文。\n",
    "",
])
def test_sections_open_where_line_by_line_finds_headings(text):
    sections = find_sections(text)[1:]
    expected = _headings_line_by_line(text)
    got = [(s.level, s.marker, s.start) for s in sections]
    # a heading whose title runs past the limit is not a section: compare the ones kept
    assert set(got) <= set(expected)
    assert [e for e in expected if e in set(got)] == got
    long_titles = [e for e in expected if e not in set(got)]
    assert all(len(text[e[2]:].split("\n")[0]) > 60 for e in long_titles)


@pytest.mark.parametrize("text, first_line", [
    ("某区法治政府建设报告\n一、主要成效\n", "某区法治政府建设报告"),
    ("\n\n\u3000 某区法治政府建设报告 \r\n一、主要成效", "某区法治政府建设报告"),
    ("  \u2028某区年度报告\u2029一、主要成效", "某区年度报告"),
    ("\r\n\x1c某县报告\x85一、成效", "某县报告"),
    ("只有一行", "只有一行"),
    (" \n\u3000\n", ""),
    ("", ""),
])
def test_the_preamble_is_titled_with_the_first_non_blank_line(text, first_line):
    # the line as str.splitlines cuts it, at any of its line breaks, stripped
    assert first_line == next((line.strip() for line in text.splitlines() if line.strip()), "")
    assert find_sections(text)[0].title == first_line
