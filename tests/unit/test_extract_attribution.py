"""What a number measures: subject, action, kind, sign, spreads, parts, zeros and metric.

Sentences are written for these tests in the style of reports from many
provinces; each row's id names the rule it guards. Rows check the fields
that rule decides: ``kind``, ``action``, ``metric``, ``value`` exactly, and
``subject`` by a fragment it must contain.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")


def facts(text: str):
    text = normalize(text)
    return extract_report(text, split_sentences(text), TAXONOMY)


def check(fact, want: dict) -> None:
    for key, value in want.items():
        if key == "subject_has":
            assert value in (fact.subject or ""), (fact.subject, value)
        elif key == "value":
            assert fact.value == pytest.approx(value), (fact.number_text, fact.value)
        else:
            assert getattr(fact, key) == value, (fact.number_text, key, getattr(fact, key), value)


# ---------------------------------------------------------------- carrying subject and action

@pytest.mark.parametrize("sentence, expected", [
    pytest.param("全年受理行政复议案件126件，办结118件。", [
        {"subject_has": "行政复议", "action": "受理", "metric": "admin_reconsideration.received"},
        {"subject_has": "行政复议", "action": "办结", "metric": "admin_reconsideration.closed"},
    ], id="subject-carried-to-next-clause"),
    pytest.param("全年新收行政复议案件412件，审结398件，其中纠错41件。", [
        {"action": "新收", "metric": "admin_reconsideration.received"},
        {"action": "审结", "metric": "admin_reconsideration.closed"},
        {"action": "纠错", "metric": "admin_reconsideration.corrected"},
    ], id="received-closed-corrected"),
    pytest.param("召开专题协调会8场，政企座谈会5场。", [
        {"subject_has": "协调会", "action": "召开"},
        {"subject_has": "座谈会", "action": "召开"},
    ], id="action-carried-to-new-subject"),
    pytest.param("本年度办结行政复议案件95件；行政应诉案件41件。", [
        {"action": "办结"},
        {"subject_has": "行政应诉案件", "action": None, "metric": "admin_litigation.cases"},
    ], id="action-not-carried-past-semicolon"),
    pytest.param("修订完善县级专项应急预案23个。", [
        {"subject_has": "应急预案", "metric": "emergency.plans"},
    ], id="subject-before-number"),
    pytest.param("建成15个公共法律服务工作站。", [
        {"subject_has": "公共法律服务工作站", "action": "建成"},
    ], id="subject-after-measure-word"),
    pytest.param("上线45个服务场景，新建12个调解组织。", [
        {"subject_has": "服务场景", "action": "上线"},
        {"subject_has": "调解组织", "metric": "mediation.organisations"},
    ], id="noun-after-measure-word-may-start-verb-like"),
    pytest.param("持续推进辖区内320户商户落实承诺制。", [
        {"subject_has": "商户", "action": "推进"},
    ], id="light-verb-is-not-part-of-noun"),
    pytest.param("调整了6家单位320余项职权事项。", [
        {"subject_has": "单位", "value": 6},
        {"subject_has": "职权事项", "metric": "power_list.items"},
    ], id="two-numbers-two-nouns"),
    pytest.param("完成各类合同协议合法性审核86件。", [
        {"action": "审核", "metric": "legality_review.documents"},
    ], id="light-verb-frames-nominal-stage"),
    pytest.param("全年组织矛盾纠纷排查1.2万次。", [
        {"action": "排查", "metric": "disputes.screened", "kind": "count"},
    ], id="light-verb-then-stage-at-end"),
    pytest.param("公职律师新增26人。", [
        {"subject_has": "公职律师", "action": "新增", "metric": "legal_advisors.count"},
    ], id="noun-before-verb"),
    pytest.param("法律顾问实现全覆盖，年内履职3200件。", [
        {"subject_has": "法律顾问", "action": "履职", "metric": "legal_advisors.services"},
    ], id="subject-from-clause-before"),
    pytest.param("组织260名执法人员参加执法资格考试。", [
        {"subject_has": "执法资格考试", "action": "参加", "metric": "training.participants"},
    ], id="people-and-what-they-did"),
    pytest.param("12345热线受理群众诉求2.1万件。", [
        {"subject_has": "12345", "action": "受理", "metric": "hotline_12345.tickets"},
    ], id="hotline-channel-names-tickets"),
    pytest.param("召开专题学法会4次，组织集中研讨7次。", [
        {"subject_has": "专题学法会", "action": "召开"},
        {"subject_has": "集中研讨", "action": "组织"},
    ], id="activity-counts"),
])
def test_subject_and_action(sentence, expected):
    got = facts(sentence)
    assert len(got) == len(expected)
    for fact, want in zip(got, expected):
        check(fact, want)


# ---------------------------------------------------------------- kinds and signs

@pytest.mark.parametrize("sentence, kind, value", [
    pytest.param("全年收到群众投诉45件。", "case", 45, id="complaints-are-cases"),
    pytest.param("受理政府信息公开申请38件。", "case", 38, id="applications-are-cases"),
    pytest.param("解决企业反映问题150个。", "case", 150, id="problems-solved-are-cases"),
    pytest.param("查处违法违纪问题60余起。", "case", 60, id="misconduct-investigated-is-case"),
    pytest.param("自查发现问题20个。", "count", 20, id="problems-found-are-count"),
    pytest.param("检查企业60家。", "count", 60, id="entities-inspected-are-count"),
    pytest.param("审核规范性文件12件。", "count", 12, id="documents-reviewed-are-count"),
    pytest.param("评查行政执法案卷300件。", "count", 300, id="case-files-are-count"),
    pytest.param("处置突发事件5起。", "count", 5, id="incidents-are-count"),
    pytest.param("出具书面审查意见90条。", "count", 90, id="legal-opinions-are-count"),
    pytest.param("发放救助资金35万元。", "amount", 350000, id="money-is-amount"),
    pytest.param("压缩审批时间10天。", "duration", 10, id="days-are-duration"),
    pytest.param("承诺办结时限缩减至3个工作日。", "duration", 3, id="working-days-are-duration"),
    pytest.param("群众满意率达98%。", "rate", 98, id="level-is-rate"),
    pytest.param("收案数同比增长12%。", "change", 12, id="increase-is-positive-change"),
    pytest.param("行政诉讼案件同比下降4.5%。", "change", -4.5, id="decrease-is-negative-change"),
    pytest.param("审批时间缩短60%。", "change", -60, id="shortened-is-negative-change"),
    pytest.param("行政复议纠错率提高2个百分点。", "change", 2, id="percentage-points-are-change"),
    pytest.param("受案量增长1.5倍。", "change", 150, id="times-are-change"),
    pytest.param("败诉案件下降超过10%。", "change", -10, id="qualifier-follows-number-not-sign"),
    pytest.param("执法人员在岗率提升至97%。", "rate", 97, id="raised-to-is-a-level"),
])
def test_kind_and_sign(sentence, kind, value):
    f = facts(sentence)[0]
    assert (f.kind, f.value) == (kind, pytest.approx(value))


def test_qualifier_follows_number_as_written():
    f = facts("败诉案件下降超过10%。")[0]
    assert (f.value, f.qualifier) == (-10, "at_least")


# ---------------------------------------------------------------- spreads: 分别 and 均

def test_fenbie_counts_spread_verbs_over_values():
    got = facts("受理、办结政府信息公开申请分别为86件、80件。")
    assert [(f.value, f.action, f.metric, f.respectively) for f in got] == [
        (86, "受理", "info_disclosure.requests_received", True),
        (80, "办结", "info_disclosure.requests_closed", True),
    ]


def test_fenbie_changes_spread_subjects_over_values():
    got = facts("行政诉讼和行政复议案件同比分别下降5.2%、3.1%。")
    assert [(f.value, f.kind, f.respectively) for f in got] == [(-5.2, "change", True), (-3.1, "change", True)]
    assert "诉讼" in got[0].subject and "复议" in got[1].subject


def test_change_list_without_fenbie_keeps_sign():
    got = facts("区政府发文、召开会议同比下降8%和25%。")
    assert [f.value for f in got] == [-8, -25]


@pytest.mark.parametrize("sentence, subjects", [
    pytest.param("行政检查和行政许可公示率均为98%。", ["行政检查公示率", "行政许可公示率"],
                 id="jun-shared-rate-word"),
    pytest.param("来件办结率、回复满意率均达到99%。", ["来件办结率", "回复满意率"], id="jun-two-rates"),
    pytest.param("参训率、考试合格率99%。", ["参训率", "考试合格率"], id="rate-list-without-jun"),
    pytest.param("“掌上办”“就近办”事项占比均为85%。", ["“掌上办”占比", "“就近办”事项占比"],
                 id="jun-quoted-names"),
])
def test_jun_one_value_many_subjects(sentence, subjects):
    got = facts(sentence)
    assert len(got) == len(subjects)
    assert len({f.start for f in got}) == 1 and all(f.respectively for f in got)
    for f, s in zip(got, subjects):
        assert f.subject.endswith(s), (f.subject, s)


def test_jun_rate_after_two_counts_spreads_over_them():
    got = facts("办理人大代表建议126件、政协提案158件，办结率均为97%。")
    rates = [f for f in got if f.kind == "rate"]
    assert [f.metric for f in rates] == ["npc_cppcc.completion_rate"] * 2
    assert "建议" in rates[0].subject and "提案" in rates[1].subject


# ---------------------------------------------------------------- parts of a total

def test_qizhong_parts_point_at_total():
    got = facts("全年办理法律援助案件320件，其中刑事案件120件、民事案件200件。")
    total, *parts = got
    assert [p.part_of for p in parts] == [total.start, total.start]
    assert total.part_of is None


def test_qizhong_in_next_sentence():
    got = facts("共办理行政许可事项1200件。其中即办件800件。")
    assert got[1].part_of == got[0].start


def test_rest_list_adding_up_is_parts():
    got = facts("修订应急预案10个，印发4个，其余6个正在审核。")
    assert [f.part_of for f in got] == [None, got[0].start, got[0].start]
    assert got[0].metric == "emergency.plans" and got[1].metric is None   # the total carries the metric


def test_part_with_same_metric_as_total_gets_none():
    got = facts("全年新收行政复议案件90件，其中不予受理5件。")
    assert got[0].metric == "admin_reconsideration.received"
    assert got[1].part_of == got[0].start and got[1].metric is None


def test_part_measuring_something_else_keeps_its_metric():
    got = facts("办结行政复议案件50件，其中纠错6件。")
    assert got[1].metric == "admin_reconsideration.corrected"


def test_parts_in_brackets():
    got = facts("全年共受理各类行政复议案件153件（其中不予受理9件），同比上升12.5%。")
    assert got[1].part_of == got[0].start and got[1].action == "不予受理"
    assert "行政复议" in got[1].subject and "行政复议" in got[2].subject
    assert (got[2].kind, got[2].value) == ("change", 12.5)


def test_absolute_change_is_not_a_stage_count():
    got = facts("受理行政复议案件150件，同比增加30件。")
    assert "行政复议" in got[1].subject and got[1].action == "增加" and got[1].metric is None


@pytest.mark.parametrize("sentence, subject", [
    pytest.param("诉前调解分流案件4,856件，调解成功2,931件。", "调解分流案件", id="adverb-after-verb-dropped"),
    pytest.param("依法受理行政复议申请96件，及时答复率100%。", "及时答复率", id="adverb-in-rate-name-kept"),
    pytest.param("全年共享数据3.2万条。", "共享数据", id="particle-starting-a-word-kept"),
])
def test_fillers_only_where_they_are_fillers(sentence, subject):
    assert facts(sentence)[-1].subject.endswith(subject)


def test_part_written_bare_takes_case_from_total():
    got = facts("收到政府信息公开申请23件，其中予以公开15件，申请人撤回3件。")
    assert [f.kind for f in got] == ["case", "case", "case"]


# ---------------------------------------------------------------- zeros in words

def test_zero_one_fact_per_thing_named():
    got = facts("本年度未发生行政诉讼和行政复议案件。")
    assert [(f.number_text, f.value, f.unit, f.kind) for f in got] == [("未发生", 0, "件", "case")] * 2
    assert [f.subject for f in got] == ["行政诉讼案件", "行政复议案件"]
    assert got[0].start == got[1].start
    assert [f.metric for f in got] == ["admin_litigation.cases", None]


def test_zero_caused_by_something_else_has_no_metric():
    got = facts("信息公开答复工作均未引发行政诉讼或行政复议。")
    assert [(f.value, f.metric) for f in got] == [(0, None), (0, None)]


# ---------------------------------------------------------------- when a metric is withheld

@pytest.mark.parametrize("sentence, index", [
    pytest.param("受理行政复议案件150件，上年为120件。", 1, id="earlier-period-figure"),
    pytest.param("办理时限由5个工作日压缩至2个工作日。", 0, id="from-figure"),
    pytest.param("每季度开展1次行政执法检查。", 0, id="frequency-rule"),
    pytest.param("对1起征地补偿纠纷进行联合调解。", 0, id="single-illustrative-episode"),
])
def test_metric_withheld(sentence, index):
    assert facts(sentence)[index].metric is None


# ---------------------------------------------------------------- rates named by context

@pytest.mark.parametrize("sentence, metric", [
    pytest.param("调处各类纠纷240件，调处成功率为96%。", "mediation.success_rate", id="bare-rate-after-count"),
    pytest.param("按时办理政府信息公开申请，答复率为100%。", "info_disclosure.response_rate",
                 id="bare-rate-after-clause"),
    pytest.param("办结行政复议案件80件，纠错12件，纠错率15%。", "admin_reconsideration.correction_rate",
                 id="bare-correction-rate"),
    pytest.param("组织260名执法人员参加执法资格考试，通过率98%。", "training.pass_rate", id="exam-pass-rate"),
    pytest.param("各部门负责人出庭应诉率保持在96%以上。", "admin_litigation.head_appearance_rate",
                 id="named-rate"),
])
def test_rate_metric(sentence, metric):
    assert facts(sentence)[-1].metric == metric


# ---------------------------------------------------------------- other provinces' phrasings

REC, LIT = "admin_reconsideration", "admin_litigation"


@pytest.mark.parametrize("sentence, expected", [
    pytest.param("全年共收到行政复议申请415件，依法受理396件，已全部办结。",
                 # intake total first; 受理 of the same scope is a part of it, metric null (SCHEMA, second audit)
                 [(415, "case", f"{REC}.received"), (396, "case", None)], id="received-then-accepted"),
    pytest.param("全年新收行政诉讼案件87件，审结79件，行政机关败诉6件。",
                 [(87, "case", f"{LIT}.cases"), (79, "case", f"{LIT}.cases"), (6, "case", f"{LIT}.lost")],
                 id="litigation-new-closed-lost"),
    pytest.param("全市行政机关负责人共出庭应诉1,046人次，出庭率98.2%。",
                 [(1046, "count", None), (98.2, "rate", f"{LIT}.head_appearance_rate")], id="appearances-and-rate"),
    pytest.param("全县各级人民调解组织共排查矛盾纠纷4,215次，化解矛盾纠纷3,987件，化解率94.6%。",
                 [(4215, "count", "disputes.screened"), (3987, "case", "mediation.cases"),
                  (94.6, "rate", "mediation.success_rate")], id="screen-resolve-rate"),
    pytest.param("全年累计培训行政执法人员2.3万人次，组织执法资格考试3场，参考人员1,860人，合格率91.3%。",
                 [(23000, "count", "training.participants"), (3, "count", None),
                  (1860, "count", "training.participants"), (91.3, "rate", "training.pass_rate")],
                 id="training-exam-pass-rate"),
    pytest.param("全市罚没款收入3.26亿元，较上年减少8.4%。",
                 [(326000000, "amount", "admin_penalty.fines"), (-8.4, "change", None)], id="fines-and-change"),
    pytest.param("作出行政处罚决定书4,327份，罚没款1,865万元。",
                 [(4327, "case", "admin_penalty.cases"), (18650000, "amount", "admin_penalty.fines")],
                 id="penalty-decisions-in-fen-are-cases"),
    pytest.param("市场监管部门开展“双随机、一公开”抽查8,600余次。",
                 [(8600, "count", "law_enforcement.inspections")], id="random-inspections"),
    pytest.param("市本级向社会公开政府信息2.8万条，办理依申请公开1,120件。",
                 # 办理 of requests is their handling: closed (the dev set's audit settled it so)
                 [(28000, "count", "info_disclosure.proactive"), (1120, "case", "info_disclosure.requests_closed")],
                 id="proactive-and-requests"),
    pytest.param("全年审查各类合同632份，出具法律意见书418份。",
                 [(632, "count", "legality_review.documents"), (418, "count", "legality_review.opinions")],
                 id="contracts-reviewed-opinions-issued"),
    pytest.param("报送市政府备案的规范性文件21件。", [(21, "count", "normative_documents.filed")],
                 id="filed-documents-relative-clause"),
    pytest.param("集中清理规范性文件1,256件，其中废止87件、修改34件。",
                 [(1256, "count", "normative_documents.abolished"), (87, "count", None), (34, "count", None)],
                 id="cleanup-with-parts"),
    pytest.param("市政府常务会议审议重大行政决策事项18项。", [(18, "count", "major_decisions.items")],
                 id="major-decisions"),
    pytest.param("全市聘用政府法律顾问312名，公职律师达到1,026名。",
                 [(312, "count", "legal_advisors.count"), (1026, "count", "legal_advisors.count")],
                 id="advisors-headcount"),
    pytest.param("累计建立人民调解委员会2,346个，其中行业性专业性调委会128个。",
                 [(2346, "count", "mediation.organisations"), (128, "count", None)], id="mediation-committees"),
    pytest.param("全年接到12345热线转办事项5.6万件。", [(56000, "case", "hotline_12345.tickets")],
                 id="hotline-between-verbs"),
    pytest.param("全年承办人大代表建议215件、政协委员提案287件，满意率均达到98%。",
                 [(215, "case", "npc_cppcc.proposals"), (287, "case", "npc_cppcc.proposals"),
                  (98, "rate", "npc_cppcc.completion_rate"), (98, "rate", "npc_cppcc.completion_rate")],
                 id="proposals-and-shared-rate"),
    pytest.param("编制公布权责清单事项4,860项，动态调整286项。",
                 [(4860, "count", "power_list.items"), (286, "count", "power_list.items")], id="power-list-adjusted"),
    pytest.param("全市依申请政务服务事项网上可办率达99.5%，全程网办率达90%以上。",
                 [(99.5, "rate", "gov_services.online_rate"), (90, "rate", "gov_services.online_rate")],
                 id="online-rates"),
    pytest.param("修订完善各类应急预案156部，开展综合应急演练480余场。",
                 [(156, "count", "emergency.plans"), (480, "count", "emergency.drills")], id="plans-and-drills"),
    pytest.param("全年妥善处置各类突发事件31起，未发生重大以上安全生产事故。",
                 [(31, "count", "emergency.incidents"), (0, "count", None)], id="incidents-and-zero-accidents"),
    pytest.param("组织开展“宪法宣传周”等主题普法活动1,200余场次。",
                 [(1200, "count", "law_popularisation.activities")], id="law-popularisation-sessions"),
    pytest.param("市县两级领导干部学法考试参考率、合格率均达到100%。",
                 [(100, "rate", "training.pass_rate"), (100, "rate", "training.pass_rate")], id="exam-rates-spread"),
    pytest.param("办理法律援助案件3,200余件，接待法律咨询1.8万人次。",
                 [(3200, "case", None), (18000, "count", None)], id="legal-aid-no-core-metric"),
    pytest.param("全年化解信访积案126件，化解率达到85%。",
                 [(126, "case", None), (85, "rate", None)], id="petition-backlog-is-not-mediation"),
    pytest.param("推动行政许可事项承诺时限较法定时限压缩60%以上。", [(-60, "change", None)],
                 id="compressed-by-percent"),
    pytest.param("全市各级行政复议机构共收到复议申请1,532件，同比增长17.2%，受理1,398件。",
                 [(1532, "case", f"{REC}.received"), (17.2, "change", None), (1398, "case", None)],   # 受理: part of the intake
                 id="received-change-accepted"),
    pytest.param("全年共办理行政处罚案件2,687件，罚没金额合计4,561.3万元。",
                 [(2687, "case", "admin_penalty.cases"), (45613000, "amount", "admin_penalty.fines")],
                 id="penalties-and-fines"),
    pytest.param("规范性文件合法性审查率、备案率均为100%。",
                 [(100, "rate", "legality_review.rate"), (100, "rate", None)], id="review-and-filing-rates"),
    pytest.param("市级行政执法部门由原来的36个精简为18个。", [(36, "count", None), (18, "count", None)],
                 id="reduced-from-to"),
    pytest.param("全县148个村（社区）实现法律顾问全覆盖。", [(148, "count", None)], id="coverage-count"),
    pytest.param("开展法治讲座、以案释法等活动260余次，培训基层干部4,500余人次。",
                 [(260, "count", "law_popularisation.activities"), (4500, "count", "training.participants")],
                 id="lectures-and-trainees"),
    pytest.param("全年受理群众来信来访1,680件次，按期办结率98%。",
                 [(1680, "case", None), (98, "rate", None)], id="petitions-jianci"),
    pytest.param("本年度新增持证行政执法人员215名，全市执法人员总数达6,430人。",
                 [(215, "count", "law_enforcement.staff"), (6430, "count", "law_enforcement.staff")],
                 id="enforcement-staff"),
    pytest.param("累计收到群众诉求3,120条，办结3,085条。",
                 [(3120, "case", None), (3085, "case", None)], id="demands-received-closed"),
])
def test_other_provinces(sentence, expected):
    got = [(f.value, f.kind, f.metric) for f in facts(sentence)]
    assert got == [(pytest.approx(v), k, m) for v, k, m in expected]


@pytest.mark.parametrize("sentence, parts, not_parts", [
    # a new statement after the list (出具 …) is not one more part
    ("全年审核各类文件60件，其中规范性文件20件、合同40件，出具法律意见书35件。", ["20件", "40件"], ["35件"]),
    ("办理行政处罚案件90件，其中简易程序50件，普通程序40件，组织执法培训3期。", ["50件", "40件"], ["3期"]),
    # parts that open with a part's own verb stay parts
    ("办结行政复议案件50件，其中维持30件，撤销8件，驳回12件。", ["30件", "8件", "12件"], []),
])
def test_part_lists_end_at_a_new_statement(sentence, parts, not_parts):
    linked = {f.number_text for f in facts(sentence) if f.part_of is not None}
    assert set(parts) <= linked
    assert not (set(not_parts) & linked)


@pytest.mark.parametrize("sentence, number_text, metric", [
    # a part or a rate that names no domain borrows its total's (行政复议 here)
    ("全年收到行政复议申请80件，办结70件。其中，维持55件，撤销、变更等纠错9件，纠错率12.9%。",
     "9件", "admin_reconsideration.corrected"),
    ("全年收到行政复议申请80件，办结70件。其中，维持55件，撤销、变更等纠错9件，纠错率12.9%。",
     "12.9%", "admin_reconsideration.correction_rate"),
    ("全年收到行政复议申请80件，办结70件。其中，维持55件，撤销、变更等纠错9件，纠错率12.9%。", "55件", None),
    # a compound noun ending in a verb takes its noun head: 人民调解 + 组织
    ("全县现有人民调解组织41个。", "41个", "mediation.organisations"),
    # people trained, counted as 人次 after the verb
    ("组织行政执法人员培训860人次。", "860人次", "training.participants"),
])
def test_metric_from_context(sentence, number_text, metric):
    found = [f for f in facts(sentence) if f.number_text == number_text]
    assert found and found[0].metric == metric, [(f.number_text, f.subject, f.metric) for f in found]


@pytest.mark.parametrize("sentence, number_text, value", [
    ("全年开展执法检查三十余次，组织抽查十次。", "三十余次", 30),     # 查 ends a word here, it is not 查一查
    ("全年开展执法检查三十余次，组织抽查十次。", "十次", 10),
    ("审核重大合同五件。", "五件", 5),                                # 合同 ends before the numeral
    ("常态化开展矛盾纠纷排查九十二次。", "九十二次", 92),
    ("修订各类应急预案十余部。", "十余部", 10),
    ("举办法治专题培训一期，发布政策解读一篇。", "一期", 1),         # 一 + measure word, then a comma
])
def test_chinese_numerals_after_a_word(sentence, number_text, value):
    found = [f for f in facts(sentence) if f.number_text == number_text]
    assert found and found[0].value == value


@pytest.mark.parametrize("sentence", [
    "坚持三考合一，推进统一执法。",     # 合一, 统一: words, not counts
    "一期工程已经完工，一部分事项下放。",   # 一期工程, 一部分: not counts
])
def test_one_inside_words_is_not_a_count(sentence):
    assert facts(sentence) == []


def test_fenbie_rate_list_gives_each_rate_its_value():
    got = [(f.subject, f.value) for f in facts("热线工单按时办结率、群众满意率分别为97.5%、99%。")]
    assert got == [("热线工单按时办结率", 97.5), ("热线工单群众满意率", 99)]
