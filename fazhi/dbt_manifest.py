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
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from fazhi.config import DBT_DIR

# The profile's settings that fazhi sets from its own (dbt/profiles.yml reads them).
_PROFILE_ENV = ("FAZHI_DBT_THREADS", "FAZHI_DUCKDB_MEMORY")

_lock = threading.Lock()
_parsed: dict[tuple, object] = {}     # key -> dbt Manifest; one entry a state folder


def link(state: Path) -> Path:
    """The fixed path every build of ``state`` goes through (fazhi.transform points it at the run's copy)."""
    return state / "build.duckdb"


def base_args(state: Path, project: Path = DBT_DIR) -> list[str]:
    """dbt's arguments naming the project, its profile and ``state``'s target and log folders."""
    return ["--project-dir", str(project), "--profiles-dir", str(project),
            "--target-path", str(state / "target"), "--log-path", str(state / "logs")]


def _key(state: Path, project: Path) -> tuple:
    """What a parse depends on: the state folder, the project's folder and every file in it (path,
    size, time), and the profile's settings."""
    files = tuple(sorted((str(p.relative_to(project)), s.st_size, s.st_mtime_ns)
                         for p in project.rglob("*") if p.is_file() for s in [p.stat()]))
    return str(state.absolute()), str(project.absolute()), files, tuple(os.environ.get(n) for n in _PROFILE_ENV)


def prepare(state: Path, project: Path = DBT_DIR) -> None:
    """Parse the project for builds through ``state`` unless a parse of its current files is kept
    (the wide mart's properties written first, as a build writes them)."""
    from fazhi.wide_mart import write_properties

    write_properties()
    ready(state, project)


def ready(state: Path, project: Path = DBT_DIR):
    """The Manifest of the dbt ``project`` as it is now, parsed for ``state`` (kept, or parsed here); None if dbt
    could not parse it (the build then parses and reports why)."""
    from dbt.cli.main import dbtRunner

    from fazhi.transform import build_lock

    with _lock:
        key = _key(state, project)
        if key in _parsed:
            return _parsed[key]
        with build_lock(state):
            os.environ["FAZHI_DBT_DATABASE"] = str(link(state))
            res = dbtRunner().invoke(["parse", *base_args(state, project), "--quiet", "--no-use-colors",
                                      "--no-write-json", "--log-level-file", "info"])
        if not res.success or res.result is None:
            return None
        _parsed.clear()            # one project, one state folder at a time in a process
        _parsed[key] = res.result
        return res.result


def forget() -> None:
    """Drop the kept parse (the next build parses again)."""
    with _lock:
        _parsed.clear()
