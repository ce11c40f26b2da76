"""The fixture report of the format tests: text written for them, with numbers.

Every format fixture (scanned PDF, .doc, .wps, .ofd, .mht) is this text
rendered by ``render.py``; the same text landed as .txt is the yardstick
its facts are compared with.
"""
from __future__ import annotations

TITLE = "青禾县人民政府2024年度法治政府建设工作报告"
# (is_heading, text) in order; paragraphs are long enough to wrap on a page.
BODY: tuple[tuple[bool, str], ...] = (
    (False, "2024年，青禾县人民政府坚持依法行政，把法治政府建设摆在全局工作的重要位置，"
            "统筹推进各项任务落实，现将全年工作情况报告如下。"),
    (True, "一、行政复议和行政应诉"),
    (False, "全年县政府共受理行政复议案件58件，审结52件，其中维持决定31件，撤销决定9件，"
            "确认违法4件，以调解方式结案8件，纠错率为25%。行政复议案件平均办理期限缩短至41天。"),
    (False, "全县行政机关共发生行政诉讼案件73件，同比下降12%，行政机关负责人出庭应诉67件，"
            "出庭应诉率达到91.8%，败诉案件6件。"),
    (True, "二、行政执法和监督"),
    (False, "组织行政执法人员参加公共法律知识培训和专业知识考试，共有426人取得执法证件，"
            "开展执法案卷评查3次，抽查案卷215卷，发现问题37个，已全部整改完毕。"),
    (False, "全年办理人大代表建议46件、政协委员提案63件，办结率100%，"
            "群众满意度达到96.5%。"),
    (True, "三、矛盾纠纷化解"),
    (False, "全县各级人民调解组织共调解矛盾纠纷1284件，调解成功1241件，调解成功率达96.7%，"
            "涉及金额约3600万元。法律援助机构办理法律援助案件512件，提供法律咨询2800余人次。"),
    (True, "四、政务公开"),
    (False, "县政府门户网站全年主动公开政府信息1935条，受理政府信息公开申请27件，"
            "均在法定期限内予以答复，未发生因政府信息公开引发的行政复议和诉讼。"),
    (True, "五、下一步工作安排"),
    (False, "下一步，县政府将继续完善重大行政决策程序，计划年内新建基层法律服务站点15个，"
            "培训基层执法骨干300人次，推动法治政府建设再上新台阶。"),
)


def paragraphs() -> list[str]:
    """Title, then each heading and paragraph, one a line."""
    return [TITLE, *(text for _, text in BODY)]


def report_text() -> str:
    """The report as plain text (what a .txt of it holds)."""
    return "\n".join(paragraphs()) + "\n"
