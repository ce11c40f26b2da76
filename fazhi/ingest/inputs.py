"""What ingest's sources yield: one ``Input`` per candidate report file, and the limits it is read within.

``fazhi.ingest.sources`` (files and folders), ``archives`` (ZIP members) and ``web``
(downloads) make them; a bad input carries its error and stage, never raises.
"""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ARCHIVE_BYTES = 1024 * 2**20


@dataclass(frozen=True)
class Input:
    """One candidate report: ``data`` is None exactly when ``error`` is set.

    ``stage`` says where an error arose: ``read`` (file system), ``unzip``
    (archive), ``fetch`` (web). ``charset`` is the one a web server declared.
    """

    name: str           # file name, e.g. 000_58c44a24423f34bb.txt
    location: str       # absolute path, archive.zip!member/path, or URL
    size: int
    data: bytes | None = None
    error: str | None = None
    stage: str = "read"
    charset: str | None = None


@dataclass(frozen=True)
class Limits:
    """How much one input (``max_bytes``) and one archive (``max_archive_bytes``) may hold."""

    max_bytes: int
    max_archive_bytes: int = DEFAULT_ARCHIVE_BYTES


class ArchiveBudget:
    """What is left of one archive's expanded size, shared with the archives inside it."""

    def __init__(self, limit: int):
        self.limit, self.left = limit, limit


def size_text(n: int) -> str:
    """A byte count for people: 512 bytes, 3.2 KB, 60.0 MB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 1024:.1f} KB"
    return f"{n / 2**20:.1f} MB"


def too_large(size: int | None, max_bytes: int) -> str:
    """"too large: 60.0 MB is over the limit of 50.0 MB (FAZHI_MAX_FILE_MB)"."""
    if size is None:
        return f"too large: more than the limit of {size_text(max_bytes)} (FAZHI_MAX_FILE_MB)"
    stated, limit = size_text(size), size_text(max_bytes)
    if stated == limit:  # rounding hides the difference: give bytes
        stated, limit = f"{size} bytes", f"{max_bytes} bytes"
    return f"too large: {stated} is over the limit of {limit} (FAZHI_MAX_FILE_MB)"


def error_reason(err: BaseException) -> str:
    """An exception as a reason: its message, else its type's name."""
    return str(err) or type(err).__name__
