"""Topic writers of the synthetic corpus: disputes and what the public asks (行政复议, 行政应诉,
矛盾纠纷调解, 12345热线, 政务公开). Each writes its topic's paragraphs into ``Out``
(``facts.py`` names them by topic); ``context.py`` gives what they draw on."""
from __future__ import annotations

from fazhi.synth import numbers as nb
from fazhi.synth.context import (CLOSED_OVER_RECEIVED, PARTS_OVER_TOTAL, RATE_MISMATCH, RATE_OVER_100, Ctx, Out,
                                 list_parts, parts_of)


def reconsideration(ctx: Ctx, out: Out) -> None:
    """行政复议: 受理, 办结, 纠错, 纠错率 (or cases the body answers as respondent)."""
    p = out.p
    ctx.clause(p, "reconsideration")
    if not ctx.review_organ:
        r = ctx.rng.random()
        if r < 0.6:
            p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("本单位作为被申请人的行政复议案件",
                                                           "被申请行政复议案件")))
            p.num(nb.count(ctx.rng, ctx.rng.randint(1, 12), "件", cn=0.3), "case", "被申请行政复议案件",
                  None, None)
            p.t("，均已审结，未被撤销或确认违法。")
        else:
            p.t("全年").num(nb.Num("未发生", 0, "件", None), "case", "行政复议案件", None, None)
            p.t("行政复议案件。")
        return
    rec = ctx.v(40, 900, minimum=6)
    closed = max(1, int(rec * ctx.rng.uniform(0.8, 1.0)))
    corr = max(1, int(closed * ctx.rng.uniform(0.04, 0.22)))
    plant_over = ctx.plant(CLOSED_OVER_RECEIVED)
    if plant_over:
        closed = rec + max(1, int(rec * ctx.rng.uniform(0.05, 0.3)))
    plant_mismatch = ctx.plant(RATE_MISMATCH)
    plant_parts = False if plant_mismatch else ctx.plant(PARTS_OVER_TOTAL)
    r = ctx.rng.random()
    verb_rec = ctx.pick(("受理", "受理", "新收", "收到"))
    noun = ctx.pick(("行政复议案件", "行政复议案件", "行政复议申请"))
    if plant_mismatch or (r < 0.35 and not plant_parts):
        # 办结x件，纠错y件，纠错率z% (no 其中: all three are first statements)
        p.t(ctx.pick(("全年", "年内", "")) + verb_rec + noun)
        p.num(ctx.cnt(rec, "件", exact=True), "case", noun, verb_rec, "admin_reconsideration.received")
        p.t("，" + ctx.pick(("办结", "审结")))
        fc = p.num(ctx.cnt(closed, "件", exact=True), "case", noun, "办结", "admin_reconsideration.closed")
        if plant_over:
            ctx.record(CLOSED_OVER_RECEIVED, fc)
        p.t("，" + ctx.pick(("纠错", "依法纠错", "撤销、变更、确认违法")))
        p.num(ctx.cnt(corr, "件", exact=True), "case", "纠错的行政复议案件", "纠错", "admin_reconsideration.corrected")
        p.t("，纠错率" + ctx.pick(("", "为", "达")))
        if plant_mismatch:
            true = 100 * corr / closed
            off = ctx.rng.uniform(1.5, 8) * ctx.pick((1, -1))
            stated = true + off if true + off > 0.5 else true + abs(off)
            f = p.num(nb.rate(ctx.rng, stated, places=ctx.pick((1, 2)), exact=True), "rate", "行政复议纠错率",
                      None, "admin_reconsideration.correction_rate")
            ctx.record(RATE_MISMATCH, f)
        else:
            p.num(nb.rate_of(corr, closed, ctx.rng), "rate", "行政复议纠错率", None,
                  "admin_reconsideration.correction_rate")
        p.t("。")
    elif r < 0.55 and not plant_parts:
        p.t(verb_rec + "、" + ctx.pick(("办结", "审结")) + noun + ctx.pick(("分别为", "分别")))
        p.num(ctx.cnt(rec, "件", exact=True), "case", noun, verb_rec, "admin_reconsideration.received",
              respectively=True)
        p.t("、")
        fc = p.num(ctx.cnt(closed, "件", exact=True), "case", noun, "办结", "admin_reconsideration.closed",
                   respectively=True)
        if plant_over:
            ctx.record(CLOSED_OVER_RECEIVED, fc)
        if ctx.chance(0.6):
            ch, sign, verb = ctx.change(3, 50)
            p.t("，受理量同比" + verb)
            p.num(ch, "change", "行政复议案件受理量", verb)
        p.t("。")
    else:
        p.t(ctx.pick(("全年共", "年内共", "共")) + verb_rec + noun)
        p.num(ctx.cnt(rec, "件", exact=True), "case", noun, verb_rec, "admin_reconsideration.received")
        if ctx.chance(0.4) and not plant_parts:
            ch, sign, verb = ctx.change(3, 50)
            p.t("，同比" + verb)
            p.num(ch, "change", "行政复议案件受理量", verb)
        p.t("，" + ctx.pick(("办结", "审结")))
        total = p.num(ctx.cnt(closed, "件", exact=True), "case", noun, "办结", "admin_reconsideration.closed")
        if plant_over:
            ctx.record(CLOSED_OVER_RECEIVED, total)
        p.t("。其中，")
        keep = max(1, closed - corr - ctx.rng.randint(0, max(1, closed // 6)))
        vals = [keep, corr]
        if plant_parts:
            vals[0] = closed - corr + max(1, int(closed * ctx.rng.uniform(0.05, 0.3)))
        p.t("维持")
        first = p.num(nb.count(ctx.rng, vals[0], "件", exact=True), "case", "维持的行政复议案件", "维持", None,
                      part_of=total)
        p.t("，" + ctx.pick(("撤销、变更、确认违法等纠错", "依法纠错")))
        p.num(nb.count(ctx.rng, vals[1], "件", exact=True), "case", "纠错的行政复议案件", "纠错",
              "admin_reconsideration.corrected", part_of=total)
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, first)
        if ctx.chance(0.6):
            p.t("，纠错率")
            p.num(nb.rate_of(vals[1], closed, ctx.rng), "rate", "行政复议纠错率", None,
                  "admin_reconsideration.correction_rate")
        p.t("。")
    ctx.gap(p, "reconsideration")
    if ctx.chance(0.4):
        p.t("制发行政复议意见书、建议书")
        p.num(nb.count(ctx.rng, ctx.rng.randint(1, 15), "份", cn=0.3), "count", "行政复议意见书、建议书", "制发")
        p.t("，推动行政机关依法行政。")


def litigation(ctx: Ctx, out: Out) -> None:
    """行政应诉: 案件数, 负责人出庭应诉率, 败诉 (or none at all)."""
    p = out.p
    ctx.clause(p, "litigation")
    small = ctx.level in ("street", "town", "dept")
    if small and not ctx.wants(RATE_OVER_100) and ctx.chance(0.35):
        if ctx.chance(0.5):
            p.t("全年").num(nb.Num("未发生", 0, "件", None), "case", "行政复议案件", None, None,
                          also=(("行政诉讼案件", None, "admin_litigation.cases"),))
            p.t("行政复议和行政诉讼案件。")
        else:
            p.t(ctx.pick(("全年", "年内"))).num(nb.Num("未发生", 0, "件", None), "case", "行政诉讼案件", None,
                                               "admin_litigation.cases")
            p.t("行政诉讼案件，行政机关负责人出庭应诉制度得到有效落实。")
        return
    cases = ctx.v(30, 700)
    p.t(ctx.pick(("全年办理行政应诉案件", "年内共发生行政诉讼案件", "全年共办理行政诉讼案件", "办理一审行政应诉案件")))
    p.num(ctx.cnt(cases, "件"), "case", "行政应诉案件", None, "admin_litigation.cases")
    ctx.gap(p, "litigation")
    if ctx.chance(0.35):
        ch, sign, verb = ctx.change(3, 40)
        p.t("，同比" + verb)
        p.num(ch, "change", "行政应诉案件数量", verb)
    p.t("，行政机关负责人出庭应诉率" + ctx.pick(("达到", "达", "保持", "为")))
    if ctx.plant(RATE_OVER_100):
        ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "行政机关负责人出庭应诉率", None,
                                        "admin_litigation.head_appearance_rate"))
    else:
        p.num(ctx.pct(90, 100), "rate", "行政机关负责人出庭应诉率", None, "admin_litigation.head_appearance_rate")
        if ctx.chance(0.2):
            ctx.points(p, "行政机关负责人出庭应诉率")
    ctx.gap(p, "litigation")
    if ctx.chance(0.6):
        p.t("，败诉")
        p.num(nb.count(ctx.rng, max(1, int(cases * ctx.rng.uniform(0.01, 0.08))), "件", exact=True, cn=0.3),
              "case", "败诉案件", "败诉", "admin_litigation.lost")
        if ctx.chance(0.5):
            p.t("，败诉率")
            p.num(nb.rate(ctx.rng, ctx.rng.uniform(0.5, 8), places=ctx.pick((1, 2)), exact=True), "rate",
                  "行政诉讼败诉率")
    p.t("。")


