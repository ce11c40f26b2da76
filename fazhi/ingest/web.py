"""Web addresses as report inputs: an ``http(s)://`` address gives its response body as one
``Input`` (or, for a ZIP, its members: ``fazhi.ingest.archives``).

The body is read within the size limit and the time limit in all, from public addresses
only unless FAZHI_ALLOW_PRIVATE_URLS (``fazhi.ingest.urlguard``). It is named after its
Content-Disposition (raw UTF-8 or GBK names undone) or its path; the content type gives
the extension a script's address lacks (``.jsp``, ``.php`` …).
"""
from __future__ import annotations

import email.message
import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace

from fazhi.ingest import urlguard
from fazhi.ingest.archives import from_zip_bytes
from fazhi.ingest.inputs import ArchiveBudget, Input, Limits, error_reason, too_large

USER_AGENT = "fazhi-ingest/0.1 (rule-of-law report archive)"
DEFAULT_TIMEOUT = 30.0
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


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) address rather than a path."""
    return re.match(r"https?://", text, re.IGNORECASE) is not None


class _Oversize(Exception):
    pass


def from_url(url: str, limits: Limits, timeout: float, allow_private: bool) -> Iterator[Input]:
    """The download at ``url``; a ZIP's members instead of the ZIP."""
    fetched = _fetch(url, limits.max_bytes, timeout, allow_private)
    if fetched.data is not None and fetched.name.lower().endswith(".zip"):
        yield from from_zip_bytes(fetched.data, fetched.name, url, limits,
                                  ArchiveBudget(limits.max_archive_bytes), depth=1)
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
                return failed(too_large(int(declared), max_bytes), int(declared))
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
        return failed(too_large(None, max_bytes))
    except (http.client.HTTPException, OSError, ValueError) as err:
        return failed(f"download failed: {error_reason(err)}")
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
