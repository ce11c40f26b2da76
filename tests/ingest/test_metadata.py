"""Report metadata from titles and text: stated forms only, unknown stays None."""
from __future__ import annotations

import re

import pytest

from fazhi.ingest.metadata import (
    ReportMeta, clean_title, describe, find_title, is_chrome_line, issuer_from_title,
    parse_date, region_chain,
)

# title -> (issuer, region, regions, province, city, year)
TITLES = [
    ("天津市河西区人民政府关于2023年法治政府建设情况的报告",
     "天津市河西区人民政府", "河西区", ("天津市", "河西区"), "天津市", None, 2023),
    ("北辰区司法局2022年度法治政府建设工作报告",
     "北辰区司法局", "北辰区", ("北辰区",), None, None, 2022),
    ("关于2023年度法治政府建设情况的报告", None, None, (), None, None, 2023),
    ("2021年法治政府建设年度报告", None, None, (), None, None, 2021),
    ("大港街道2023年法治政府建设情况报告", "大港街道", "大港街道", ("大港街道",), None, None, 2023),
    ("滨海新区塘沽街道办事处关于2022年度法治政府建设情况的报告",
     "滨海新区塘沽街道办事处", "塘沽街道", ("滨海新区", "塘沽街道"), None, None, 2022),
    ("江苏省苏州市昆山市人民政府2023年法治政府建设年度报告",
     "江苏省苏州市昆山市人民政府", "昆山市", ("江苏省", "苏州市", "昆山市"), "江苏省", "苏州市", 2023),
    ("广西壮族自治区南宁市青秀区2023年法治政府建设情况报告",
     "广西壮族自治区南宁市青秀区", "青秀区", ("广西壮族自治区", "南宁市", "青秀区"),
     "广西壮族自治区", "南宁市", 2023),
    ("杨村镇人民政府关于二〇二三年法治政府建设情况的报告",
     "杨村镇人民政府", "杨村镇", ("杨村镇",), None, None, 2023),
    ("天津市住房和城乡建设委员会2023年法治政府建设情况报告",
     "天津市住房和城乡建设委员会", "天津市", ("天津市",), "天津市", None, 2023),
    ("天津市城市管理委员会2023年法治政府建设情况报告",
     "天津市城市管理委员会", "天津市", ("天津市",), "天津市", None, 2023),
    ("区市场监督管理局2023年法治政府建设情况报告", "区市场监督管理局", None, (), None, None, 2023),
    ("中共西青区委 西青区人民政府关于2023年度法治政府建设情况的报告",
     "中共西青区委西青区人民政府", "西青区", ("西青区",), None, None, 2023),
    ("东丽区2023年法治政府建设情况和2024年工作安排的报告",
     "东丽区", "东丽区", ("东丽区",), None, None, 2023),
    ("关于天津市宁河区2022年法治政府建设情况的报告", None, "宁河区", ("天津市", "宁河区"), "天津市", None, 2022),
    ("法治政府建设情况报告", None, None, (), None, None, None),
]


@pytest.mark.parametrize(("title", "issuer", "region", "regions", "province", "city", "year"), TITLES)
def test_title_patterns(title, issuer, region, regions, province, city, year):
    meta = describe("正文。", title=title)
    assert meta.title == re.sub(r"\s+", " ", title)
    assert (meta.issuer, meta.region, meta.regions, meta.province, meta.city, meta.year) == (
        issuer, region, regions, province, city, year)


def test_street_short_form_expands_when_the_text_names_it():
    text = "东沽街关于2022年度法治政府建设\n\n工作情况的报告\n2022年，东沽街道坚持依法行政。"
    meta = describe(text)
    assert meta.title == "东沽街关于2022年度法治政府建设工作情况的报告"
    assert (meta.issuer, meta.region) == ("东沽街道", "东沽街道")


def test_street_short_form_kept_when_the_text_does_not_expand_it():
    meta = describe("东沽街关于2022年度法治政府建设情况的报告\n全年工作如下。")
    assert (meta.issuer, meta.region) == ("东沽街", "东沽街")


@pytest.mark.parametrize(("text", "title"), [
    ("北辰区2023年法治政府建设情况报告\n\n2023年，北辰区……", "北辰区2023年法治政府建设情况报告"),
    (" 区教育局2022年法治政府建设\n年度报告\n\n2022年，……", "区教育局2022年法治政府建设年度报告"),
    ("浏览器版本过低, 请升级! x\n当前位置:\n\n某区人民政府关于2023年度法治政府建设情况的报告\n"
     "来源:  某区人民政府 发布时间: 2024-02-28 10:47\n\n一、主要举措",
     "某区人民政府关于2023年度法治政府建设情况的报告"),
    ("首页 > 政务公开 > 法治政府建设年度报告\n某局2023年度法治政府建设情况报告\n正文。",
     "某局2023年度法治政府建设情况报告"),
    ("2023年，我局认真落实各项部署，现将情况报告如下。\n一、主要做法", None),
    ("一、主要做法\n（一）加强学习", None),
    ("", None),
])
def test_find_title(text, title):
    assert find_title(text.splitlines()) == title
    assert describe(text).title == title


