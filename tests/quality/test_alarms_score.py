"""The alarm scorer itself: a row flags a listed number by its span or by its sentence."""
from __future__ import annotations

from .alarms_score import Listed, Row, score

TEXT = "前言。本年收案10件，结案12件。另有说明。"


def test_a_row_at_the_number_or_quoting_its_sentence_flags_it():
    listed = [Listed("a.txt", TEXT.index("12件"), "12件")]
    at_number = Row("c", "a.txt", None, TEXT.index("12件"))
    in_sentence = Row("c", "a.txt", "本年收案10件，结案12件。", TEXT.index("10件"))
    assert score([at_number], listed, {"a.txt": TEXT}) == (1, 1, 1)
    assert score([in_sentence], listed, {"a.txt": TEXT}) == (1, 1, 1)


def test_a_row_elsewhere_is_a_false_alarm_and_a_row_without_span_does_not_count():
    listed = [Listed("a.txt", TEXT.index("12件"), "12件")]
    elsewhere = Row("c", "a.txt", "另有说明。", TEXT.index("另有"))
    other_doc = Row("c", "b.txt", "本年收案10件，结案12件。", TEXT.index("12件"))
    no_span = Row("c", "a.txt", None, None)
    assert score([elsewhere, other_doc, no_span], listed, {"a.txt": TEXT}) == (0, 2, 0)