def mediation(ctx: Ctx, out: Out) -> None:
    """矛盾纠纷化解: 调解组织, 调解件数, 成功率, 涉及金额, 排查."""
    p = out.p
    ctx.clause(p, "mediation")
    ctx.gap(p, "mediation")
    if ctx.chance(0.7):
        p.t(ctx.w + ctx.pick(("现有人民调解组织", "共建立人民调解委员会", "建成各类人民调解组织")))
        p.num(ctx.cnt(ctx.v(30, 500), "个"), "count", "人民调解组织", None, "mediation.organisations")
        if ctx.chance(0.6):
            p.t("，" + ctx.pick(("配备人民调解员", "人民调解员")))
            p.num(ctx.cnt(ctx.v(150, 3000), "名"), "count", "人民调解员", None, None)
        p.t("。")
    plant_parts = ctx.plant(PARTS_OVER_TOTAL)
    with_parts = plant_parts or ctx.chance(0.3)
    tot = ctx.v(500, 20000, minimum=20)
    unit = "宗" if ctx.chance(0.08) else "件"
    p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("调解各类矛盾纠纷", "成功调处矛盾纠纷", "化解各类矛盾纠纷",
                                                   "人民调解组织共调解纠纷")))
    total = p.num(ctx.cnt(tot, unit, exact=with_parts), "case", "矛盾纠纷", "调解", "mediation.cases")
    if with_parts:
        p.t("，其中")
        vals = parts_of(ctx, tot, 3, over=plant_parts)
        parts = list_parts(ctx, p, total, [("婚姻家庭纠纷", "婚姻家庭纠纷"), ("邻里纠纷", "邻里纠纷"),
                                            ("物业纠纷", "物业纠纷")], vals, unit, "case", "调解")
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, parts[-1])
    ctx.gap(p, "mediation")
    if ctx.wants(RATE_OVER_100) or ctx.chance(0.75):
        p.t("，" + ctx.pick(("调解成功率", "调处成功率", "化解成功率")) + ctx.pick(("达", "达到", "为", "")))
        if ctx.plant(RATE_OVER_100):
            ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "调解成功率", None, "mediation.success_rate"))
        else:
            p.num(ctx.pct(92, 100), "rate", "调解成功率", None, "mediation.success_rate")
            if ctx.chance(0.2):
                ctx.points(p, "调解成功率")
    ctx.gap(p, "mediation")
    if ctx.chance(0.5):
        p.t("，涉及金额")
        p.num(nb.money(ctx.rng, ctx.v(2_000_000, 200_000_000)), "amount", "调解纠纷涉及金额", None,
              "mediation.amount")
    p.t("。")
    ctx.gap(p, "mediation")
    if ctx.chance(0.7):
        if ctx.chance(0.5):
            p.t("常态化开展矛盾纠纷排查")
            p.num(ctx.cnt(ctx.v(200, 30000), "次"), "count", "矛盾纠纷排查", "排查", "disputes.screened")
        else:
            p.t(ctx.pick(("全年排查矛盾纠纷", "累计排查各类矛盾纠纷")))
            p.num(ctx.cnt(ctx.v(500, 20000), "件"), "case", "矛盾纠纷", "排查", "disputes.screened")
        p.t("，做到早发现、早报告、早化解。")
    ctx.gap(p, "mediation")
    if ctx.chance(0.3):
        p.t("人民调解、行政调解分别调处纠纷")
        p.num(ctx.cnt(ctx.v(300, 8000), "件", exact=True), "case", "人民调解纠纷", "调处", "mediation.cases",
              respectively=True)
        p.t("、")
        p.num(ctx.cnt(ctx.v(100, 4000), "件", exact=True), "case", "行政调解纠纷", "调处", "mediation.cases",
              respectively=True)
        p.t("。")


