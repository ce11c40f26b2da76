"""Report metadata from titles, openings, signatures and page fields (fazhi.metadata.describe).

Every text here is written for the test. Conventions (../shared/gold/SCHEMA.md):
the issuer in full, short forms completed only with a place the text names;
city and province only when the text names them (a county alone implies none).
"""
from __future__ import annotations

import pytest

from fazhi.metadata import describe, text_key

BODY = "\n一、主要举措\n全年办理行政复议案件12件。\n"

# title -> (issuer, issuer_level, region, region_code, province, city, year)
TITLES = [
    ("天津市河西区人民政府关于2023年法治政府建设情况的报告",
     "天津市河西区人民政府", "county", "河西区", "120103", "天津市", "天津市", 2023),
    ("北辰区司法局2022年度法治政府建设工作报告",
     "北辰区司法局", "department", "北辰区", "120113", None, None, 2022),
    ("关于2023年度法治政府建设情况的报告", None, None, None, None, None, None, 2023),
    ("红桥区西于庄街道办事处关于2021年度法治政府建设情况的报告",
     "红桥区西于庄街道办事处", "township", "西于庄街道", "120106", None, None, 2021),
    ("江苏省苏州市昆山市人民政府2023年法治政府建设年度报告",
     "江苏省苏州市昆山市人民政府", "county", "昆山市", "320583", "江苏省", "苏州市", 2023),
    ("杨村镇人民政府关于二〇二三年法治政府建设情况的报告",
     "杨村镇人民政府", "township", "杨村镇", None, None, None, 2023),
    ("天津市住房和城乡建设委员会2023年法治政府建设情况报告",
     "天津市住房和城乡建设委员会", "department", "天津市", "120000", "天津市", "天津市", 2023),
    ("中共西青区委 西青区人民政府关于2023年度法治政府建设情况的报告",
     "西青区人民政府", "county", "西青区", "120111", None, None, 2023),
    ("2021年南京市统计局政府信息公开工作年度报告",
     "南京市统计局", "department", "南京市", "320100", "江苏省", "南京市", 2021),
    ("江西省人民政府关于2021年法治政府建设情况的报告",
     "江西省人民政府", "province", "江西省", "360000", "江西省", None, 2021),
    ("2022年西湖区司法局关于法治政府建设情况的报告",
     "西湖区司法局", "department", "西湖区", None, None, None, 2022),
    ("法治政府建设情况报告", None, None, None, None, None, None, None),
]


@pytest.mark.parametrize(("title", "issuer", "level", "region", "code", "province", "city", "year"), TITLES)
def test_titles(title, issuer, level, region, code, province, city, year):
    m = describe(title + BODY)
    assert (m.issuer, m.issuer_level, m.region, m.region_code, m.province, m.city, m.year) == (
        issuer, level, region, code, province, city, year)


@pytest.mark.parametrize(("title", "issuer"), [
    ("2023年海淀区法治政府建设年度报告", "海淀区人民政府"),
    ("福田区2023年法治政府建设情况报告", "福田区人民政府"),
    ("大港街道2022年政府信息公开工作年度报告", "大港街道办事处"),
    ("2021年度吉林省法治政府建设情况", "吉林省人民政府"),
])
def test_a_places_own_report_is_its_governments(title, issuer):
    assert describe(title + BODY).issuer == issuer


def test_a_place_in_the_title_gives_the_region_not_the_issuer():
    """"某区2023年法律援助工作总结" may be written by any of the district's bodies."""
    m = describe("2019年江岸区法律援助工作总结\n2019年，我区法律援助工作稳步推进。")
    assert (m.issuer, m.region, m.region_code, m.year) == (None, "江岸区", "420102", 2019)


@pytest.mark.parametrize(("text", "issuer"), [
    ("2023年，佛山市坚持依法行政，各项工作取得成效。", "佛山市人民政府"),
    ("2023年，在省委省政府领导下，嘉兴市扎实推进依法行政。", "嘉兴市人民政府"),
    ("2023年，温州市司法局认真履行职责。", "温州市司法局"),
    ("2021年，吉林省政府持续推进依法行政。", "吉林省人民政府"),
    ("2024年，杜城街道扎实推进依法行政。", "杜城街道办事处"),
    ("2021年，水利部坚持依法行政。", "中华人民共和国水利部"),
    ("2022年，国家市场监督管理总局坚持依法行政。", "国家市场监督管理总局"),
])
def test_the_subject_of_the_opening(text, issuer):
    assert describe(text + BODY).issuer == issuer


def test_self_reference_completed_by_the_place_the_text_names():
    text = ("省政府：\n2021年，在省委的领导下，我市扎实推进各项部署。"
            "为无锡经济社会发展提供法治保障，无锡市委高度重视。" + BODY)
    m = describe(text)
    assert (m.issuer, m.region, m.province, m.city, m.year) == ("无锡市人民政府", "无锡市", "江苏省", "无锡市", 2021)


