"""Topic writers of the synthetic corpus: capacity and oversight (应急, 普法, 学法培训, 建议提案,
权力监督, 数字政府) and the leaders' duties section (述法). Each writes its topic's
paragraphs into ``Out`` (``facts.py`` names them by topic); ``context.py`` gives what they
draw on."""
from __future__ import annotations

from fazhi.synth import numbers as nb
from fazhi.synth import vocab as V
from fazhi.synth.context import RATE_OVER_100, Ctx, Out


def emergency(ctx: Ctx, out: Out) -> None:
    """突发事件应对: 应急预案, 演练, 突发事件, 救援队伍, 隐患."""
    p = out.p
    ctx.clause(p, "emergency")
    p.t(ctx.pick(("制定修订各类应急预案", "修订完善专项应急预案", "编制修订应急预案")))
    p.num(ctx.cnt(ctx.v(8, 300), ctx.pick(("个", "件", "部", "项"))), "count", "应急预案", "修订", "emergency.plans")
    p.t("，" + ctx.pick(("组织开展应急演练", "开展各类应急演练", "组织综合应急演练")))
    p.num(ctx.cnt(ctx.v(10, 1500), ctx.pick(("场", "次", "场次"))), "count", "应急演练", "开展", "emergency.drills")
    ctx.gap(p, "emergency")
    if ctx.chance(0.5):
        p.t("，参与人员")
        p.num(ctx.cnt(ctx.v(1000, 80000), "人次"), "count", "应急演练参与人员", "参与")
    p.t("。")
    ctx.gap(p, "emergency")
    if ctx.chance(0.6):
        p.t(ctx.pick(("妥善处置各类突发事件", "全年处置突发事件", "及时处置各类突发事件")))
        p.num(ctx.cnt(ctx.v(5, 200), "起"), "count", "突发事件", "处置", "emergency.incidents")
        p.t("，" + ctx.pick(("最大限度减少了人员伤亡和财产损失。", "有效维护了人民群众生命财产安全。")))
    ctx.gap(p, "emergency")
    if ctx.chance(0.6):
        p.t(ctx.w + ctx.pick(("整合应急救援队伍", "建成各类应急救援队伍")))
        p.num(ctx.cnt(ctx.v(5, 80), "支"), "count", "应急救援队伍", "建成")
        p.t("，开展安全生产执法检查")
        p.num(ctx.cnt(ctx.v(100, 8000), "次"), "count", "安全生产执法检查", "开展", "law_enforcement.inspections")
        p.t("，排查整治安全隐患")
        p.num(ctx.cnt(ctx.v(200, 20000), "处"), "count", "安全隐患", "整治")
        p.t("。")


def popularisation(ctx: Ctx, out: Out) -> None:
    """普法: 宣传活动, 讲座, 资料, 受众, 法律明白人."""
    p = out.p
    p.m(ctx.pick(("深入实施“[[八五|s]]”普法规划，", "全面落实“谁执法谁普法”普法责任制，",
                  "扎实推进“[[八五|s]]”普法中期评估工作，")))
    p.t(ctx.pick(("全年", "年内", "")) + ctx.pick(("开展普法宣传活动", "组织各类法治宣传活动", "开展“法律进社区”等活动")))
    p.num(ctx.cnt(ctx.v(80, 3000), ctx.pick(("场", "场", "次", "场次"))), "count", "普法宣传活动", "开展",
          "law_popularisation.activities")
    ctx.gap(p, "popularisation")
    if ctx.chance(0.6):
        p.t("，举办法治讲座")
        p.num(ctx.cnt(ctx.v(20, 1200), ctx.pick(("场", "期"))), "count", "法治讲座", "举办",
              "law_popularisation.activities")
    ctx.gap(p, "popularisation")
    if ctx.chance(0.7):
        p.t("，发放宣传资料")
        p.num(ctx.cnt(ctx.v(5000, 500000), "份"), "count", "普法宣传资料", "发放")
    ctx.gap(p, "popularisation")
    if ctx.chance(0.5):
        p.t("，受众")
        p.num(ctx.cnt(ctx.v(10000, 900000), "人次"), "count", "普法受众", None)
    p.t("。")
    ctx.gap(p, "popularisation")
    if ctx.chance(0.5):
        p.m("围绕“[[12·4|s]]”国家宪法日、民法典宣传月等重要节点，集中开展主题宣传活动。")
    ctx.gap(p, "popularisation")
    if ctx.chance(0.5):
        p.t("培育“法律明白人”")
        p.num(ctx.cnt(ctx.v(200, 5000), "名"), "count", "“法律明白人”", "培育")
        p.t("，创建民主法治示范村（社区）")
        p.num(nb.count(ctx.rng, ctx.v(2, 40), "个", cn=0.2), "count", "民主法治示范村（社区）", "创建")
        p.t("。")


