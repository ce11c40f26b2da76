"""Fact templates of the synthetic corpus: one writer per topic of a report.

Middle layer of ``fazhi.synth``: ``document.py`` picks the topics of a report
and calls ``TOPICS[name](ctx, out)`` for each (the writers are in ``topics_*.py``,
what they draw on in ``context.py``); the writer puts sentences
into the paragraphs of ``out`` through ``text.Para`` so that every number is
recorded with its gold fields (kind, unit, qualifier, subject, action,
metric per ../shared/gold/SCHEMA.md, respectively, part_of). True values
come from ``Ctx.v`` (scaled to the body's size); ``numbers.py`` decides how
they are written. Reports are kept free of contradictions unless
``Ctx.plants`` asks a writer to plant one (rate over 100, 办结 > 受理, parts
over their total, a 纠错率 off its counts), which it records in
``Ctx.planted``.
"""
from __future__ import annotations

from fazhi.synth.context import HOSTS, ISSUES, Ctx, Out
from fazhi.synth.topics_capacity import (digital, emergency, leader, popularisation, proposals, supervision,
                                         training)
from fazhi.synth.topics_disputes import disclosure, hotline, litigation, mediation, reconsideration
from fazhi.synth.topics_government import advisors, business, decisions, enforce, functions, normative

__all__ = ["HEADINGS", "HOSTS", "ISSUES", "TOPICS", "Ctx", "Out", "leader"]

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
