"""The recogniser and its worker processes: page images -> ``ScoredLine``s in points.

``ocr`` (what the readers call) hands pages here. PDF pages are rendered with
pypdfium2 and read with RapidOCR (its PP-OCR ONNX models ship inside the wheel,
so nothing is fetched at run time; the text-line angle classifier is off: it
flipped lines) in spawned worker processes that load the models once. Boxes side
by side become one line, measured in points like a PDF's text, with the score
of its least sure box. ``run`` enforces a file's time limit by stopping the
workers; any failure inside becomes a ``ReadError`` of that file.
"""
from __future__ import annotations

import io
import multiprocessing
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .base import ReadError

# Boxes whose vertical centres differ by less than this share of their height
# are one line; a horizontal gap wider than this share of it keeps a space.
_SAME_LINE = 0.5
_SPACE_GAP = 1.0
_POINTS_PER_INCH = 72.0
# Longest side of a rendered page or page image, in pixels.
_MAX_SIDE = 4000


@dataclass(frozen=True)
class ScoredLine:
    """One recognised line: text, horizontal extent and height in points, and its score."""

    text: str
    x0: float
    x1: float
    size: float
    score: float


# ---------------------------------------------------------------- the pool

_pool = None
_pool_workers = 0
_pool_lock = threading.Lock()


def run(fn, tasks: list[tuple], workers: int, timeout_s: float, pages: int) -> list:
    """``[fn(*task) ...]`` on the worker pool (in this process with 1 worker or
    inside a daemon), within the file's time limit of ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    try:
        if workers <= 1 or multiprocessing.current_process().daemon:
            return [fn(*task, deadline=deadline, total=pages, limit=timeout_s) for task in tasks]
        pool = _get_pool(workers)
        pending = [pool.apply_async(fn, task) for task in tasks]
        return [p.get(timeout=max(0.0, deadline - time.monotonic())) for p in pending]
    except multiprocessing.TimeoutError:
        stop_pool()  # the workers are still busy with this file: stop them
        raise ReadError("extract", _timeout_reason(pages, timeout_s)) from None
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


def stop_pool() -> None:
    """Stop the workers (a timeout; tests that count their CPU time)."""
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


def pdf_chunk(data: bytes, indexes: list[int], dpi: int, deadline: float | None = None, total: int = 0,
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


def image_chunk(images: list[bytes], widths: list[float], deadline: float | None = None, total: int = 0,
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
