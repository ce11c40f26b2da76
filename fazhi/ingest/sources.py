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
"""
from __future__ import annotations

import email.message
import http.client
import io
import os
import re
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from fazhi.ingest import urlguard

USER_AGENT = "fazhi-ingest/0.1 (rule-of-law report archive)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_ARCHIVE_BYTES = 1024 * 2**20
# Archives inside archives are opened this many levels deep.
MAX_ARCHIVE_DEPTH = 3
MAX_ARCHIVE_MEMBERS = 10_000
_CHUNK = 64 * 1024
_CONTENT_TYPE_SUFFIX = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
}
# Extensions of scripts that serve a file: the content type says what it is.
_DYNAMIC_SUFFIXES = {"", ".jsp", ".php", ".asp", ".aspx", ".do", ".action", ".cgi", ".jhtml"}


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


class _Budget:
    """What is left of one archive's expanded size, shared with the archives inside it."""

    def __init__(self, limit: int):
        self.limit, self.left = limit, limit


def iter_inputs(paths: Sequence[str | os.PathLike[str]], max_bytes: int, timeout: float = DEFAULT_TIMEOUT,
                max_archive_bytes: int = DEFAULT_ARCHIVE_BYTES, allow_private: bool = False) -> Iterator[Input]:
    """Every report file named by ``paths``, with its bytes or its error, one at a time.

    A URL is fetched within ``timeout`` seconds in all, from public addresses only unless
    ``allow_private`` (FAZHI_ALLOW_PRIVATE_URLS): see ``fazhi.ingest.urlguard``.
    """
    limits = Limits(max_bytes, max_archive_bytes)
    for p in paths:
        text = os.fspath(p)
        if _is_url(text):
            yield from _from_url(text, limits, timeout, allow_private)
        else:
            yield from _from_path(Path(text), limits)


def size_text(n: int) -> str:
    """A byte count for people: 512 bytes, 3.2 KB, 60.0 MB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 1024:.1f} KB"
    return f"{n / 2**20:.1f} MB"


def _too_large(size: int | None, max_bytes: int) -> str:
    """"too large: 60.0 MB is over the limit of 50.0 MB (FAZHI_MAX_FILE_MB)"."""
    if size is None:
        return f"too large: more than the limit of {size_text(max_bytes)} (FAZHI_MAX_FILE_MB)"
    stated, limit = size_text(size), size_text(max_bytes)
    if stated == limit:  # rounding hides the difference: give bytes
        stated, limit = f"{size} bytes", f"{max_bytes} bytes"
    return f"too large: {stated} is over the limit of {limit} (FAZHI_MAX_FILE_MB)"


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
        yield from _from_zip_file(path, limits)
    else:
        yield _read_file(path, info.st_size, limits.max_bytes)


def _read_file(path: Path, size: int, max_bytes: int) -> Input:
    if size > max_bytes:
        return _failed(path, _too_large(size, max_bytes), size)
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
        return _failed(path, _too_large(None, max_bytes), size)
    return Input(path.name, _location(path), len(data), data=data)


def _failed(path: Path, error: str, size: int = 0, stage: str = "read") -> Input:
    return Input(path.name, _location(path), size, error=error, stage=stage)


def _location(path: Path) -> str:
    return str(path.absolute())


# ---------------------------------------------------------------- archives

def _from_zip_file(path: Path, limits: Limits) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        yield _failed(path, f"not a readable ZIP archive: {_reason(err)}", path.stat().st_size, "unzip")
        return
    with archive:
        yield from _members(archive, _location(path), limits, _Budget(limits.max_archive_bytes), depth=1)


def _from_zip_bytes(data: bytes, name: str, location: str, limits: Limits, budget: _Budget,
                    depth: int) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as err:
        yield Input(name, location, len(data), error=f"not a readable ZIP archive: {_reason(err)}", stage="unzip")
        return
    del data  # the archive holds its own reference; members are read from it one at a time
    with archive:
        yield from _members(archive, location, limits, budget, depth)


def _members(archive: zipfile.ZipFile, location: str, limits: Limits, budget: _Budget,
             depth: int) -> Iterator[Input]:
    infos = sorted(((_member_name(i), i) for i in archive.infolist() if not i.is_dir()),
                   key=lambda pair: pair[0])
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        yield Input(location.rsplit("!", 1)[-1].rsplit("/", 1)[-1], location, 0, stage="unzip",
                    error=f"archive has {len(infos)} members, over the limit of {MAX_ARCHIVE_MEMBERS}")
        return
    for name, info in infos:
        yield from _member(archive, info, name, f"{location}!{name}", limits, budget, depth)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, location: str,
            limits: Limits, budget: _Budget, depth: int) -> Iterator[Input]:
    base = PurePosixPath(name).name or name
    max_bytes = limits.max_bytes

    def failed(error: str) -> Input:
        return Input(base, location, info.file_size, error=error, stage="unzip")

    refusal = _unsafe_member(name) or _hidden_member(name)
    if refusal:
        yield failed(refusal)
        return
    if info.flag_bits & 0x1:
        yield failed("encrypted member: a password is needed to extract it")
        return
    if info.file_size > max_bytes:
        yield failed(_too_large(info.file_size, max_bytes))
        return
    if info.file_size > budget.left:
        yield failed(_over_budget(budget))
        return
    allowed = min(max_bytes, budget.left)
    try:
        with archive.open(info) as fh:
            data = fh.read(allowed + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as err:
        yield failed(f"cannot extract the member: {_reason(err)}")
        return
    if len(data) > max_bytes:
        yield failed(f"expands past the limit of {size_text(max_bytes)} although its header says "
                     f"{size_text(info.file_size)} (ZIP bomb?)")
        return
    if len(data) > budget.left:
        budget.left = 0
        yield failed(_over_budget(budget))
        return
    budget.left -= len(data)
    if base.lower().endswith(".zip") and depth < MAX_ARCHIVE_DEPTH:
        yield from _from_zip_bytes(data, base, location, limits, budget, depth + 1)
    elif base.lower().endswith(".zip"):
        yield failed(f"archive nested more than {MAX_ARCHIVE_DEPTH} levels deep: not opened")
    else:
        yield Input(base, location, len(data), data=data)


def _over_budget(budget: _Budget) -> str:
    return (f"not read: the archive expands past its limit of {size_text(budget.limit)} "
            "in all (FAZHI_MAX_ARCHIVE_MB)")


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's path, with names that Chinese Windows tools store in GBK
    (no UTF-8 flag, so zipfile read them as cp437) decoded right."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unsafe_member(name: str) -> str | None:
    """Why a member's path would point outside the archive's folder, if it does."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"[A-Za-z]:", name):
        return "unsafe path in the archive (absolute, or with '..'): not read"
    return None