def hotline(ctx: Ctx, out: Out) -> None:
    """12345热线: 工单, 办结率/满意率, 变化, 工单分类."""
    p = out.p
    ctx.clause(p, "hotline")
    tickets = ctx.v(3000, 300000, minimum=30)
    plant_parts = ctx.plant(PARTS_OVER_TOTAL)
    with_parts = plant_parts or ctx.chance(0.3)
    p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("受理", "接收", "办理")))
    p.m("[[12345|t]]" + ctx.pick(("热线工单", "政务服务便民热线工单", "热线诉求")))
    total = p.num(ctx.cnt(tickets, "件", exact=with_parts), "case", "12345热线工单", "受理", "hotline_12345.tickets")
    ctx.gap(p, "hotline")
    if ctx.chance(0.4) and not with_parts:
        if ctx.chance(0.15):
            p.t("，同比增长")
            p.num(nb.times(ctx.rng, ctx.rng.uniform(1.1, 3.0)), "change", "12345热线工单量", "增长")
        else:
            ch, sign, verb = ctx.change(3, 60)
            p.t("，同比" + verb)
            p.num(ch, "change", "12345热线工单量", verb)
    if with_parts:
        p.t("，其中")
        vals = parts_of(ctx, tickets, 3, over=plant_parts)
        parts = list_parts(ctx, p, total, [("咨询类", "咨询类工单"), ("求助类", "求助类工单"),
                                            ("投诉类", "投诉类工单")], vals, "件", "case")
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, parts[-1])
    ctx.gap(p, "hotline")
    if ctx.chance(0.5):
        p.t("，按时办结率、群众满意率分别为")
        p.num(ctx.pct(92, 100, exact=True), "rate", "12345工单按时办结率", respectively=True)
        p.t("、")
        p.num(ctx.pct(85, 99.5, exact=True), "rate", "12345工单群众满意率", respectively=True)
    elif ctx.chance(0.5):
        p.t("，办结率、满意率均" + ctx.pick(("达到", "为")))
        p.num(ctx.pct(95, 100, exact=True), "rate", "12345工单办结率",
              also=(("12345工单满意率", None, None),), respectively=True)
    p.t("。")


