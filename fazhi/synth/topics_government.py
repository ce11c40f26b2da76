"""Topic writers of the synthetic corpus: how the government works (职能, 营商环境, 规范性文件,
重大决策, 法律顾问, 行政执法). Each writes its topic's paragraphs into ``Out`` (``facts.py``
names them by topic); ``context.py`` gives what they draw on."""
from __future__ import annotations

from fazhi.synth import numbers as nb
from fazhi.synth.context import PARTS_OVER_TOTAL, RATE_OVER_100, Ctx, Out, list_parts, parts_of


def functions(ctx: Ctx, out: Out) -> None:
    """依法全面履行政府职能: 权责清单, 政务服务事项, 网上可办率, 办件量, 时限."""
    p = out.p
    ctx.clause(p, "functions")
    r = ctx.rng.random()
    if r < 0.4:
        p.t("动态调整权责清单事项")
        p.num(ctx.cnt(ctx.v(60, 900), "项"), "count", "权责清单事项", "调整", "power_list.items")
    elif r < 0.7:
        p.t("组织召开权责清单联席会议")
        p.num(nb.count(ctx.rng, ctx.rng.randint(1, 4), "次", exact=True), "count", "权责清单联席会议", "召开")
        p.t("，调整了")
        p.num(ctx.cnt(ctx.v(4, 30), "家", exact=True), "count", "调整权责清单的单位", "调整")
        p.t("单位")
        p.num(ctx.cnt(ctx.v(80, 1200), "项"), "count", "职权事项", "调整", "power_list.items")
        p.t("职权事项")
    else:
        p.t("向社会公布行政职权")
        p.num(ctx.cnt(ctx.v(1500, 6000), "项"), "count", "行政职权", "公布", "power_list.items")
    p.t("。")
    ctx.gap(p, "functions")
    if ctx.wants(RATE_OVER_100) or ctx.chance(0.8):
        p.t(ctx.pick(("全面梳理", "持续规范", "动态更新")))
        p.t("政务服务事项，")
        r = ctx.rng.random()
        if r < 0.5:
            p.t(ctx.w)
            p.num(ctx.cnt(ctx.v(300, 2500), "项"), "count", "政务服务事项", "进驻", "gov_services.items")
            p.t("政务服务事项进驻政务服务中心")
        else:
            p.t("推出")
            p.num(ctx.cnt(ctx.v(20, 300), "项"), "count", "“跨省通办”事项", "推出", "gov_services.items")
            p.t("“跨省通办”事项")
        if ctx.wants(RATE_OVER_100) or ctx.chance(0.7):
            p.t("，")
            subj = ctx.pick(("政务服务事项网上可办率", "全程网办比例", "“一网通办”事项比例"))
            p.t(subj.replace("“一网通办”", "“[[一网通办|s]]”")).t(ctx.pick(("达到", "达", "提升至", "为")))
            if ctx.plant(RATE_OVER_100):
                f = p.num(ctx.over100(), "rate", subj, None, "gov_services.online_rate")
                ctx.record(RATE_OVER_100, f)
            else:
                p.num(ctx.pct(85, 100), "rate", subj, None, "gov_services.online_rate")
                if ctx.chance(0.3):
                    ctx.points(p, subj)
        p.t("。")
    ctx.gap(p, "functions")
    if ctx.chance(0.6):
        p.t(ctx.pick(("全年", "年内", "")) + "办理各类政务服务事项")
        total = ctx.v(20000, 600000)
        p.num(ctx.cnt(total, "件"), "case", "政务服务事项办件", "办理")
        if ctx.chance(0.5):
            ch, sign, verb = ctx.change(2, 40)
            p.t("，同比" + verb)
            p.num(ch, "change", "政务服务事项办件量", verb)
        p.t("。")
    ctx.gap(p, "functions")
    if ctx.chance(0.5):
        r = ctx.rng.random()
        if r < 0.5:
            p.t("审批时限平均压缩")
            p.num(nb.days(ctx.rng, ctx.rng.randint(2, 30)), "duration", "审批时限", "压缩")
            p.t("，减少申请材料")
            p.num(ctx.cnt(ctx.v(10, 400), "份"), "count", "申请材料", "减少")
        else:
            p.t("推出")
            p.num(ctx.cnt(ctx.v(5, 60), "个"), "count", "“一件事一次办”集成服务主题", "推出")
            p.m("“[[一件事一次办|s]]”集成服务主题，企业开办时间压缩至")
            if ctx.chance(0.3):
                lo = ctx.rng.randint(1, 3)
                num = nb.span(ctx.rng, lo, lo + ctx.rng.randint(1, 3), "个工作日")
            else:
                num = nb.days(ctx.rng, ctx.rng.randint(1, 3), ctx.pick(("个工作日", "天")))
            p.num(num, "duration", "企业开办时间", "压缩")
        p.t("。")


