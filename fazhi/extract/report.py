"""Orchestration: a report's text and sentences in, its numeric facts out.

``extract_report`` runs the steps in order: ``numbers.find_mentions`` scans the
whole text once; mentions are dealt to their sentences; ``attribute`` gives
each its subject, action and kind; totals and their parts (其中 …, 其余 …) are
linked here, and so are last year's figures and year-on-year changes to the
figure of this year they speak of; ``metrics.Taxonomy`` labels each fact. Pure: no I/O, nothing
kept between calls.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from fazhi.extract import lexicon
from fazhi.extract.attribute import attribute_sentence
from fazhi.extract.counts import count_kind, is_not_case_subject
from fazhi.extract.drafts import Carry, Draft
from fazhi.extract.metrics import Taxonomy, compile_taxonomy
from fazhi.extract.model import Fact, MetricRule
from fazhi.extract.numbers import Mention, find_mentions
from fazhi.extract.table_facts import merge_facts, table_facts
from fazhi.extract.tables import find_tables, inside
from fazhi.extract.view import View, parse_view
from fazhi.text.sentences import Sentence, Sentences

_PART_MARK = "其中"
# A clause after a 其中 list that opens with an action verb other than a part's
# own (出具, 提出, 开展 …) is a new statement, not one more part.
_NEW_STATEMENT = re.compile(
    r"[，,；;]\s*(?:共|并|同时|还|另|全年|年内)?(?:"
    + "|".join(sorted((v for v in lexicon.ACTION_VERBS if v not in lexicon.PART_VERBS), key=len, reverse=True))
    + ")")
_CLAUSE_BREAK = re.compile(r"[，,；;。]")
_SHARE_AFTER = re.compile(r"[，,]?占")
_PEOPLE = frozenset(("人", "名", "人次", "位"))
_CASE_FAMILY = frozenset(("件", "起", "宗"))
# Words that name an attribute of what a total counts (未成年人, 非本地户籍, 女性), not a part of it.
_ATTRIBUTE = re.compile(r"^非|未成年|女性|男性|妇女|老年|残疾|少数民族|农民工|外籍|外地|本地户籍|低保|退役军人")
_REST_MARKS = ("其余", "剩余", "余下", "另有", "另外")
_PAST_END = 1 << 62   # an offset past any text's end


def extract_report(text: str, sentences: Sentences,
                   metrics: Sequence[MetricRule] | Taxonomy) -> list[Fact]:
    """Every numeric fact of one report, in text order.

    ``text`` is the normalised report text, ``sentences`` its
    ``Sentences`` (``split_sentences``), ``metrics`` the taxonomy rows (or a
    ``Taxonomy`` compiled from them, to reuse across reports).
    """
    taxonomy = compile_taxonomy(metrics)
    view = parse_view(text)
    if view.text is text:
        return _extract(text, sentences, taxonomy)
    if not view.view_starts:
        # one character for one (traditional -> simplified): same sentences, same offsets
        vs = sentences.over(view.text)
        return [_new_fact({**f.__dict__, "number_text": text[f.start:f.end]})
                for f in _extract(view.text, vs, taxonomy)]
    return _back_to_raw(_extract(view.text, Sentences(view.text), taxonomy), view, text, sentences)


def _back_to_raw(facts: list[Fact], view: View, text: str, sentences: Sentences) -> list[Fact]:
    """Facts found in a view with dropped characters, their spans and sentences in the report text."""
    starts = sentences.starts
    out = []
    for f in facts:
        start, end = view.raw_offset(f.start), view.raw_end(f.end)
        k = bisect_right(starts, start) - 1
        out.append(_new_fact({
            **f.__dict__, "start": start, "end": end, "number_text": text[start:end],
            "sentence": k if k >= 0 else f.sentence,   # a sentence's ordinal is its index
            "part_of": view.raw_offset(f.part_of) if f.part_of is not None else None,
            "prior_of": view.raw_offset(f.prior_of) if f.prior_of is not None else None,
        }))
    return out


def _extract(text: str, sentences: Sentences, taxonomy: Taxonomy) -> list[Fact]:
    """The facts of a text already in parse view (simplified, without layout noise)."""
    match = taxonomy.match
    facts: list[Fact] = []
    append = facts.append
    carry = Carry()
    first: dict[str, Draft] = {}   # the first figure of each count metric in the report
    tables = find_tables(text)   # tables go to the table reader; the prose scan skips them
    mentions = find_mentions(text)
    if tables:
        mentions = [m for m in mentions if not inside(tables, m.start)]
    for sentence, group in _by_sentence(mentions, sentences):
        drafts = attribute_sentence(text, sentence, group, carry)
        if not drafts:
            continue
        # (their first tests inline: most sentences hold no 其中, no 其余-list and no earlier figure)
        st = sentence.text
        linked = (_PART_MARK in st or (len(drafts) >= 3 and _has_rest_mark(st))) and _link_parts(
            drafts, sentence, carry)
        for d in drafts:
            if d.prior is not None:
                _link_priors(text, drafts)
                break
        if linked:
            _parts_take_case(drafts, carry)
        # the taxonomy's memo answers most drafts: _label only for those it leaves without a metric
        # (only a part or a rate can borrow a domain: _label is not called for the others)
        labels = [None if d.no_metric else (match(d.kind, d.subject, d.action) or (
            _label(match, d, drafts, carry) if d.subject and (d.part_of is not None or d.kind == "rate")
            else None)) for d in drafts]
        if linked:
            # one figure per metric per statement: a part whose total has its metric gets none
            by_start = {carry.total.start: carry.total_label} if carry.total is not None else {}
            by_start.update((d.start, lab) for d, lab in zip(drafts, labels))
            labels = [None if d.part_of is not None and lab is not None and by_start.get(d.part_of) == lab
                      else lab for d, lab in zip(drafts, labels)]
        if labels.count(None) != len(labels):   # most sentences label nothing: skip the loop
            _narrower_scopes(text, drafts, labels, first)
        for d, lab in zip(drafts, labels):
            fields = {
                "start": d.start, "end": d.end, "number_text": text[d.start:d.end], "value": d.value,
                "unit": d.unit, "kind": d.kind, "qualifier": d.qualifier, "subject": d.subject or None,
                "action": d.action or None, "metric": lab, "sentence": d.sentence,
                "respectively": d.respectively, "part_of": d.part_of, "prior_of": d.prior_of,
            }
            if _FAST_FACTS:   # _fast_fact without a call: one fact per number is the extractor's hottest loop
                fact = _object_new(Fact)
                _object_setattr(fact, "__dict__", fields)
                append(fact)
            else:
                append(_new_fact(fields))
        for d, lab in zip(reversed(drafts), reversed(labels)):
            if _countlike(d):
                carry.total, carry.total_label = d, lab
                break
    if tables:
        starts = sentences.starts   # a sentence's ordinal is its index
        cells = [f for t in tables for f in table_facts(
            t, match, lambda pos: max(bisect_right(starts, pos) - 1, 0))]
        facts = merge_facts(facts, cells, _new_fact)
    return facts


def _narrower_scopes(text: str, drafts: list[Draft], labels: list[str | None], first: dict[str, Draft]) -> None:
    """One figure per case metric per report: a later, smaller figure of a metric
    already stated (受理 after 收到, 市本级 after 全市) is a part of the first, metric null;
    a count only when the text calls it a share of the total (2180个，占总数的64%).
    Figures of one 、-list (建议87件、提案64件) are parallel things, not a whole and its scope."""
    for k, (d, lab) in enumerate(zip(drafts, labels)):
        if lab is None or d.form == "zero" or d.kind not in ("case", "count"):
            continue
        top = first.get(lab)
        if top is None:
            first[lab] = d
        elif (d.kind == "case" or _SHARE_AFTER.match(text, d.end)) and d.value < top.value and d.start > top.start and _stage(d.action) == _stage(top.action) and not (
                d.sentence == top.sentence and _CLAUSE_BREAK.search(text, top.end, d.start) is None):
            labels[k] = None
            if d.part_of is None:
                d.part_of = top.start


_INTAKE = frozenset("收到 新收 收案 接收 受理 立案 立案受理 依法受理".split())
_CLOSING = frozenset("办结 审结 结案".split())


def _stage(action: str | None) -> str | None:
    """Intake (收到, 新收, 受理 …) and closing (办结, 审结) are one stage each."""
    if action in _INTAKE:
        return "intake"
    if action in _CLOSING:
        return "closing"
    return action


def _label(match, d: Draft, drafts: list[Draft], carry: Carry) -> str | None:
    """The metric of a draft with a subject that matches no row as it stands: a part
    or a rate that names no domain of its own (纠错13件 under 行政复议…办结132件;
    纠错率9.8% right after) borrows its total's."""
    domain = _domain(d, drafts, carry)
    assert d.subject is not None   # called only for a draft with a subject
    if domain and domain not in d.subject:
        return match(d.kind, domain + d.subject, d.action)
    return None


