"""The record of the sources the compiled extractor was built from, and the check that it is not stale.

The extractor's modules are compiled with mypyc (``setup.py``); Python imports a compiled
module before the ``.py`` of the same name, so after an edit without a rebuild the old
compiled code would run silently. The build writes the SHA-256 of every source it read
(``SOURCES``: the compiled modules and the ones whose types they were compiled against) into
``extract/_compiled.json``; ``fazhi/extract/__init__.py`` calls ``check`` before any submodule
is imported and refuses a package whose sources changed since. Plain Python (no compiled
module, no record) passes. This module is never compiled.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os

RECORD = os.path.join("extract", "_compiled.json")
_SUFFIXES = (".so", ".pyd")


def sources(package: str) -> list[str]:
    """The files the build reads, relative to the ``fazhi`` package folder ``package``."""
    extract = sorted(os.path.relpath(p, package) for p in glob.glob(os.path.join(package, "extract", "*.py")))
    return [*extract, os.path.join("text", "sentences.py")]


def digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def digests(package: str) -> dict[str, str]:
    """The digest of each source, taken as the build reads them."""
    return {name.replace(os.sep, "/"): digest(os.path.join(package, name)) for name in sources(package)}


def write(package: str, record: dict[str, str]) -> None:
    """The record beside the compiled modules of ``package`` (a checkout's, or a build's tree)."""
    with open(os.path.join(package, RECORD), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, sort_keys=True)


def check(package: str) -> None:
    """Raise ImportError naming the first source that changed (or vanished) since the extractor's build."""
    try:
        with open(os.path.join(package, RECORD), encoding="utf-8") as f:
            record = json.load(f)
    except FileNotFoundError:
        compiled = sorted(n for n in os.listdir(os.path.join(package, "extract")) if n.endswith(_SUFFIXES))
        if compiled:
            raise ImportError(f"fazhi/extract/{compiled[0]} is compiled but its build left no "
                              f"{os.path.basename(RECORD)}: run `make setup`") from None
        return
    for name, expected in record.items():
        path = os.path.join(package, name)
        if not os.path.exists(path) or digest(path) != expected:
            raise ImportError(f"fazhi/{name} changed since the extractor was compiled: run `make setup`")
