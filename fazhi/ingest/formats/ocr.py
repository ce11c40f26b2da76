"""Pages that are only images -> lines of text with their boxes and confidence.

The PDF reader (and the OFD reader, for pages that are scans) calls this for
pages without a text layer. Pages are rendered with pypdfium2 and read with
RapidOCR (its PP-OCR ONNX models ship inside the wheel, so nothing is fetched
at run time; the text-line angle classifier is off: it flipped lines) in worker
processes. The boxes become ``ScoredLine``s in PDF points, so the reader hands
them to the same line-joiner as a text layer. Limits come from the settings:
``FAZHI_OCR=off``, ``FAZHI_OCR_MAX_PAGES``, ``FAZHI_OCR_TIMEOUT_S``; each
refusal is a ``ReadError`` whose reason names the limit.
"""
from __future__ import annotations

import io
import multiprocessing
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from .base import Document, ReadError

# Boxes whose vertical centres differ by less than this share of their height
# are one line; a horizontal gap wider than this share of it keeps a space.
_SAME_LINE = 0.5
_SPACE_GAP = 1.0
# A line read with less confidence than the setting marks its numbers; the
# report's confidence is the mean line score weighted by characters.
_POINTS_PER_INCH = 72.0
_MAX_SIDE = 4000


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


@dataclass(frozen=True)
class ScoredLine:
    """One recognised line: text, horizontal extent and height in points, and its score."""

    text: str
    x0: float
    x1: float
    size: float
    score: float


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
    parts = _run(_pdf_chunk, [(data, chunk, opts.dpi) for chunk in chunks], opts, len(pages))
    return {page: lines for chunk, part in zip(chunks, parts) for page, lines in zip(chunk, part)}


def read_images(images: Sequence[bytes], widths: Sequence[float], opts: Options) -> list[list[ScoredLine]]:
    """The lines of page images (PNG, JPEG …, e.g. an OFD's scans), one list per image;
    ``widths`` are the pages' widths in points, so lines measure as on the page."""
    chunks = _chunks(list(range(len(images))), opts.workers)
    parts = _run(_image_chunk, [([images[i] for i in chunk], [widths[i] for i in chunk]) for chunk in chunks],
                 opts, len(images))
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


# ---------------------------------------------------------------- the pool

_pool = None
_pool_workers = 0
_pool_lock = threading.Lock()


def _run(fn, tasks: list[tuple], opts: Options, pages: int) -> list:
    """``[fn(*task) ...]`` on the worker pool, within the file's time limit."""
    deadline = time.monotonic() + opts.timeout_s
    try:
        if opts.workers <= 1 or multiprocessing.current_process().daemon:
            return [fn(*task, deadline=deadline, total=pages, limit=opts.timeout_s) for task in tasks]
        pool = _get_pool(opts.workers)
        pending = [pool.apply_async(fn, task) for task in tasks]
        return [p.get(timeout=max(0.0, deadline - time.monotonic())) for p in pending]
    except multiprocessing.TimeoutError:
        _stop_pool()  # the workers are still busy with this file: stop them
        raise ReadError("extract", _timeout_reason(pages, opts.timeout_s)) from None
    except ReadError:
        raise
    except Exception as err:  # a page the renderer or recogniser fails on: this file's error, not the run's
        raise ReadError("extract", f"OCR failed ({type(err).__name__}: {err})") from None


def _timeout_reason(pages: int, limit: float) -> str:
    return f"OCR of {pages} page(s) took longer than the limit of {limit:g} s (FAZHI_OCR_TIMEOUT_S)"


def _get_pool(workers: int):
    """The worker processes, started once (spawned: the caller may hold DuckDB threads)."""
    global _pool, _pool_workers
    with _pool_lock:
        if _pool is None or _pool_workers != workers:
            if _pool is not None:
                _pool.terminate()
            _pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_engine, initargs=(1,))
            _pool_workers = workers
        return _pool


def _stop_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.terminate()
            _pool.join()
            _pool = None


# ---------------------------------------------------------------- in the worker

_ENGINE = None


def _engine(threads: int = 0):
    """RapidOCR, loaded once per process (``threads`` 0: all cores)."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr import RapidOCR

        _ENGINE = RapidOCR(params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            # Text lines are found on the page scaled to 1280 px: the same lines
            # at 20 % less CPU than at full size; recognition reads full-size crops.
            "Det.limit_type": "max",
            "Det.limit_side_len": 1280,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads or -1,
        })
    return _ENGINE


def _pdf_chunk(data: bytes, indexes: list[int], dpi: int, deadline: float | None = None, total: int = 0,
               limit: float = 0.0) -> list[list[ScoredLine]]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        out = []
        for i in indexes:
            page = document[i]
            # an oversized page (a poster, a wrong media box) is rendered at most _MAX_SIDE px
            scale = min(dpi / _POINTS_PER_INCH, _MAX_SIDE / max(page.get_width(), page.get_height(), 1.0))
            bitmap = page.render(scale=scale, grayscale=True)
            out.append(_recognise(bitmap.to_pil(), 1 / scale))
            _check_deadline(deadline, total, limit)
        return out
    finally:
        document.close()


def _image_chunk(images: list[bytes], widths: list[float], deadline: float | None = None, total: int = 0,
                 limit: float = 0.0) -> list[list[ScoredLine]]:
    from PIL import Image

    out = []
    for data, width in zip(images, widths):
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((_MAX_SIDE, _MAX_SIDE))
            out.append(_recognise(image, width / max(image.width, 1)))
        _check_deadline(deadline, total, limit)
    return out


def _check_deadline(deadline: float | None, total: int, limit: float) -> None:
    """In-process reading checks the file's time limit after each page."""
    if deadline is not None and time.monotonic() > deadline:
        raise ReadError("extract", _timeout_reason(total, limit))


def _recognise(image, points_per_pixel: float) -> list[ScoredLine]:
    import numpy as np

    result = _engine()(np.asarray(image.convert("RGB")), use_cls=False)
    if result.boxes is None or result.txts is None:
        return []
    boxes = [(float(min(p[0] for p in box)), float(max(p[0] for p in box)),
              float(min(p[1] for p in box)), float(max(p[1] for p in box)), text, float(score))
             for box, text, score in zip(result.boxes, result.txts, result.scores) if text.strip()]
    return lines_from_boxes(boxes, points_per_pixel)


def lines_from_boxes(boxes: Sequence[tuple[float, float, float, float, str, float]], scale: float) -> list[ScoredLine]:
    """Text boxes ``(x0, x1, top, bottom, text, score)`` in pixels -> visual lines, top to bottom.

    Boxes side by side (a line the detector cut at a gap, table cells) form
    one line, left to right; its score is its least sure box's.
    """
    rows: list[list[tuple[float, float, float, float, str, float]]] = []
    for box in sorted(boxes, key=lambda b: (b[2] + b[3]) / 2):
        centre, height = (box[2] + box[3]) / 2, box[3] - box[2]
        if rows:
            last = rows[-1]
            last_centre = statistics.median((b[2] + b[3]) / 2 for b in last)
            if abs(centre - last_centre) <= _SAME_LINE * max(height, 1.0):
                last.append(box)
                continue
        rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[0])
        height = statistics.median(b[3] - b[2] for b in row)
        text = row[0][4].strip()
        for previous, box in zip(row, row[1:]):
            text += (" " if box[0] - previous[1] > _SPACE_GAP * height else "") + box[4].strip()
        lines.append(ScoredLine(text, row[0][0] * scale, row[-1][1] * scale, height * scale,
                                min(b[5] for b in row)))
    return lines