def training(ctx: Ctx, out: Out) -> None:
    """学法用法: 考试人数, 参考率/合格率, 培训人次, 旁听庭审, 会前学法."""
    p = out.p
    ctx.clause(p, "training")
    p.t("组织")
    people = ctx.v(500, 20000, minimum=20)
    p.num(ctx.cnt(people, "名"), "count", "参加网上学法考试的国家工作人员", "参加", "training.participants")
    p.t(ctx.pick(("国家工作人员参加网上学法用法考试", "干部职工参加年度学法考试", "公职人员参加法律知识考试")))
    if not ctx.wants(RATE_OVER_100) and ctx.chance(0.5):
        p.t("，参考率、合格率均" + ctx.pick(("达到", "为", "达")))
        p.num(ctx.pct(97, 100, exact=True), "rate", "学法考试参考率", None, "training.pass_rate",
              also=(("学法考试合格率", None, "training.pass_rate"),), respectively=True)
    else:
        p.t("，合格率" + ctx.pick(("达到", "为", "达")))
        if ctx.plant(RATE_OVER_100):
            ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "学法考试合格率", None, "training.pass_rate"))
        else:
            p.num(ctx.pct(95, 100), "rate", "学法考试合格率", None, "training.pass_rate")
    p.t("。")
    ctx.gap(p, "training")
    if ctx.chance(0.7):
        p.t(ctx.pick(("举办法治专题培训班", "组织法治专题培训")))
        p.num(nb.count(ctx.rng, ctx.v(2, 30), "期", cn=0.3), "count", "法治专题培训班", "举办")
        p.t("，培训干部")
        p.num(ctx.cnt(ctx.v(300, 8000), "人次"), "count", "干部", "培训", "training.participants")
        p.t("。")
    ctx.gap(p, "training")
    if ctx.chance(0.6):
        p.t("政府常务会议会前学法")
        p.num(nb.count(ctx.rng, ctx.rng.randint(3, 16), "次", cn=0.4), "count", "常务会议会前学法", "学法")
        p.t("，组织领导干部旁听庭审")
        p.num(ctx.cnt(ctx.v(50, 1500), "人次"), "count", "旁听庭审人员", "旁听", "training.participants")
        p.t("。")


def proposals(ctx: Ctx, out: Out) -> None:
    """人大代表建议和政协委员提案: 件数, 办结率/满意率."""
    p = out.p
    ctx.clause(p, "proposals")
    a, b = ctx.v(20, 400), ctx.v(20, 400)
    ctx.gap(p, "proposals")
    if ctx.chance(0.5):
        p.t("全年办理人大代表建议")
        p.num(ctx.cnt(a, "件"), "case", "人大代表建议", "办理", "npc_cppcc.proposals")
        p.t("、政协委员提案")
        p.num(ctx.cnt(b, "件"), "case", "政协委员提案", "办理", "npc_cppcc.proposals")
    else:
        p.t("承办的人大代表建议和政协委员提案分别为")
        p.num(ctx.cnt(a, "件", exact=True), "case", "人大代表建议", "承办", "npc_cppcc.proposals", respectively=True)
        p.t("和")
        p.num(ctx.cnt(b, "件", exact=True), "case", "政协委员提案", "承办", "npc_cppcc.proposals", respectively=True)
    if ctx.plant(RATE_OVER_100):
        p.t("，办结率达")
        ctx.record(RATE_OVER_100, p.num(ctx.over100(), "rate", "建议提案办结率", None, "npc_cppcc.completion_rate"))
    else:
        p.t("，办结率、满意率均为")
        p.num(nb.Num("100%", 100, "%", None), "rate", "建议提案办结率", None, "npc_cppcc.completion_rate",
              also=(("建议提案满意率", None, "npc_cppcc.completion_rate"),), respectively=True)
    p.t("。")
    ctx.filler(p, "proposals")


