"""Layout of the synthetic corpus: a ``Report`` -> file bytes, landed text and gold.

Last step of ``fazhi.synth`` before writing. ``render`` lays a report out as
a .txt file (UTF-8 or GB18030; indentation, blank lines, CRLF, a document
number above the title, a title broken over two lines vary by report) or as
a government web page (当前位置, 发布时间, 来源, 分享到, 【打印页面】 around a
<div class="content"> or <article>, sometimes in a layout table or declared
GB2312). It returns the bytes and the *landed text*: what
``fazhi.ingest.readers.read_document`` gives for those bytes — the decoded
text of a .txt file, and for a page the title line followed by one line per
paragraph, which is what the HTML reader extracts from these pages
(``fazhi.synth.verify`` re-reads every page to prove it). ``gold`` then turns
paragraph-local marks into offsets into the landed text, with quotes.
"""
from __future__ import annotations

import re
from datetime import timedelta
from html import escape
from json.encoder import encode_basestring as _js
from random import Random
from typing import NamedTuple

from fazhi.synth.document import Report
from fazhi.synth.text import REASONS, Para

_CLAUSE_STOP = "，。；：！？、\n（）"
_SITE_MENUS = ("政务公开", "政策文件", "法治政府", "新闻中心", "政务服务", "互动交流", "走进")


# Some reports are typed with full-width digits (２０２３年, ５８４件, ９８．５％): one
# character for one, so offsets are unchanged; the gold keeps the text as written.
_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
FULL_WIDTH_SHARE = 0.04


class Rendered(NamedTuple):
    data: bytes
    text: str                       # landed text (offsets point into it)
    encoding: str
    fmt: str                        # txt | html
    placed: list[tuple[Para, int, int, int]]   # (para, start, split_at, split_len)
    extra_nonfacts: list[tuple[int, str, str]]
    full_width: bool = False


def render(report: Report, fmt: str, rng: Random) -> Rendered:
    """``fmt``: "txt" (UTF-8), "gb18030" (.txt in GB18030) or "html"."""
    if fmt == "html":
        return _html(report, rng)
    text, placed, extra = _txt(report, rng)
    encoding = "gb18030" if fmt == "gb18030" else "utf-8"
    full_width = rng.random() < FULL_WIDTH_SHARE
    if full_width:
        text = text.translate(_FULL_WIDTH)
    return Rendered(text.encode(encoding), text, encoding, "txt", placed, extra, full_width)


# ---------------------------------------------------------------- txt
def _txt(report: Report, rng: Random):
    nl = "\r\n" if rng.random() < 0.05 else "\n"
    sep = nl * 2 if rng.random() < 0.3 else nl
    indent = "\u3000\u3000" if rng.random() < 0.35 else ""
    pieces: list[str] = []
    placed = []
    extra: list[tuple[int, str, str]] = []
    pos = 0
    if rng.random() < 0.08:
        abbr = report.issuer[:2]
        number = f"〔{report.year + 1}〕{rng.randint(1, 60)}号"
        head = f"{abbr}政报"
        pieces.append(head + number + nl + nl)
        extra.append((len(head), number, REASONS["n"]))
        pos = len(pieces[0])
    if rng.random() < 0.1:
        pieces.append(" ")
        pos += 1
    title = report.title[0]
    ttext = title.text()
    split_at, split_len = -1, 0
    if rng.random() < 0.15 and ttext.endswith("报告") and len(ttext) > 16:
        k = len(ttext) - 4
        if not any(s < k < s + len(t) for s, t, _ in title.nonfacts):
            split_at, split_len = k, len(nl)
            ttext = ttext[:k] + nl + ttext[k:]
    placed.append((title, pos, split_at, split_len))
    pieces.append(ttext)
    pos += len(ttext)
    after_title = nl + nl if rng.random() < 0.6 else nl
    pieces.append(after_title)
    pos += len(after_title)
    for i, p in enumerate(report.body):
        if i:
            pieces.append(sep)
            pos += len(sep)
        if indent and not (p.heading and rng.random() < 0.5):
            pieces.append(indent)
            pos += len(indent)
        placed.append((p, pos, -1, 0))
        t = p.text()
        pieces.append(t)
        pos += len(t)
    pieces.append(nl)
    return "".join(pieces), placed, extra


# ---------------------------------------------------------------- html
def _html(report: Report, rng: Random) -> Rendered:
    title = report.title_text
    placed = [(report.title[0], 0, -1, 0)]
    pos = len(title) + 1
    strong = rng.random() < 0.3
    style = rng.choice(('', ' style="text-indent:2em;"', ' style="text-indent: 2em; line-height: 2;"',
                        ' align="justify"'))
    paras = []
    for p in report.body:
        placed.append((p, pos, -1, 0))
        t = p.text()
        pos += len(t) + 1
        body = escape(t, quote=False)
        if strong and p.heading:
            body = f"<strong>{body}</strong>"
        paras.append(f"<p{style}>{body}</p>")
    text = title + "\n" + "\n".join(p.text() for p in report.body)
    gb = rng.random() < 0.2
    charset = "gb2312" if gb else "utf-8"
    site = report.issuer if report.issuer.endswith("人民政府") else report.region + "人民政府"
    published = (report.signed + timedelta(days=rng.randint(1, 30))).isoformat()
    source = report.issuer
    h1_inside = rng.random() < 0.3
    h1 = f"<h1>{escape(title, quote=False)}</h1>"
    article = "\n".join(paras)
    if h1_inside:
        article = h1 + "\n" + article
    if rng.random() < 0.15:
        content = (f'<table width="100%" border="0"><tr><td class="title">{escape(title, quote=False)}</td></tr>'
                   f'<tr><td class="content">\n{article}\n</td></tr></table>')
    elif rng.random() < 0.5:
        content = f'<div class="content" id="zoom">\n{article}\n</div>'
    else:
        content = f'<article class="article">\n{article}\n</article>'
    metas = ""
    if rng.random() < 0.6:
        metas = (f'<meta name="ArticleTitle" content="{escape(title)}">\n'
                 f'<meta name="PubDate" content="{published} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}">\n'
                 f'<meta name="ContentSource" content="{escape(source)}">\n')
    charset_tag = (f'<meta charset="{charset}">' if rng.random() < 0.5 else
                   f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    m = re.search(r"[^市县区镇]{2,3}(?:街道|区|县|镇|市)$", report.region)
    short = m.group(0) if m else report.region
    menus = " ".join(f'<li><a href="/{i}/">{m}{short if m == "走进" else ""}</a></li>'
                     for i, m in enumerate(_SITE_MENUS))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_tag}
