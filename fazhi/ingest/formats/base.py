"""The reading contract shared by every format reader.

``Document`` is what a reader returns, ``ReadError`` what it raises; the
character classes here decide what counts as Chinese text in all readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .counts import ideographs


class ReadError(Exception):
    """A file that cannot become report text; ``stage`` says where it failed.

    Stages: ``read`` (file type), ``decode`` (bytes -> text), ``parse``
    (the container: PDF, ZIP/OOXML, HTML) and ``extract`` (no usable text).
    """

    def __init__(self, stage: str, reason: str):
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """Decoded report text (exactly as decoded: provenance offsets point into it).

    ``published`` is an ISO date ``YYYY-MM-DD`` when the file states one;
    ``title`` and ``source_name`` are what the file itself says, else None.
    ``method`` says how the text was obtained: ``text`` (the file's own text),
    ``ocr`` (every page read from images) or ``text+ocr`` (some pages); for
    OCR, ``confidence`` is the recogniser's mean score over the characters read
    and ``low_confidence`` the (start, end) spans of lines it was unsure of.
    """

    text: str
    format: str
    encoding: str | None = None
    title: str | None = None
    published: str | None = None
    source_name: str | None = None
    method: str = "text"
    confidence: float | None = None
    low_confidence: tuple[tuple[int, int], ...] = ()


# CJK ideographs (basic block, extension A, compatibility ideographs).
IDEOGRAPH = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
# CJK symbols and punctuation, full-width forms, and the curly quotes and
# dashes that Chinese prose uses between ideographs.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"

_IDEOGRAPH_RE = re.compile(f"[{IDEOGRAPH}]")
_CJK_RE = re.compile(f"[{IDEOGRAPH}{CJK_PUNCT}]")


def is_cjk(ch: str) -> bool:
    """True for one CJK ideograph or CJK punctuation character."""
    return _CJK_RE.fullmatch(ch) is not None


def count_ideographs(text: str) -> int:
    """How many CJK ideographs ``text`` holds (``counts``: by regex runs in a short
    text, by a table of character classes in a long one)."""
    return ideographs(text)


def require_chinese(text: str, what: str) -> None:
    """Raise ``ReadError('extract', ...)`` unless ``text`` holds Chinese."""
    if not text.strip():
        raise ReadError("extract", f"{what} holds no text")
    if not _IDEOGRAPH_RE.search(text):
        raise ReadError("extract", f"{what} holds no Chinese text (not a report?)")