def test_year_from_the_opening_paragraph_when_the_title_has_none():
    assert describe("法治政府建设情况报告\n\n2023年，我局依法履职。").year == 2023
    assert describe("法治政府建设情况报告\n2022年以来，我局依法履职。").year == 2022
    assert describe("法治政府建设情况报告\n2022年度，我局依法履职。").year == 2022


def test_year_stays_unknown_when_not_stated_plainly():
    assert describe("法治政府建设情况报告\n年初以来，我局在2023年工作基础上继续推进。").year is None
    assert describe("法治政府建设情况报告\n我局在2023年，依法履职。").year is None


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-02-28 10:47", "2024-02-28"), ("2024/3/5", "2024-03-05"), ("2024.03.05", "2024-03-05"),
    ("2024年3月5日", "2024-03-05"), ("2024-13-45", None), ("二月", None), (None, None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


def test_published_and_source_from_the_page_head():
    text = "当前位置：首页\n某区司法局2023年度法治政府建设情况报告\n来源：某区司法局 发布时间：2024-03-01 09:00\n正文。"
    meta = describe(text)
    assert (meta.published, meta.source_name) == ("2024-03-01", "某区司法局")


def test_published_variants():
    assert describe("某区2023年工作报告\n发布日期：2024年1月9日\n正文。").published == "2024-01-09"
    assert describe("某区2023年工作报告\n正文。").published is None


def test_given_title_and_date_win_over_the_text():
    meta = describe("甲区2023年法治政府建设情况报告\n发布时间：2024-01-01", title="乙区2022年法治政府建设情况报告",
                    published="2024/5/6")
    assert (meta.title, meta.region, meta.year, meta.published) == (
        "乙区2022年法治政府建设情况报告", "乙区", 2022, "2024-05-06")


def test_closing_date_line():
    assert describe("某区2023年报告\n正文。\n某区人民政府\n2024年1月30日\n").dated == "2024-01-30"
    assert describe("某区2023年报告\n正文。\n某区人民政府\n二〇二四年一月三十日").dated == "2024-01-30"
    assert describe("某区2023年报告\n正文在2024年1月30日完成。").dated is None


@pytest.mark.parametrize(("title", "clean"), [
    ("某区2023年法治政府建设情况报告_政务公开_某区人民政府", "某区2023年法治政府建设情况报告"),
    ("某区人民政府 - 某区2023年法治政府建设情况报告", "某区2023年法治政府建设情况报告"),
    ("某区2023年法治政府建设\n情况报告", "某区2023年法治政府建设情况报告"),
    ("实施纲要（2021-2025年）落实情况", "实施纲要（2021-2025年）落实情况"),
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


def test_region_chain_stops_at_the_organ():
    assert region_chain("天津市武清区发展和改革委员会") == ("天津市", "武清区")
    assert region_chain("武清区城乡建设委员会") == ("武清区",)
    assert region_chain("区政务服务办公室") == ()
    assert issuer_from_title("关于报告的报告") is None


def test_seeds_describe_plausibly(seeds):
    """Every seed gets a title found in its opening lines, and a year taken
    from that title; the web-page seed's date comes from its 发布时间 line."""
    for name, text in seeds:
        meta = describe(text)
        assert isinstance(meta, ReportMeta)
        assert meta.title, name
        assert not is_chrome_line(meta.title), name
        head = re.sub(r"\s+", "", "".join(text.splitlines()[:12]))
        assert meta.title in head, name
        year = re.search(r"(20\d{2})年", meta.title)
        assert meta.year == (int(year.group(1)) if year else None), name
        stated = re.search(r"发布时间[:：]\s*(\d{4}-\d{2}-\d{2})", text)
        assert meta.published == (stated.group(1) if stated else None), name
        if meta.issuer:
            assert meta.title.startswith(meta.issuer.rstrip("道")), name
        if meta.region:
            assert meta.region in text, name


@pytest.mark.parametrize(("text", "title"), [
    ("中共某区委 某区人民政府\n关于2023年度法治政府建设\n情况的报告\n正文。", "中共某区委 某区人民政府关于2023年度法治政府建设情况的报告"),
    ("附件1\n某区2023年法治政府建设情况报告\n正文。", "某区2023年法治政府建设情况报告"),
    ("某政报〔2024〕5号\n某区人民政府关于2023年法治政府建设情况的报告\n正文。", "某区人民政府关于2023年法治政府建设情况的报告"),
    ("（此件公开发布）\n某区2023年法治政府建设年度报告\n正文。", "某区2023年法治政府建设年度报告"),
])
def test_find_title_lines_above_and_across(text, title):
    assert find_title(text.splitlines()) == title
