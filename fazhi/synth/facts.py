"""Fact templates of the synthetic corpus: one writer per topic of a report.

Middle layer of ``fazhi.synth``: ``document.py`` picks the topics of a report
and calls ``TOPICS[name](ctx, out)`` for each; the writer puts sentences
into the paragraphs of ``out`` through ``text.Para`` so that every number is
recorded with its gold fields (kind, unit, qualifier, subject, action,
metric per /work/shared/gold/SCHEMA.md, respectively, part_of). True values
come from ``Ctx.v`` (scaled to the body's size); ``numbers.py`` decides how
they are written. Reports are kept free of contradictions unless
``Ctx.plants`` asks a writer to plant one (rate over 100, 办结 > 受理, parts
over their total, a 纠错率 off its counts), which it records in
``Ctx.planted``.
"""
from __future__ import annotations

import math
from random import Random

from fazhi.synth import numbers as nb
from fazhi.synth import vocab as V
from fazhi.synth.numbers import Num
from fazhi.synth.text import Fact, Para

# Verb + object clauses of each topic's prose, put together once.
_COMBOS = {topic: tuple(v + o for v in V.VERBS for o in objs)
           for topic, objs in (*V.TOPIC_OBJECTS.items(), ("general", V.GENERIC_OBJECTS))}
_ISSUED = ("制定印发《", "出台《", "修订完善《", "研究制定《")

# Planted issues (manifest names).
RATE_OVER_100 = "rate_over_100"
CLOSED_OVER_RECEIVED = "closed_exceeds_received"
PARTS_OVER_TOTAL = "parts_exceed_total"
RATE_MISMATCH = "correction_rate_mismatch"
ISSUES = (RATE_OVER_100, CLOSED_OVER_RECEIVED, PARTS_OVER_TOTAL, RATE_MISMATCH)
# Topics that can host each planted issue.
HOSTS = {
    RATE_OVER_100: ("litigation", "mediation", "training", "normative", "functions", "proposals"),
    CLOSED_OVER_RECEIVED: ("reconsideration", "disclosure"),
    PARTS_OVER_TOTAL: ("enforce", "disclosure", "mediation", "normative", "hotline"),
    RATE_MISMATCH: ("reconsideration",),
}


