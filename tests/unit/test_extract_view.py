"""The parse view: traditional script, pinyin and PDF layout read as plain prose, spans into the raw text.

Each row is a sentence written for this test in the way one kind of source
prints it; the fact must have the value and unit of the plain sentence, and
its span must cut the number as written (with its space or line break) out of
the raw text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.extract.view import parse_view
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def facts(raw: str):
    text = normalize(raw)
    sentences = split_sentences(text)
    out = extract_report(text, sentences, TAXONOMY)
    for f in out:
        assert raw[f.start:f.end] == f.number_text
        assert sentences[f.sentence].start <= f.start < sentences[f.sentence].end
    return out


@pytest.mark.parametrize("raw, number_text, value, unit, subject_has", [
    pytest.param("本年度共辦理行政復議案件12件，糾錯3件。", "12件", 12, "件", "行政复议",
                 id="traditional: subject in simplified, span verbatim"),
    pytest.param("清理規範性文件1.5萬條。", "1.5萬條", 15000, "条", "规范性文件",
                 id="traditional: 萬 multiplies, 條 becomes 条"),
    pytest.param("審(shěn)核規(guī)範(fàn)性文件(jiàn)45件。", "45件", 45, "件", "规范性文件",
                 id="pinyin after characters is dropped"),
    pytest.param("全年调处矛盾纠纷3 482件。", "3 482件", 3482, "件", "矛盾纠纷",
                 id="space as thousands separator"),
    pytest.param("全年调处矛盾纠纷1 234 567件。", "1 234 567件", 1234567, "件", "矛盾纠纷",
                 id="two space separators"),
    pytest.param("参加行政应诉案件2 7起。", "2 7起", 27, "起", "应诉",
                 id="a space split inside a number is read whole"),
    pytest.param("召开法治工作专题会议 6 次。", "6 次", 6, "次", "会议",
                 id="space between number and unit"),
    pytest.param("挽回经济损失 31.5 万元。", "31.5 万元", 315000, "元", "损失",
                 id="space before a multiplied unit"),
    pytest.param("全年调处矛盾纠纷5321\n起，成功率97%。", "5321\n起", 5321, "起", "纠纷",
                 id="line break between number and unit"),
    pytest.param("全年共受理行政复议\n— 4 —\n申请86件。", "86件", 86, "件", "行政复议",
                 id="a running page number inside a sentence"),
    pytest.param("情况如下：\n1.总体情况良好。\n25个乡镇收到复议申请共计600件。\n3118个村调解纠纷共计900件。",
                 "118个", 118, "个", "村", id="a list marker glued to the number opening a paragraph"),
    pytest.param("全年共受理行政复议\n2 / 9\n申请86件。", "86件", 86, "件", "行政复议",
                 id="a page x / y line inside a sentence"),
])
def test_view_reads_layout_as_prose(raw, number_text, value, unit, subject_has):
    got = [f for f in facts(raw) if f.number_text == number_text]
    assert got, [f.number_text for f in facts(raw)]
    f = got[0]
    assert f.value == pytest.approx(value) and f.unit == unit and subject_has in (f.subject or ""), f


@pytest.mark.parametrize("raw", [
    pytest.param("著名的乾坤大挪移，於是审核文件3件。", id="simplified text using GB2312 characters is untouched"),
    pytest.param("行政处罚 12 3 行政许可 4 5", id="table cells apart: no unit, nothing joined"),
    pytest.param("2023年 1 月", id="dates stay"),
])
def test_view_leaves_plain_text_alone(raw):
    assert parse_view(raw).text is raw


def test_table_row_numbers_are_not_joined():
    assert parse_view("行政处罚 120 345 6").text == "行政处罚 120 345 6"