def business(ctx: Ctx, out: Out) -> None:
    """优化法治化营商环境: 企业问题, 双随机抽查, 涉企检查变化, 新增市场主体."""
    p = out.p
    ctx.clause(p, "business")
    p.t("建立企业诉求“直通车”机制，全年为企业解决各类问题")
    p.num(ctx.cnt(ctx.v(20, 900), "个"), "case", "企业问题", "解决")
    ctx.gap(p, "business")
    if ctx.chance(0.5):
        p.t("，问题解决率达")
        p.num(ctx.pct(90, 100), "rate", "企业问题解决率")
    p.t("。")
    ctx.gap(p, "business")
    if ctx.chance(0.75):
        p.m("常态化开展“[[双随机、一公开|s]]”监管，")
        p.t(ctx.pick(("全年", "年内", "")) + "开展抽查")
        p.num(ctx.cnt(ctx.v(40, 900), "次"), "count", "“双随机、一公开”抽查", "开展", "law_enforcement.inspections")
        p.t("，抽查市场主体")
        p.num(ctx.cnt(ctx.v(300, 6000), "户"), "count", "抽查市场主体", "抽查")
        if ctx.chance(0.5):
            ch, sign, verb = ctx.change(5, 45)
            p.t("，涉企现场检查同比" + verb)
            p.num(ch, "change", "涉企现场检查", verb)
        p.t("。")
    ctx.gap(p, "business")
    if ctx.chance(0.5):
        p.t(ctx.pick(("全年新增市场主体", "新登记各类市场主体")))
        p.num(ctx.cnt(ctx.v(1500, 30000), "户"), "count", "新增市场主体", "新增")
        if ctx.chance(0.5):
            p.t("，为企业减免各类费用")
            p.num(nb.money(ctx.rng, ctx.v(2_000_000, 300_000_000)), "amount", "为企业减免费用", "减免")
        p.t("。")
    ctx.filler(p, "business")


