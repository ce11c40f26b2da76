"""A saved government web page -> the report's text and what the page states.

The bytes are decoded honouring a byte-order mark, the server's charset,
then ``<meta charset>`` / ``http-equiv`` (GBK and GB2312 read as GB18030),
then detection. trafilatura finds the article without the page chrome
(menus, 当前位置, 分享到, 【打印页面】); when it finds nothing, the page's
visible lines minus chrome are used. Title, 发布时间 and 来源 come from the
standard government-site meta tags (ArticleTitle, PubDate, ContentSource),
else from the page's own labelled lines. The text starts with the title
line, as a report file does.
"""
from __future__ import annotations

import copy
import html as html_module
import re
from functools import cached_property

import lxml.html
import trafilatura
import trafilatura.metadata
import trafilatura.utils
from lxml import etree

from ..metadata import clean_title, is_chrome_line, parse_date, stated_published, stated_source
from .base import Document, ReadError, count_ideographs, require_chinese
from .plaintext import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 8192
# Meta tags that state the publication date (PubDate is the government-site standard).
_DATE_METAS = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time")
# Fewer ideographs than this in trafilatura's result: try harder.
_MIN_ARTICLE = 30
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
_TABLE_TAGS = {"table", "tbody", "thead", "tfoot", "tr", "td", "th"}
# Ideographs in one table cell of prose that make its table a page layout.
_LAYOUT_CELL = 100
# The headline is looked for in this many first lines of the article.
_HEADLINE_WITHIN = 12
# Chrome lines are short; a long line that mentions 来源 is report text.
_MAX_CHROME_LINE = 80


def read_html(data: bytes, charset: str | None = None) -> Document:
    """A web page: article text (title first), its encoding and stated metadata."""
    html, encoding = decode_text(data, charset or _meta_charset(data))
    tree = _parse(html)
    meta = _meta_tags(tree)
    lines = _visible_lines(tree)
    article = _article(_unwrap_layout_tables(tree))
    title = _title(meta, article, tree)
    body = _body(article, lines, title)
    require_chinese(body, "the page's article")
    if count_ideographs(body) < _MIN_ARTICLE:
        raise ReadError("extract", f"no article text found in the page (only {count_ideographs(body)} "
                                   "Chinese characters outside menus and links)")
    return Document(
        text=_with_title(title, body),
        format="html",
        encoding=encoding,
        title=title,
        published=_meta_date(meta) or stated_published(lines) or _markup_date(article),
        source_name=meta.get("contentsource") or stated_source(lines),
    )


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return m.group(1).decode("ascii") if m else None


def _parse(html: str):
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as err:
        raise ReadError("parse", f"not an HTML page ({err})") from None


def _meta_tags(tree) -> dict[str, str]:
    """<meta name|property=… content=…> by lower-cased name."""
    tags = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            tags.setdefault(name, content)
    return tags


# Plain strings, not lxml's "smart" ones that keep a reference to their element.
_VISIBLE_TEXT = etree.XPath(
    "//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::head)]",
    smart_strings=False)


def _visible_lines(tree) -> list[str]:
    """The page's visible text, one text node a line."""
    return [text.strip() for text in _VISIBLE_TEXT(tree) if text.strip()]


def _unwrap_layout_tables(tree) -> str:
    """The page as HTML, with tables that only lay out the page turned into
    divs: a cell holding paragraphs of prose is layout, not data, and
    trafilatura would flatten it into one table row."""
    if not any(_is_layout_cell(cell) for cell in tree.iter("td", "th")):
        return lxml.html.tostring(tree, encoding="unicode")   # most pages: no copy to change
    tree = copy.deepcopy(tree)
    for cell in [cell for cell in tree.iter("td", "th") if _is_layout_cell(cell)]:
        for element in [cell, *cell.iterancestors()]:
            if element.tag in _TABLE_TAGS:
                element.tag = "div"
    return lxml.html.tostring(tree, encoding="unicode")


def _is_layout_cell(cell) -> bool:
    has_blocks = cell.find(".//br") is not None or cell.find(".//p") is not None
    return has_blocks and count_ideographs(cell.text_content()) >= _LAYOUT_CELL


