"""Numbers that are not facts: years, dates, ordinals, names, slogans, document numbers, numbering.

Rule of thumb (SCHEMA.md): if an analyst would never put it in a SUM or
compare it across districts, it is not a fact. Each sentence is written for
these tests; ``expected`` lists the number_text of the facts it still holds
(empty when it has none), so a row also checks that the real fact beside a
trap survives.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def spans(sentence: str) -> list[str]:
    text = normalize(sentence)
    return [f.number_text for f in extract_report(text, split_sentences(text), TAXONOMY)]


@pytest.mark.parametrize("sentence, expected", [
    # calendar years, dates, periods
    pytest.param("2023年以来，我县持续深化法治政府建设。", [], id="year"),
    pytest.param("2022年度全面依法治县考评整改工作顺利完成。", [], id="year-du"),
    pytest.param("区政府于2024年3月15日召开推进会。", [], id="date"),
    pytest.param("发布时间：2024-01-05 09:30", [], id="date-iso-and-time"),
    pytest.param("对照法治政府建设规划（2021-2025年）查找差距。", [], id="plan-period-dash"),
    pytest.param("制定提升执法质效三年行动方案（2024—2026年）。", [], id="plan-period-three-year"),
    pytest.param("编制“十四五”法治宣传教育规划。", [], id="five-year-plan-name"),
    pytest.param("22年以来累计通报典型问题36起。", ["36起"], id="abbreviated-year-beside-fact"),
    pytest.param("一年来，全镇法治建设水平不断提升。", [], id="one-year-time-frame"),
    # ordinals and ranks
    pytest.param("区政府召开第十二次常务会议。", [], id="ordinal-chinese"),
    pytest.param("召开第31次党组会议，审议通过3项制度。", ["3项"], id="ordinal-arabic-beside-fact"),
    pytest.param("入选首批全省法治示范项目。", [], id="first-batch"),
    pytest.param("全区信息报送综合排名第一。", [], id="rank"),
    pytest.param("党政正职带头当好法治建设第一责任人。", [], id="first-responsible-person"),
    # names and slogans with numerals
    pytest.param("启动“八五”普法中期评估。", [], id="quoted-plan-name"),
    pytest.param("发布营商环境改革3.0版实施方案。", [], id="version"),
    pytest.param("城管队伍推广“721”工作法。", [], id="quoted-method-name"),
    pytest.param("推行721工作法，柔性执法成效明显。", [], id="method-name-unquoted"),
    pytest.param("组织开展“12·4”国家宪法日主题宣传。", [], id="constitution-day"),
    pytest.param("建立“1+3+N”联动工作机制。", [], id="formula-name"),
    pytest.param("准确把握“十一个坚持”丰富内涵。", [], id="quoted-eleven-insists"),
    pytest.param("党员干部要做到两个维护，对照中央八项规定自查。", [], id="unquoted-political-slogans"),
    pytest.param("推动执法“三项制度”全面落地。", [], id="three-systems"),
    pytest.param("建成“两库一单”信息系统，深化“一件事一次办”改革。", [], id="quoted-service-names"),
    pytest.param("推进企业开办一件事集成改革，实现一网通办。", [], id="one-thing-unquoted"),
    pytest.param("实行一次性告知，让群众最多跑一次。", [], id="one-time-words"),
    pytest.param("按照“一企一策”原则精准服务。", [], id="one-firm-one-policy"),
    pytest.param("打造7×24小时不打烊政务服务。", [], id="hours-in-service-name"),
    pytest.param("推进“双随机、一公开”跨部门联合监管。", [], id="double-random"),
    pytest.param("构建区、镇、村三级调解网络。", [], id="levels-not-a-count"),
    pytest.param("当好千家万户的法律顾问。", [], id="idiom-with-numerals"),
    # document numbers, titles, hotlines
    pytest.param("印发《实施意见》（区政办发〔2023〕12号）。", [], id="document-number"),
    pytest.param("学习《全面推进依法行政实施纲要（2004年版）》。", [], id="number-in-title"),
    pytest.param("畅通12345政务服务便民热线。", [], id="hotline-name"),
    pytest.param("拨打12348法律服务热线进行咨询。", [], id="legal-hotline-name"),
    pytest.param("12345热线共受理工单2860件。", ["2860件"], id="hotline-name-beside-count"),
    # section numbering and enumerators
    pytest.param("一、主要工作举措", [], id="section-chinese"),
    pytest.param("（二）健全执法监督体系", [], id="section-parenthesised"),
    pytest.param("3.加强法治宣传教育", [], id="section-arabic-dot"),
    pytest.param("一是加强组织领导；二是健全工作机制。", [], id="enumerators"),
    # a count that restates the list just written
    pytest.param("围绕组织领导、制度建设、队伍建设3个方面开展自查。", [], id="count-restating-list"),
    # words that merely contain a numeral
    pytest.param("进一步统一执法标准，推进一体化平台建设。", [], id="words-with-yi"),
])
def test_not_facts(sentence, expected):
    assert spans(sentence) == expected


def test_zero_in_words_is_a_fact_but_other_negations_are_not():
    assert spans("未经审查的文件不得提请审议。") == []
    assert spans("全年未发生行政诉讼案件。") == ["未发生"]
