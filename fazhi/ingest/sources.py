"""Where report bytes come from: files, folders, ZIP archives and web addresses.

``iter_inputs`` turns what a user names into one ``Input`` per report file,
with its bytes or the reason they could not be had. It never raises for a
bad file: the error travels with the input so the run goes on.

- a file: its bytes (regular files only: a FIFO would block the run)
- a folder: every file below it, recursively, sorted, dotfiles skipped
- a ``.zip`` (given, in a folder, inside another zip, or downloaded): one
  input per member, located as ``archive.zip!folder/member.txt``
- an ``http(s)://`` address: the response body, named after its
  Content-Disposition or its path, within the size and time limits, from
  public addresses only (``fazhi.ingest.urlguard``)

Every input is held to ``max_bytes`` (the caller passes
FAZHI_MAX_FILE_MB * 2**20); ZIP members are read no further than the limit,
whatever size their header claims, so a ZIP bomb stops at the limit. One
archive (with the archives inside it) expands to ``max_archive_bytes`` at most
(FAZHI_MAX_ARCHIVE_MB): members past it are errors, not read. Members are read
one at a time, as the caller asks for them. Members that would land outside the
archive's folder (``../x``, ``/x``) or are hidden (``.x``, ``__MACOSX``) are
errors with their reason, never silently dropped.

Files and folders are read here; ZIP archives in ``fazhi.ingest.archives``, web
addresses in ``fazhi.ingest.web``; ``Input`` and the limits in ``fazhi.ingest.inputs``.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from fazhi.ingest.archives import MAX_ARCHIVE_DEPTH, from_zip_file
from fazhi.ingest.inputs import DEFAULT_ARCHIVE_BYTES, Input, Limits, too_large
from fazhi.ingest.web import DEFAULT_TIMEOUT, from_url, is_url

__all__ = ["MAX_ARCHIVE_DEPTH", "Input", "iter_inputs"]


def iter_inputs(paths: Sequence[str | os.PathLike[str]], max_bytes: int, timeout: float = DEFAULT_TIMEOUT,
                max_archive_bytes: int = DEFAULT_ARCHIVE_BYTES, allow_private: bool = False) -> Iterator[Input]:
    """Every report file named by ``paths``, with its bytes or its error, one at a time.

    A URL is fetched within ``timeout`` seconds in all, from public addresses only unless
    ``allow_private`` (FAZHI_ALLOW_PRIVATE_URLS): see ``fazhi.ingest.urlguard``.
    """
    limits = Limits(max_bytes, max_archive_bytes)
    for p in paths:
        text = os.fspath(p)
        if is_url(text):
            yield from from_url(text, limits, timeout, allow_private)
        else:
            yield from _from_path(Path(text), limits)


# ---------------------------------------------------------------- files, folders

def _from_path(path: Path, limits: Limits) -> Iterator[Input]:
    if not os.path.lexists(path):
        yield _failed(path, "no such file or directory")
    elif path.is_dir():
        yield from _from_folder(path, limits)
    else:
        yield from _from_file(path, limits)


def _from_folder(root: Path, limits: Limits) -> Iterator[Input]:
    root = root.absolute()   # once: each file's location is then its path (``_location``), not cwd + path
    found: list[tuple[tuple[str, ...], Path, str | None]] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename or root)
        found.append((where.relative_to(root).parts, where, f"cannot list the folder: {err.strerror or err}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                found.append((path.relative_to(root).parts, path, None))
    for _, path, error in sorted(found, key=lambda item: item[0]):
        if error:
            yield _failed(path, error)
        else:
            yield from _from_file(path, limits)


def _from_file(path: Path, limits: Limits) -> Iterator[Input]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield _failed(path, "broken symbolic link" if path.is_symlink() else "no such file or directory")
        return
    except OSError as err:
        yield _failed(path, f"cannot stat the file: {err.strerror or err}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield _failed(path, "not a regular file (a FIFO, socket or device)", info.st_size)
    elif path.suffix.lower() == ".zip":
        yield from from_zip_file(path, _location(path), limits)
    else:
        yield _read_file(path, info.st_size, limits.max_bytes)


def _read_file(path: Path, size: int, max_bytes: int) -> Input:
    if size > max_bytes:
        return _failed(path, too_large(size, max_bytes), size)
    try:
        with open(path, "rb") as fh:
            # Read the size stat gave (and a byte to see growth), not the limit: a read of
            # max_bytes allocates that much for every file (~0.3 s of system CPU a 10,000 files).
            data = fh.read(size + 1)
            if len(data) > size:  # grew since stat: read on up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as err:
        return _failed(path, f"cannot read the file: {err.strerror or err}", size)
    if len(data) > max_bytes:  # grew since stat
        return _failed(path, too_large(None, max_bytes), size)
    return Input(path.name, _location(path), len(data), data=data)


def _failed(path: Path, error: str, size: int = 0, stage: str = "read") -> Input:
    return Input(path.name, _location(path), size, error=error, stage=stage)


def _location(path: Path) -> str:
    return str(path.absolute())