def disclosure(ctx: Ctx, out: Out) -> None:
    """政务公开: 主动公开, 依申请公开 收到/办结/答复率, 未引发复议诉讼."""
    p = out.p
    ctx.clause(p, "disclosure")
    plant_parts = ctx.plant(PARTS_OVER_TOTAL)
    with_parts = plant_parts or ctx.chance(0.3)
    pro = ctx.v(400, 20000, minimum=20)
    p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("通过政府网站主动公开政府信息", "主动公开各类政府信息",
                                                   "在政府门户网站主动公开信息")))
    unit = ctx.pick(("条", "条", "件"))
    total = p.num(ctx.cnt(pro, unit, exact=with_parts), "count", "政府信息", "公开", "info_disclosure.proactive")
    if with_parts:
        p.t("，其中")
        vals = parts_of(ctx, pro, 3, over=plant_parts)
        parts = list_parts(ctx, p, total, [("政策文件类", "政策文件类信息"), ("通知公告类", "通知公告类信息"),
                                            ("工作动态类", "工作动态类信息")], vals, unit, "count", "公开")
        if plant_parts:
            ctx.record(PARTS_OVER_TOTAL, parts[-1])
    p.t("。")
    ctx.gap(p, "disclosure")
    if ctx.wants(CLOSED_OVER_RECEIVED) or ctx.chance(0.8):
        rec = ctx.v(8, 800, minimum=2) if ctx.level not in ("street", "town") else ctx.rng.randint(1, 30)
        plant_over = ctx.plant(CLOSED_OVER_RECEIVED)
        p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("收到", "受理", "接收")) + "政府信息公开申请")
        p.num(ctx.cnt(rec, "件", exact=True), "case", "政府信息公开申请", "收到", "info_disclosure.requests_received")
        r = ctx.rng.random()
        if plant_over or r < 0.5:
            closed = rec + max(1, int(rec * ctx.rng.uniform(0.05, 0.3))) if plant_over else \
                rec - int(rec * ctx.rng.uniform(0, 0.1))
            p.t("，" + ctx.pick(("办结", "答复", "按时答复")))
            f = p.num(ctx.cnt(closed, "件", exact=True), "case", "政府信息公开申请", "办结",
                      "info_disclosure.requests_closed")
            if plant_over:
                ctx.record(CLOSED_OVER_RECEIVED, f)
            if not plant_over and ctx.chance(0.6):
                p.t("，答复率")
                if ctx.plant(RATE_OVER_100):
                    ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "依申请公开答复率", None,
                                                    "info_disclosure.response_rate"))
                else:
                    num = nb.Num("100%", 100, "%", None) if closed == rec else nb.rate_of(closed, rec, ctx.rng)
                    p.num(num, "rate", "依申请公开答复率", None, "info_disclosure.response_rate")
        else:
            p.t("，全部依法按时答复，按时答复率")
            p.num(nb.Num("100%", 100, "%", None), "rate", "依申请公开按时答复率", None, "info_disclosure.response_rate")
        if ctx.chance(0.4):
            p.t("，")
            p.num(nb.Num("未引发", 0, "件", None), "case", "依申请公开引发的行政复议", None, None,
                  also=(("依申请公开引发的行政诉讼", None, None),))
            p.t("行政复议和行政诉讼")
        p.t("。")
    ctx.gap(p, "disclosure")
    if ctx.chance(0.5):
        p.t("发布政策解读")
        p.num(ctx.cnt(ctx.v(20, 400), "篇"), "count", "政策解读", "发布")
        p.t("，召开新闻发布会")
        p.num(nb.count(ctx.rng, ctx.v(2, 40), "场", cn=0.3), "count", "新闻发布会", "召开")
        p.t("。")
