"""Which code built the warehouse: one digest of everything that shapes its content.

A full run records ``code_fingerprint()`` in its ``dq.runs`` row
(``fazhi.runs.record_run``). ``fazhi.nothing_new`` compares it with the code
installed now: a run may skip the work only when the warehouse was built by
this same code, so a change to a parser, a model, a seed or a check suite
always reaches every report on the next run.

The digest covers the bytes of the fazhi package (parsers, checks, report),
the dbt project (models, macros, seeds, data tests) and the Great Expectations
suites, and the versions of the libraries that compute with them. Reading the
~1 MB of files costs a few milliseconds.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path

from fazhi.config import DBT_DIR, EXPECTATIONS_DIR, PACKAGE_DIR

# What a build writes into the dbt project folder, or caches beside the code: not code.
SKIPPED_PARTS = {"__pycache__", "target", "logs", "dbt_packages"}
LIBRARIES = ("duckdb", "dbt-core", "dbt-duckdb", "great-expectations", "polars")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and not SKIPPED_PARTS.intersection(p.relative_to(root).parts)
                  and p.suffix not in (".pyc", ".pyo"))


@cache
def code_fingerprint() -> str:
    """A 16-hex digest of the package, dbt project, suites and library versions installed now."""
    digest = hashlib.sha256()
    for label, root in (("fazhi", PACKAGE_DIR), ("dbt", DBT_DIR), ("expectations", EXPECTATIONS_DIR)):
        for path in _files(root):
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} absent\0".encode())
    return digest.hexdigest()[:16]
