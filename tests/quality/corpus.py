"""The planted-violation corpus: report files written by the tests, each breaking one check.

Every planted report reads like a real one (title with body and year, 一、/（一）
headings) and states its violation in plain, common phrasing, so the checks are
tested, not the extractor's reach. ``PLANTED`` says which check each report
must trip, with which severity, and which sentence the failure must quote.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A sentence carrying markup: it must reach readers as text, never as a script.
SCRIPT = "<script>document.title='pwned'</script>"


@dataclass(frozen=True)
class Planted:
    doc: str
    check: str
    severity: str
    sentence: str  # a fragment of the sentence the failure must quote


REPORTS: dict[str, str] = {
    "qingchuan_county_2023.txt": f"""青川县人民政府2023年度法治政府建设情况报告

2023年，青川县深入推进法治政府建设，现将有关情况报告如下。

一、主要工作成效
（一）依法化解行政争议。全年受理行政复议案件40件，办结52件。
（二）提升行政应诉水平。全县行政机关负责人出庭应诉率达到105%{SCRIPT}。
（三）加强普法宣传。全年开展法治宣传活动12场。
二、存在的不足
基层执法力量仍然薄弱。
三、下一步工作安排
持续加强行政复议规范化建设。
""",
    "qingchuan_county_2024.txt": """青川县人民政府2024年度法治政府建设情况报告

2024年，青川县坚持依法行政，现将有关情况报告如下。

一、主要工作成效
（一）加强普法宣传。全年开展法治宣传活动150场。
（二）规范行政执法。全年办理行政处罚案件60件，其中简易程序案件45件，普通程序案件30件。
二、存在的不足
部分执法人员业务能力有待提升。
三、下一步工作安排
推进执法规范化建设。
""",
    "baishui_town_2023.txt": """白水镇人民政府2023年法治政府建设工作报告

一、推进依法行政
（一）规范行政复议工作。全年办结行政复议案件218件，纠错35件，行政复议纠错率为21.08%。
二、存在问题
法治宣传的针对性不够强。
""",
    "songlin_street_2023.txt": """松林街道办事处2023年度法治政府建设情况报告

一、主要做法
（一）加强组织领导。街道党工委高度重视法治建设，定期研究部署相关工作。
（二）深化普法宣传。通过多种形式开展法治宣传教育，群众法治意识明显增强。
二、存在问题
法治工作队伍建设有待加强。
""",
    "hexi_district_2099.txt": """河西区司法局2099年度法治政府建设工作报告

一、主要工作
（一）加强法律顾问工作。全区聘请法律顾问12名。
（二）依法办理行政复议案件。全年办结行政复议案件150件，其中撤销10件、变更5件，行政复议纠错率为20%。
二、下一步打算
继续加强法治队伍建设。
""",
    "nanshan_county_1999.txt": """南山县人民政府1999年度依法行政工作报告

一、主要工作
（一）开展普法宣传。全年组织法治宣传活动20场。
二、存在问题
依法行政意识有待提高。
""",
    # Rates next to their own counts that fit no base the report gives, and a
    # sentence closing more cases than it received of a type no metric names.
    "xiaoxi_town_2023.txt": """小溪镇人民政府2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年收到行政复议申请30件，受理25件。经审理，维持原行政行为9件，占受理案件的42%。
（二）办理诉讼案件。全年收到起诉材料80件，立案60件，审结52件，审结率为70%。
（三）化解民间纠纷。全镇新收劳动争议案件30件，结案41件。
（四）规范行政执法。全年办理行政处罚案件30件，其中治安类10件、交通类12件、其他类5件。
二、存在问题
基层调解力量不足。
""",
    # The same kinds of statements, all consistent: nothing here may be flagged.
    "lianhua_county_2023.txt": """莲花县人民政府2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年收到行政复议申请50件，受理40件，其中维持24件，占受理案件的60%；驳回10件，占收到申请的20%。
（二）办理诉讼案件。全年新收一审行政案件20件，结案26件（含上年结转8件）。
（三）规范行政执法。行政处罚案件同比增长200%。
（四）规范执法检查。全年开展执法检查40次，其中专项检查15次、联合检查20次、其他检查5次。
（五）提供法律援助。全年办理法律援助案件90件，其中刑事案件50件（含未成年人案件5件）、民事案件40件。
二、存在问题
部分执法人员业务能力有待提升。
""",
    # 收到 and, under it, 受理: the cases closed are the accepted ones (80 > 70).
    "shiqiao_town_2023.txt": """石桥镇人民政府2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年收到行政复议申请90件，其中依法受理70件。全年办结行政复议案件80件。
二、存在问题
行政复议人员力量不足。
""",
    # Cases carried over make 66 closed of 60 received possible; corrections stated
    # only under 其中 of 办结 are the corrected count.
    "dongpo_county_2023.txt": """东坡县司法局2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年受理行政复议案件60件（另有上年结转8件），办结行政复议案件66件，其中撤销3件、确认违法2件。
二、存在问题
行政复议人员力量不足。
""",
    # The closed count includes cases not accepted: compared with the 收到 total.
    "yuxi_street_2023.txt": """玉溪街道办事处2023年度法治政府建设情况报告

