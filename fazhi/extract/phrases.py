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
from functools import lru_cache

from fazhi.extract import lexicon as lx

# The readers below taking the words around a number (right_noun, leading_verb,
# person_phrase, clause_noun, clause_object) are pure functions of short strings
# that reports repeat: each is memoised (functools.lru_cache, bounded), and
# returns an immutable value.


def alternation(words, guards: dict[str, str] | None = None) -> str:
    """A regex matching any of the words, the longest where several fit (排查出 over 排查).

    Written as a character trie (受(?:理|案)|…) rather than a flat list: the
    regex engine then picks the branch by its first character instead of
    trying every word in turn, and a scan can skip to a possible first
    character. ``guards`` maps a word to a regex that must not follow it.
    """
    root: dict = {}
    for w in set(words):
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = (guards or {}).get(w, "")
    return _trie(root) or "(?!)"


def _trie(node: dict) -> str:
    alts = [re.escape(c) + _trie(child) for c, child in sorted(node.items()) if c]
    if "" not in node:
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    end = f"(?!{node['']})" if node[""] else ""   # a word ends here, unless its guard follows
    if not alts:
        return end
    return "(?:" + "|".join(alts + [end]) + ")"   # longer words first, then this one


# What the words before a number say about it, a plain tuple for speed:
#   subject      the noun phrase counted ("" when the words name none)
#   action       the stage verb, or None
#   verb_at_end  the verb ends the words (合法性审核86件, 新增26人)
#   agent        the raw words before the verb: who acts (12345热线[受理]…)
#   serial       the verbs of a serial group, for 分别 (受理、办结…分别为)
Left = tuple[str, "str | None", bool, str, tuple[str, ...]]


# A verb found in a phrase: (start, end, word), a plain tuple for speed.
Verb = tuple[int, int, str]


# One scan for noun compounds and verbs, longest word first: where a compound
# starts (依申请公开, 人民调解), its verb-like part is not read as a verb.
# A verb that can modify a noun (审核意见, 调解组织) is not a verb before one.
# A compound ending in such a verb takes the noun too (人民调解 + 组织 = 人民调解组织).
_NOUN_COMPOUNDS = lx.NOUN_COMPOUNDS + tuple(
    c + head for c in lx.NOUN_COMPOUNDS if any(c.endswith(v) for v in lx.MODIFIER_VERBS)
    for head in lx.NOUN_AFTER_VERB)
_WORDS = alternation(_NOUN_COMPOUNDS + tuple(lx.ACTION_VERBS), guards={
    v: alternation(lx.NOUN_AFTER_VERB) for v in lx.MODIFIER_VERBS if v not in lx.NOUN_COMPOUNDS})
_WORD_SPLIT = re.compile("(" + _WORDS + ")")   # one group: split() keeps the words (see verbs)
_COMPOUNDS = frozenset(_NOUN_COMPOUNDS)
# Compounds that name a stage of review (合法性审查, 备案审查): after a light verb they are the action.
_STAGE_COMPOUNDS = tuple(c for c in lx.NOUN_COMPOUNDS if c[-2:] in lx.STAGE_VERBS and c[-2:] in ("审查", "审核"))
_STOP = re.compile(alternation(lx.PREDICATE_STOPS))
_QUOTE = re.compile(r"“[^“”]*(?:”|$)|^[^“”]*”")
_VERB_AT_START = re.compile(alternation(lx.ACTION_VERBS))
_VERBS_ONLY = re.compile("(?:" + alternation(lx.ACTION_VERBS) + ")+")
_VERB_AT_END = re.compile("(?:" + alternation(lx.ACTION_VERBS) + ")$")
_TIME = r"(?:\d{2,4}年(?:度)?(?:以来|来|底|初|末|上半年|下半年)?|\d{1,2}月(?:份)?(?:以来|底|末)?|[上下]半年)"
_PARTICLES = "|".join(c + (f"(?![{nxt}])" if nxt else "") for c, nxt in lx.LEADING_PARTICLES.items())
_LEAD = re.compile(r"(?:" + _TIME + "|" + alternation(lx.LEADING_FILLERS) + "|(?:" + alternation(lx.ADVERB_FILLERS)
                   + r")(?![\u4e00-\u9fff]{0,4}(?:率|度|比例))|" + _PARTICLES + r"|[\s、，,：:])+")
_LEAD_FIRST = frozenset("0123456789上下 \t、，,：:" + "".join(lx.LEADING_PARTICLES)
                        + "".join(w[0] for w in lx.LEADING_FILLERS + lx.ADVERB_FILLERS))