def supervision(ctx: Ctx, out: Out) -> None:
    """行政权力监督: 审计项目, 督察, 整改问题."""
    p = out.p
    ctx.clause(p, "supervision")
    p.t("全年完成审计项目")
    p.num(ctx.cnt(ctx.v(10, 120), "个"), "count", "审计项目", "完成")
    p.t("，查出并督促整改问题")
    p.num(ctx.cnt(ctx.v(40, 900), "个"), "count", "审计发现问题", "整改")
    ctx.gap(p, "supervision")
    if ctx.chance(0.5):
        p.t("，促进增收节支")
        p.num(nb.money(ctx.rng, ctx.v(1_000_000, 300_000_000)), "amount", "审计促进增收节支", None)
    p.t("。")
    ctx.gap(p, "supervision")
    if ctx.chance(0.6):
        p.t("开展法治督察")
        p.num(nb.count(ctx.rng, ctx.rng.randint(2, 12), "次", cn=0.4), "count", "法治督察", "开展")
        p.t("，发现问题")
        p.num(ctx.cnt(ctx.v(10, 200), "个"), "count", "法治督察发现问题", "发现")
        p.t("，已全部完成整改。")
    ctx.filler(p, "supervision")


def digital(ctx: Ctx, out: Out) -> None:
    """数字法治政府: 数据共享, 电子证照, 全程网办."""
    p = out.p
    ctx.clause(p, "digital")
    p.t("累计归集共享各类数据")
    p.num(ctx.cnt(ctx.v(100000, 50000000), "条"), "count", "归集共享数据", "归集")
    ctx.gap(p, "digital")
    if ctx.chance(0.6):
        p.t("，上线电子证照")
        p.num(ctx.cnt(ctx.v(30, 400), "类"), "count", "电子证照", "上线")
    p.t("。")
    ctx.gap(p, "digital")
    if ctx.chance(0.6):
        p.t("政务服务“好差评”主动评价率达到")
        p.num(ctx.pct(80, 100), "rate", "“好差评”主动评价率")
        p.t("，差评件整改率、回访满意率均为")
        p.num(nb.Num("100%", 100, "%", None), "rate", "差评件整改率",
              also=(("差评件回访满意率", None, None),), respectively=True)
        p.t("。")
    ctx.filler(p, "digital")


def leader(ctx: Ctx, out: Out) -> None:
    """第一责任人职责 (the second top section): 常务会议, 讲法治课, 述法."""
    p = out.p
    p.t(ctx.pick(V.LEADER_SENTENCES)).t("。")
    p.t(ctx.pick(("全年召开政府常务会议专题研究法治政府建设工作", "主要负责人主持召开专题会议研究法治建设工作",
                  "年内召开党组（党委）会议研究法治工作")))
    p.num(nb.count(ctx.rng, ctx.rng.randint(2, 12), "次", cn=0.5), "count", "专题研究法治建设会议", "召开")
    if ctx.chance(0.6):
        p.t("，主要负责人带头讲法治课")
        p.num(nb.count(ctx.rng, ctx.rng.randint(1, 4), "次", cn=0.6), "count", "主要负责人讲法治课", "讲")
    p.t("。")
    if ctx.chance(0.5):
        p.t("组织")
        p.num(ctx.cnt(ctx.v(5, 80), "名"), "count", "述法的领导干部", "述法", None)
        p.t("领导干部开展年终述法，")
        p.t(ctx.pick(V.PURPOSES)).t("。")
    p.t(ctx.pick(V.LEADER_SENTENCES)).t("。")
