"""Tables in report text: every numeric cell a fact (fazhi/extract/tables.py, table_facts.py, template.py).

Each table here is written for the test: the layouts tables arrive in (pipes,
one cell a line, tabs, runs of spaces, a lone | between rows), empty cells,
group rows, totals and part_of, 万元, 序号, shares and 同比 columns, year heads,
and the national 政府信息公开 form with its metric ids.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.extract import extract_report
from fazhi.extract.tables import find_tables
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
RULES = load_taxonomy(REPO / "dbt" / "seeds" / "metric_taxonomy.csv")


def facts(text: str):
    text = normalize(text)
    return extract_report(text, split_sentences(text), RULES)


def cell(found, text: str, number: str, occurrence: int = 0):
    """The fact at the ``occurrence``-th cell reading ``number`` (a whole line or cell)."""
    starts = [f for f in found if f.number_text == number]
    assert len(starts) > occurrence, f"no fact for cell {number!r}: {[f.number_text for f in found]}"
    return starts[occurrence]


PIPES = (
    "表2：各镇街受理投诉举报情况\n"
    "单位 | 受理件数 | 办结件数 |\n"
    "东湖镇 | 12 | 10 |\n"
    "西山街道 | 8 | / |\n"
    "合计 | 20 | 10 |\n"
    "以上数据截至年底。\n"
)
ONE_CELL = (
    "三、培训情况统计\n\n"
    "项目\n\n参训人数\n\n考试人数\n\n"
    "领导干部\n\n35\n\n30\n\n"
    "执法人员\n\n120\n\n-\n\n"
    "合计\n\n155\n\n30\n\n"
    "四、下一步打算\n"
)
TABS = "单位\t新收案件\t办结案件\n甲局\t4\t3\n乙局\t6\t6\n合计\t10\t9\n"
SPACES = "单位    新收案件    办结案件\n甲局    4    3\n乙局    6    6\n"
LONE_PIPES = "|\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n|\n行政规范性文件 |\n3 |\n1 |\n|\n"
FORM = (
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项 | |||\n"
    "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    "规章 | 0 | 0 | 2 |\n"
    "行政规范性文件 | 5 | 1 | 17 |\n"
    "第二十条第（六）项 | |||\n"
    "信息内容 | 本年处理决定数量 | ||\n"
    "行政处罚 | 42 | ||\n"
    "行政强制 | 3 | ||\n"
    "第二十条第（八）项 | |||\n"
    "信息内容 | 本年收费金额（单位：万元） | ||\n"
    "行政事业性收费 | 12.5 | ||\n"
)
MATRIX = (
    "三、收到和处理政府信息公开申请情况\n"
    "申请人情况 | 自然人 | 法人或其他组织 | 总计 |\n"
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
    "一、本年新收政府信息公开申请数量 | 9 | 2 | 0 | 0 | 1 | 0 | 12 |\n"
    "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    "三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |\n"
    "（三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
)
SHARES = (
    "表3：行政复议案件受理情况\n"
    "单位 | 2022受理量 | 2023受理量 | 占比 | 同比 |\n"
    "市场局 | 10 | 5 | 25.0% | -50.0% |\n"
    "公安局 | 5 | 15 | 75.0% | 200.0% |\n"
    "民政局 | 0 | 0 | 0.0% | - |\n"
    "合计 | 15 | 20 | 100.0% | 33.3% |\n"
)
SERIALS = (
    "审结情况（件）\n\n序号\n\n处理方式\n\n数量\n\n比例\n\n"
    "1\n\n维持\n\n40\n\n80%\n\n2\n\n驳回\n\n6\n\n12%\n\n3\n\n合计\n\n50\n\n100%\n"
)


@pytest.mark.parametrize("text, cells", [
    # pipes: a header row, an empty "/" cell, a total row
    (PIPES, [("12", 12, "件", "case"), ("10", 10, "件", "case"), ("8", 8, "件", "case"), ("20", 20, "件", "case")]),
    # one cell a line with blank lines between; a "-" cell; 人数 heads give 人
    (ONE_CELL, [("35", 35, "人", "count"), ("30", 30, "人", "count"), ("120", 120, "人", "count"),
                ("155", 155, "人", "count")]),
    # tab-separated rows (how HTML, DOCX and PDF tables are decoded)
    (TABS, [("4", 4, "件", "case"), ("3", 3, "件", "case"), ("10", 10, "件", "case")]),
    # runs of spaces between cells
    (SPACES, [("4", 4, "件", "case"), ("6", 6, "件", "case")]),
    # one cell a line with a | after it and a lone | between rows
    (LONE_PIPES, [("3", 3, "件", "count"), ("1", 1, "件", "count")]),
])
def test_every_numeric_cell_is_a_fact(text, cells):
    found = facts(text)
    for number, value, unit, kind in cells:
        f = cell(found, text, number)
        assert (f.value, f.unit, f.kind) == (value, unit, kind), f
        assert text[f.start:f.end] == number


@pytest.mark.parametrize("text, n", [(PIPES, 5), (ONE_CELL, 5), (TABS, 6), (SPACES, 4), (LONE_PIPES, 2)])
def test_empty_cells_and_labels_are_not_facts(text, n):
    # "/" and "-" cells, heads and labels give nothing: only the numbers
    assert len(facts(text)) == n


def test_subject_is_row_and_column():
    found = facts(PIPES)
    # the labels alone do not say what is counted: the caption's topic goes in front
    assert cell(found, PIPES, "12").subject == "各镇街受理投诉举报（东湖镇）（受理件数）"
    assert cell(facts(FORM), FORM, "42").subject == "行政处罚（本年处理决定数量）"


def test_parts_point_at_the_total_row():
    found = facts(PIPES)
    total = cell(found, PIPES, "20")
    assert cell(found, PIPES, "12").part_of == total.start
    assert cell(found, PIPES, "8").part_of == total.start
    assert total.part_of is None
    assert cell(found, PIPES, "10", 0).part_of == cell(found, PIPES, "10", 1).start


def test_prose_around_a_table_is_still_read():
    text = "全年受理投诉举报35件。\n" + PIPES + "全年开展培训8次。\n"
    found = facts(text)
    assert {(f.value, f.unit) for f in found} >= {(35, "件"), (8, "次"), (12, "件")}
    assert len(found) == 7


def test_form_cells_get_metric_ids():
    found = facts(FORM)
    by = {(f.subject, f.value): f for f in found}
    assert by["行政规范性文件（本年制发件数）", 5].metric == "normative_documents.issued"
    assert by["行政规范性文件（本年废止件数）", 1].metric == "normative_documents.abolished"
    assert by["行政规范性文件（现行有效件数）", 17].metric == "info_disclosure_form.normative_documents__in_force"
    assert by["规章（现行有效件数）", 2].metric == "info_disclosure_form.rules__in_force"
    penalty = by["行政处罚（本年处理决定数量）", 42]
    assert (penalty.metric, penalty.kind, penalty.unit) == ("admin_penalty.cases", "case", "件")
    assert by["行政强制（本年处理决定数量）", 3].metric == "info_disclosure_form.coercion__decisions"


def test_wan_yuan_header_scales_to_yuan():
    fee = cell(facts(FORM), FORM, "12.5")
    assert (fee.value, fee.unit, fee.kind) == (125000, "元", "amount")
    assert fee.metric == "info_disclosure_form.fees__amount"


def test_article_numbers_in_group_rows_are_not_facts():
    found = facts(FORM)
    assert all("第二十条" not in FORM[f.start - 4:f.end] for f in found)
    assert len(found) == 9


def test_form_matrix_columns_totals_and_ids():
    found = facts(MATRIX)
    new = [f for f in found if f.subject and "新收" in f.subject]
    assert [f.value for f in new] == [9, 2, 0, 0, 1, 0, 12]
    total = new[-1]
    assert total.metric == "info_disclosure.requests_received" and total.kind == "case"
    assert all(f.part_of == total.start for f in new[:-1])
    assert new[0].metric == "info_disclosure_form.requests_new__natural_person"
    metrics = {f.metric for f in found}
    assert {"info_disclosure_form.requests_carried_in__total", "info_disclosure_form.granted__total",
            "info_disclosure_form.withheld_state_secret__natural_person"} <= metrics


def test_shares_and_changes_columns():
    found = facts(SHARES)
    share = cell(found, SHARES, "25.0%")
    assert (share.kind, share.unit, share.value) == ("rate", "%", 25.0)
    assert share.part_of == cell(found, SHARES, "100.0%").start
    change = cell(found, SHARES, "-50.0%")
    assert (change.kind, change.value, change.part_of) == ("change", -50.0, None)
    assert not [f for f in found if f.number_text == "-"]   # a "-" cell is not a fact


def test_year_in_column_head_is_not_a_fact():
    found = facts(SHARES)
    assert not [f for f in found if f.value in (2022, 2023)]
    assert cell(found, SHARES, "10").kind == "case"


def test_table_total_gets_the_metric_unless_an_earlier_total_says_otherwise():
    alone = facts(SHARES)
    assert cell(alone, SHARES, "20").metric == "admin_reconsideration.received"
    prose = "全年新收行政复议申请26件。\n"
    after = facts(prose + SHARES)
    assert after[0].metric == "admin_reconsideration.received"
    assert cell(after, prose + SHARES, "20").metric is None   # 受理 under a larger 新收 total


def test_row_numbers_are_not_facts():
    found = facts(SERIALS)
    assert [f.value for f in found if f.unit == "件"] == [40, 6, 50]
    assert [f.value for f in found if f.unit == "%"] == [80, 12, 100]
    closed = cell(found, SERIALS, "50")
    assert closed.kind == "case" and cell(found, SERIALS, "40").part_of == closed.start


@pytest.mark.parametrize("text", [
    "全年办理案件35件，同比增长12%。\n",                      # prose
    "一、总体情况\n3\n全年办理案件35件。\n",                  # a lone page number is not a table
    "第 2 页\n",
])
def test_prose_is_no_table(text):
    assert find_tables(normalize(text)) == []


def test_every_form_cell_has_a_taxonomy_row():
    # fct_report_metrics gets one column per row: the CSV block is the form's cells
    from fazhi.extract.template import taxonomy_rows
    ids = {r.metric_id: r for r in RULES}
    for metric_id, name_zh, kind, subject, action, description in taxonomy_rows():
        row = ids[metric_id]
        assert (row.name_zh, row.kind, row.subject_pattern, row.description) == (name_zh, kind, subject, description)
    form_ids = {f.metric for text in (FORM, MATRIX) for f in facts(text) if f.metric}
    assert form_ids <= set(ids)


def test_form_rows_match_no_prose():
    found = facts("本年新收政府信息公开申请（自然人）9件。\n")
    assert all(not (f.metric or "").startswith("info_disclosure_form.") for f in found)


@pytest.mark.parametrize("layout", ["pipes", "cells"])
def test_a_caption_starts_the_next_table(layout):
    first = (("表1：各局收案情况",), ("单位", "收案数"), ("甲局", "3"), ("乙局", "4"), ("合计", "7"))
    second = (("表2：各镇收案情况",), ("单位", "收案数"), ("丙镇", "5"), ("丁镇", "6"))
    rows = first + second
    if layout == "pipes":
        text = "\n".join(r[0] if len(r) == 1 else " | ".join(r) + " |" for r in rows) + "\n"
    else:
        text = "\n\n".join(c for r in rows for c in r) + "\n"
    assert len(find_tables(normalize(text))) == 2
    found = facts(text)
    total = cell(found, text, "7")
    assert [f.part_of for f in found if f.value in (3, 4)] == [total.start] * 2
    assert [f.part_of for f in found if f.value in (5, 6)] == [None, None]   # not the first table's total


REVIEW_HEADS = (["行政复议", "行政诉讼"],
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
REVIEW_VALUES = ["1", "2", "0", "0", "3", "0", "1", "0", "0", "1", "2", "0", "0", "0", "2"]


@pytest.mark.parametrize("layout", ["pipes", "cells"])
def test_form_review_table(layout):
    title = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    if layout == "pipes":
        text = title + "\n" + "".join(" | ".join(r) + " |\n" for r in (*REVIEW_HEADS, REVIEW_VALUES))
    else:
        text = title + "\n" + "".join(c + "\n" for r in (*REVIEW_HEADS, REVIEW_VALUES) for c in r)
    found = facts(text)
    assert [f.value for f in found] == [float(v) for v in REVIEW_VALUES]
    ids = [f.metric for f in found]
    assert ids[0] == "info_disclosure_form.reconsideration__upheld"
    assert ids[4] == "info_disclosure_form.reconsideration__total"
    assert ids[9] == "info_disclosure_form.litigation_direct__total"
    assert ids[14] == "info_disclosure_form.litigation_after__total"
    assert all(f.kind == "case" for f in found)
    # each group's cells are parts of its own 总计
    assert found[0].part_of == found[4].start and found[5].part_of == found[9].start
    assert found[10].part_of == found[14].start


def test_the_whole_form_in_one_text():
    review = "".join(" | ".join(r) + " |\n" for r in (*REVIEW_HEADS, REVIEW_VALUES))
    found = facts(FORM + MATRIX + "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n" + review)
    ids = [f.metric for f in found]
    assert "normative_documents.issued" in ids and "info_disclosure.requests_received" in ids
    assert ids[-1] == "info_disclosure_form.litigation_after__total"


def test_prose_lines_above_a_one_cell_table_stay_prose():
    prose = "".join(f"全年办理第{k}类事项{k}件\n" for k in range(1, 25))   # short lines, no 。
    found = facts(prose + ONE_CELL)
    assert len(found) == 5 + 24   # the table's cells, and every short line's count
    assert cell(found, prose, "35").unit == "人"


def test_tab_indented_prose_is_no_table():
    text = "\t全年受理行政复议申请12件。\n\t2\n\t全年办结10件。\n\t3\n\t其中纠错2件。\n\t4\n"
    assert find_tables(normalize(text)) == [] or all(f.unit == "件" for f in facts(text) if f.value >= 10)


def test_matrix_row_with_blank_cells_after_and_before_its_seven():
    heads = "申请人情况 | 自然人 | 法人或其他组织 | 总计 |\n"
    rows = ("一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 | | |\n"
            "二、上年结转政府信息公开申请数量 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    found = facts(heads + rows)
    assert [f.metric for f in found if f.value in (3, 4)] == [
        "info_disclosure_form.requests_new__natural_person", "info_disclosure.requests_received"]
    carried = [f for f in found if f.subject and "结转" in f.subject]
    assert carried[0].metric == "info_disclosure_form.requests_carried_in__natural_person"
    assert carried[-1].metric == "info_disclosure_form.requests_carried_in__total"


def test_cells_with_their_own_measure_word_and_percent_heads():
    text = ("项目 | 数量 | 比例（%） |\n"
            "培训人员 | 120人 | 60.5 |\n"
            "罚没款 | 3.5万元 | 39.5 |\n")
    found = facts(text)
    people, money = cell(found, text, "120人"), cell(found, text, "3.5万元")
    assert (people.value, people.unit, people.kind) == (120, "人", "count")
    assert (money.value, money.unit, money.kind) == (35000, "元", "amount")
    share = cell(found, text, "60.5")
    assert (share.unit, share.kind) == ("%", "rate")


# The 2021 form's matrix rows as printed (parent rows carry no values), with the id
# each row's cells take (the core id for 新收 × 总计).
FORM_2021_ROWS = (
    ("一、本年新收政府信息公开申请数量", "requests_new"),
    ("二、上年结转政府信息公开申请数量", "requests_carried_in"),
    ("三、本年度办理结果", None),
    ("（一）予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_granted"),
    ("（三）不予公开", None),
    ("1.属于国家秘密", "withheld_state_secret"),
    ("2.其他法律行政法规禁止公开", "withheld_prohibited"),
    ("3.危及“三安全一稳定”", "withheld_security"),
    ("4.保护第三方合法权益", "withheld_third_party"),
    ("5.属于三类内部事务信息", "withheld_internal"),
    ("6.属于四类过程性信息", "withheld_process"),
    ("7.属于行政执法案卷", "withheld_enforcement_files"),
    ("8.属于行政查询事项", "withheld_query"),
    ("（四）无法提供", None),
    ("1.本机关不掌握相关政府信息", "unavailable_not_held"),
    ("2.没有现成信息需要另行制作", "unavailable_not_made"),
    ("3.补正后申请内容仍不明确", "unavailable_unclear"),
    ("（五）不予处理", None),
    ("1.信访举报投诉类申请", "ignored_petition"),
    ("2.重复申请", "ignored_repeated"),
    ("3.要求提供公开出版物", "ignored_publications"),
    ("4.无正当理由大量反复申请", "ignored_mass"),
    ("5.要求行政机关确认或重新出具已获取信息", "ignored_confirmation"),
    ("（六）其他处理", None),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee"),
    ("3.其他", "other_other"),
    ("（七）总计", "results_total"),
    ("四、结转下年度继续办理", "requests_carried_out"),
)
MATRIX_HEADS = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
                "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
COLUMN_KEYS = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total")


def _matrix_cells(layout: str) -> tuple[str, list[tuple[str, float]]]:
    """The whole matrix in a layout, and the (id, value) of every cell in order."""
    expected, rows = [], [list(MATRIX_HEADS)]
    k = 0
    for label, key in FORM_2021_ROWS:
        if key is None:
            rows.append([label])
            continue
        values = [str(k * 7 + c + 1) for c in range(7)]
        k += 1
        rows.append([label, *values])
        for c, v in zip(COLUMN_KEYS, values):
            core = key == "requests_new" and c == "total"
            expected.append(("info_disclosure.requests_received" if core else f"info_disclosure_form.{key}__{c}",
                             float(v)))
    title = "三、收到和处理政府信息公开申请情况\n"
    if layout == "cells":
        return title + "".join(f"{c}\n\n" for r in rows for c in r), expected
    if layout == "lone_pipes":
        return title + "".join("|\n" + "".join(f"{c} |\n" for c in r) for r in rows) + "|\n", expected
    return title + "".join(" | ".join(r) + " |\n" for r in rows), expected


@pytest.mark.parametrize("layout", ["cells", "lone_pipes", "pipes"])
def test_every_cell_of_the_2021_matrix_gets_its_id(layout):
    text, expected = _matrix_cells(layout)
    found = [(f.metric, f.value) for f in facts(text)]
    assert found == expected


def test_the_2019_form_variant():
    cells = ["第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
             "规章", "0", "0", "1", "规范性文件", "4", "4", "30",
             "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
             "行政许可", "25", "-2", "310",
             "第二十条第（八）项", "信息内容", "上一年项目数量", "本年增/减",
             "行政事业性收费", "3", "0"]
    text = "二、主动公开政府信息情况\n" + "".join(c + "\n" for c in cells)
    found = {f.number_text + "@" + str(f.start): f for f in facts(text)}
    by_id = {f.metric: f for f in found.values()}
    assert by_id["normative_documents.issued"].value == 4
    assert by_id["info_disclosure_form.normative_documents__published_total"].value == 30
    change = by_id["info_disclosure_form.licensing__items_change"]
    assert (change.value, change.kind, change.unit) == (-2, "change", "项")
    assert by_id["info_disclosure_form.licensing__items_last_year"].unit == "项"
    decisions = by_id["info_disclosure_form.licensing__decisions"]
    assert (decisions.value, decisions.kind, decisions.unit) == (310, "case", "件")
    assert by_id["info_disclosure_form.fees__items_last_year"].value == 3
    matrix = ("申请人情况 | 自然人 | 法人或其他组织 | 总计 |\n"
              "（五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
              "（六）其他处理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
              "（七）总计 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |\n")
    ids = [f.metric for f in facts(matrix) if f.metric and f.metric.endswith("__total")]
    assert ids == ["info_disclosure_form.ignored_petition__total", "info_disclosure_form.other_handling__total",
                   "info_disclosure_form.results_total__total"]


def test_numbers_in_a_cell_of_prose_are_read_as_prose():
    text = ("问题 | 整改措施 | 完成数 |\n"
            "执法人员培训不足 | 全年组织执法人员专题培训6期，覆盖执法人员300人 | 2 |\n"
            "案卷不规范 | 开展案卷评查 | 1 |\n")
    found = facts(text)
    assert {(f.value, f.unit) for f in found} >= {(6, "期"), (300, "人"), (2, "件"), (1, "件")}


def test_spaced_table_under_a_spaced_caption():
    text = ("全年行政复议案件办理情况如下。\n"
            "表4  行政复议案件办理情况（单位：件）\n"
            "单位        收案数    受理数    审结数\n"
            "市政府      120       100       95\n"
            "区县政府    300       280       —\n"
            "合计        420       380       95\n")
    found = facts(text)
    assert [f.value for f in found] == [120, 100, 95, 300, 280, 420, 380, 95]
    assert all(f.kind == "case" and f.unit == "件" for f in found)
    assert cell(found, text, "120").subject == "行政复议案件办理（市政府）（收案数）"
    assert cell(found, text, "300").part_of == cell(found, text, "420").start
    assert cell(found, text, "280").part_of == cell(found, text, "380").start


def test_change_cells_written_with_their_verb():
    text = "单位\t受理数\t较上年\n甲局\t12\t下降3.2%\n乙局\t30\t增长15%\n"
    found = facts(text)
    down, up = cell(found, text, "下降3.2%"), cell(found, text, "增长15%")
    assert (down.value, down.kind, down.unit) == (-3.2, "change", "%")
    assert (up.value, up.kind) == (15, "change")


def test_cells_in_wan():
    text = "地区\t调解纠纷\t涉及金额（万元）\n甲区\t1.2万\t350\n乙区\t8000\t12.5\n"
    found = facts(text)
    assert (cell(found, text, "1.2万").value, cell(found, text, "1.2万").unit) == (12000, "件")
    assert (cell(found, text, "350").value, cell(found, text, "350").unit) == (3500000, "元")


def test_subtotals_and_totals():
    text = ("单位 | 收案数 |\n"
            "甲局 | 3 |\n乙局 | 4 |\n小计 | 7 |\n"
            "丙镇 | 5 |\n小计 | 5 |\n"
            "合计 | 12 |\n")
    found = facts(text)
    sub1, sub2, total = cell(found, text, "7"), cell(found, text, "5", 1), cell(found, text, "12")
    assert [cell(found, text, n).part_of for n in ("3", "4")] == [sub1.start] * 2
    assert cell(found, text, "5").part_of == sub2.start
    assert sub1.part_of == total.start and sub2.part_of == total.start and total.part_of is None
