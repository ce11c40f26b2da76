"""Zeros stated in words: what 未发生/没有/无 declares none of.

Called by ``attribute.attribute_sentence`` for each mention of form "zero"
(``numbers._zero`` found the word): 未发生A和B案件 gives one zero per thing
named, a case when it is a case noun, a count for documents and items.
"""
from __future__ import annotations

import re

from fazhi.extract import lexicon as lx
from fazhi.extract import phrases as ph
from fazhi.extract.drafts import Context, Draft

_ZERO_SPLIT = re.compile(r"、|以及|和|(?<!涉)及(?!时)|与|或")
_CASE_NOUN = re.compile(ph.alternation(lx.CASE_NOUNS))
_ZERO_HEADS = ("案件", "事件", "事故", "信息", "项目", "内容")
_ZERO_WHOLE = ("文件", "规章", "案件", "项目", "信息", "事项", "内容")   # items already whole: no head added
_ZERO_COUNTED = ("信息", "项目", "文件", "规章", "内容")
_CAUSED = re.compile("导致|引起|引发|造成|酿成")


def zero_drafts(ctx: Context) -> list[Draft]:
    """未发生A和B案件, 无出台X和Y: one zero per thing named."""
    m = ctx.m
    obj = ctx.right
    for i, c in enumerate(obj):
        if c in "，,；;。：:）)":
            obj = obj[:i]
            break
    word = ctx.text[m.start:m.end]
    verb = word[1:].lstrip("有").removeprefix("对外")   # 未发生 -> 发生, 没有 -> "", 未对外公开发布 -> 公开发布
    lead = ph.verbs(obj)
    if lead and lead[0][0] == 0:
        # 无制定规章…, 没有起草和印发新的文件…: the verb opens the object
        k = 0
        while k + 1 < len(lead) and obj[lead[k][1]:lead[k + 1][0]] in ("", "和", "、", "及", "并"):
            k += 1
        verb = obj[:lead[k][1]]
        obj = obj[lead[k][1]:]
    items = [it for it in (ph.strip(x) for x in _ZERO_SPLIT.split(obj)) if it]
    if not items:
        return []
    head = next((h for h in _ZERO_HEADS if items[-1].endswith(h)), "")
    out = []
    for it in items:
        it = it.removeprefix("新的").removeprefix("新").removesuffix("等")
        if head and not it.endswith(head) and not it.endswith(_ZERO_WHOLE):
            it += head
        # 没发生因处置不当引起升级的纠纷: an averted event is a count; documents and items are counts
        kind = "case" if _CASE_NOUN.search(it) and not _CAUSED.search(it) and not it.endswith(_ZERO_COUNTED) \
            else "count"
        unit = "项" if it.endswith(("项目", "事项")) else "件"
        d = Draft(m.start, m.end, 0.0, unit, kind, None, it, verb or None, ctx.sentence, form="zero")
        # 关于公开申请答复的行政诉讼: narrower than the metric; …引起升级的纠纷: an averted event
        d.no_metric = "关于" in it or _CAUSED.search(it) is not None
        out.append(d)
    return out
