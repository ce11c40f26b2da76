"""Prose of real reports from many provinces: zeros in words, signs, non-facts, kinds, 其中 lists.

Issue 12. Every sentence is written for this test; each row's id names the
rule it guards (SCHEMA.md, "Conventions settled in the second audit").
A row lists, for each number_text it names, the fields that rule decides;
``None`` as the whole expectation means the number must not be a fact.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def facts(raw: str):
    text = normalize(raw)
    return extract_report(text, split_sentences(text), TAXONOMY)


def check(raw: str, expected: dict) -> None:
    got = facts(raw)
    for number_text, want in expected.items():
        found = [f for f in got if f.number_text == number_text]
        if want is None:
            assert not found, (number_text, found)
            continue
        wants = want if isinstance(want, list) else [want]
        assert len(found) >= len(wants), (number_text, [f.number_text for f in got])
        for f, w in zip(found, wants):
            for key, value in w.items():
                if key == "subject_has":
                    assert value in (f.subject or ""), (number_text, f.subject, value)
                elif key == "value":
                    assert f.value == pytest.approx(value), (number_text, f.value, value)
                elif key == "part_of_text":
                    total = [t for t in got if t.start == f.part_of]
                    assert (total[0].number_text if total else None) == value, (number_text, f.part_of)
                else:
                    assert getattr(f, key) == value, (number_text, key, getattr(f, key), value)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("全年（无行政败诉）。", {"无": {"value": 0, "kind": "case", "metric": "admin_litigation.lost"}},
                 id="zero: 无 in brackets zeroes a countable thing"),
    pytest.param("今年没有发生群体性上访案件。", {"没有发生": {"value": 0, "kind": "case"}},
                 id="zero: 没有发生"),
    pytest.param("全年没发生因处置不当导致升级的纠纷案件。", {"没发生": {"value": 0, "kind": "count"}},
                 id="zero: an averted event is a count"),
    pytest.param("本年度我局未发生行政复议及行政诉讼案件。", {"未发生": [{"subject_has": "行政复议"}, {"subject_has": "行政诉讼"}]},
                 id="zero: one fact per thing named"),
    pytest.param("按照本单位职责，本所无涉企收费项目。", {"无": {"value": 0, "unit": "项", "kind": "count"}},
                 id="zero: 无 after the body's name, items in 项"),
    pytest.param("本局无制定规章和规范性文件。", {"无": [
        {"subject_has": "规章", "metric": None, "action": "制定"},
        {"subject_has": "规范性文件", "metric": "normative_documents.issued"}]},
                 id="zero: the verb opening the object is the action"),
    pytest.param("本单位无实施行政许可等职权。", {"无": None}, id="zero: lacking a power is not a number"),
    pytest.param("推行无纸化办公，覆盖12个部门。", {"无": None}, id="zero: 无 inside a word"),
    pytest.param("全年未收到政府信息公开申请。", {"未收到": {"value": 0, "kind": "case"}},
                 id="zero: 未 + a stage verb"),
    pytest.param("全年没有关于公开申请答复的行政诉讼和行政复议案件。", {"没有": [
        {"kind": "case", "metric": None, "subject_has": "行政诉讼"}, {"kind": "case", "metric": None}]},
                 id="zero: 没有, a narrower kind (关于…) takes no metric"),
    pytest.param("本年未对外公开发布规章、行政处罚和行政强制等内容。", {"未对外公开发布": [
        {"kind": "count"}, {"kind": "count"}, {"kind": "count"}]},
                 id="zero: published contents are counts"),
    pytest.param("全年行政诉讼零败诉，安全生产零事故。", {"零": [
        {"value": 0, "kind": "case", "metric": "admin_litigation.lost"}, {"value": 0, "kind": "count"}]},
                 id="zero: 零 before what it zeroes"),
    pytest.param("办理一百零五件。", {"零": None}, id="zero: 零 inside a numeral is a digit"),
])
def test_zero_in_words(raw, expected):
    check(raw, expected)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("平均压缩审批时限58.5%、精简申请材料31.2%。", {
        "58.5%": {"kind": "change", "value": -58.5, "subject_has": "审批时限"},
        "31.2%": {"kind": "change", "value": -31.2, "subject_has": "申请材料"}},
                 id="sign: a verb of decrease opening the clause makes a negative change"),
    pytest.param("行政审批时限压缩率达72%。", {"72%": {"kind": "rate", "value": 72}},
                 id="sign: a named 率 stays a rate"),
    pytest.param("较去年新增审批事项15项。", {"15项": {"kind": "change", "value": 15}},
                 id="sign: an absolute difference against last year is a change"),
    pytest.param("共收到申请840件，与2021年相比减少了120件。", {"120件": {"kind": "change", "value": -120}},
                 id="sign: 与…相比减少 is a negative change"),
    pytest.param("| 司法局 | 12 | 8 | -25.0% |", {"-25.0%": {"kind": "change", "value": -25.0}},
                 id="sign: a signed table cell keeps its sign and is a change"),
    pytest.param("办结率 | 98.5% |", {"98.5%": {"kind": "rate"}}, id="sign: an unsigned cell stays a level"),
])
def test_signed_changes(raw, expected):
    check(raw, expected)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("全县调委会中一类占70.5%，二类占29.5%。", {"二类": None, "70.5%": {"kind": "rate"}},
                 id="non-fact: a grade label"),
    pytest.param("辖区河流断面均为三类水质。", {"三类": None}, id="non-fact: a water quality grade"),
    pytest.param("办结率达96.1%，超过省里规定的90%。", {"90%": None, "96.1%": {"kind": "rate"}},
                 id="non-fact: a benchmark set by another authority"),
    pytest.param("收到申请超过30件的7个乡镇。", {"30件": None, "7个": {"value": 7}},
                 id="non-fact: a threshold that selects"),
    pytest.param("投诉数量居于前三位的是物业和交通。", {"三位": None}, id="non-fact: a rank"),
    pytest.param("这是当前和今后一个时期的首要任务。", {"一个": None}, id="non-fact: 一个时期"),
    pytest.param("不予公开的属于三类过程性信息。", {"三类": None}, id="non-fact: a category label after 属于"),
    pytest.param("全市有4个区政府收到复议申请超过80件。", {"80件": None, "4个": {"value": 4}},
                 id="non-fact: a threshold selecting the bodies counted before it"),
    pytest.param("区政府连续多年为民办12件实事。", {"12件": None}, id="non-fact: the name of a programme"),
    pytest.param("依法行政考核连续五年获评优秀。", {"五年": {"kind": "duration", "unit": "年", "value": 5}},
                 id="streak: 连续N年 is a duration in 年"),
    pytest.param("开展普法活动5次，惠及群众近千人。", {"千人": {"value": 1000, "qualifier": "at_most"}},
                 id="a bare 千 after 近 is a number"),
    pytest.param("督察交办的85个案件和问题已整改。", {"85个": {"value": 85, "kind": "count"}},
                 id="个 before 案件 is a classifier; what 督察 hands over is a count"),
    pytest.param("悬挂宣传横幅12幅，收回选票30票。", {"12幅": {"unit": "幅"}, "30票": {"unit": "票"}},
                 id="units 幅 and 票"),
    pytest.param("引发争议的行为中，行政处罚1200，占总数的30%。", {"1200": {"value": 1200, "unit": "件", "kind": "case"}},
                 id="a number without a classifier takes 件 from its noun"),
    pytest.param("其中涉及政府信息公开420，占总数的12%。", {"420": {"unit": "件", "kind": "case"}},
                 id="a bare number after 信息公开 is counted in 件"),
    pytest.param("本次会议的房间号为1203，请准时参加。", {"1203": None},
                 id="a number without a classifier after another noun is not a fact"),
])
def test_non_facts_and_units(raw, expected):
    check(raw, expected)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("防止民间纠纷激化为刑事案件23起。", {"23起": {"kind": "count", "metric": None}},
                 id="kind: prevented events are counts"),
    pytest.param("化解矛盾后减少信访案件80件。", {"80件": {"kind": "count"}}, id="kind: averted petitions are counts"),
    pytest.param("经审理，维持原行政行为7件；驳回申请2件。", {"7件": {"kind": "case"}},
                 id="kind: an outcome of review is a case"),
    pytest.param("胜诉11起，原告撤诉4起。", {"11起": {"kind": "case"}, "4起": {"kind": "case"}},
                 id="kind: won and withdrawn suits are cases"),
    pytest.param("婚姻家庭类新收9件。", {"9件": {"kind": "case"}}, id="kind: a category received is a case"),
    pytest.param("11个乡镇政府共收到行政复议申请96件。", {"11个": {"kind": "count", "subject_has": "乡镇政府"},
                                                "96件": {"kind": "case"}},
                 id="kind: the bodies that received are counted, not the cases"),
    pytest.param("全年结案（包括调解和撤回）56件。", {"56件": {"kind": "case", "action": "结案"}},
                 id="an aside between the verb and the number is skipped"),
    pytest.param("办理各类公证520件。", {"520件": {"kind": "case"}}, id="kind: notarisation handled is a case"),
    pytest.param("向有关单位发出检察建议9件。", {"9件": {"kind": "count"}}, id="kind: opinions issued are counts"),
    pytest.param("全年收到行政复议决定书8份。", {"8份": {"kind": "count"}}, id="kind: decision documents received are counts"),
    pytest.param("全年空气质量达标天数288天。", {"288天": {"kind": "count", "unit": "天"}},
                 id="kind: days meeting a condition are a count"),
    pytest.param("平均办理时间缩短至6天。", {"6天": {"kind": "duration"}}, id="kind: a span of days is a duration"),
])
def test_kinds(raw, expected):
    check(raw, expected)


REC = "admin_reconsideration"


@pytest.mark.parametrize("raw, expected", [
    pytest.param("全区全年共收到行政复议申请412件，受理389件。", {
        "412件": {"metric": f"{REC}.received"}, "389件": {"metric": None, "part_of_text": "412件"}},
                 id="metric: 受理 after the intake total is its part"),
    pytest.param("全市新收行政复议申请760件。市本级新收行政复议申请95件。", {
        "760件": {"metric": f"{REC}.received"}, "95件": {"metric": None, "part_of_text": "760件"}},
                 id="metric: a narrower scope in a later sentence is a part of the total"),
    pytest.param("办理县人大代表建议90件、政协委员提案80件。", {
        "90件": {"metric": "npc_cppcc.proposals"}, "80件": {"metric": "npc_cppcc.proposals"}},
                 id="metric: figures of one list are parallel, not scopes"),
    pytest.param("多年来累计收到行政复议申请42件。", {"42件": {"metric": None}},
                 id="metric: a flow over several years"),
    pytest.param("二十大以来累计下放行政职权140项。", {"140项": {"metric": None}},
                 id="metric: a flow since an earlier year"),
    pytest.param("举办培训班2期培训180余人。", {"180余人": {"metric": "training.participants"}},
                 id="metric: people counted after 培训 are participants"),
    pytest.param("审查各部门行政机关合同230余份。", {"230余份": {"metric": "legality_review.documents"}},
                 id="metric: the review a compound names after a light verb"),
    pytest.param("法律顾问出具意见书12份。", {"12份": {"metric": "legality_review.opinions"}},
                 id="metric: 意见书 issued"),
    pytest.param("全年作出处罚决定80份，处罚金额36.5万元。", {"36.5万元": {"metric": "admin_penalty.fines"}},
                 id="metric: 处罚金额 is the fines"),
    pytest.param("“一网通办”事项占比高，“全程网办”达75%。", {"75%": {"metric": "gov_services.online_rate"}},
                 id="metric: online handling named without 率"),
    pytest.param("保留涉审中介服务事项27项。", {"27项": {"metric": None}},
                 id="metric: intermediary services are not government services"),
    pytest.param("主动公开行政处罚12项。", {"12项": {"metric": None}}, id="metric: disclosed penalties are not penalty cases"),
    pytest.param("全年诉讼案件50起，其中民事诉讼30起，行政诉讼20起。", {
        "50起": {"metric": None}, "20起": {"metric": "admin_litigation.cases"}},
                 id="metric: suits of every kind are not administrative litigation"),
    pytest.param("按被申请行为分，行政许可640，占申请总量的22%。", {"640": {"metric": None, "kind": "case"}},
                 id="metric: a bare category of a breakdown is not the metric"),
    pytest.param("本年度审结行政复议案件2750，审结率为93%。", {"2750": {"metric": f"{REC}.closed"}},
                 id="metric: a bare number after its verb keeps the metric"),
    pytest.param("涉及行政处罚案件40件，占总量的25%。", {"40件": {"metric": None}},
                 id="metric: a share of a total is a category of a breakdown"),
    pytest.param("分3批次取消行政职权120项。", {"3批次": {"metric": None}}, id="metric: batches are not items"),
    pytest.param("县本级24个单位共梳理出权力事项760项，保留权力事项410项。", {
        "24个": {"subject_has": "单位", "metric": None}, "760项": {"metric": None},
        "410项": {"metric": "power_list.items"}},
                 id="metric: items found by sorting are not the list; those kept are"),
    pytest.param("合同备案6份，行政规范性文件初审2件。", {"2件": {"metric": None, "action": "初审"}},
                 id="metric: a first review is not filing"),
    pytest.param("办理人大代表建议52件、政协提案38件，办复率均为98%。", {"98%": [
        {"subject_has": "建议", "metric": "npc_cppcc.completion_rate", "respectively": True},
        {"subject_has": "提案", "metric": "npc_cppcc.completion_rate", "respectively": True}]},
                 id="metric: 办复率均为 spreads over the things just counted"),
])
def test_metrics(raw, expected):
    check(raw, expected)


@pytest.mark.parametrize("raw, expected", [
    pytest.param("受理案件120件（其中复议案件70件），调解纠纷45件。", {
        "70件": {"part_of_text": "120件"}, "45件": {"part_of": None}},
                 id="其中 list ends at the closing bracket"),
    pytest.param("受理投诉200件，其中电话投诉150件；办结投诉30件。", {
        "150件": {"part_of_text": "200件"}, "30件": {"part_of": None}},
                 id="其中 list ends at ；"),
    pytest.param("受理投诉200件，其中：电话投诉150件；网络投诉50件。", {
        "150件": {"part_of_text": "200件"}, "50件": {"part_of_text": "200件"}},
                 id="其中： opens a list that runs across ；"),
    pytest.param("受理法律援助案件60件，其中民事案件40件，刑事案件20件，法律咨询30件。", {
        "20件": {"part_of_text": "60件"}, "30件": {"part_of": None}},
                 id="其中 list ends once the parts add up to the total"),
    pytest.param("调解纠纷80件，其中婚姻纠纷30件，涉及群众150人。", {
        "30件": {"part_of_text": "80件"}, "150人": {"part_of": None}},
                 id="其中 list ends when another thing is counted"),
    pytest.param("援助对象500人，其中非本地户籍120人，未成年人8人。", {
        "120人": {"part_of": None}, "8人": {"part_of": None}},
                 id="attributes of a total are not its parts"),
])
def test_where_a_list_ends(raw, expected):
    check(raw, expected)