def test_we_city_can_be_a_county_level_city():
    text = "2023年，我市坚持依法行政。在安庆市委的领导下，桐城市各部门协同，桐城市法治建设稳步推进。" + BODY
    m = describe(text)
    assert (m.issuer, m.issuer_level, m.region, m.region_code, m.city, m.province) == (
        "桐城市人民政府", "county", "桐城市", "340881", "安庆市", "安徽省")


def test_self_reference_without_a_named_place_stays_unknown():
    m = describe("2021年，我区坚持依法行政，全面推进法治政府建设。" + BODY)
    assert (m.issuer, m.region, m.year) == (None, None, 2021)
    assert describe("2020年，我局对全年行政复议案件进行了统计。" + BODY).issuer is None


def test_without_an_issuer_the_region_is_the_place_the_text_speaks_for():
    text = ("2022年，在省委和市委的领导下，各项工作扎实推进。陕西省部署的任务，"
            "榆林市全部完成，榆林市各县区同步推进。" + BODY)
    m = describe(text)
    assert (m.issuer, m.region, m.region_level, m.city, m.province) == (None, "榆林市", "city", "榆林市", "陕西省")


def test_short_form_in_the_title_completed_with_the_district_named_most():
    text = ("区教育局2021年法治建设工作报告\n2021年，区教育局依法履职。津南区教育系统推进依法治校，"
            "津南区各学校……天津市教委部署。" + BODY)
    m = describe(text)
    assert (m.issuer, m.issuer_level, m.region, m.province, m.city) == (
        "津南区教育局", "department", "津南区", "天津市", "天津市")


def test_county_committee_and_government_opening_completed_by_the_county_named():
    text = ("中共某州委、某州人民政府：\n2023年，县委、县政府扎实推进依法行政。印发《宾川县法治建设方案》，"
            "大理州考核优秀。" + BODY)
    m = describe(text)
    assert (m.issuer, m.region, m.city, m.province) == (
        "宾川县人民政府", "宾川县", "大理白族自治州", "云南省")


def test_a_town_takes_the_county_the_text_writes_before_it():
    text = ("现将新铺镇2021年政府信息公开工作年度报告予以公布。联系地址：梅州市蕉岭县新铺镇人民路1号。"
            + BODY)
    m = describe(text)
    assert (m.issuer, m.issuer_level, m.region, m.county, m.city, m.province) == (
        "蕉岭县新铺镇人民政府", "township", "新铺镇", "蕉岭县", "梅州市", "广东省")


def test_traditional_characters_and_pinyin_glosses():
    m = describe("芷江侗族自治縣某某鄉人民政府2021年政府信息公開工作年度報告\n本報告的統計期限從2021年1月1日起。")
    assert (m.issuer, m.region, m.county, m.year) == ("芷江侗族自治县某某乡人民政府", "某某乡", "芷江侗族自治县", 2021)
    m = describe("發佈時間：2022-02-11\n2021年，佛山市堅持依法行政，法治建設(shè)取得成效。")
    assert (m.issuer, m.published) == ("佛山市人民政府", "2022-02-11")


def test_page_fields_name_the_body_when_nothing_else_does():
    text = ("栏目：江西省司法厅-工作动态 发布时间：2021-03-09\n我厅汇总了全省行政应诉案件，情况如下：" + BODY)
    m = describe(text)
    assert (m.issuer, m.issuer_level, m.region_level, m.region, m.published) == (
        "江西省司法厅", "department", "province", "江西省", "2021-03-09")


def test_a_reprinting_site_is_not_the_issuer():
    text = "来源：某某日报 发布时间：2024-03-01\n2023年，全市法治建设扎实推进。" + BODY
    assert describe(text).issuer is None
    text = "海淀区2023年法治政府建设情况报告\n来源：北京日报网\n2023年，海淀区坚持依法行政。" + BODY
    assert describe(text).issuer == "海淀区人民政府"
    text = "海淀区2023年行政复议工作情况报告\n来源：北京市人民政府网\n全年法治建设扎实推进。" + BODY
    assert (describe(text).issuer, describe(text).region) == (None, "海淀区")
    text = "海淀区2023年行政复议工作情况报告\n来源：海淀区人民政府网\n全年法治建设扎实推进。" + BODY
    assert describe(text).issuer == "海淀区人民政府"


def test_signature_at_the_end():
    text = "2023年法治政府建设情况报告\n全年办理行政复议案件12件。\n东城区司法局\n2024年1月20日\n"
    m = describe(text)
    assert (m.issuer, m.region, m.year, m.dated) == ("东城区司法局", "东城区", 2023, "2024-01-20")
    text = "2023年法治政府建设情况报告\n全年办理行政复议案件12件。\n东城区司法局\n二〇二四年一月二十日\n"
    assert describe(text).issuer == "东城区司法局"


