"""Pages that are only images, for the readers: settings, limits, which pages, annotations.

The PDF reader (and the OFD reader, for pages that are scans) calls this for
pages without a text layer; ``ocr_engine`` reads them in worker processes and
returns ``ScoredLine``s, which the reader joins like a text layer's lines.
Limits come from the settings: ``FAZHI_OCR=off``, ``FAZHI_OCR_MAX_PAGES``,
``FAZHI_OCR_TIMEOUT_S``; each refusal is a ``ReadError`` naming the limit.
``annotate`` records on the document how it was read and which spans OCR was
unsure of (lines scored below ``FAZHI_OCR_LOW_CONFIDENCE``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from .base import Document, ReadError
from .ocr_engine import ScoredLine, image_chunk, lines_from_boxes, pdf_chunk, run

__all__ = ["Options", "ScoredLine", "annotate", "check_allowed", "image_pages", "lines_from_boxes", "options",
           "read_images", "read_pdf_pages", "read_scanned_pages"]


@dataclass(frozen=True)
class Options:
    """The OCR settings one file is read with."""

    enabled: bool = True
    max_pages: int = 60
    timeout_s: float = 600.0
    workers: int = 2
    dpi: int = 200
    low_confidence: float = 0.9


def options() -> Options:
    """The OCR settings from pyproject / FAZHI_* (read when a scan is met, in the worker)."""
    from fazhi.config import load_settings

    s = load_settings()
    return Options(enabled=s.ocr.strip().lower() not in ("off", "false", "0", "no"), max_pages=s.ocr_max_pages,
                   timeout_s=s.ocr_timeout_s, workers=s.ocr_workers, dpi=s.ocr_dpi,
                   low_confidence=s.ocr_low_confidence)


# ---------------------------------------------------------------- the caller's side

def read_scanned_pages(data: bytes, pages: list[list]) -> tuple[list[list], Callable[[Document, list], Document] | None]:
    """A PDF's pages with those that are images (no text) read by OCR, and how to annotate its document.

    With OCR off, a PDF that also has text lands with its text pages only; one
    with no text at all is refused.
    """
    scans = image_pages(data, [i for i, page in enumerate(pages) if not page])
    if not scans:
        return pages, None
    opts = options()
    if not opts.enabled and any(pages):
        return pages, None
    check_allowed(len(scans), f"scanned PDF ({len(scans)} of {len(pages)} pages are images)", opts)
    read = read_pdf_pages(data, scans, opts)
    return [read.get(i, page) for i, page in enumerate(pages)], partial(annotate, opts=opts)


def check_allowed(pages: int, what: str, opts: Options) -> None:
    """Raise the recorded error when OCR is off or ``pages`` exceed the limit."""
    if not opts.enabled:
        raise ReadError("extract", f"{what}, no text to read and OCR is off (FAZHI_OCR=off)")
    if pages > opts.max_pages:
        raise ReadError("extract", f"{what}: {pages} pages need OCR, more than the limit of {opts.max_pages} "
                                   "(FAZHI_OCR_MAX_PAGES)")


def image_pages(data: bytes, candidates: Sequence[int]) -> list[int]:
    """Those of ``candidates`` (page indexes of a PDF) that hold an image."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(data)
    try:
        return [i for i in candidates
                if next(document[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3), None) is not None]
    finally:
        document.close()


def read_pdf_pages(data: bytes, pages: Sequence[int], opts: Options) -> dict[int, list[ScoredLine]]:
    """The lines of the given PDF pages, read by OCR in worker processes."""
    chunks = _chunks(list(pages), opts.workers)
    parts = run(pdf_chunk, [(data, chunk, opts.dpi) for chunk in chunks], opts.workers, opts.timeout_s, len(pages))
    return {page: lines for chunk, part in zip(chunks, parts) for page, lines in zip(chunk, part)}


def read_images(images: Sequence[bytes], widths: Sequence[float], opts: Options) -> list[list[ScoredLine]]:
    """The lines of page images (PNG, JPEG …, e.g. an OFD's scans), one list per image;
    ``widths`` are the pages' widths in points, so lines measure as on the page."""
    chunks = _chunks(list(range(len(images))), opts.workers)
    parts = run(image_chunk, [([images[i] for i in chunk], [widths[i] for i in chunk]) for chunk in chunks],
                 opts.workers, opts.timeout_s, len(images))
    return [lines for part in parts for lines in part]


def annotate(document: Document, lines: Sequence[object], opts: Options) -> Document:
    """``document`` with how it was read: the method, the mean score, the unsure spans.

    ``lines`` are the lines its text was joined from, in order (text-layer
    lines have no score); each is found again in the text from where the
    previous one ended, since joining only drops line breaks.
    """
    scored = [line for line in lines if isinstance(line, ScoredLine)]
    if not scored:
        return document
    chars = sum(len(line.text) for line in scored)
    confidence = sum(line.score * len(line.text) for line in scored) / max(chars, 1)
    spans, cursor, text = [], 0, document.text
    for line in lines:
        at = text.find(line.text, cursor)
        if at < 0 or at - cursor > 1:
            continue
        cursor = at + len(line.text)
        if isinstance(line, ScoredLine) and line.score < opts.low_confidence:
            spans.append((at, cursor))
    method = "ocr" if len(scored) == len(lines) else "text+ocr"
    return replace(document, method=method, confidence=round(confidence, 4), low_confidence=tuple(spans))


def _chunks(items: list[int], workers: int) -> list[list[int]]:
    """Contiguous runs of pages, about two per worker (each task carries the file's bytes once)."""
    count = max(1, min(len(items), 2 * max(workers, 1)))
    size = -(-len(items) // count)
    return [items[i:i + size] for i in range(0, len(items), size)]