一、主要工作成效
（一）办理行政复议案件。全年收到行政复议申请30件，其中受理24件。全年办结行政复议案件28件（包括不予受理案件6件）。
二、存在问题
行政复议人员力量不足。
""",
    # One issuer's reports of two years: the later states last year's figures, two of
    # them not what the earlier report said (上年为110件 against 100件; 60场 up 20% from 40场).
    "yunshan_town_2022.txt": """云杉镇人民政府2022年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年受理行政复议案件100件，办结96件。
（二）规范行政执法。全年办理行政处罚案件300件。
（三）化解矛盾纠纷。全年调解矛盾纠纷500起。
（四）提升行政应诉水平。全镇行政机关负责人出庭应诉率为90%。
（五）加强普法宣传。全年开展法治宣传活动40场。
二、存在问题
基层执法力量仍然薄弱。
""",
    "yunshan_town_2023.txt": """云杉镇人民政府2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年受理行政复议案件130件，上年为110件。全年办结行政复议案件120件，比上年增加24件。
（二）规范行政执法。全年办理行政处罚案件352件，同比增长17%。
（三）化解矛盾纠纷。全年调解矛盾纠纷540件，同比增长8%。
（四）提升行政应诉水平。全镇行政机关负责人出庭应诉率为95%，同比提高5个百分点。
（五）加强普法宣传。全年开展法治宣传活动60场，同比增长20%。
二、存在问题
普法宣传的针对性不够强。
""",
    # Another issuer's report of 2022 (the 2023 figures above are not compared with it),
    # and a report whose issuer has no report of the year before: nothing to compare.
    "shanxi_town_2022.txt": """杉溪镇人民政府2022年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年受理行政复议案件70件，办结66件。
（二）规范行政执法。全年办理行政处罚案件180件。
二、存在问题
法治工作队伍建设有待加强。
""",
    "baixi_town_2023.txt": """柏溪镇人民政府2023年度法治政府建设情况报告

一、主要工作成效
（一）化解行政争议。全年受理行政复议案件45件，上年为60件。
（二）规范行政执法。全年办理行政处罚案件150件，同比下降25%。
二、存在问题
行政复议人员力量不足。
""",
    # Text under a Word binary's name: not a .doc fazhi can read, an ingest error of the run.
    "qingchuan_county_2022.doc": "青川县人民政府2022年度法治政府建设情况报告（旧版Word文件）",
}

PLANTED: tuple[Planted, ...] = (
    Planted("qingchuan_county_2023.txt", "closed_le_received", "error", "受理行政复议案件40件，办结52件"),
    Planted("qingchuan_county_2023.txt", "rate_within_0_100", "error", "出庭应诉率达到105%"),
    Planted("qingchuan_county_2024.txt", "parts_le_total", "error", "办理行政处罚案件60件"),
    Planted("baishui_town_2023.txt", "stated_rate_matches_counts", "warning", "纠错率为21.08%"),
    # the corrected count stated only as parts (其中撤销…、变更…): 15 / 150 = 10%, not 20%
    Planted("hexi_district_2099.txt", "stated_rate_matches_counts", "warning", "纠错率为20%"),
    Planted("songlin_street_2023.txt", "report_has_facts", "warning", "松林街道办事处2023年度"),
    Planted("hexi_district_2099.txt", "report_year_in_range", "warning", "2099年度"),
    Planted("nanshan_county_1999.txt", "report_year_in_range", "warning", "1999年度"),
    Planted("qingchuan_county_2024.txt", "metric_jump_le_tenfold", "warning", "法治宣传活动150场"),
    # 9 / 25 = 36 %, 9 / 30 = 30 %: 42 % fits neither base
    Planted("xiaoxi_town_2023.txt", "stated_rate_fits_a_base", "warning", "占受理案件的42%"),
    # 52 / 80 = 65 %, 52 / 60 = 86.7 %: 70 % fits neither
    Planted("xiaoxi_town_2023.txt", "stated_rate_fits_a_base", "warning", "审结率为70%"),
    Planted("xiaoxi_town_2023.txt", "closed_le_received_in_sentence", "error", "新收劳动争议案件30件，结案41件"),
    Planted("shiqiao_town_2023.txt", "closed_le_received", "error", "办结行政复议案件80件"),
    # listed down to 其他: the parts are all of it, 10 + 12 + 5 = 27, not 30
    Planted("xiaoxi_town_2023.txt", "parts_sum_to_total", "warning", "其中治安类10件、交通类12件、其他类5件"),
    # last year's report of the same issuer said 100件 and 40场 (60 / 1.2 = 50)
    Planted("yunshan_town_2023.txt", "matches_last_years_report", "warning", "受理行政复议案件130件，上年为110件"),
    Planted("yunshan_town_2023.txt", "matches_last_years_report", "warning", "法治宣传活动60场，同比增长20%"),
)

# Reports whose statements are all consistent: no check may flag them.
CONSISTENT = ("lianhua_county_2023.txt", "dongpo_county_2023.txt", "yuxi_street_2023.txt",
              "yunshan_town_2022.txt", "shanxi_town_2022.txt", "baixi_town_2023.txt")


def write_corpus(directory: Path) -> Path:
    """Write every planted report into ``directory``; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