# Trailing fillers by their last character, longest first: strip_tail tries few.
_TRAIL_BY_LAST = {c: tuple(sorted((w for w in lx.TRAILING_FILLERS if w[-1] == c), key=len, reverse=True))
                  for c in {w[-1] for w in lx.TRAILING_FILLERS}}
_EDGE = " 、，,：:\t"
# The characters that make strip look further at a phrase's first or last character.
_STRIP_FIRST = frozenset(_EDGE + "（(") | _LEAD_FIRST
_STRIP_LAST = frozenset(_EDGE + "）)") | frozenset(_TRAIL_BY_LAST)
_PREPOSITIONS = tuple(lx.PREPOSITIONS)
_PRE_VERB_ADVERBS = lx.PRE_VERB_ADVERBS
_WINDOW = 36
_SERIAL_GAPS = frozenset(("", "、", "和", "并", "及", "与", "并且", "或"))
_PERSON_PREDICATE = re.compile(r"(参加|参与|参训|旁听|接受|开展|进行|完成)(.*)")
_NUMBERISH = re.compile(r"[\d.,]+[万亿千]?[余多]?[\u4e00-\u9fff%]?")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_NOT_NOUN_START = ("以上", "以下", "左右", "余", "多", "之多")
_RECEIVE = re.compile("收到|受理|新收|办结|审结|接收")


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c in "“”"


_CJK = re.compile("[\u4e00-\u9fff“”]")   # _CJK.search(s): any(is_cjk(c) for c in s), in one call


def strip(s: str) -> str:
    """A phrase without the time words, scope words and particles around it."""
    if s and s[0] not in _STRIP_FIRST and s[-1] not in _STRIP_LAST:
        return s   # the common case: nothing below would change it
    s = s.strip(_EDGE)
    if not s:
        return s
    if s[0] in "（(" and "）" not in s and ")" not in s:
        s = s[1:].lstrip(_EDGE)   # （其中…: a bracket opened before the phrase
    if s[-1:] in "）)" and "（" not in s and "(" not in s:
        s = s[:-1].rstrip(_EDGE)
    if s and s[0] in _LEAD_FIRST:
        lead = _LEAD.match(s)
        if lead:
            s = s[lead.end():]
    return strip_tail(s)


def strip_tail(s: str) -> str:
    """A phrase without trailing fillers (共计, 达到, 的, 等 …)."""
    s = s.rstrip(_EDGE)
    while s:
        for w in _TRAIL_BY_LAST.get(s[-1], ()):
            if s.endswith(w):
                s = s[: -len(w)].rstrip(_EDGE)
                break
        else:
            return s
    return s


def verbs(phrase: str) -> list[Verb]:
    """Stage verbs of a phrase, leaving out those inside nouns (依申请公开, 调解组织)
    and inside quoted names (“双随机、一公开”)."""
    # _WORD_SPLIT.split gives [gap, word, gap, word, …, gap]: the words finditer
    # would find, without building a match object for each (a third of the cost).
    parts = _WORD_SPLIT.split(phrase)
    if len(parts) == 1:
        return []   # no word at all (a third of the calls)
    out: list[Verb] = []
    pos = 0
    for k in range(1, len(parts), 2):
        word = parts[k]
        pos += len(parts[k - 1])
        end = pos + len(word)
        if word not in _COMPOUNDS:
            out.append((pos, end, word))
        pos = end
    if "“" in phrase or "”" in phrase:
        quoted = [q.span() for q in _QUOTE.finditer(phrase)]
        out = [v for v in out if not any(a <= v[0] < b for a, b in quoted)]
    return out


def left_phrase(left: str) -> Left:
    """Subject, action and agent read from the words before a number.

    The last stage verb before the number governs it and the noun phrase after
    that verb is the subject (受理[行政复议案件]126件). When a verb ends the
    phrase (合法性审核86件, 公职律师新增26人) the subject is the activity after
    the verb before it, or the noun before the verb.
    """
    if "）" in left or ")" in left:
        left = _ASIDE.sub("", left)   # 结案（包括案前调解…）86件: an aside between the verb and the number
    left = left[-_WINDOW:]   # a subject never needs more words than this
    found = verbs(left)
    if not found:
        return (strip(left), None, False, "", ())
    k = _group_start(left, found, len(found)) if len(found) > 1 else 0
    last = found[k:]   # the last group of serial verbs: 办理答复, 制定、出台
    after = strip(left[last[-1][1]:])
    if after:
        action = last[0][2] if len(last) == 1 else _verb_text(last)
        if last[-1][2] in lx.LIGHT_VERBS:
            # 完成…合法性审核86件: a light verb frames the stage the noun ends with
            tail = _VERB_AT_END.search(after)
            if tail and tail.group() in lx.STAGE_VERBS:
                action = tail.group()
            elif after.startswith(_STAGE_COMPOUNDS):
                # 开展合法性审查重大合同: the stage is the one the compound names
                action = next(c for c in _STAGE_COMPOUNDS if after.startswith(c))[-2:]
        return (after, action, False, left[:last[0][0]],
                    tuple(v[2] for v in last) if len(last) > 1 else ())
    if len(last) > 1:
        # 组织开展集中研讨: the light verbs frame, the rest is what was done
        light = [k for k, v in enumerate(last[:-1]) if v[2] in lx.LIGHT_VERBS]
        if light:
            k = light[-1]
            return (strip(left[last[k][1]:]), _verb_text(last[:k + 1]), True, "", ())
    if k:
        prev = found[_group_start(left, found, k):k]   # the group before the last
        if strip(left[prev[-1][1]:last[0][0]]):
            subject = strip(left[prev[-1][1]:last[-1][1]])
            stage = prev[-1][2] in lx.LIGHT_VERBS and last[-1][2] in lx.STAGE_VERBS
            action = _verb_text(last) if stage else _verb_text(prev)
            return (subject, action, True, "", ())
    return (strip_pre_verb(left[:last[0][0]]), _verb_text(last), True, "", ())


