"""What must hold before a run copies the published warehouse, and before it publishes its build.

``fazhi.warehouse.build_copy`` calls these around a run:

- before copying: no other process holds the published file open for writing
  (DuckDB takes a POSIX write lock on it; ``writer_pid`` asks the kernel who
  holds it), the file is whole (its size covers every block its header
  counts), and a write-ahead log left by a writer that died replays;
- before publishing: the file and its log are exactly as they were when
  copied. A writer that came and went meanwhile would otherwise lose its
  writes to the rename.

Each refusal is a ``WarehouseError`` that names the file (and the process).
"""
from __future__ import annotations

import fcntl
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fazhi.warehouse_errors import WarehouseBusy, WarehouseChanged, WarehouseDamaged, first_line

# A DuckDB file is three 4 KiB headers followed by its blocks.
HEADER_BYTES = 3 * 4096
# struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid (native alignment and padding).
_FLOCK = "@hhqqi4x"


def wal_path(path: Path) -> Path:
    return Path(f"{path}.wal")


def writer_pid(path: Path) -> int | None:
    """The process holding a write lock on ``path`` (a DuckDB read-write connection), if any."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        probe = struct.pack(_FLOCK, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        l_type, _, _, _, pid = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))
    finally:
        os.close(fd)
    return None if l_type == fcntl.F_UNLCK else pid


@dataclass(frozen=True)
class Snapshot:
    """Identity, size and modification time of the published file and of its WAL (None: absent)."""

    file: tuple[int, int, int] | None
    wal: tuple[int, int, int] | None


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def snapshot(published: Path) -> Snapshot:
    return Snapshot(_stat(published), _stat(wal_path(published)))


def refuse_open_writer(published: Path) -> None:
    pid = writer_pid(published)
    if pid is not None:
        raise WarehouseBusy(f"{published} is open for writing by process {pid}: a run would discard what it "
                            "writes; close that session and run again")


def check_whole(copy: Path, published: Path) -> None:
    """Refuse a copy of the published file that DuckDB cannot open or that is shorter than its blocks
    in use. (Free blocks do not count: a checkpoint cuts those at the end of the file off, while
    ``total_blocks`` still counts them.)"""
    try:
        with duckdb.connect(str(copy), read_only=True) as con:
            block_size, used_blocks = con.execute(
                "select block_size, used_blocks from pragma_database_size()").fetchone()
    except duckdb.Error as e:
        raise damaged(published, first_line(e)) from e
    expected = HEADER_BYTES + block_size * used_blocks
    size = copy.stat().st_size
    if size < expected:
        raise damaged(published, f"{size} bytes where its blocks in use need {expected}: truncated")


def damaged(published: Path, why: str) -> WarehouseDamaged:
    return WarehouseDamaged(f"the published warehouse {published} is damaged ({why}); it is left as it is: "
                            "restore it from a backup or move it away")


def refuse_changes(published: Path, before: Snapshot) -> None:
    """Before the rename: nobody may have written the published file since it was copied."""
    pid = writer_pid(published)
    if pid is not None:
        raise WarehouseChanged(f"not published: {published} is open for writing by process {pid}; its writes "
                               "would be lost. The published warehouse is unchanged; run again when it is closed")
    if snapshot(published) != before:
        raise WarehouseChanged(f"not published: {published} was written by another process during this run; "
                               "publishing would discard those writes. The published warehouse keeps them; "
                               "run again")