class Ctx:
    """What a topic writer knows about the report being written."""

    def __init__(self, rng: Random, year: int, level: str, dept_kind: str | None, scale: float,
                 whole: str, org: str, review_organ: bool, plants: list[str]):
        self.rng = rng
        self.year = year
        self.level = level              # city district county street town dept
        self.dept_kind = dept_kind      # for level == dept
        self.scale = scale
        self.w = whole                  # 全区 全县 全市 全街 本局
        self.org = org
        self.review_organ = review_organ  # handles 行政复议 itself
        self.plants = list(plants)
        self.planted: list[tuple[str, Fact]] = []
        self.queues: dict[str, list] = {}   # prose not yet written in this report

    # -------------------------------------------------------------- values
    def v(self, lo: float, hi: float, minimum: int = 1) -> int:
        """A true count, log-uniform in [lo, hi] at district size, scaled to the body."""
        x = math.exp(self.rng.uniform(math.log(lo), math.log(hi))) * self.scale
        return max(minimum, int(x))

    def cnt(self, v: int, unit: str, exact: bool = False) -> Num:
        return nb.count(self.rng, v, unit, exact=exact)

    def pct(self, lo: float, hi: float, exact: bool = False) -> Num:
        """A rate level between lo and hi, sometimes exactly 100."""
        if hi >= 100 and self.rng.random() < 0.45:
            return nb.Num("100%", 100, "%", None)
        return nb.rate(self.rng, self.rng.uniform(lo, min(hi, 99.9)), exact=exact)

    def over100(self) -> Num:
        return nb.rate(self.rng, self.rng.uniform(100.5, 118), places=self.rng.choice((0, 1)), exact=True)

    def change(self, lo: float = 1.0, hi: float = 60.0) -> tuple[Num, int, str]:
        """A signed change: (number, sign, verb) such as (12.5%, +1, 增长)."""
        sign = 1 if self.rng.random() < 0.6 else -1
        verb = self.rng.choice(("增长", "增加", "上升", "提升")) if sign > 0 else \
            self.rng.choice(("下降", "减少", "降低"))
        return nb.signed(nb.change_pct(self.rng, self.rng.uniform(lo, hi)), sign), sign, verb

    def wants(self, issue: str) -> bool:
        """True while ``issue`` is still to be planted (writers then take the branch that can)."""
        return issue in self.plants

    def points(self, p: Para, subject: str) -> None:
        """，较上年提高2.3个百分点 (a change in percentage points, signed)."""
        sign = 1 if self.rng.random() < 0.75 else -1
        verb = self.pick(("提高", "提升", "上升")) if sign > 0 else self.pick(("下降", "降低"))
        p.t("，" + self.pick(("较上年", "同比", "比上年")) + verb)
        p.num(nb.signed(nb.points(self.rng, self.rng.uniform(0.2, 9.5)), sign), "change", subject, verb)

    def plant(self, issue: str) -> bool:
        """True (once) when this report should plant ``issue`` here."""
        if issue in self.plants:
            self.plants.remove(issue)
            return True
        return False

    def record(self, issue: str, fact: Fact) -> None:
        self.planted.append((issue, fact))

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # -------------------------------------------------------------- prose
    def clause(self, p: Para, topic: str) -> None:
        """A lead clause without numbers: 严格执行行政裁量权基准制度，"""
        objs = V.TOPIC_OBJECTS.get(topic, V.GENERIC_OBJECTS)
        if self.chance(0.3):
            p.t(self.pick(V.ADVERBIALS)).t("，")
        p.t(self.pick(V.VERBS)).t(self.pick(objs)).t("，")

    def _queue(self, key: str, pool) -> list:
        """This report's unused items of ``pool``, shuffled once; callers pop from it."""
        q = self.queues.get(key)
        if q is None:
            q = list(pool)
            self.rng.shuffle(q)
            self.queues[key] = q
        return q

    def filler(self, p: Para, topic: str, sentences: int = 1) -> None:
        """Whole sentences without numbers about ``topic``; a report does not repeat one.

        Half are the topic's own clauses (each used once a report), a few carry a
        slogan or the title of a document issued, the rest are put together from
        verb + object combinations and a purpose (each purpose used once).
        """
        rand = self.rng.random
        combos = _COMBOS.get(topic) or _COMBOS["general"]
        n_combos = len(combos)
        queues = self.queues
        purposes = queues.get("@purpose")
        if purposes is None:
            purposes = self._queue("@purpose", V.PURPOSES)
        own = queues.get(topic)
        if own is None:
            own = self._queue(topic, V.TOPIC_SENTENCES.get(topic) or V.TOPIC_SENTENCES["general"])
        buf: list[str] = []
        for _ in range(sentences):
            r = rand()
            if r < 0.5 and own:
                buf.append(own.pop())
                if own and rand() < 0.3:
                    buf.append("，" + own.pop())
                if purposes and rand() < 0.35:
                    buf.append("，" + purposes.pop())
                buf.append("。")
                continue
            if 0.5 <= r < 0.58:
                slogans = self._queue("@slogan", V.SLOGAN_SENTENCES)
                if slogans:
                    buf.append(slogans.pop() + "。")
                    continue
            if 0.58 <= r < 0.66:
                docs = self._queue("@doc", V.DOC_TITLES)
                if docs:
                    title = docs.pop()
                    buf.append(_ISSUED[int(rand() * 4)])
                    head, sep, tail = title.partition("{Y}")
                    if sep:
                        p.t("".join(buf) + head).nf(f"{self.year}年", "y")
                        buf = [tail]
                    else:
                        buf.append(title)
                    buf.append("》，" + combos[int(rand() * n_combos)] + "。")
                    continue
            buf.append(V.CONNECTORS[int(rand() * len(V.CONNECTORS))])
            if r < 0.75:
                buf.append(V.ADVERBIALS[int(rand() * len(V.ADVERBIALS))] + "，")
            elif r < 0.82:
                objs = V.TOPIC_OBJECTS.get(topic, V.GENERIC_OBJECTS)
                buf.append("以" + objs[int(rand() * len(objs))] + "为抓手，")
            first = combos[int(rand() * n_combos)]
            buf.append(first)
            if rand() < 0.35:
                second = combos[int(rand() * n_combos)]
                if second[:2] != first[:2] and second[2:] != first[2:]:
                    buf.append("，" + second)
            if purposes and rand() < 0.75:
                buf.append("，" + purposes.pop())
            buf.append("。")
        if buf:
            p.t("".join(buf))

    def gap(self, p: Para, topic: str, chance: float = 0.35) -> None:
        """Sometimes a sentence of prose between two sentences with numbers (only after a full stop)."""
        if p.parts and p.parts[-1].endswith("。") and self.rng.random() < chance:
            self.filler(p, topic)


class Out:
    """The paragraphs a topic writes; ``p`` is the current one."""

    __slots__ = ("paras",)

    def __init__(self, first: Para):
        self.paras = [first]

    @property
    def p(self) -> Para:
        return self.paras[-1]

    def new(self) -> Para:
        self.paras.append(Para())
        return self.paras[-1]


