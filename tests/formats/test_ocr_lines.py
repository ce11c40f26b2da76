"""OCR boxes -> lines, and how a document records what OCR was unsure of (pure, no OCR run)."""
from __future__ import annotations

from fazhi.ingest.formats.base import Document
from fazhi.ingest.formats.ocr import Options, ScoredLine, annotate, lines_from_boxes


def test_boxes_side_by_side_form_one_line_left_to_right():
    boxes = [  # (x0, x1, top, bottom, text, score), in pixels, out of order
        (900, 1200, 102, 140, "办结12件", 0.97),
        (100, 800, 100, 142, "受理案件15件", 0.99),
        (100, 600, 180, 222, "第二行", 0.95),
    ]
    lines = lines_from_boxes(boxes, scale=0.5)
    assert [line.text for line in lines] == ["受理案件15件 办结12件", "第二行"]
    assert lines[0].x0 == 50 and lines[0].x1 == 600
    assert lines[0].score == 0.97  # the least sure box


def test_annotate_marks_the_spans_of_unsure_lines():
    lines = [ScoredLine("全年受理案件", 0, 100, 10, 0.99), ScoredLine("58件。", 0, 40, 10, 0.62),
             ScoredLine("二、下一步", 20, 80, 10, 0.98)]
    text = "全年受理案件58件。\n二、下一步"
    doc = annotate(Document(text=text, format="pdf"), lines, Options(low_confidence=0.9))
    assert doc.method == "ocr"
    assert doc.low_confidence == ((6, 10),) and text[6:10] == "58件。"
    assert doc.confidence == 0.888  # (6 × 0.99 + 4 × 0.62 + 5 × 0.98) / 15 characters


def test_annotate_tells_a_partly_scanned_document():
    class TextLine:  # a text-layer line: no score
        text = "正文第一页"

    lines = [TextLine(), ScoredLine("扫描第二页", 0, 50, 10, 0.95)]
    doc = annotate(Document(text="正文第一页\n扫描第二页", format="pdf"), lines, Options())
    assert (doc.method, doc.low_confidence) == ("text+ocr", ())
