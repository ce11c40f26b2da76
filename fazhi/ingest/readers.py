"""Bytes of one report file -> decoded text and what the file states about itself.

Pure: no file system, no warehouse. ``land`` calls ``read_document`` for every
input and records a ``ReadError`` as an ingest error of the run. The reader
is chosen by the file's extension only; contents are never guessed at (a
PDF named .txt is refused with a reason, not read as a PDF). The readers
themselves live in ``fazhi.ingest.formats``.
"""
from __future__ import annotations

import importlib

from .formats.base import Document, ReadError

__all__ = ["Document", "ReadError", "read_document", "SUPPORTED_SUFFIXES"]

# (module in fazhi.ingest.formats, function): imported on first use, since
# pdfplumber, pypdf, trafilatura, python-docx and OCR take seconds to import and
# decoding mostly runs in worker processes.
_READERS: dict[str, tuple[str, str]] = {
    "txt": ("plaintext", "read_txt"),
    "pdf": ("pdf", "read_pdf"),
    "docx": ("word", "read_docx"),
    "doc": ("word_binary", "read_doc"),
    "wps": ("word_binary", "read_wps"),
    "ofd": ("ofd", "read_ofd"),
    "mht": ("mht", "read_mht"),
    "mhtml": ("mht", "read_mht"),
}
_PAGE_SUFFIXES = ("html", "htm", "shtml", "xhtml")
SUPPORTED_SUFFIXES = (*_READERS, *_PAGE_SUFFIXES)
# Formats people do download, with what to do about them.
_HINTS = {
    "rtf": "save it as .docx",
    "zip": "archives are opened by iter_inputs, not read as one document",
}


def read_document(name: str, data: bytes, charset: str | None = None) -> Document:
    """Decode one file by its extension; raise ``ReadError`` when it cannot be read.

    ``charset`` is the one a web server declared for the bytes, if any
    (``Input.charset``); it only matters for web pages.
    """
    suffix = _suffix(name)
    if suffix in _PAGE_SUFFIXES:
        return _reader("webpage", "read_html")(data, charset)
    if suffix not in _READERS:
        raise ReadError("read", _unsupported(suffix))
    return _reader(*_READERS[suffix])(data)


def _reader(module: str, function: str):
    return getattr(importlib.import_module(f".formats.{module}", __package__), function)


def _suffix(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def _unsupported(suffix: str) -> str:
    if not suffix:
        return "no file extension (expected one of: " + ", ".join(f".{s}" for s in SUPPORTED_SUFFIXES) + ")"
    hint = _HINTS.get(suffix)
    return f"unsupported file type '.{suffix}'" + (f" ({hint})" if hint else "")
