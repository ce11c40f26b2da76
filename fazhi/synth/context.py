"""What a topic writer of the synthetic corpus works with: the report's context and its paragraphs.

``Ctx`` holds what a writer knows of the report being written (its year, level, scale, the
contradictions still to plant) and draws its values and prose; ``Out`` collects the
paragraphs a writer fills; ``parts_of`` and ``list_parts`` write the parts of a total.
The writers themselves are in ``topics_*.py``; ``facts.py`` names them by topic.
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


def parts_of(ctx: Ctx, total: int, k: int, over: bool = False) -> list[int]:
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


def list_parts(ctx: Ctx, p: Para, total: Fact, labels: list[tuple[str, str]], values: list[int],
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
