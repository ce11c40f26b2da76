"""fazhi.ingest.formats.webpage reads the article without trafilatura's metadata and the title
on its own: the title must be the one trafilatura's metadata gives, and the date still comes
from the markup when the page states no other."""
from __future__ import annotations

import pytest
import trafilatura

from fazhi.ingest.formats.webpage import _markup_title, read_html

_BODY = "<p>" + "本区持续推进依法行政，全年组织执法人员培训十二场次，覆盖各部门执法骨干。" * 3 + "</p>"


def _page(head: str, body: str = _BODY) -> str:
    return f"<html><head>{head}</head><body><div class='main'>{body}</div></body></html>"


@pytest.mark.parametrize("page", [
    _page('<meta property="og:title" content="某区2031年度依法行政工作报告">'),
    _page('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "某县2031年度法治建设情况"}</script>'),
    _page("<title>某镇2031年工作总结 &amp; 计划_政务公开</title>"),
    _page("", "<h1>  某街道   2031年法治报告 </h1>" + _BODY),
    _page(""),
])
def test_the_title_is_the_one_trafilaturas_metadata_gives(page):
    assert _markup_title(page) == trafilatura.extract_metadata(page).title


def test_a_page_that_states_its_date_only_in_markup_still_gets_it():
    page = _page('<meta property="article:modified_time" content="2024-03-04T10:00:00">'
                 "<title>某区2023年度依法行政工作报告</title>")
    document = read_html(page.encode())
    assert document.published == "2024-03-04"     # htmldate's, from the markup (no PubDate, no 发布时间 line)
    assert document.title == "某区2023年度依法行政工作报告"