def _group_start(left: str, found: list[Verb], end: int) -> int:
    """Where the serial group of verbs ending at ``found[end - 1]`` starts: verbs
    with nothing, 、, 和 … between them (办理答复, 制定、出台) are one group."""
    k = end - 1
    while k and left[found[k - 1][1]:found[k][0]] in _SERIAL_GAPS:
        k -= 1
    return k


def _verb_text(group: list[Verb]) -> str:
    return group[0][2] if len(group) == 1 else "".join([v[2] for v in group])


@lru_cache(maxsize=1 << 14)
def right_noun(right: str) -> str:
    """The noun phrase written right after a measure word (36个[县级专项应急预案])."""
    if not right or not ("\u4e00" <= right[0] <= "\u9fff" or right[0] in "“”") or right.startswith(_NOT_NOUN_START):
        return ""   # (is_cjk(right[0]), inline)
    de = right.rfind("的")
    if 0 < de < len(right) - 1 and _STOP.search(right, 0, de):
        right = right[de + 1:]   # 1起[因施工引发的]相邻权纠纷: skip the relative clause
    stop = _STOP.search(right)
    noun = strip(right[:stop.start()] if stop else right)
    together = noun.find("共")
    if together > 1 and verbs(noun[together + 1:])[:1] and verbs(noun[together + 1:])[0][0] == 0:
        noun = noun[:together]   # 24个单位共清理出证明事项: the units are counted
    if noun and _RECEIVE.search(noun):
        # 8个县区政府共受理投诉: the noun is who received, the stage verb starts the predicate
        found = verbs(noun)
        if found and found[0][0] > 1:
            noun = strip_pre_verb(noun[:found[0][0]])
    if noun and _VERBS_ONLY.fullmatch(noun) and sum(v[1] - v[0] for v in verbs(noun)) == len(noun):
        return ""   # 5个工作日压缩至…: a verb, not a noun, follows (调解组织 is a noun)
    return noun


@lru_cache(maxsize=1 << 12)
def leading_verb(noun: str) -> str | None:
    """The stage verb a phrase naming people opens with (培训人员 -> 培训), if any."""
    if not noun.endswith(lx.PERSON_NOUNS):
        return None
    m = _VERB_AT_START.match(noun)
    return m.group() if m else None


@lru_cache(maxsize=1 << 12)
def person_phrase(right: str, subject: str, action: str | None) -> tuple[str, str | None]:
    """260名[执法人员]参加[执法资格考试] -> 参加执法资格考试的执法人员, 参加."""
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


def starts_with_predicate(right: str) -> bool:
    """True when the words after a number begin with 参加/参与/… (no noun between)."""
    return _PERSON_PREDICATE.match(right) is not None


@lru_cache(maxsize=1 << 12)
def clause_noun(clause: str) -> str:
    """The thing a clause without a number is about: its object, else its subject."""
    clause = _NUMBERISH.sub("", clause)
    found = verbs(clause)
    if not found:
        return strip(clause)
    after = strip(clause[found[-1][1]:])
    if after and _CJK.search(after):
        return after
    return strip_pre_verb(clause[:found[0][0]])


@lru_cache(maxsize=1 << 12)
def clause_object(clause: str) -> str:
    """The object of a clause's last verb, numbers removed ("" when there is none)."""
    found = verbs(clause)
    if not found:
        return ""
    obj = strip(_NUMBERISH.sub("", clause[found[-1][1]:]))
    return obj if _CJK.search(obj) else ""


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
