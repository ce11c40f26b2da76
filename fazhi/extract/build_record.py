"""The record of what was compiled from which source, and the check that no build is stale.

The extractor's modules are compiled with mypyc (``setup.py``); Python imports a compiled
module before the ``.py`` of the same name, so after an edit without a rebuild the old
compiled code would run silently. The build writes each compiled source's SHA-256 into
``_compiled.json`` beside the modules; ``fazhi/extract/__init__.py`` calls ``check`` before
any submodule is imported and refuses to import a package whose sources changed since.
Plain Python (no compiled module, no record) passes. This module is never compiled.
"""
from __future__ import annotations

import hashlib
import json
import os

RECORD = "_compiled.json"
_SUFFIXES = (".so", ".pyd")


def digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def digests(folder: str, sources: list[str]) -> dict[str, str]:
    """The digest of each source (file names in ``folder``), taken as the build reads them."""
    return {name: digest(os.path.join(folder, name)) for name in sorted(sources)}


def write(folder: str, record: dict[str, str]) -> None:
    """The record beside the compiled modules in ``folder``."""
    with open(os.path.join(folder, RECORD), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, sort_keys=True)


def check(folder: str) -> None:
    """Raise ImportError naming the first compiled source that changed (or vanished) since its build."""
    try:
        with open(os.path.join(folder, RECORD), encoding="utf-8") as f:
            record = json.load(f)
    except FileNotFoundError:
        compiled = sorted(n for n in os.listdir(folder) if n.endswith(_SUFFIXES))
        if compiled:
            raise ImportError(f"fazhi/extract/{compiled[0]} is compiled but its build left no {RECORD}: "
                              "run `make setup`") from None
        return
    for name, expected in record.items():
        path = os.path.join(folder, name)
        if not os.path.exists(path) or digest(path) != expected:
            raise ImportError(f"fazhi/extract/{name} changed since it was compiled: run `make setup`")