def _domain(d: Draft, drafts: list[Draft], carry: Carry) -> str | None:
    if d.part_of is None and d.kind != "rate":
        return None
    totals = {x.start: x for x in drafts}
    if carry.total is not None:
        totals.setdefault(carry.total.start, carry.total)
    if d.part_of is not None:
        total = totals.get(d.part_of)
        return total.subject if total is not None else None
    if d.kind == "rate":
        before = [x for x in drafts if _countlike(x) and x.end <= d.start]
        prev = before[-1] if before else carry.total
        if prev is not None:
            total = totals.get(prev.part_of) if prev.part_of is not None else None
            return (total or prev).subject
    return None


def _by_sentence(mentions: list[Mention], sentences: Sentences):
    """(sentence, its mentions) for every sentence holding at least one mention (the only
    sentences made into objects)."""
    starts, ends = sentences.starts, sentences.ends
    n = len(starts)
    group: list[Mention] = []
    current = -1
    k, lo, hi, end = -1, 0, 0, -1   # the sentence of the last mention: it starts at lo, the next at hi
    for m in mentions:
        if not lo <= m.start < hi:   # most mentions share the sentence of the one before: no bisect
            k = bisect_right(starts, m.start) - 1
            lo = starts[k] if k >= 0 else -1
            hi = starts[k + 1] if k + 1 < n else _PAST_END
            end = ends[k] if k >= 0 else -1
        if k < 0 or m.end > end:
            continue   # between sentences (blank lines) or across a sentence end
        if k != current:
            if group:
                yield sentences[current], group
            group, current = [], k
        group.append(m)
    if group:
        yield sentences[current], group


