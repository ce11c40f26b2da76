"""Tables in HTML, DOCX and PDF reports keep their rows and cells when decoded.

Each decoder gives a table as one line a row, cells joined by a tab, with
the columns a merged cell spans kept empty; ``fazhi.extract.tables`` reads
that form like any table flattened into text. The tables are written here.
"""
from __future__ import annotations

import io

import docx

from fazhi.extract import extract_report
from fazhi.extract.taxonomy import load_taxonomy
from fazhi.ingest.readers import read_document
from fazhi.text.normalize import normalize
from fazhi.text.sentences import split_sentences

from . import fixtures

RULES = load_taxonomy(fixtures.Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "metric_taxonomy.csv")
INTRO = "本局坚持以公开为常态、不公开为例外，全年主动公开政府信息86条，及时回应社会关切。"
CLOSING = "下一步，本局将继续加强政府信息公开平台建设，提升公开质量。"
HEADS = ("信息内容", "本年制发件数", "本年废止件数")
ROWS = (("规章", "0", "0"), ("行政规范性文件", "6", "2"))


def facts(text: str):
    text = normalize(text)
    return extract_report(text, split_sentences(text), RULES)


def assert_form_read(text: str) -> None:
    lines = text.splitlines()
    assert "\t".join(HEADS) in lines
    assert "行政规范性文件\t6\t2" in lines
    found = {(f.subject, f.value): f for f in facts(text)}
    assert found["行政规范性文件（本年制发件数）", 6].metric == "normative_documents.issued"
    assert found["行政规范性文件（本年废止件数）", 2].metric == "normative_documents.abolished"
    assert found["规章（本年废止件数）", 0].kind == "count"
    assert any(v == 86 for _s, v in found)   # the prose around the table is still read


def test_html_table_rows_and_merged_cells():
    rows = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in (HEADS, *ROWS))
    page = (f"<html><head><meta charset='utf-8'><title>某县政府信息公开工作年度报告</title></head><body>"
            f"<div class='content'><h1>某县政府信息公开工作年度报告</h1><p>{INTRO}</p>"
            f"<table border='1'><tr><td colspan='3'>第二十条第（一）项</td></tr>{rows}</table>"
            f"<p>{CLOSING}</p></div></body></html>")
    doc = read_document("report.html", page.encode("utf-8"))
    assert "第二十条第（一）项\t\t" in doc.text   # the merged cell's columns stay
    assert_form_read(doc.text)


def test_docx_table_keeps_the_columns_a_merged_cell_spans():
    document = docx.Document()
    document.add_paragraph("某县政府信息公开工作年度报告")
    document.add_paragraph(INTRO)
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "第二十条第（一）项"
    table.cell(0, 2).text = "单位：件"
    for r, row in enumerate((HEADS, *ROWS), start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(CLOSING)
    out = io.BytesIO()
    document.save(out)
    text = read_document("report.docx", out.getvalue()).text
    assert "第二十条第（一）项\t\t单位：件" in text.splitlines()   # the merged cell's second column stays
    assert_form_read(text)


def test_pdf_ruled_table_rows_are_lines_of_cells():
    size, left, top, height = 12.0, 72.0, 640.0, 24.0
    xs = (left, left + 150, left + 270, left + 390)
    page = [fixtures.PdfText(INTRO[:25], left, 740), fixtures.PdfText(INTRO[25:], left, 720)]
    for r, row in enumerate((HEADS, *ROWS)):
        for c, value in enumerate(row):
            page.append(fixtures.PdfText(value, xs[c] + 4, top - r * height - 17, size))
    page.append(fixtures.PdfText(CLOSING, left, top - 4 * height - 20))
    grid = [(left, top - r * height, xs[-1], top - r * height) for r in range(4)]
    grid += [(x, top, x, top - 3 * height) for x in xs]
    data = fixtures.make_pdf([page], rules=[grid])
    text = read_document("report.pdf", data).text
    assert INTRO in text and CLOSING in text
    assert_form_read(text)


def test_docx_form_matrix_with_vertically_merged_parent_rows():
    document = docx.Document()
    document.add_paragraph("某局政府信息公开工作年度报告")
    rows = [["申请人情况", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
            ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"],
            ["", "", "2.其他法律行政法规禁止公开", "2", "0", "0", "0", "0", "0", "2"],
            ["", "（四）无法提供", "1.本机关不掌握相关政府信息", "3", "1", "0", "0", "0", "0", "4"]]
    table = document.add_table(rows=len(rows), cols=10)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(2, 0).merge(table.cell(4, 0))   # 三、本年度办理结果 over three rows
    table.cell(2, 1).merge(table.cell(3, 1))   # （三）不予公开 over two
    out = io.BytesIO()
    document.save(out)
    found = [(f.metric, f.value) for f in facts(read_document("form.docx", out.getvalue()).text) if f.metric]
    assert ("info_disclosure_form.withheld_state_secret__total", 1) in found
    assert ("info_disclosure_form.withheld_prohibited__natural_person", 2) in found
    assert ("info_disclosure_form.unavailable_not_held__business", 1) in found
    assert ("info_disclosure_form.unavailable_not_held__total", 4) in found
