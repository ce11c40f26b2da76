"""The working copy of the warehouse, made ahead of the run that needs it (``fazhi.warehouse.build_copy``).

``build_copy`` copies the published file before a run writes it: 1-2 s of disk for a 500 MB
warehouse where the file system cannot share blocks (ext4). ``prepare`` starts that copy
earlier in a background thread (the kernel copies; the thread holds no GIL meanwhile):
``fazhi run`` as soon as it knows it will build, while Prefect, dbt and GX load;
``fazhi serve`` (``keep_ready``) right after each publish, for its next run.

The copy is an unnamed file in the build folder (O_TMPFILE): nothing an analyst could
open, and nothing left behind when the process dies. The thread also checks it whole
(``guard.check_whole``, ~0.2-0.3 s of DuckDB opening it). ``take`` gives it its working name
only if the published file is provably the one copied: no writer held it open before or
after the copy, it has no write-ahead log, and its device, inode, size, modification and
change times are those it had when the copy began (the change time cannot be set back).
Otherwise the copy is dropped and ``build_copy`` copies and checks again, as it would
without one; either way it refuses to publish over writes made during the run.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fazhi import guard
from fazhi.warehouse_errors import WarehouseError

_O_TMPFILE = getattr(os, "O_TMPFILE", None)   # Linux: a file with no name until it is linked


@dataclass(eq=False)
class _Standby:
    published: Path
    thread: threading.Thread | None = None
    fd: int | None = None                     # the copy, once complete and taken of an unchanged file
    identity: tuple | None = None
    done: threading.Event = field(default_factory=threading.Event)


_lock = threading.Lock()
_standbys: dict[Path, _Standby] = {}
_keep: set[Path] = set()


def _identity(published: Path) -> tuple | None:
    """What a write to the file changes: None when it is absent, has a log, or is open for writing."""
    try:
        st = os.stat(published)
    except FileNotFoundError:
        return None
    if guard.wal_path(published).exists() or guard.writer_pid(published) is not None:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def prepare(published: Path) -> None:
    """Start copying ``published`` in the background (replacing any copy made before)."""
    published = published.absolute()
    discard(published)
    if _O_TMPFILE is None or not published.exists():
        return
    standby = _Standby(published)
    standby.thread = threading.Thread(target=_copy, args=(standby,), name="fazhi-standby-copy", daemon=True)
    with _lock:
        _standbys[published] = standby
    standby.thread.start()


def _copy(standby: _Standby) -> None:
    from fazhi.warehouse import build_path, copy_open

    fd = None
    try:
        before = _identity(standby.published)
        if before is None:
            return
        folder = build_path(standby.published).parent
        folder.mkdir(exist_ok=True)
        fd = os.open(folder, _O_TMPFILE | os.O_WRONLY, 0o666)
        with open(standby.published, "rb") as src, open(fd, "wb", closefd=False) as dst:
            copy_open(src, dst)
        guard.check_whole(Path(f"/proc/self/fd/{fd}"), standby.published)   # the copy by its open file
        if _identity(standby.published) == before:
            standby.fd, standby.identity, fd = fd, before, None
    except (OSError, WarehouseError):   # no unnamed files here, the copy failed or is not whole: build_copy
        pass                            # copies again, and refuses a damaged warehouse with its own message
    finally:
        if fd is not None:
            os.close(fd)
        standby.done.set()


def _pop(published: Path) -> _Standby | None:
    with _lock:
        standby = _standbys.pop(published.absolute(), None)
    if standby is not None:
        standby.done.wait()
    return standby


def ready_inode(published: Path) -> int | None:
    """The inode of the copy made ahead of ``published`` (waiting for it), or None if there is none."""
    with _lock:
        standby = _standbys.get(published.absolute())
    if standby is None:
        return None
    standby.done.wait()
    return os.fstat(standby.fd).st_ino if standby.fd is not None else None


def take(published: Path, work: Path) -> bool:
    """Give the copy made ahead the name ``work`` (which must not exist) if ``published`` is unchanged
    since it was copied; otherwise drop it. Whether ``work`` now holds it."""
    standby = _pop(published)
    if standby is None or standby.fd is None:
        return False
    try:
        if _identity(standby.published) != standby.identity:
            return False
        folder = os.open(work.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:   # linkat(AT_SYMLINK_FOLLOW) of /proc's link to the open file: how an unnamed file gets a name
            os.link(f"/proc/self/fd/{standby.fd}", work.name, dst_dir_fd=folder, follow_symlinks=True)
        finally:
            os.close(folder)
        return True
    except OSError:
        return False
    finally:
        os.close(standby.fd)


def discard(published: Path) -> None:
    """Drop the copy made ahead of ``published``, if any (its disk space is freed at once)."""
    standby = _pop(published)
    if standby is not None and standby.fd is not None:
        os.close(standby.fd)


def keep_ready(published: Path, on: bool = True) -> None:
    """``fazhi serve``: prepare a copy now and after every publish of ``published`` (off: stop, drop it)."""
    published = published.absolute()
    with _lock:
        (_keep.add if on else _keep.discard)(published)
    if on:
        prepare(published)
    else:
        discard(published)


def published_again(published: Path) -> None:
    """``build_copy`` published ``published``: prepare the next run's copy if serving keeps one ready."""
    if published.absolute() in _keep:
        prepare(published)
