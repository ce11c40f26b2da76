"""dbt's parsed project, kept in this process for the builds that follow (used by fazhi.transform).

Every ``dbt build`` starts by parsing the project: from its partial-parse cache
that still costs 1.3-2.7 s here, on every run of ``fazhi serve`` and inside every
fresh ``fazhi run``. The parse depends only on the project's files and the
profile (its database path is the state folder's fixed build link), so
``prepare(state)`` parses once: in the background of a fresh run while it waits
for its Prefect API and lands the files (fazhi.warmup), and at the first build
of a serve process. ``ready(state)`` hands that Manifest to the build
(``dbtRunner(manifest=...)``, which then skips parsing) as long as no file of
the project changed since; otherwise it parses again.

A parse from nothing costs ~5.5 CPU-s (it ran beside the first chunks of a cold run and
slowed them). dbt keeps a partial-parse cache in its target folder and throws it away when the
profile changes, and the profile holds the database path, which differs between state folders.
The parse does not depend on that path (the nodes' database is the link's stem, ``build``,
whatever its folder), so with a ``cache_dir`` every state folder parses through one folder
of the user's cache (``parse_dir``): a new warehouse starts from the last parse of this
project, and dbt itself re-reads only the files that changed since.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path

from fazhi.config import DBT_DIR

# fazhi's settings the project reads (dbt/profiles.yml its threads, an on-run-start hook the memory limit).
_PROFILE_ENV = ("FAZHI_DBT_THREADS", "FAZHI_DUCKDB_MEMORY")

log = logging.getLogger(__name__)

_lock = threading.Lock()
_parsed: dict[tuple, object] = {}     # key -> dbt Manifest; one entry: the folder it was parsed in


def link(state: Path) -> Path:
    """The fixed path every build of ``state`` goes through (fazhi.transform points it at the run's copy)."""
    return state / "build.duckdb"


def base_args(state: Path, project: Path = DBT_DIR) -> list[str]:
    """dbt's arguments naming the project, its profile and ``state``'s target and log folders."""
    return ["--project-dir", str(project), "--profiles-dir", str(project),
            "--target-path", str(state / "target"), "--log-path", str(state / "logs")]


def parse_dir(cache_dir: Path, project: Path = DBT_DIR) -> Path:
    """The folder in ``cache_dir`` where ``project`` is parsed for every state folder (one per
    project folder and dbt version: two checkouts do not undo each other's cache)."""
    from dbt.version import __version__

    tag = hashlib.sha256(f"{project.absolute()}|{__version__}".encode()).hexdigest()[:12]
    return cache_dir / "dbt-parse" / tag


def _key(where: Path, project: Path) -> tuple:
    """What a parse depends on: the folder it is made in, the project's folder and every file in it
    (path, size, time), and the profile's settings."""
    files = tuple(sorted((str(p.relative_to(project)), s.st_size, s.st_mtime_ns)
                         for p in project.rglob("*") if p.is_file() for s in [p.stat()]))
    return str(where.absolute()), str(project.absolute()), files, tuple(os.environ.get(n) for n in _PROFILE_ENV)


def prepare(state: Path, project: Path = DBT_DIR, cache_dir: Path | None = None) -> None:
    """Parse the project for builds through ``state`` unless a parse of its current files is kept
    (the wide mart's properties written first, as a build writes them)."""
    from fazhi.wide_mart import write_properties

    write_properties()
    ready(state, project, cache_dir)


def ready(state: Path, project: Path = DBT_DIR, cache_dir: Path | None = None):
    """The Manifest of the dbt ``project`` as it is now, for builds through ``state`` (kept, or parsed here,
    in ``parse_dir(cache_dir)`` when given, else in ``state``); None if dbt could not parse it (the build then
    parses and reports why)."""
    from dbt.cli.main import dbtRunner

    from fazhi.transform import build_lock

    where = parse_dir(cache_dir, project) if cache_dir is not None else state
    with _lock:
        key = _key(where, project)
        if key in _parsed:
            return _parsed[key]
        with build_lock(where):
            # the build link's name: the manifest's nodes name their database after it
            os.environ["FAZHI_DBT_DATABASE"] = str(link(where))
            res = dbtRunner(callbacks=[_log_full_parse]).invoke(
                ["parse", *base_args(where, project), "--quiet", "--no-use-colors",
                 "--no-write-json", "--log-level-file", "info"])
        if not res.success or res.result is None:
            return None
        _parsed.clear()            # one project, one parse folder at a time in a process
        _parsed[key] = res.result
        return res.result


def _log_full_parse(event) -> None:
    """Say when dbt parses the whole project (the slow case) and why."""
    if event.info.name == "UnableToPartialParse":
        log.info("dbt parses the whole project: %s", event.data.reason)


def forget() -> None:
    """Drop the kept parse (the next build parses again)."""
    with _lock:
        _parsed.clear()