<title>{escape(title, quote=False)}_{escape(site, quote=False)}</title>
{metas}<link rel="stylesheet" href="/css/main.css">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/zhmode/">长者模式</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li> {menus}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<div class="detail">
{'' if h1_inside else h1}
<div class="info">发布时间：{published} &nbsp; 来源：{escape(source, quote=False)} &nbsp; 浏览次数：{rng.randint(20, 9000)}</div>
{content}
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="tools"><a href="javascript:window.print()">【打印页面】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{escape(site, quote=False)}办公室 网站标识码：{rng.randint(1000000000, 9999999999)}</p>
<p>ICP备案号：ICP备{rng.randint(10000000, 99999999)}号</p></div>
</body>
</html>
"""
    encoding = "gb18030" if gb else "utf-8"
    return Rendered(page.encode(encoding), text, encoding, "html", placed, [])


# ---------------------------------------------------------------- gold
def gold(doc: str, r: Rendered) -> tuple[list[dict], list[tuple[int, str, str]]]:
    """Gold lines (text order) and non-facts for a rendered report."""
    text = r.text
    lines: list[dict] = []
    nonfacts = list(r.extra_nonfacts)
    for para, start, split_at, split_len in r.placed:
        end = start + para.n + split_len
        for f in para.facts:
            f.start = start + f.local + (split_len if 0 <= split_at <= f.local else 0)
        for f in para.facts:
            num = f.num
            number_text = num.text.translate(_FULL_WIDTH) if r.full_width else num.text
            q = quote(text, f.start, number_text, start, end)
            for subject, action, metric in f.lines:
                line = {"doc": doc, "quote": q, "number_text": number_text, "start": f.start,
                        "value": num.value, "unit": num.unit, "qualifier": num.qualifier, "kind": f.kind,
                        "subject": subject, "action": action, "metric": metric}
                if f.respectively or len(f.lines) > 1 and num.value != 0:
                    line["respectively"] = True
                if f.part_of is not None:
                    line["part_of"] = f.part_of.start
                lines.append(line)
        for local, t, reason in para.nonfacts:
            nonfacts.append((start + local + (split_len if 0 <= split_at <= local else 0), t, reason))
    if r.full_width:
        nonfacts = [(s, t.translate(_FULL_WIDTH), why) for s, t, why in nonfacts]
    nonfacts.sort()
    return lines, nonfacts


def jsonl(lines: list[dict]) -> str:
    """The gold lines as JSONL, fields in SCHEMA order (hand-built: json.dumps costs 3x more)."""
    out = []
    for g in lines:
        parts = ['{"doc": ', _js(g["doc"]), ', "quote": ', _js(g["quote"]), ', "number_text": ',
                 _js(g["number_text"]), ', "start": ', str(g["start"]), ', "value": ', repr(g["value"]),
                 ', "unit": ', _js(g["unit"]), ', "qualifier": ', _opt(g["qualifier"]), ', "kind": ',
                 _js(g["kind"]), ', "subject": ', _js(g["subject"]), ', "action": ', _opt(g["action"]),
                 ', "metric": ', _opt(g["metric"])]
        if g.get("respectively"):
            parts.append(', "respectively": true')
        if "part_of" in g:
            parts.append(', "part_of": ' + str(g["part_of"]))
        parts.append("}\n")
        out.append("".join(parts))
    return "".join(out)


def _opt(s: str | None) -> str:
    return "null" if s is None else _js(s)


_LEFT = re.compile(r"[^，。；：！？、\n（）]{0,12}$")
_RIGHT = re.compile(r"[^，。；：！？、\n（）]{0,2}")


def quote(text: str, s: int, nt: str, lo: int, hi: int) -> str:
    """A short substring (8-40 chars, within the line) holding ``nt`` at ``s``, unique when possible."""
    e = s + len(nt)
    a = s - len(_LEFT.search(text, max(lo, s - 12), s).group())
    b = e + len(_RIGHT.match(text, e, hi).group())
    # at least 8 characters: grow left, then right
    while b - a < 8 and (a > lo or b < hi):
        if a > lo and (b >= hi or text[a - 1] != "\n"):
            a -= 1
        else:
            b += 1
    q = text[a:b]
    if q.find(nt) != s - a:
        # nt repeats to the left inside the quote: take right context instead
        a = s
        b = max(e, min(hi, s + 8))
        q = text[a:b]
    if text.count(q) > 1:
        while b - a < 40 and (a > lo or b < hi):
            if a > lo and (s - a < 16 or b >= hi) and text[a - 1:s].find(nt) < 0:
                a -= 1
            elif b < hi:
                b += 1
            else:
                break
            q = text[a:b]
            if text.count(q) == 1:
                break
    if b - a > 40:
        a = max(a, e - 40)
        q = text[a:b]
    return q
