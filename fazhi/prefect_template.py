"""A migrated Prefect database kept once per Prefect version, so a new Prefect home skips migrating.

Place in the flow: just before fazhi starts a Prefect API on a PREFECT_HOME
(``fazhi.prefect_server``: the temporary API of ``fazhi run``, the server of
``fazhi serve``). A home without a database gets a copy of the template
(``seed``) and the server starts without running its migrations (~6 CPU-s
here). When a server has migrated a new, empty home itself, its database
becomes the template (``keep``). Templates live in FAZHI_CACHE_DIR, one per
Prefect version, each with a record of its Prefect version, schema revision
and checksum.

A template that is missing, damaged (checksum, SQLite's quick_check) or of
another Prefect version (its record, its schema revision) is not used: the
server migrates the home as before, and its database replaces the template.
Files are written beside their place and renamed into it, so a reader sees a
whole template or none; the copy into a home goes through SQLite's backup API.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sqlite3
import tempfile
from contextlib import closing, suppress
from pathlib import Path

DATABASE = "prefect.db"
# Prefect notes a telemetry session in its database on first start: each home gets its own.
_PER_HOME_ROWS = "delete from configuration where key = 'TELEMETRY_SESSION'"


def prefect_version() -> str:
    return importlib.metadata.version("prefect")


def migrated_marker(prefect_home: Path) -> Path:
    """The file that says this home's database was migrated by this Prefect version."""
    return prefect_home / f".migrated-prefect-{prefect_version()}"


def is_migrated(prefect_home: Path) -> bool:
    return migrated_marker(prefect_home).exists() and (prefect_home / DATABASE).exists()


def template_paths(cache_dir: Path) -> tuple[Path, Path]:
    """The template database of this Prefect version and its record."""
    stem = f"prefect-{prefect_version()}"
    return cache_dir / f"{stem}.db", cache_dir / f"{stem}.json"


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _revision(con: sqlite3.Connection) -> str:
    (revision,) = con.execute("select version_num from alembic_version").fetchone()
    return revision


def _temp_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def _backup(source: Path, target: Path, source_uri: str = "") -> None:
    """SQLite's online backup of ``source`` into ``target`` (consistent while a server writes it)."""
    src = sqlite3.connect(source_uri or str(source), uri=bool(source_uri), timeout=10)
    with closing(src), closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def seed(prefect_home: Path, cache_dir: Path) -> bool:
    """Copy the template into a home that has no database yet and mark it migrated.

    Returns whether it did; False (and nothing written) when the home has a
    database or the template is missing, damaged or of another Prefect version.
    """
    target = prefect_home / DATABASE
    if target.exists():
        return False
    template, record_path = template_paths(cache_dir)
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("prefect") != prefect_version() or record.get("sha256") != _sha256(template):
            return False
    except (OSError, ValueError, AttributeError):
        return False
    prefect_home.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        _backup(template, tmp, f"{template.resolve().as_uri()}?mode=ro")
        with closing(sqlite3.connect(tmp)) as con:
            if con.execute("pragma quick_check").fetchone()[0] != "ok" or _revision(con) != record.get("revision"):
                return False
        if target.exists():   # another process seeded or started a server meanwhile: leave it
            return False
        os.replace(tmp, target)
    except (OSError, sqlite3.Error, TypeError):
        return False
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    migrated_marker(prefect_home).touch()
    return True


def keep(prefect_home: Path, cache_dir: Path) -> None:
    """Make the database of a home a server has just migrated (and nothing else written) the template.

    Best effort: a cache that cannot be written only means the next new home migrates.
    """
    template, record_path = template_paths(cache_dir)
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(template)
        _backup(prefect_home / DATABASE, tmp)
        with closing(sqlite3.connect(tmp)) as con:
            con.execute(_PER_HOME_ROWS)
            con.commit()
            con.execute("pragma journal_mode=delete")   # one file, readable without its -wal/-shm
            revision = _revision(con)
        record = {"prefect": prefect_version(), "revision": revision, "sha256": _sha256(tmp)}
        os.replace(tmp, template)
        tmp = _temp_beside(record_path)
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, record_path)
    except (OSError, sqlite3.Error, TypeError):
        pass
    finally:
        if tmp is not None:
            with suppress(FileNotFoundError):
                tmp.unlink()