def normative(ctx: Ctx, out: Out) -> None:
    """规范性文件与合法性审核: 审核, 意见书, 审核率, 备案, 出台, 清理/废止."""
    p = out.p
    ctx.clause(p, "normative")
    r = 0.0 if ctx.wants(PARTS_OVER_TOTAL) else ctx.rng.random()
    plant_parts = ctx.plant(PARTS_OVER_TOTAL) if r < 0.45 else False
    if r < 0.45:
        total_v = ctx.v(40, 600, minimum=8)
        p.t(ctx.pick(("全年", "年内", "")) + "对各类文件开展合法性审核")
        total = p.num(ctx.cnt(total_v, "件", exact=True), "count", "合法性审核文件", "审核",
                      "legality_review.documents")
        p.t("，其中")
        vals = parts_of(ctx, total_v, 3, over=plant_parts)
        parts = list_parts(ctx, p, total, [("行政规范性文件", "合法性审核的规范性文件"),
                                            ("重大合同", "合法性审核的重大合同"),
                                            ("其他文件", "合法性审核的其他文件")], vals, "件", "count", "审核")
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, parts[-1])
    else:
        p.t("审核" + ctx.pick(("行政规范性文件、重大合同等", "政府文件、协议等", "各类文件")))
        p.num(ctx.cnt(ctx.v(40, 600), "件"), "count", "合法性审核文件", "审核", "legality_review.documents")
    ctx.gap(p, "normative")
    if ctx.chance(0.7):
        p.t("，" + ctx.pick(("出具法律意见书", "提出法律审核意见")))
        unit = ctx.pick(("份", "条", "件"))
        p.num(ctx.cnt(ctx.v(30, 800), unit), "count", "法律审核意见", "出具", "legality_review.opinions")
    ctx.gap(p, "normative")
    if ctx.wants(RATE_OVER_100) or ctx.chance(0.6):
        p.t("，合法性审核率" + ctx.pick(("达到", "达", "保持")))
        if ctx.plant(RATE_OVER_100):
            ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "合法性审核率", None, "legality_review.rate"))
        else:
            p.num(nb.Num("100%", 100, "%", None), "rate", "合法性审核率", None, "legality_review.rate")
    p.t("。")
    ctx.gap(p, "normative")
    if ctx.chance(0.7):
        p.t(ctx.pick(("制定出台行政规范性文件", "以政府名义出台规范性文件", "印发行政规范性文件")))
        issued = ctx.v(2, 40)
        p.num(ctx.cnt(issued, "件", exact=True), "count", "行政规范性文件", "制定", "normative_documents.issued")
        p.t("，" + ctx.pick(("全部按规定报送备案", "均按时报送备案")) + "，备案率、及时率均为")
        p.num(nb.Num("100%", 100, "%", None), "rate", "规范性文件备案率",
              also=(("规范性文件备案及时率", None, None),), respectively=True)
        p.t("。")
    elif ctx.chance(0.6):
        p.t("向上级报送备案规范性文件")
        p.num(ctx.cnt(ctx.v(2, 40), "件"), "count", "行政规范性文件", "备案", "normative_documents.filed")
        p.t("，备案审查合格率")
        p.num(nb.Num("100%", 100, "%", None), "rate", "规范性文件备案审查合格率")
        p.t("。")
    ctx.gap(p, "normative")
    if ctx.chance(0.6):
        p.t(ctx.pick(("组织开展规范性文件清理，", "对现行有效的规范性文件进行全面清理，", "")))
        tot = ctx.v(30, 400, minimum=10)
        p.t("共清理文件")
        total = p.num(ctx.cnt(tot, "件", exact=True), "count", "规范性文件", "清理", "normative_documents.abolished")
        p.t("，其中")
        vals = parts_of(ctx, max(2, tot // 3), 2)
        p.t("废止")
        p.num(nb.count(ctx.rng, vals[0], "件", exact=True), "count", "废止的规范性文件", "废止", None, part_of=total)
        p.t(ctx.pick(("、宣布失效", "，宣布失效")))
        p.num(nb.count(ctx.rng, vals[-1], "件", exact=True), "count", "宣布失效的规范性文件", "宣布失效", None,
              part_of=total)
        p.t("。")
    ctx.gap(p, "normative")
    if ctx.chance(0.35):
        p.t("对上级机关征求意见的法律法规草案、规章草案提出修改意见")
        p.num(ctx.cnt(ctx.v(10, 200), "条"), "count", "对法律法规草案提出的修改意见", "提出")
        p.t("。")


def decisions(ctx: Ctx, out: Out) -> None:
    """重大行政决策: 事项数, 听证, 后评估."""
    p = out.p
    ctx.clause(p, "decisions")
    r = ctx.rng.random()
    items = ctx.rng.randint(1, 12)
    if r < 0.5:
        p.nf(f"{ctx.year}年", "y").t("纳入决策事项目录的重大行政决策事项")
        p.num(nb.count(ctx.rng, items, "项", cn=0.4), "count", "重大行政决策事项", None, "major_decisions.items")
        p.t("，均严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。")
    else:
        p.t("全年作出重大行政决策")
        p.num(nb.count(ctx.rng, items, "项", cn=0.4), "count", "重大行政决策事项", "作出", "major_decisions.items")
        p.t("，决策前均经过合法性审查，并充分听取法律顾问、公职律师意见。")
    ctx.gap(p, "decisions")
    if ctx.chance(0.5):
        p.t("组织召开决策听证会")
        p.num(nb.count(ctx.rng, ctx.rng.randint(1, 6), "场", cn=0.4), "count", "决策听证会", "召开")
        p.t("，开展决策后评估")
        p.num(nb.count(ctx.rng, ctx.rng.randint(1, 5), "项", cn=0.4), "count", "决策后评估", "开展")
        p.t("。")
    ctx.filler(p, "decisions")


def advisors(ctx: Ctx, out: Out) -> None:
    """法律顾问和公职律师: 人数, 履职件数."""
    p = out.p
    ctx.clause(p, "advisors")
    p.t(ctx.pick(("全年聘请法律顾问", "共聘请政府法律顾问", "选聘法律顾问")))
    p.num(ctx.cnt(ctx.v(5, 60), "名"), "count", "法律顾问", "聘请", "legal_advisors.count")
    ctx.gap(p, "advisors")
    if ctx.chance(0.6):
        p.t("、公职律师")
        p.num(ctx.cnt(ctx.v(3, 50), "名"), "count", "公职律师", None, "legal_advisors.count")
    ctx.gap(p, "advisors")
    if ctx.chance(0.5):
        p.t("，" + ctx.w + "各部门法律顾问覆盖率达到")
        p.num(nb.Num("100%", 100, "%", None), "rate", "法律顾问覆盖率")
    p.t("。")
    r = ctx.rng.random()
    if r < 0.5:
        p.t("法律顾问全年审核合同")
        p.num(ctx.cnt(ctx.v(50, 900), "份"), "count", "法律顾问审核合同", "审核", "legal_advisors.services")
        p.t("，参与信访接待、矛盾化解")
        p.num(ctx.cnt(ctx.v(10, 300), "次"), "count", "法律顾问参与信访接待", "参与", "legal_advisors.services")
    else:
        p.t("法律顾问、公职律师年内" + ctx.pick(("履职", "提供法律服务")))
        p.num(ctx.cnt(ctx.v(200, 8000), "件"), "count", "法律顾问、公职律师履职", "履职", "legal_advisors.services")
    p.t("，充分发挥法律参谋助手作用。")


def enforce(ctx: Ctx, out: Out) -> None:
    """严格规范公正文明执法: 处罚案件, 罚没款, 检查, 案卷评查, 执法人员."""
    p = out.p
    ctx.clause(p, "enforce")
    p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("办理行政处罚案件", "查处行政处罚案件", "作出行政处罚决定",
                                                   "办结行政处罚案件")))
    plant_parts = ctx.plant(PARTS_OVER_TOTAL)
    with_parts = plant_parts or ctx.chance(0.35)
    tot = ctx.v(120, 6000, minimum=12)
    unit = ctx.pick(("件", "件", "起"))
    total = p.num(ctx.cnt(tot, unit, exact=with_parts), "case", "行政处罚案件", "办理", "admin_penalty.cases")
    if with_parts:
        p.t("，其中")
        vals = parts_of(ctx, tot, 2, over=plant_parts)
        parts = list_parts(ctx, p, total, [("简易程序案件", "简易程序行政处罚案件"),
                                            ("普通程序案件", "普通程序行政处罚案件")], vals, "件", "case")
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, parts[-1])
    ctx.gap(p, "enforce")
    if ctx.chance(0.75):
        p.t("，" + ctx.pick(("罚没款", "罚没款共计", "收缴罚款")))
        p.num(nb.money(ctx.rng, ctx.v(300_000, 80_000_000)), "amount", "罚没款", None, "admin_penalty.fines")
    ctx.gap(p, "enforce")
    if ctx.chance(0.4):
        ch, sign, verb = ctx.change(3, 40)
        p.t("，案件数量同比" + verb)
        p.num(ch, "change", "行政处罚案件数量", verb)
    p.t("。")
    ctx.gap(p, "enforce")
    if ctx.chance(0.8):
        p.t(ctx.pick(("开展行政执法检查", "组织执法检查", "开展各类专项执法检查")))
        p.num(ctx.cnt(ctx.v(200, 20000), "次"), "count", "行政执法检查", "开展", "law_enforcement.inspections")
        if ctx.chance(0.6):
            p.t("，检查企业")
            p.num(ctx.cnt(ctx.v(100, 8000), "家"), "count", "检查企业", "检查")
        if ctx.chance(0.5):
            p.t("，发现并督促整改问题隐患")
            p.num(ctx.cnt(ctx.v(50, 3000), "处"), "count", "问题隐患", "整改")
        p.t("。")
    ctx.gap(p, "enforce")
    if ctx.chance(0.7):
        p.t(ctx.pick(("组织开展行政执法案卷评查，", "")) + "评查行政执法案卷")
        files = ctx.v(60, 2000, minimum=10)
        unit = ctx.pick(("卷", "件", "份"))
        with_parts = ctx.chance(0.4)
        total = p.num(ctx.cnt(files, unit, exact=with_parts), "count", "行政执法案卷", "评查",
                      "law_enforcement.case_files_reviewed")
        if with_parts:
            p.t("，评选优秀案卷")
            p.num(nb.count(ctx.rng, max(1, files // ctx.rng.randint(5, 20)), unit, exact=True), "count",
                  "优秀行政执法案卷", "评选", None, part_of=total)
        p.t("，" + ctx.pick(("案卷合格率", "案卷优良率")) + "达到")
        p.num(ctx.pct(88, 100), "rate", "行政执法案卷合格率")
        p.t("。")
    ctx.gap(p, "enforce")
    if ctx.chance(0.5):
        p.t(ctx.w + "现有持证行政执法人员")
        p.num(ctx.cnt(ctx.v(200, 3000), "名", exact=True), "count", "持证行政执法人员", None,
              "law_enforcement.staff")
        p.t("，组织执法人员培训")
        p.num(ctx.cnt(ctx.v(300, 5000), "人次"), "count", "执法人员培训", "培训", "training.participants")
        p.t("。")
    ctx.gap(p, "enforce")
    if ctx.chance(0.3):
        p.m("推行包容审慎监管，对轻微违法行为依法不予处罚")
        p.num(ctx.cnt(ctx.v(10, 400), "件"), "case", "轻微违法不予处罚案件", "不予处罚")
        p.t("。")