def _countlike(d: Draft) -> bool:
    return d.kind not in ("rate", "change") and d.form != "zero"


def _link_parts(drafts: list[Draft], sentence: Sentence, carry: Carry) -> bool:
    """Mark the parts of a total: the numbers after 其中, or 其余-lists that add up to it."""
    text, s0 = sentence.text, sentence.start
    linked = False
    if _PART_MARK in text:
        marks = [s0 + k.start() for k in re.finditer(_PART_MARK, text)]
        for k, pos in enumerate(marks):
            before = [d for d in drafts if _countlike(d) and d.end <= pos and d.part_of is None]
            total = before[-1] if before else (carry.total if pos - s0 < 3 else None)
            if total is None:
                continue
            # the parts run to the total of the next 其中, if any, or to a new statement
            stop = sentence.end
            if k + 1 < len(marks):
                nxt = [d for d in drafts if _countlike(d) and pos < d.start and d.end <= marks[k + 1]]
                stop = nxt[-1].start if nxt else marks[k + 1]
            new = _NEW_STATEMENT.search(text, pos - s0, stop - s0)
            if new:
                stop = s0 + new.start()
            stop = _list_end(text, s0, pos, stop)
            acc = 0.0
            for d in drafts:
                if not (_countlike(d) and pos < d.start < stop):
                    continue
                if d.unit != total.unit and not (d.unit in _PEOPLE and total.unit in _PEOPLE):
                    break   # 56件，其中…，涉及120人: another thing is counted, the list has ended
                if d.subject and _ATTRIBUTE.search(d.subject):
                    continue   # 其中未成年人3人: an attribute of the total, not a part of it
                d.part_of = total.start
                linked = True
                acc += d.value
                if total.qualifier is None and abs(acc - total.value) < 1e-9:
                    break   # the parts add up to the total: what follows is not one of them
        return linked
    if len(drafts) < 3 or not _has_rest_mark(text):
        return False
    countlike = [d for d in drafts if _countlike(d)]
    for t_i, total in enumerate(countlike):
        if total.qualifier is not None:
            continue
        run, acc = [], 0.0
        for d in countlike[t_i + 1:]:
            if d.unit != total.unit:
                break
            run.append(d)
            acc += d.value
            if len(run) >= 2 and abs(acc - total.value) < 1e-9:
                for p in run:
                    p.part_of = total.start
                return True
    return False


def _unit_family(unit: str | None) -> str | None:
    """件/起/宗 are one family, 人/名 another: a figure and last year's may be written in either."""
    if unit in _CASE_FAMILY:
        return "件"
    if unit in ("人", "名"):
        return "人"
    return unit


