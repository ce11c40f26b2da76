"""How numbers are read: digits, multipliers, Chinese numerals, ratios, ranges, qualifiers, units.

Every sentence is written for these tests in the style of the annual reports;
each row's id names the rule it guards. A row lists every fact the sentence
should give as (number_text, value, unit, qualifier).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.numerals import parse_arabic, parse_chinese
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def facts(sentence: str):
    text = normalize(sentence)
    return extract_report(text, split_sentences(text), TAXONOMY)


def read(sentence: str) -> list[tuple[str, float, str | None, str | None]]:
    return [(f.number_text, f.value, f.unit, f.qualifier) for f in facts(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("全年受理群众来信326件。", [("326件", 326, "件", None)], id="arabic-integer"),
    pytest.param("全年办理信访事项1,286件。", [("1,286件", 1286, "件", None)], id="thousands-separator"),
    pytest.param("累计汇聚共享数据12,345,678条。", [("12,345,678条", 12345678, "条", None)],
                 id="thousands-separator-twice"),
    pytest.param("案件按期办结率为96.5%。", [("96.5%", 96.5, "%", None)], id="decimal-percentage"),
    pytest.param("办结群众投诉３２件。", [("32件", 32, "件", None)], id="full-width-digits-folded"),
    pytest.param("化解各类矛盾纠纷2.6万件。", [("2.6万件", 26000, "件", None)], id="wan-multiplier"),
    pytest.param("全年罚没款共计2368万元。", [("2368万元", 23680000, "元", None)], id="wan-yuan-becomes-yuan"),
    pytest.param("累计归集数据2.4亿条。", [("2.4亿条", 240000000, "条", None)], id="yi-multiplier"),
    pytest.param("参训人员3千余人。", [("3千余人", 3000, "人", "at_least")], id="qian-multiplier"),
    pytest.param("挽回经济损失20余万元。", [("20余万元", 200000, "元", "at_least")], id="yu-before-wan"),
    pytest.param("发布共享目录1.3万余条。", [("1.3万余条", 13000, "条", "at_least")], id="yu-after-wan"),
    pytest.param("组织召开两次专题推进会。", [("两次", 2, "次", None)], id="chinese-liang"),
    pytest.param("办理群众来信三千余件。", [("三千余件", 3000, "件", "at_least")], id="chinese-qian-yu"),
    pytest.param("培训一百二十名执法人员。", [("一百二十名", 120, "名", None)], id="chinese-hundreds"),
    pytest.param("开展二十余次联合巡查。", [("二十余次", 20, "次", "at_least")], id="chinese-tens-yu"),
    pytest.param("新招录一名法律专业人员。", [("一名", 1, "名", None)], id="chinese-one-person"),
    pytest.param("覆盖全县十五个镇街。", [("十五个", 15, "个", None)], id="chinese-fifteen"),
    pytest.param("投入普法经费二十余万元。", [("二十余万元", 200000, "元", "at_least")], id="chinese-wan-yuan"),
    pytest.param("群众满意度达到百分之九十八。", [("百分之九十八", 98, "%", None)], id="baifenzhi"),
    pytest.param("群众满意度达到百分之九十八点五。", [("百分之九十八点五", 98.5, "%", None)],
                 id="baifenzhi-decimal"),
    pytest.param("超过六成的纠纷在基层化解。", [("六成", 60, "%", "at_least")], id="cheng-share"),
    pytest.param("三分之二的事项实现全程网办。", [("三分之二", 66.67, "%", None)], id="fenzhi-fraction"),
    pytest.param("行政复议纠错率较上年提高3.5个百分点。", [("3.5个百分点", 3.5, "百分点", None)],
                 id="percentage-points"),
    pytest.param("行政案件受案量增长1.5倍。", [("1.5倍", 150, "%", None)], id="times-as-percent"),
    pytest.param("审批时限压缩至1-2天。", [("1-2天", 2, "天", "at_most")], id="range-dash-at-most-upper"),
    pytest.param("平均办理用时3至5个工作日。", [("3至5个工作日", 5, "个工作日", "at_most")], id="range-zhi"),
    pytest.param("排查各类隐患300多个。", [("300多个", 300, "个", "at_least")], id="duo-at-least"),
    pytest.param("群众满意率达95%以上。", [("95%以上", 95, "%", "at_least")], id="yishang-at-least"),
    pytest.param("参训人数超过2000人。", [("2000人", 2000, "人", "at_least")], id="chaoguo-at-least"),
    pytest.param("发放宣传资料逾3000份。", [("3000份", 3000, "份", "at_least")], id="yu-prefix-at-least"),
    pytest.param("全年约1.2万人次参与活动。", [("1.2万人次", 12000, "人次", "approx")], id="yue-approx"),
    pytest.param("审批时间缩短至10天左右。", [("10天左右", 10, "天", "approx")], id="zuoyou-approx"),
    pytest.param("惠及群众近5万人。", [("5万人", 50000, "人", "at_most")], id="jin-at-most"),
    pytest.param("平均用时不到3天。", [("3天", 3, "天", "at_most")], id="budao-at-most"),
    pytest.param("办结时限控制在5个工作日以内。", [("5个工作日以内", 5, "个工作日", "at_most")],
                 id="yinei-at-most"),
    pytest.param("不动产登记3个工作日内办结。", [("3个工作日内", 3, "个工作日", "at_most")], id="nei-within-duration"),
    pytest.param("走访辖区3个村内的企业。", [("3个", 3, "个", None)], id="nei-after-count-is-not-a-qualifier"),
    pytest.param("组织专题培训12场次，参训干部860人次。", [("12场次", 12, "场次", None), ("860人次", 860, "人次", None)],
                 id="compound-units-kept"),
    pytest.param("共评查行政执法案卷860卷。", [("860卷", 860, "卷", None)], id="unit-outside-list-as-written"),
    pytest.param("行政复议纠错率同比提高2.3个百分点。", [("2.3个百分点", 2.3, "百分点", None)],
                 id="ge-baifendian-normalised"),
])
def test_number_forms(sentence, expected):
    assert read(sentence) == [(t, pytest.approx(v), u, q) for t, v, u, q in expected]


@pytest.mark.parametrize("word, value", [
    pytest.param("四千", 4000, id="qian"),
    pytest.param("一百二十", 120, id="bai-shi"),
    pytest.param("十五", 15, id="shi-leading"),
    pytest.param("两", 2, id="liang"),
    pytest.param("三万五千", 35000, id="wan-group"),
    pytest.param("一亿二千万", 120000000, id="yi-wan"),
    pytest.param("九十八点五", 98.5, id="dian-decimal"),
    pytest.param("二〇二三", 2023, id="digit-by-digit"),
])
def test_parse_chinese(word, value):
    assert parse_chinese(word) == pytest.approx(value)


@pytest.mark.parametrize("digits, value", [
    pytest.param("1,234", 1234, id="separator"),
    pytest.param("21.08", 21.08, id="decimal"),
    pytest.param("0.5", 0.5, id="below-one"),
])
def test_parse_arabic(digits, value):
    assert parse_arabic(digits) == pytest.approx(value)


@pytest.mark.parametrize("sentence, number_text", [
    pytest.param("全年受理政府信息公开申请86件，办结80件。", "86件", id="offset-of-first"),
    pytest.param("（一）依法化解争议。全年化解行政争议23件。", "23件", id="offset-after-heading"),
])
def test_span_is_the_number_as_written(sentence, number_text):
    text = normalize(sentence)
    f = facts(sentence)[0]
    assert text[f.start:f.end] == f.number_text == number_text


def test_spans_index_the_raw_text():
    raw = "全年受理行政复议申请１２６件，办结１１８件。"
    text = normalize(raw)
    got = extract_report(text, split_sentences(text), TAXONOMY)
    assert [raw[f.start:f.end] for f in got] == ["１２６件", "１１８件"]
    assert [f.value for f in got] == [126, 118]


def test_facts_are_ordinary_frozen_facts():
    import dataclasses

    from fazhi.extract import Fact

    f = facts("全年受理群众来信326件。")[0]
    assert type(f) is Fact and f == Fact(**{k: getattr(f, k) for k in Fact.__dataclass_fields__})
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1   # type: ignore[misc]
