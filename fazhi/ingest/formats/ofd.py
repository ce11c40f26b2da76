"""An OFD file (GB/T 33190, China's fixed-layout format) -> the report's text.

ofdkit opens the package and gives each page's text runs with their positions
(templates and composite objects included). Runs on one baseline form a line,
measured like a PDF line, so the PDF reader's line-joiner (``pdf.layout_text``)
rebuilds the paragraphs. Pages without text that show an image (a scan saved
as OFD) are read by OCR, as scanned PDF pages are.
"""
from __future__ import annotations

import io
import posixpath
import statistics
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import ofdkit

from . import ocr
from .base import Document, ReadError, require_chinese
from .pdf import layout_text

_POINTS_PER_MM = 72 / 25.4
# Runs whose baselines differ by less than this share of the font size are one
# line; a horizontal gap wider than this share of it keeps a space.
_SAME_LINE = 0.5
_SPACE_GAP = 0.5


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    size: float


def read_ofd(data: bytes) -> Document:
    """An .ofd file: its pages' text as paragraphs (scanned pages by OCR)."""
    try:
        with ofdkit.open(data) as document:
            title = (document.info.title or "").strip() or None
            pages, locations, widths = [], [], []
            for page in document.pages:
                pages.append(_page_lines(page.runs))
                locations.append(page.location)
                widths.append(page.width * _POINTS_PER_MM)
    except ofdkit.OFDError as err:
        raise ReadError("parse", f"not a readable OFD ({err})") from None
    except Exception as err:  # malformed input can fail anywhere in the package's XML
        raise ReadError("parse", f"corrupt OFD ({type(err).__name__}: {err})") from None
    annotate = None
    empty = [i for i, lines in enumerate(pages) if not lines]
    if empty:
        try:
            scans = _page_images(data, [locations[i] for i in empty])
        except Exception as err:  # a broken resource file: the scan cannot be found
            raise ReadError("parse", f"corrupt OFD images ({type(err).__name__}: {err})") from None
        if scans:
            opts = ocr.options()
            if opts.enabled or not any(pages):
                ocr.check_allowed(len(scans), f"scanned OFD ({len(scans)} of {len(pages)} pages are images)", opts)
                read = ocr.read_images([image for _, image in scans], [widths[empty[p]] for p, _ in scans], opts)
                for (position, _), lines in zip(scans, read):
                    pages[empty[position]] = lines
                annotate = opts
    text, lines = layout_text(pages)
    require_chinese(text, "the OFD document")
    document = Document(text=text, format="ofd", title=title if title and len(title) >= 4 else None)
    return ocr.annotate(document, lines, annotate) if annotate else document


def _page_lines(runs) -> list[_Line]:
    """Text runs (millimetres, y down) -> visual lines, top to bottom, measured in points
    (as OCR'd pages are, so a document mixing both has one scale)."""
    rows: list[list] = []
    for run in sorted((r for r in runs if r.text.strip()), key=lambda r: (r.y, r.x)):
        if rows and abs(run.y - rows[-1][0].y) <= _SAME_LINE * max(min(run.size, rows[-1][0].size), 1.0):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x)
        size = statistics.median(r.size for r in row) or 1.0
        text = row[0].text
        for previous, run in zip(row, row[1:]):
            text += (" " if run.x - (previous.x + previous.width) > _SPACE_GAP * size else "") + run.text
        lines.append(_Line(text.strip(), row[0].x * _POINTS_PER_MM, (row[-1].x + row[-1].width) * _POINTS_PER_MM,
                           size * _POINTS_PER_MM))
    return [line for line in lines if line.text]


def _page_images(data: bytes, locations: list[str | None]) -> list[tuple[int, bytes]]:
    """(position in ``locations``, image bytes) for each page that shows an image.

    A page's ImageObject names a MultiMedia resource (in a Res file, under its
    BaseLoc); the largest image of the page is taken as its scan.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = {n.lstrip("/"): n for n in package.namelist()}
        media = _media_files(package, names)
        out = []
        for position, location in enumerate(locations):
            if not location or location.lstrip("/") not in names:
                continue
            root = ET.fromstring(package.read(names[location.lstrip("/")]))
            images = [media[i] for i in (_attr(e, "ResourceID") for e in root.iter() if _local(e.tag) == "ImageObject")
                      if i in media]
            if images:
                out.append((position, max((package.read(names[p]) for p in images), key=len)))
        return out


def _media_files(package: zipfile.ZipFile, names: dict[str, str]) -> dict[str, str]:
    """MultiMedia resource ID -> its file's name in the package, from every resource file."""
    media: dict[str, str] = {}
    for name, real in names.items():
        if not name.lower().endswith(".xml"):
            continue
        data = package.read(real)
        if b"MultiMedia" not in data:
            continue
        root = ET.fromstring(data)
        base = posixpath.join(posixpath.dirname(name), root.get("BaseLoc") or "")
        for element in root.iter():
            if _local(element.tag) != "MultiMedia":
                continue
            file = next((c.text for c in element if _local(c.tag) == "MediaFile" and c.text), None)
            if file:
                path = file.strip().lstrip("/") if file.strip().startswith("/") else \
                    posixpath.normpath(posixpath.join(base, file.strip()))
                if path in names:
                    media[_attr(element, "ID")] = path
    return media


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ET.Element, name: str) -> str:
    return (element.get(name) or "").strip()