def _parts(ctx: Ctx, total: int, k: int, over: bool = False) -> list[int]:
    """``k`` positive parts summing to at most ``total`` (or to more, when ``over``)."""
    k = max(1, min(k, total))
    cuts = sorted(ctx.rng.sample(range(1, total), k - 1)) if total > k else list(range(1, k))
    vals = [b - a for a, b in zip([0, *cuts], [*cuts, total])]
    vals = [max(1, x) for x in vals]
    if not over and ctx.chance(0.35) and vals[-1] > 1:
        vals[-1] = max(1, vals[-1] - ctx.rng.randint(1, max(1, vals[-1] // 2)))  # not all parts listed
    if over:
        vals[-1] += max(1, int(total * ctx.rng.uniform(0.05, 0.4)))
    return vals


def _list_parts(ctx: Ctx, p: Para, total: Fact, labels: list[tuple[str, str]], values: list[int],
                unit: str, kind: str, action: str | None = None) -> list[Fact]:
    """其中A类x件、B类y件：the parts of ``total``, each a gold line with part_of."""
    out = []
    sep = ctx.pick(("、", "，", "；"))
    for i, ((label, subject), val) in enumerate(zip(labels, values)):
        if i:
            p.t(sep)
        p.t(label)
        out.append(p.num(nb.count(ctx.rng, val, unit, exact=True), kind, subject, action, None,
                         part_of=total))
    return out


# ====================================================================== topics
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
        vals = _parts(ctx, total_v, 3, over=plant_parts)
        parts = _list_parts(ctx, p, total, [("行政规范性文件", "合法性审核的规范性文件"),
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
        vals = _parts(ctx, max(2, tot // 3), 2)
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
        vals = _parts(ctx, tot, 2, over=plant_parts)
        parts = _list_parts(ctx, p, total, [("简易程序案件", "简易程序行政处罚案件"),
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
        vals = _parts(ctx, tot, 3, over=plant_parts)
        parts = _list_parts(ctx, p, total, [("婚姻家庭纠纷", "婚姻家庭纠纷"), ("邻里纠纷", "邻里纠纷"),
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
        vals = _parts(ctx, tickets, 3, over=plant_parts)
        parts = _list_parts(ctx, p, total, [("咨询类", "咨询类工单"), ("求助类", "求助类工单"),
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
        vals = _parts(ctx, pro, 3, over=plant_parts)
        parts = _list_parts(ctx, p, total, [("政策文件类", "政策文件类信息"), ("通知公告类", "通知公告类信息"),
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


TOPICS = {
    "functions": functions, "business": business, "normative": normative, "decisions": decisions,
    "advisors": advisors, "enforce": enforce, "reconsideration": reconsideration, "litigation": litigation,
    "mediation": mediation, "hotline": hotline, "disclosure": disclosure, "emergency": emergency,
    "popularisation": popularisation, "training": training, "proposals": proposals,
    "supervision": supervision, "digital": digital,
}

HEADINGS = {
    "functions": ("依法全面履行政府职能", "持续推进政府职能转变", "深化“放管服”改革"),
    "business": ("持续优化法治化营商环境", "着力打造法治化营商环境", "优化营商环境"),
    "normative": ("加强行政规范性文件监督管理", "健全依法行政制度体系", "严格规范性文件合法性审核"),
    "decisions": ("推进行政决策科学化民主化法治化", "严格落实重大行政决策程序", "坚持科学民主依法决策"),
    "advisors": ("发挥法律顾问和公职律师作用", "全面推行法律顾问和公职律师制度"),
    "enforce": ("严格规范公正文明执法", "深化行政执法体制改革", "全面提升行政执法质量"),
    "reconsideration": ("发挥行政复议主渠道作用", "深化行政复议体制改革", "依法化解行政争议"),
    "litigation": ("规范行政应诉工作", "落实行政机关负责人出庭应诉制度", "尊重和维护司法权威"),
    "mediation": ("健全社会矛盾纠纷预防调处化解体系", "坚持和发展新时代“枫桥经验”", "推进矛盾纠纷多元化解"),
    "hotline": ("提升热线诉求办理质效", "畅通群众诉求表达渠道"),
    "disclosure": ("深入推进政务公开", "推进政府信息公开", "全面推进政务公开标准化规范化"),
    "emergency": ("提升突发事件依法处置能力", "健全突发事件应对体系", "依法做好应急管理工作"),
    "popularisation": ("深入开展法治宣传教育", "推进全民普法", "营造浓厚法治氛围"),
    "training": ("提升干部法治素养", "加强领导干部学法用法", "强化法治能力培训"),
    "proposals": ("自觉接受人大和政协监督", "认真办理建议提案"),
    "supervision": ("强化行政权力制约和监督", "健全行政权力监督体系"),
    "digital": ("加快推进数字法治政府建设", "推进“互联网+政务服务”"),
}