class _Article:
    """trafilatura's article text, and the title and date it reads from the page's markup.

    The text is extracted without metadata (the same text: compared on every page of the
    bench corpora), which is half of trafilatura's time on a page. The title is read the
    way trafilatura's metadata reads it (``_markup_title``); the date, which needs
    htmldate, only when asked (when the page's meta tags and lines state none), by a
    second extraction with metadata. All of them read one tree, parsed once the way
    trafilatura parses a page (``load_html``): trafilatura extracts from a copy of a tree
    it is given, and the title is only read from it.
    """

    def __init__(self, tree, favor_recall: bool, text: str | None) -> None:
        self._tree, self._favor_recall, self.text = tree, favor_recall, text

    @cached_property
    def title(self) -> str | None:
        return _markup_title(self._tree)

    @cached_property
    def date(self) -> str | None:
        article = trafilatura.bare_extraction(self._tree, favor_recall=self._favor_recall, with_metadata=True,
                                              **_EXTRACTION)
        return getattr(article, "date", None)


def _markup_title(html) -> str | None:
    """The title trafilatura's ``extract_metadata`` gives (tests compare the two): the meta tags',
    else the JSON-LD's, else the page's headline, trimmed as it trims its fields. ``html`` is the
    page as a string or as the tree ``load_html`` made of it."""
    tree = trafilatura.utils.load_html(html)
    if tree is None:
        return None
    found = trafilatura.metadata.examine_meta(tree)
    try:
        found = trafilatura.metadata.extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 (as trafilatura: its JSON-LD reader fails on odd pages)
        pass
    title = found.title or trafilatura.metadata.extract_title(tree)
    if not isinstance(title, str):
        return title
    if len(title) > 10000:
        title = title[:9999] + "…"
    return trafilatura.utils.line_processing(html_module.unescape(title))


# fast: no second opinion from readability/justext (they double the cost and
# rarely win on government pages); the fallback in _body covers a failed extraction.
_EXTRACTION = dict(include_tables=True, include_comments=False, fast=True,
                   date_extraction_params={"extensive_search": False})


def _article(html: str) -> _Article | None:
    """trafilatura's extraction (precision first, then recall), or None."""
    tree = trafilatura.utils.load_html(html)
    if tree is None:
        return None
    best = None
    for favor_recall in (False, True):
        result = trafilatura.bare_extraction(tree, favor_recall=favor_recall, with_metadata=False, **_EXTRACTION)
        if result is not None and result.text:
            article = _Article(tree, favor_recall, result.text)
            if count_ideographs(result.text) >= _MIN_ARTICLE:
                return article
            best = best or article
    return best


def _title(meta: dict[str, str], article, tree) -> str | None:
    for candidate in (meta.get("articletitle"), getattr(article, "title", None),
                      meta.get("og:title"), tree.findtext(".//title")):
        if candidate and candidate.strip():
            title = clean_title(candidate)
            if title:
                return title
    return None


def _body(article, lines: list[str], title: str | None) -> str:
    text = _flatten_tables(getattr(article, "text", None) or "")
    text = _trim_chrome(_after_headline(text, title)).strip()
    if count_ideographs(text) >= _MIN_ARTICLE:
        return text
    fallback = "\n".join(line for line in lines if not is_chrome_line(line))
    return fallback if count_ideographs(fallback) > count_ideographs(text) else text


def _after_headline(text: str, title: str | None) -> str:
    """What follows the headline when it stands near the top: the lines
    above it are menus (the title line itself is put back later)."""
    lines = text.strip().splitlines()
    if title:
        for i, line in enumerate(lines[:_HEADLINE_WITHIN]):
            if re.sub(r"\s+", "", line) == re.sub(r"\s+", "", title):
                return "\n".join(lines[i + 1:])
    return "\n".join(lines)


def _flatten_tables(text: str) -> str:
    """trafilatura writes table rows as "| a | b |": make them "a<TAB>b"."""
    out = []
    for line in text.splitlines():
        m = _TABLE_ROW.match(line.strip())
        out.append("\t".join(cell.strip() for cell in m.group(1).split("|")) if m else line)
    return "\n".join(out)


def _trim_chrome(text: str) -> str:
    """Without menu, info and print lines that trafilatura kept at either end."""
    lines = text.strip().splitlines()
    while lines and _is_edge_chrome(lines[0]):
        lines.pop(0)
    while lines and _is_edge_chrome(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _is_edge_chrome(line: str) -> bool:
    return len(line.strip()) <= _MAX_CHROME_LINE and is_chrome_line(line)


def _with_title(title: str | None, body: str) -> str:
    first = body.lstrip().split("\n", 1)[0].strip()
    if not title or first == title:
        return body
    return f"{title}\n{body}"


def _meta_date(meta: dict[str, str]) -> str | None:
    for name in _DATE_METAS:
        date = parse_date(meta.get(name))
        if date:
            return date
    return None


def _markup_date(article) -> str | None:
    """A date the page's markup states (htmldate without text guessing)."""
    return parse_date(getattr(article, "date", None))
