"""The metric taxonomy seed and how its rows match facts.

The CSV (dbt/seeds/metric_taxonomy.csv) must hold every core metric of
SCHEMA.md, compile, and keep the matching rules documented in
``fazhi.extract.metrics``: rows in file order, first match wins; kind must
agree (case and count are one family); subject and action patterns are
regexes searched in the subject and action ("" when a fact has no action);
an empty pattern matches anything. An analyst adds a metric with a row.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.metrics import Taxonomy
from fazhi.extract.model import MetricRule
from fazhi.extract.taxonomy import COLUMNS, load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

CSV = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv"
CORE = """admin_reconsideration.received admin_reconsideration.closed admin_reconsideration.corrected
admin_reconsideration.correction_rate admin_litigation.cases admin_litigation.head_appearance_rate
admin_litigation.lost admin_penalty.cases admin_penalty.fines law_enforcement.inspections
law_enforcement.case_files_reviewed law_enforcement.staff info_disclosure.proactive
info_disclosure.requests_received info_disclosure.requests_closed info_disclosure.response_rate
legality_review.documents legality_review.opinions legality_review.rate normative_documents.filed
normative_documents.issued normative_documents.abolished major_decisions.items legal_advisors.count
legal_advisors.services mediation.organisations mediation.cases mediation.success_rate mediation.amount
disputes.screened hotline_12345.tickets npc_cppcc.proposals npc_cppcc.completion_rate power_list.items
gov_services.items gov_services.online_rate emergency.plans emergency.drills emergency.incidents
law_popularisation.activities training.participants training.pass_rate""".split()
RULES = load_taxonomy(CSV)


def rule(metric_id, kind="count", subject="", action=""):
    return MetricRule(metric_id, metric_id, kind, subject, action, "")


# ---------------------------------------------------------------- the seed file

def test_every_core_metric_is_a_row():
    assert set(CORE) <= {r.metric_id for r in RULES}


def test_metric_ids_are_unique_and_rows_complete():
    ids = [r.metric_id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.name_zh and r.kind and r.subject_pattern and r.description for r in RULES)


def test_header_is_the_seed_contract():
    with open(CSV, encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == COLUMNS


@pytest.mark.parametrize("kind, subject, action, metric", [
    pytest.param("case", "行政复议案件", "受理", "admin_reconsideration.received", id="reconsideration-received"),
    pytest.param("case", "行政复议案件", "不予受理", None, id="not-accepted-is-not-received"),
    pytest.param("case", "行政复议案件", "发生", None, id="reconsideration-occurring-is-not-received"),
    pytest.param("case", "行政诉讼案件", "发生", "admin_litigation.cases", id="litigation-any-stage"),
    pytest.param("case", "依申请公开引发的行政诉讼", "引发", None, id="litigation-caused-by-other"),
    pytest.param("case", "行政诉讼败诉案件", None, "admin_litigation.lost", id="lost-before-cases"),
    pytest.param("case", "行政复议案件", None, None, id="no-stage-no-reconsideration-metric"),
    pytest.param("count", "行政执法检查", "开展", "law_enforcement.inspections", id="inspections"),
    pytest.param("count", "企业", "检查", None, id="entities-inspected-not-inspections"),
    pytest.param("count", "政府信息", "公开", "info_disclosure.proactive", id="proactive"),
    pytest.param("case", "依申请公开信息", "公开", None, id="request-granted-is-not-proactive"),
    pytest.param("case", "政府信息公开申请", "办结", "info_disclosure.requests_closed", id="requests-closed"),
    pytest.param("count", "法律意见书", "出具", "legality_review.opinions", id="opinions"),
    pytest.param("count", "征求意见稿", "办理", None, id="drafts-for-comment-not-opinions"),
    pytest.param("count", "规范性文件", "备案", "normative_documents.filed", id="filed"),
    pytest.param("count", "规范性文件", "制定出台", "normative_documents.issued", id="issued"),
    pytest.param("count", "区政府文件", "废止", "normative_documents.abolished", id="abolished"),
    pytest.param("case", "人大代表建议", "办理", "npc_cppcc.proposals", id="proposals"),
    pytest.param("rate", "行政复议案件办结率", None, None, id="reconsideration-is-not-a-proposal"),
    pytest.param("count", "职权事项", "调整", "power_list.items", id="power-list"),
    pytest.param("count", "权责清单联席会议", "召开", None, id="power-list-meeting-is-not-items"),
    pytest.param("count", "政务服务事项", None, "gov_services.items", id="service-items"),
    pytest.param("case", "便民服务事项", "办理", None, id="items-handled-are-not-service-items"),
    pytest.param("count", "应急演练", "组织", "emergency.drills", id="drills"),
    pytest.param("count", "普法宣传活动", "开展", "law_popularisation.activities", id="law-activities"),
    pytest.param("count", "政策宣讲活动", "组织", None, id="policy-briefings-are-not-law-activities"),
    pytest.param("count", "参加网上学法考试的国家工作人员", "参加", "training.participants", id="participants"),
    pytest.param("count", "行政执法人员", None, "law_enforcement.staff", id="enforcement-staff"),
    pytest.param("count", "矛盾纠纷排查", "排查", "disputes.screened", id="screened-as-count"),
    pytest.param("case", "纠纷", "排查", "disputes.screened", id="screened-as-case-same-family"),
    pytest.param("amount", "罚没款", None, "admin_penalty.fines", id="fines"),
    pytest.param("rate", "“网上办”比例", None, "gov_services.online_rate", id="online-rate"),
    pytest.param("change", "行政复议案件", "下降", None, id="changes-have-no-core-metric"),
    pytest.param("case", "12345政务服务便民热线群众诉求", "受理", "hotline_12345.tickets", id="hotline-tickets"),
    pytest.param("case", "12348法律服务热线咨询", "受理", None, id="legal-hotline-is-not-12345"),
    pytest.param("case", "民事诉讼案件", "代理", None, id="civil-litigation-is-not-administrative"),
    pytest.param("count", "执业律师", None, None, id="practising-lawyers-are-not-advisors"),
    pytest.param("count", "审批事项", "取消", None, id="cancelled-items-are-not-service-items"),
])
def test_seed_rows_label_facts(kind, subject, action, metric):
    assert Taxonomy(RULES).match(kind, subject, action) == metric


# ---------------------------------------------------------------- matching semantics

def test_first_matching_row_wins():
    rules = [rule("specific", subject="败诉"), rule("general", subject="诉讼")]
    assert Taxonomy(rules).match("count", "行政诉讼败诉案件", None) == "specific"
    assert Taxonomy(list(reversed(rules))).match("count", "行政诉讼败诉案件", None) == "general"


@pytest.mark.parametrize("rule_kind, fact_kind, matches", [
    pytest.param("count", "case", True, id="case-and-count-one-family"),
    pytest.param("case", "count", True, id="count-and-case-one-family"),
    pytest.param("rate", "change", False, id="rate-is-not-change"),
    pytest.param("amount", "count", False, id="amount-is-not-count"),
    pytest.param("", "duration", True, id="empty-kind-any"),
])
def test_kind_families(rule_kind, fact_kind, matches):
    t = Taxonomy([rule("m", kind=rule_kind, subject="纠纷")])
    assert (t.match(fact_kind, "矛盾纠纷", None) == "m") is matches


def test_patterns_are_searched_not_anchored():
    t = Taxonomy([rule("m", subject="复议")])
    assert t.match("case", "行政复议案件", None) == "m"


def test_missing_action_reads_as_empty_string():
    t = Taxonomy([rule("no_verb", subject="案件", action="^$"), rule("any", subject="案件")])
    assert t.match("case", "行政应诉案件", None) == "no_verb"
    assert t.match("case", "行政应诉案件", "受理") == "any"


def test_empty_patterns_match_anything():
    t = Taxonomy([rule("m", kind="rate")])
    assert t.match("rate", None, None) == "m"


def test_rows_sharing_group_names_still_work():
    rules = [rule("a", subject="(?P<x>调解)组织"), rule("b", subject="(?P<x>调解)案件")]
    assert Taxonomy(rules).match("count", "调解案件", None) == "b"


# ---------------------------------------------------------------- loading

def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "taxonomy.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(rows)
    return path


def test_load_keeps_file_order_and_fields(tmp_path):
    path = _write(tmp_path, [["b.x", "乙", "count", "乙", "", "second"], ["a.x", "甲", "rate", "甲", "^$", "first"]])
    assert load_taxonomy(path) == [MetricRule("b.x", "乙", "count", "乙", "", "second"),
                                   MetricRule("a.x", "甲", "rate", "甲", "^$", "first")]


@pytest.mark.parametrize("row, message", [
    pytest.param(["x.y", "坏", "count", "(未闭合", "", ""], "does not compile", id="bad-regex"),
    pytest.param(["x.y", "坏", "counts", "甲", "", ""], "kind", id="unknown-kind"),
    pytest.param(["", "坏", "count", "甲", "", ""], "metric_id", id="empty-id"),
])
def test_load_rejects_broken_rows(tmp_path, row, message):
    with pytest.raises(ValueError, match=message):
        load_taxonomy(_write(tmp_path, [row]))


def test_load_rejects_missing_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("metric_id,name_zh\nx.y,甲\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        load_taxonomy(path)


def test_analyst_adds_a_metric_with_a_row(tmp_path):
    sentence = normalize("全年受理法律援助案件1,543件。")
    before = extract_report(sentence, split_sentences(sentence), RULES)
    assert before[0].metric is None
    with open(CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    rows.insert(0, ["legal_aid.cases", "法律援助案件", "case", "法律援助", "受理|办结", "法律援助案件数（测试用）"])
    after = extract_report(sentence, split_sentences(sentence), load_taxonomy(_write(tmp_path, rows)))
    assert after[0].metric == "legal_aid.cases"