def _link_priors(text: str, drafts: list[Draft]) -> None:
    """Point last year's figures and year-on-year changes at this year's figure they speak of.

    Only the plain layouts, within one sentence, are read; anything else stays unlinked:
    * 受理120件，上年为100件 / 去年同期受理100件: the figure just before, of the same
      kind and unit family;
    * 由100件增至120件: the figure right after, in the same clause;
    * 受理120件，同比增长20% (比上年增加20件): the figure just before, a count for a
      per cent or an absolute change (of its unit family), a rate for 百分点;
    * 受理120件、办结110件，同比分别增长20%、10%: the n changes go to the n figures
      right before them, in order.
    """
    if not any(d.prior for d in drafts):
        return
    k = 0
    while k < len(drafts):
        d = drafts[k]
        if d.prior is None or d.form == "zero":
            k += 1
            continue
        if d.prior == "from":
            nxt = drafts[k + 1] if k + 1 < len(drafts) else None
            if nxt is not None and nxt.prior is None and _same_measure(d, nxt) and \
                    _CLAUSE_BREAK.search(text, d.end, nxt.start) is None:
                d.prior_of = nxt.start
            k += 1
            continue
        run = 1
        if d.prior == "change" and d.respectively:
            while k + run < len(drafts) and drafts[k + run].prior == "change" and drafts[k + run].respectively:
                run += 1
        before = drafts[max(0, k - run):k]
        if len(before) == run and all(b.prior is None and b.form != "zero" and _same_measure(d, b) for b in before):
            for change, figure in zip(drafts[k:k + run], before):
                change.prior_of = figure.start
        k += run


def _same_measure(prior: Draft, figure: Draft) -> bool:
    """Whether ``prior`` (last year's figure, or the change) can speak of ``figure``."""
    if prior.kind != "change":
        if (prior.kind == "rate") != (figure.kind == "rate"):
            return False
        return _unit_family(prior.unit) == _unit_family(figure.unit)
    if prior.unit == "百分点":
        return figure.kind == "rate"
    if not _countlike(figure):
        return False
    return prior.unit == "%" or _unit_family(prior.unit) == _unit_family(figure.unit)


def _list_end(text: str, s0: int, pos: int, stop: int) -> int:
    """Where a 其中 list at ``pos`` ends, before ``stop``: at the bracket closing one
    opened before 其中, else at the first ；(unless 其中： opens a ；-separated list)."""
    opened = max(text.rfind("（", s0, pos), text.rfind("(", s0, pos))
    if opened >= 0 and max(text.rfind("）", opened, pos), text.rfind(")", opened, pos)) < 0:
        close = min((c for c in (text.find("）", pos, stop), text.find(")", pos, stop)) if c >= 0), default=-1)
        return close if close >= 0 else stop
    after = pos + len(_PART_MARK)
    if text[after:after + 1] in ("：", ":"):
        return stop
    semi = min((c for c in (text.find("；", pos, stop), text.find(";", pos, stop)) if c >= 0), default=-1)
    return semi if semi >= 0 else stop


def _has_rest_mark(text: str) -> bool:
    # substring tests: a regex search of the alternation is slower on a long sentence
    for mark in _REST_MARKS:
        if mark in text:
            return True
    return False


def _parts_take_case(drafts: list[Draft], carry: Carry) -> None:
    """A part written with a bare noun (撤回1件) is a case when its total is one."""
    totals = {d.start: d for d in drafts}
    if carry.total is not None:
        totals.setdefault(carry.total.start, carry.total)
    for d in drafts:
        total = totals.get(d.part_of) if d.part_of is not None else None
        if total is not None and total.kind == "case" and d.kind == "count" and count_kind(
                d.unit, "案件", None) == "case" and not is_not_case_subject(d.subject):
            d.kind = "case"


_object_new = object.__new__
_object_setattr = object.__setattr__


def _fast_fact(fields: dict) -> Fact:
    # A frozen dataclass sets each field through object.__setattr__, which costs
    # about 2 µs a fact; giving it the fields as its __dict__ builds the same,
    # equal, immutable object (``fields`` must be a new dict: the fact keeps it).
    fact = _object_new(Fact)
    _object_setattr(fact, "__dict__", fields)
    return fact


def _slow_fact(fields: dict) -> Fact:
    return Fact(**fields)


_new_fact = _fast_fact if (not hasattr(Fact, "__slots__") and not hasattr(Fact, "__post_init__")
                           and set(Fact.__dataclass_fields__) == {
                               "start", "end", "number_text", "value", "unit", "kind", "qualifier", "subject",
                               "action", "metric", "sentence", "respectively", "part_of",
                               "prior_of"}) else _slow_fact
_FAST_FACTS = _new_fact is _fast_fact
