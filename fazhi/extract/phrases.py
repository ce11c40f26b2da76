"""Phrases: the stage verb and noun phrase in a stretch of words around a number.

Helpers for ``attribute.py``, pure functions of short strings: ``strip`` drops
time, scope and particle words (2023年, 全区, 各类, 共计 …); ``verbs`` finds the
stage verbs of a phrase, skipping verbs inside nouns (依申请公开, 调解组织,
审核意见); ``left_phrase`` reads "verb + noun" before a number, ``right_noun``
the noun written after a measure word, ``person_phrase`` who did what when a
number counts people, ``clause_noun`` what a clause without a number is about.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from fazhi.extract import lexicon as lx


def alternation(words) -> str:
    """A regex alternation of words, longest first (so 排查出 wins over 排查)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Verb(NamedTuple):
    start: int
    end: int
    word: str


# One scan for noun compounds and verbs, longest word first: where a compound
# starts (依申请公开, 人民调解), its verb-like part is not read as a verb.
_WORDS = re.compile(alternation(lx.NOUN_COMPOUNDS + tuple(lx.ACTION_VERBS)))
_COMPOUNDS = frozenset(lx.NOUN_COMPOUNDS)
_STOP = re.compile(alternation(lx.PREDICATE_STOPS))
_TIME = r"(?:\d{2,4}年(?:度)?(?:以来|来|底|初|末|上半年|下半年)?|\d{1,2}月(?:份)?(?:以来|底|末)?|[上下]半年)"
_LEAD = re.compile(r"(?:" + _TIME + "|" + alternation(lx.LEADING_FILLERS) + r"|[\s、，,：:])+")
_TRAIL_WORDS = tuple(sorted(lx.TRAILING_FILLERS, key=len, reverse=True))
_EDGE = " 、，,：:\t"
_PREPOSITIONS = tuple("对向将把就在从被由经给为")
_PRE_VERB_ADVERBS = ("新", "共", "已", "累计", "全部", "依法", "主动", "成功", "有效", "及时", "先后",
                     "又", "再", "还", "均", "都", "分别", "共计", "合计", "全年", "年内")
_SERIAL_GAPS = frozenset(("", "、", "和", "并", "及", "与", "并且", "或"))
_PERSON_PREDICATE = re.compile(r"(参加|参与|参训|旁听|接受|开展|进行|完成)(.*)")
_NUMBERISH = re.compile(r"[\d.,]+[万亿千]?[余多]?[\u4e00-\u9fff%]?")
_NOT_NOUN_START = ("以上", "以下", "左右", "余", "多", "之多")


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "“”"


def strip(s: str) -> str:
    """A phrase without the time words, scope words and particles around it."""
    s = s.strip(_EDGE)
    lead = _LEAD.match(s)
    if lead:
        s = s[lead.end():]
    return strip_tail(s)


def strip_tail(s: str) -> str:
    """A phrase without trailing fillers (共计, 达到, 的, 等 …)."""
    s = s.rstrip(_EDGE)
    while s.endswith(_TRAIL_WORDS):
        for w in _TRAIL_WORDS:
            if s.endswith(w):
                s = s[: -len(w)].rstrip(_EDGE)
                break
    return s


def verbs(phrase: str) -> list[Verb]:
    """Stage verbs of a phrase, leaving out those inside nouns (依申请公开, 调解组织)."""
    out = []
    for w in _WORDS.finditer(phrase):
        word = w.group()
        if word in _COMPOUNDS:
            continue
        if word in lx.MODIFIER_VERBS and phrase.startswith(lx.NOUN_AFTER_VERB, w.end()):
            continue
        out.append(Verb(w.start(), w.end(), word))
    return out


def left_phrase(left: str) -> tuple[str, str | None, bool]:
    """(subject, action, verb_at_end) read from the words before a number.

    The last stage verb before the number governs it and the noun phrase after
    that verb is the subject (受理[行政复议案件]584件). When a verb ends the
    phrase (合法性审核297件, 公职律师新增17人) the subject is the activity after
    the verb before it, or the noun before the verb.
    """
    found = verbs(left)
    if not found:
        return strip(left), None, False
    groups: list[list[Verb]] = [[found[0]]]
    for v in found[1:]:
        if left[groups[-1][-1].end:v.start] in _SERIAL_GAPS:
            groups[-1].append(v)      # serial verbs: 办理答复, 制定、出台
        else:
            groups.append([v])
    last = groups[-1]
    after = strip(left[last[-1].end:])
    if after:
        return after, _verb_text(last), False
    if len(last) > 1:
        # 组织开展学习研讨: the light verbs frame, the rest is what was done
        light = [k for k, v in enumerate(last[:-1]) if v.word in lx.LIGHT_VERBS]
        if light:
            k = light[-1]
            return strip(left[last[k].end:]), _verb_text(last[:k + 1]), True
    if len(groups) >= 2:
        prev = groups[-2]
        if strip(left[prev[-1].end:last[0].start]):
            subject = strip(left[prev[-1].end:last[-1].end])
            action = _verb_text(last) if prev[-1].word in lx.LIGHT_VERBS else _verb_text(prev)
            return subject, action, True
    return strip_pre_verb(left[:last[0].start]), _verb_text(last), True


def _verb_text(group: list[Verb]) -> str:
    return "".join(v.word for v in group)


def right_noun(right: str) -> str:
    """The noun phrase written right after a measure word (36个[区级专项应急预案])."""
    if not right or not is_cjk(right[0]) or right.startswith(_NOT_NOUN_START):
        return ""
    de = right.rfind("的")
    if 0 < de < len(right) - 1 and _STOP.search(right, 0, de):
        right = right[de + 1:]   # 1起[因事故造成的]死亡赔偿纠纷: skip the relative clause
    stop = _STOP.search(right)
    return strip(right[:stop.start()] if stop else right)


def person_phrase(right: str, subject: str, action: str | None) -> tuple[str, str | None]:
    """5387名[国家工作人员]参加[网上学法用法考试] -> 参加网上学法用法考试的国家工作人员, 参加."""
    stop = _STOP.search(right)
    m = _PERSON_PREDICATE.match(right, stop.start()) if stop else None
    if not m:
        return subject, action
    verb, obj = m.group(1), strip(m.group(2))
    if not obj:
        return subject, verb
    if verb in ("开展", "进行", "完成"):
        return f"{obj}的{subject}", obj
    return f"{verb}{obj}的{subject}", verb


def clause_noun(clause: str) -> str:
    """The thing a clause without a number is about: its object, else its subject."""
    clause = _NUMBERISH.sub("", clause)
    found = verbs(clause)
    if not found:
        return strip(clause)
    after = strip(clause[found[-1].end:])
    if after and any(is_cjk(c) for c in after):
        return after
    return strip_pre_verb(clause[:found[0].start])


def clause_object(clause: str) -> str:
    """The object of a clause's last verb, numbers removed ("" when there is none)."""
    found = verbs(clause)
    if not found:
        return ""
    obj = strip(_NUMBERISH.sub("", clause[found[-1].end:]))
    return obj if any(is_cjk(c) for c in obj) else ""


def strip_pre_verb(s: str) -> str:
    """The agent before a verb, without the adverbs and prepositions around it."""
    s = strip(s)
    changed = True
    while changed and s:
        changed = False
        if s.endswith(_PRE_VERB_ADVERBS):
            for w in _PRE_VERB_ADVERBS:
                if s.endswith(w):
                    s = s[: -len(w)]
                    changed = True
                    break
        if s.startswith(_PREPOSITIONS):
            s = s[1:]
            changed = True
    return strip(s)