def test_a_footer_naming_the_site_is_not_a_signature():
    text = "2023年法治政府建设情况报告\n全年办理行政复议案件12件。\n【打印】【关闭】\n北京市人民政府\n"
    assert describe(text).issuer is None


def test_party_committee_and_government_report_is_the_governments():
    text = "2023年，海淀区委、海淀区人民政府坚持依法行政。" + BODY
    assert describe(text).issuer == "海淀区人民政府"
    assert describe("《2023年海淀区法治政府建设年度报告》" + BODY).issuer == "海淀区人民政府"


def test_byline_under_the_title():
    text = "某市2021年行政复议案件统计分析报告\n桐城市人民政府行政复议办公室\n根据有关规定，我办组织了统计。" + BODY
    assert describe(text).issuer == "桐城市人民政府行政复议办公室"


@pytest.mark.parametrize(("text", "year"), [
    ("某镇政府信息公开工作年度报告\n本报告的统计期限为2021年1月1日至12月31日。", 2021),
    ("今年以来，我县扎实推进依法行政。现将2023年度我县法治政府建设情况报告如下。", 2023),
    ("1998年全县共建成调解小组三百余个。", 1998),
    ("【通报】2019年度本县行政应诉案件情况通报\n正文。", 2019),
    ("法治政府建设情况报告\n年初以来，我局在2023年工作基础上继续推进。", None),
    ("2023年1月5日，召开了会议。", None),
])
def test_report_year(text, year):
    assert describe(text).year == year


def test_given_title_and_date_win_over_the_text():
    m = describe("甲区2023年法治政府建设情况报告\n发布时间：2024-01-01", title="东城区2022年法治政府建设情况报告",
                 published="2024/5/6")
    assert (m.title, m.region, m.year, m.published) == ("东城区2022年法治政府建设情况报告", "东城区", 2022, "2024-05-06")


def test_ambiguous_region_keeps_its_name_without_code():
    """城中区 is a district of 西宁 and of 柳州: unsettled, no code, city or province."""
    m = describe("城中区人民政府关于2023年法治政府建设情况的报告" + BODY)
    assert (m.issuer, m.region, m.region_code, m.province, m.city) == ("城中区人民政府", "城中区", None, None, None)


def test_ambiguous_region_settled_by_the_places_the_text_names():
    m = describe("城中区人民政府关于2023年法治政府建设情况的报告\n2023年，城中区认真落实柳州市部署。" + BODY)
    assert (m.region, m.region_code, m.province, m.city) == ("城中区", "450202", "广西壮族自治区", "柳州市")


def test_the_place_written_before_the_name_most_often_settles_it():
    text = ("朝阳区人民政府关于2023年法治政府建设情况的报告\n2023年，长春市朝阳区坚持依法行政，"
            "组织干部赴北京市朝阳区学习，长春市朝阳区各街道同步推进。" + BODY)
    m = describe(text)
    assert (m.region, m.region_code, m.city, m.province) == ("朝阳区", "220104", "长春市", "吉林省")
    tie = text.replace("长春市朝阳区各街道", "各街道")
    assert describe(tie).region_code is None


def test_text_key_ignores_chrome_spacing_punctuation_and_script():
    plain = "某区2023年法治政府建设情况报告\n一、主要举措\n全年办理行政复议案件12件。"
    page = "当前位置：首页 > 政务公开\n某区2023年法治政府建设情况报告\n\n一、 主要举措\n全年办理行政复议案件 12 件.\n分享到："
    traditional = "某區2023年法治政府建設情況報告\n一、主要舉措\n全年辦理行政復議案件12件。"
    assert text_key(plain) == text_key(page) == text_key(traditional)
    assert text_key(plain) != text_key(plain.replace("12件", "13件"))
    assert text_key("  \n") is None


def test_text_key_keeps_table_cells():
    """Two reports of one template differ only in their tables: not duplicates."""
    head = "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
    first = head + "行政许可 | 12 | 3 |\n行政处罚 | 5 | 0 |\n"
    other = head + "行政许可 | 10 | 3 |\n行政处罚 | 5 | 0 |\n"
    as_pdf = head + "行政许可 12 3\n行政处罚 5 0\n"
    assert text_key(first) != text_key(other)
    assert text_key(first) == text_key(as_pdf)


@pytest.mark.parametrize("text", [
    "某镇加强法治建\n\u3000\n(shè)\n全年培训干部30人次。",        # no chrome word: the blank line still goes
    "某镇加强法治建\n\u3000\n(shè)\n来源：某镇人民政府\n全年培训干部30人次。",   # a chrome line too
])
def test_blank_lines_go_before_the_gloss_is_dropped(text):
    """A blank line between an ideograph and its pinyin gloss is chrome: dropped first, the
    gloss then follows the ideograph and is removed (with or without other chrome in the text)."""
    assert text_key(text) == text_key("某镇加强法治建\n全年培训干部30人次。")
