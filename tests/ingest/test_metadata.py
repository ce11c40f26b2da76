"""What a page states about a report: title, dates, source, chrome lines (fazhi.ingest.metadata).

Issuer, region and year are tested in tests/metadata/.
"""
from __future__ import annotations


import pytest

from fazhi.ingest.metadata import (
    clean_title, closing_date, find_title, has_chrome_signs, is_chrome_line, parse_date, stated_published,
    stated_source,
)

@pytest.mark.parametrize(("text", "title"), [
    ("北辰区2023年法治政府建设情况报告\n\n2023年，北辰区……", "北辰区2023年法治政府建设情况报告"),
    (" 区教育局2022年法治政府建设\n年度报告\n\n2022年，……", "区教育局2022年法治政府建设年度报告"),
    ("为获得更好体验，请使用新版浏览器\n您的位置:\n\n某区人民政府关于2023年度法治政府建设情况的报告\n"
     "更新于 2024-03-12 15:20  来源: 某区司法局\n\n一、主要举措",
     "某区人民政府关于2023年度法治政府建设情况的报告"),
    ("首页 > 政务公开 > 法治政府建设年度报告\n某局2023年度法治政府建设情况报告\n正文。",
     "某局2023年度法治政府建设情况报告"),
    ("2023年，我局认真落实各项部署，现将情况报告如下。\n一、主要做法", None),
    ("一、主要做法\n（一）加强学习", None),
    ("", None),
])
def test_find_title(text, title):
    assert find_title(text.splitlines()) == title


def test_a_title_that_opens_with_its_year_is_not_joined_to_the_lines_above():
    lines = ["某某厅", "政府信息公开", "2018年全省行政应诉工作统计数据", "正文。"]
    assert find_title(lines) == "2018年全省行政应诉工作统计数据"


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-03-12 15:20", "2024-03-12"), ("2024/3/5", "2024-03-05"), ("2024.03.05", "2024-03-05"),
    ("2024年3月5日", "2024-03-05"), ("2024-13-45", None), ("二月", None), (None, None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


def test_published_and_source_from_the_page_head():
    lines = "当前位置：首页\n某区司法局2023年度法治政府建设情况报告\n来源：某区司法局 发布时间：2024-03-01 09:00\n正文。"
    assert (stated_published(lines.splitlines()), stated_source(lines.splitlines())) == ("2024-03-01", "某区司法局")



@pytest.mark.parametrize(("head", "source"), [
    ("信息来源：某县应急管理局 发布时间：2024-05-06", "某县应急管理局"),   # the long label
    ("来源 ： 某镇人民政府 | 浏览次数：12", "某镇人民政府"),
    ("本站信息来源:某市数据局作者：王某", "某市数据局"),                   # label mid-line, value up to 作者
    ("来源：\n来源：某区档案馆", "某区档案馆"),                              # an empty label: the next line's
    ("消息来源不详，某区政务网", None),                                       # no colon: not a label
])
def test_source_label_forms(head, source):
    assert stated_source(head.splitlines()) == source

def test_published_variants():
    assert stated_published("某区2023年工作报告\n发布日期：2024年1月9日\n正文。".splitlines()) == "2024-01-09"
    assert stated_published("某区2023年工作报告\n正文。".splitlines()) is None


def test_closing_date_line():
    assert closing_date("某区2023年报告\n正文。\n某区人民政府\n2024年1月30日\n".splitlines()) == "2024-01-30"
    assert closing_date("某区2023年报告\n正文。\n某区人民政府\n二〇二四年一月三十日".splitlines()) == "2024-01-30"
    assert closing_date("某区2023年报告\n正文在2024年1月30日完成。".splitlines()) is None


@pytest.mark.parametrize(("title", "clean"), [
    ("某区2023年法治政府建设情况报告_政务公开_某区人民政府", "某区2023年法治政府建设情况报告"),
    ("某区人民政府 - 某区2023年法治政府建设情况报告", "某区2023年法治政府建设情况报告"),
    ("某区2023年法治政府建设\n情况报告", "某区2023年法治政府建设情况报告"),
    ("五年规划（2026-2030年）执行情况", "五年规划（2026-2030年）执行情况"),
])
def test_clean_title(title, clean):
    assert clean_title(title) == clean


@pytest.mark.parametrize(("line", "chrome"), [
    ("当前位置：首页 > 政务公开", True), ("【打印页面】 【关闭页面】", True), ("分享到：", True),
    ("来源：某区司法局 发布时间：2024-03-01", True), ("", True),
    ("某区2023年法治政府建设情况报告", False), ("一、主要举措和成效", False),
])
def test_is_chrome_line(line, chrome):
    assert is_chrome_line(line) is chrome


@pytest.mark.parametrize("mark", [">", "»", "|", "｜"])
def test_a_menu_mark_is_a_sign_of_chrome_in_a_line_and_in_a_text(mark):
    line = f"政务公开 {mark} 通知公告"
    assert is_chrome_line(line)
    assert not is_chrome_line(line + "。")   # a sentence, not a menu
    text = "某区坚持依法行政，推进法治政府建设。\n" * 50
    assert not has_chrome_signs(text)
    assert has_chrome_signs(text + line + "\n" + text)


@pytest.mark.parametrize(("text", "title"), [
    ("中共某区委 某区人民政府\n关于2023年度法治政府建设\n情况的报告\n正文。", "中共某区委 某区人民政府关于2023年度法治政府建设情况的报告"),
    ("附件1\n某区2023年法治政府建设情况报告\n正文。", "某区2023年法治政府建设情况报告"),
    ("某政报〔2024〕5号\n某区人民政府关于2023年法治政府建设情况的报告\n正文。", "某区人民政府关于2023年法治政府建设情况的报告"),
    ("（此件公开发布）\n某区2023年法治政府建设年度报告\n正文。", "某区2023年法治政府建设年度报告"),
])
def test_find_title_lines_above_and_across(text, title):
    assert find_title(text.splitlines()) == title
