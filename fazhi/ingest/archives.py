"""ZIP archives as report inputs: one ``Input`` per member, read one at a time within the limits.

A member is located as ``archive.zip!folder/member.txt``; archives inside archives are
opened ``MAX_ARCHIVE_DEPTH`` levels deep. No member is read past ``max_bytes``, whatever
its header claims (a ZIP bomb stops at the limit), and one archive with the archives in it
expands to ``max_archive_bytes`` at most (``ArchiveBudget``). Members that would land
outside the archive's folder, hidden members and encrypted ones are errors with their
reason, never dropped. GBK member names (Chinese Windows tools) are decoded right.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from fazhi.ingest.inputs import ArchiveBudget, Input, Limits, error_reason, size_text, too_large

# Archives inside archives are opened this many levels deep.
MAX_ARCHIVE_DEPTH = 3
MAX_ARCHIVE_MEMBERS = 10_000


def from_zip_file(path: Path, location: str, limits: Limits) -> Iterator[Input]:
    """The members of the archive at ``path`` (``location``: its absolute path), one at a time."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        yield Input(path.name, location, path.stat().st_size, stage="unzip",
                    error=f"not a readable ZIP archive: {error_reason(err)}")
        return
    with archive:
        yield from _members(archive, location, limits, ArchiveBudget(limits.max_archive_bytes), depth=1)


def from_zip_bytes(data: bytes, name: str, location: str, limits: Limits, budget: ArchiveBudget,
                   depth: int) -> Iterator[Input]:
    """The members of an archive held in memory (a member of another, or a download)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as err:
        yield Input(name, location, len(data), error=f"not a readable ZIP archive: {error_reason(err)}", stage="unzip")
        return
    del data  # the archive holds its own reference; members are read from it one at a time
    with archive:
        yield from _members(archive, location, limits, budget, depth)


def _members(archive: zipfile.ZipFile, location: str, limits: Limits, budget: ArchiveBudget,
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
            limits: Limits, budget: ArchiveBudget, depth: int) -> Iterator[Input]:
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
        yield failed(too_large(info.file_size, max_bytes))
        return
    if info.file_size > budget.left:
        yield failed(_over_budget(budget))
        return
    allowed = min(max_bytes, budget.left)
    try:
        with archive.open(info) as fh:
            data = fh.read(allowed + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as err:
        yield failed(f"cannot extract the member: {error_reason(err)}")
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
        yield from from_zip_bytes(data, base, location, limits, budget, depth + 1)
    elif base.lower().endswith(".zip"):
        yield failed(f"archive nested more than {MAX_ARCHIVE_DEPTH} levels deep: not opened")
    else:
        yield Input(base, location, len(data), data=data)


def _over_budget(budget: ArchiveBudget) -> str:
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