def _hidden_member(name: str) -> str | None:
    if any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts):
        return "hidden member (a name starting with '.', or __MACOSX): not read"
    return None


def _reason(err: BaseException) -> str:
    return str(err) or type(err).__name__


# ---------------------------------------------------------------- web

def _is_url(text: str) -> bool:
    return re.match(r"https?://", text, re.IGNORECASE) is not None


class _Oversize(Exception):
    pass


def _from_url(url: str, limits: Limits, timeout: float, allow_private: bool) -> Iterator[Input]:
    fetched = _fetch(url, limits.max_bytes, timeout, allow_private)
    if fetched.data is not None and fetched.name.lower().endswith(".zip"):
        yield from _from_zip_bytes(fetched.data, fetched.name, url, limits,
                                   _Budget(limits.max_archive_bytes), depth=1)
    else:
        yield fetched


def _fetch(url: str, max_bytes: int, timeout: float, allow_private: bool = False) -> Input:
    with urlguard.Fetch(timeout, allow_private) as fetch:
        result = _fetch_within(url, max_bytes, fetch)
    if fetch.expired and result.error is not None:
        return replace(result, error=f"timed out after {timeout:g} s")
    return result


def _fetch_within(url: str, max_bytes: int, fetch: urlguard.Fetch) -> Input:
    fallback_name = _name_from_path(url) or "download"
    timeout, deadline = fetch.timeout, fetch.deadline

    def failed(error: str, size: int = 0) -> Input:
        return Input(fallback_name, url, size, error=error, stage="fetch")

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with fetch.opener().open(request, timeout=timeout) as response:
            name = _response_name(url, response)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return failed(_too_large(int(declared), max_bytes), int(declared))
            data = _read_within(response, max_bytes, deadline)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as err:
        return failed(f"HTTP {err.code} {err.reason}")
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            return failed(f"timed out after {timeout:g} s")
        if isinstance(err.reason, urlguard.Refused):
            return failed(str(err.reason))
        return failed(f"cannot connect: {err.reason}")
    except TimeoutError:
        return failed(f"timed out after {timeout:g} s")
    except _Oversize:
        return failed(_too_large(None, max_bytes))
    except (http.client.HTTPException, OSError, ValueError) as err:
        return failed(f"download failed: {_reason(err)}")
    return Input(name, url, len(data), data=data, charset=charset)


def _read_within(response, max_bytes: int, deadline: float) -> bytes:
    """The body, no more than ``max_bytes`` and no later than ``deadline``."""
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise _Oversize


def _response_name(url: str, response) -> str:
    """Content-Disposition's file name, else the last path segment; the
    content type supplies the extension when the name lacks a real one."""
    name = _disposition_name(response.headers.get("Content-Disposition"))
    name = name or _name_from_path(response.geturl() or url) or "download"
    suffix = _CONTENT_TYPE_SUFFIX.get(response.headers.get_content_type())
    stem, dot, ext = name.rpartition(".")
    current = f".{ext.lower()}" if dot else ""
    if suffix and current in _DYNAMIC_SUFFIXES:
        return (stem if dot else name) + suffix
    return name


def _disposition_name(header: str | None) -> str | None:
    if not header:
        return None
    message = email.message.Message()
    message["Content-Disposition"] = header
    name = message.get_filename()
    if not name:
        return None
    name = _undo_latin1(urllib.parse.unquote(name))
    return re.split(r"[\\/]", name)[-1].strip() or None


def _undo_latin1(name: str) -> str:
    """Servers send raw UTF-8 or GBK names, which HTTP headers read as Latin-1."""
    try:
        raw = name.encode("latin-1")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _name_from_path(url: str) -> str | None:
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.unquote(path.rstrip("/").rsplit("/", 1)[-1]) or None
