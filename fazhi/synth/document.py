"""Report assembly of the synthetic corpus: one report as titled, numbered paragraphs.

``build_report(rng, plants)`` chooses who reports (a city, district, county,
street office, town or department, with a real or invented place name), the
year, the title pattern, 2-4 top sections (一、…) and, under the first, 2-9
topic subsections numbered （一）/(一)/1./1、 — as heading lines or run into
their first paragraph — then fills them through ``facts.TOPICS`` and pads with
prose towards a drawn length. It returns a ``Report``: title lines and body
paragraphs (``text.Para``) whose facts and non-facts carry paragraph-local
offsets; ``layout.py`` turns it into a file and its gold.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from random import Random

from fazhi.synth import facts as F
from fazhi.synth import vocab as V
from fazhi.synth.numbers import chinese
from fazhi.synth.text import Para

# level: (weight, scale range, scope word)
LEVELS = {
    "district": (0.33, (0.5, 2.0), "全区"),
    "county": (0.12, (0.3, 1.2), "全县"),
    "city": (0.07, (4.0, 15.0), "全市"),
    "street": (0.16, (0.03, 0.15), "全街"),
    "town": (0.08, (0.03, 0.12), "全镇"),
    "dept": (0.24, (0.15, 0.8), "全区"),
}
# Topic weights by body (level, or department kind).
_ALL = ("functions", "business", "normative", "decisions", "advisors", "enforce", "reconsideration",
        "litigation", "mediation", "hotline", "disclosure", "emergency", "popularisation", "training",
        "proposals", "supervision", "digital")
TOPIC_WEIGHTS = {
    "government": dict(zip(_ALL, (8, 5, 9, 6, 5, 9, 9, 8, 7, 5, 8, 5, 7, 7, 4, 3, 3))),
    "street": {"functions": 3, "enforce": 6, "litigation": 5, "mediation": 9, "hotline": 8, "disclosure": 6,
               "emergency": 7, "popularisation": 7, "training": 5, "advisors": 4, "decisions": 2,
               "reconsideration": 3},
    "justice": {"normative": 8, "advisors": 6, "reconsideration": 9, "mediation": 9, "popularisation": 8,
                "training": 6, "enforce": 4, "litigation": 5, "disclosure": 4, "decisions": 2},
    "market": {"enforce": 10, "business": 8, "litigation": 6, "disclosure": 5, "popularisation": 6,
               "training": 5, "hotline": 4, "normative": 3, "reconsideration": 4, "advisors": 3},
    "enforce": {"enforce": 10, "litigation": 6, "disclosure": 6, "popularisation": 6, "training": 6,
                "normative": 4, "reconsideration": 4, "advisors": 3, "decisions": 2, "emergency": 3},
    "emergency": {"emergency": 10, "enforce": 8, "litigation": 4, "disclosure": 5, "popularisation": 6,
                  "training": 5, "normative": 3, "advisors": 3},
    "services": {"functions": 10, "digital": 8, "hotline": 7, "disclosure": 6, "business": 6, "training": 5,
                 "popularisation": 4, "advisors": 3, "litigation": 3},
    "general": {"normative": 5, "disclosure": 7, "training": 7, "popularisation": 7, "litigation": 5,
                "advisors": 4, "decisions": 3, "reconsideration": 3, "proposals": 4, "enforce": 3},
}
SUB_STYLES = ("（{}）", "({})", "{}.", "{}、")
_PLACEHOLDER = re.compile(r"\{(Y|YD|N|ND)\}")


@dataclass
class Report:
    """One report before layout: title lines and body paragraphs, in order."""

    title: list[Para]
    body: list[Para]
    region: str
    issuer: str
    year: int
    level: str
    planted: list = field(default_factory=list)   # (issue, Fact)
    title_text: str = ""
    signed: date | None = None                    # the date under the report (written or not)


def _name(rng: Random, pool: tuple[str, ...], invented: float = 0.4) -> str:
    if rng.random() < invented:
        return rng.choice(V.PLACE_A) + rng.choice(V.PLACE_B)
    return rng.choice(pool)


def _who(rng: Random):
    """(level, dept_kind, place, issuer, scope, review_organ, scale)."""
    r = rng.random()
    acc = 0.0
    level = "district"
    for name, (weight, _, _) in LEVELS.items():
        acc += weight
        if r < acc:
            level = name
            break
    _, (lo, hi), scope = LEVELS[level]
    scale = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    city = _name(rng, V.CITIES)
    dist = _name(rng, V.DISTRICTS)
    dept_kind = None
    if level == "city":
        place, issuer = f"{city}市", f"{city}市人民政府"
    elif level == "district":
        place = f"{city}市{dist}区"
        issuer = rng.choice((f"{place}人民政府", f"{dist}区人民政府", f"{dist}区人民政府"))
    elif level == "county":
        place = f"{city}市{dist}县"
        issuer = rng.choice((f"{dist}县人民政府", f"{place}人民政府"))
    elif level == "street":
        street = _name(rng, V.DISTRICTS, 0.8)
        place = f"{city}市{dist}区{street}街道"
        issuer = rng.choice((f"{street}街道办事处", f"{dist}区{street}街道办事处"))
        scope = rng.choice(("全街", "辖区", "街道"))
    elif level == "town":
        town = _name(rng, V.DISTRICTS, 0.8)
        place = f"{city}市{dist}县{town}镇"
        issuer = f"{town}镇人民政府"
    else:
        dept, dept_kind = rng.choice(V.DEPARTMENTS)
        if rng.random() < 0.2:
            place, issuer, scope = f"{city}市", f"{city}市{dept}", "全市"
            scale *= 5
        else:
            place, issuer = f"{city}市{dist}区", f"{dist}区{dept}"
    review = level in ("city", "district", "county") or dept_kind == "justice"
    return level, dept_kind, place, issuer, scope, review, scale


def _weights(level: str, dept_kind: str | None) -> dict[str, int]:
    if level in ("city", "district", "county"):
        return TOPIC_WEIGHTS["government"]
    if level in ("street", "town"):
        return TOPIC_WEIGHTS["street"]
    return TOPIC_WEIGHTS[dept_kind or "general"]


def _choose_topics(rng: Random, weights: dict[str, int], k: int, must: list[str]) -> list[str]:
    chosen = list(dict.fromkeys(must))
    pool = [t for t in weights if t not in chosen]
    while len(chosen) < k and pool:
        total = sum(weights[t] for t in pool)
        x = rng.random() * total
        for t in pool:
            x -= weights[t]
            if x <= 0:
                break
        chosen.append(t)
        pool.remove(t)
    # keep a natural order: the weights' order is the usual order of a report
    order = {t: i for i, t in enumerate(_ALL)}
    return sorted(chosen, key=order.get)


def _feasible(issue: str, weights: dict[str, int], review: bool) -> list[str]:
    hosts = [t for t in F.HOSTS[issue] if t in weights]
    if not review:
        hosts = [t for t in hosts if t != "reconsideration"]
    return hosts


def say(p: Para, template: str, year: int, **names: str) -> Para:
    """Write a template: {w} {org} {place} filled, {Y}/{YD}/{N}/{ND} written as year non-facts."""
    pos = 0
    for m in _PLACEHOLDER.finditer(template):
        if m.start() > pos:
            p.t(_fill(template[pos:m.start()], names))
        key = m.group(1)
        y = year + (1 if key.startswith("N") else 0)
        p.nf(f"{y}年度" if key.endswith("D") else f"{y}年", "y")
        pos = m.end()
    if pos < len(template):
        p.t(_fill(template[pos:], names))
    return p


def _fill(s: str, names: dict[str, str]) -> str:
    for k, v in names.items():
        s = s.replace("{" + k + "}", v)
    return s


def _number(style: str, i: int) -> str:
    n = chinese(i + 1) if style.startswith(("（", "(")) else str(i + 1)
    return style.format(n)


def _target_length(rng: Random) -> int:
    """Characters to aim for: lognormal around 4,300, kept within 2,000-9,000."""
    return int(min(8800, max(2100, rng.lognormvariate(math.log(4200), 0.38))))


def build_report(rng: Random, plants: list[str]) -> Report:
    level, dept_kind, place, issuer, scope, review, scale = _who(rng)
    year = rng.randint(2019, 2024)
    weights = _weights(level, dept_kind)
    # planted issues need a host topic this body writes about
    must, todo = [], []
    for issue in plants:
        hosts = _feasible(issue, weights, review)
        if hosts:
            must.append(rng.choice(hosts))
            todo.append(issue)
    target = _target_length(rng)
    k = max(2, min(9, round(target / 650) + rng.randint(-1, 1)))
    topics = _choose_topics(rng, weights, max(k, len(must)), must)
    ctx = F.Ctx(rng, year, level, dept_kind, scale, scope, issuer, review, todo)
    names = {"w": scope, "org": issuer, "place": place}

    # ---------------------------------------------------------------- title
    template = rng.choice(V.TITLES)
    title = say(Para(), template, year, **names)
    title_lines = [title]
    # ---------------------------------------------------------------- body
    body: list[Para] = []
    sections = rng.choice((("main", "plan"), ("main", "problem", "plan"), ("main", "problem", "plan"),
                           ("main", "leader", "problem", "plan"), ("main", "leader", "problem", "plan"),
                           ("main", "leader", "plan")))
    opening = say(Para(), rng.choice(V.OPENINGS), year, **names)
    body.append(opening)
    sub_style = rng.choice(SUB_STYLES + SUB_STYLES[:2])
    inline = rng.random() < 0.5
    nested = not inline and sub_style.startswith(("（", "(")) and rng.random() < 0.3
    main_paras: list[tuple[str, list[Para]]] = []
    for i, sec in enumerate(sections):
        head = Para(heading=True).nf(chinese(i + 1) + "、", "h")
        pool = {"main": V.MAIN_HEADINGS, "leader": V.LEADER_HEADINGS, "problem": V.PROBLEM_HEADINGS,
                "plan": V.PLAN_HEADINGS}[sec]
        say(head, rng.choice(pool), year, **names)
        body.append(head)
        if sec == "main":
            if rng.random() < 0.3:
                p = Para()
                ctx.filler(p, "general", 1)
                body.append(p)
            for j, topic in enumerate(topics):
                heading = rng.choice(F.HEADINGS[topic])
                number = _number(sub_style, j)
                if inline:
                    first = Para().nf(number, "h").t(heading).t("。")
                    group = [first]
                else:
                    body.append(Para(heading=True).nf(number, "h").t(heading))
                    first = Para()
                    if nested:
                        first.nf("1.", "h")
                    group = [first]
                if rng.random() < 0.4:
                    ctx.filler(first, topic)
                out = F.Out(first)
                F.TOPICS[topic](ctx, out)
                ctx.gap(out.p, topic, 0.5)
                group = out.paras
                body.extend(group)
                main_paras.append((topic, group))
        elif sec == "leader":
            p = Para()
            out = F.Out(p)
            F.leader(ctx, out)
            body.extend(out.paras)
        elif sec == "problem":
            body.append(_enumerated(rng, V.PROBLEMS, "主要表现在：" if rng.random() < 0.5 else ""))
        else:
            body.append(_enumerated(rng, V.PLANS, ""))
    if rng.random() < 0.5:
        body.append(say(Para(), rng.choice(V.CLOSINGS), year, **names))

    # ------------------------------------------------------- pad to length
    length = sum(p.n for p in title_lines) + sum(p.n + 1 for p in body)
    groups = main_paras or [("general", [body[-1]])]
    guard = 0
    rand = rng.random
    while length < target and guard < 400:
        guard += 1
        topic, group = groups[int(rand() * len(groups))]
        r = rand()
        if r < 0.3 and (nested or group[-1].n > 150):
            p = Para().nf(f"{len(group) + 1}.", "h") if nested else Para()
            _insert_after(body, group[-1], p)
            group.append(p)
            ctx.filler(p, topic, 1 + int(rand() * 3))
            length += p.n + 1
        else:
            p = group[-1]
            before = p.n
            ctx.filler(p, topic, 1 if target - length < 200 else 1 + int(rand() * 3))
            length += p.n - before
    # signature and date
    signed = date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    if rng.random() < 0.65:
        body.append(Para().t(issuer))
        body.append(Para().nf(f"{signed.year}年{signed.month}月{signed.day}日", "d"))
    return Report(title_lines, body, place, issuer, year, level, ctx.planted, title.text(), signed)


def _insert_after(body: list[Para], anchor: Para, new: Para) -> None:
    for i in range(len(body) - 1, -1, -1):
        if body[i] is anchor:
            body.insert(i + 1, new)
            return
    body.append(new)


def _enumerated(rng: Random, pool: tuple[str, ...], lead: str) -> Para:
    """一是…；二是…；三是…。 with the enumerators as non-facts."""
    items = rng.sample(pool, rng.randint(2, min(5, len(pool))))
    p = Para().t(lead)
    for i, item in enumerate(items):
        p.nf(V.ENUMERATORS[i], "e").t(item).t("；" if i < len(items) - 1 else "。")
    return p
