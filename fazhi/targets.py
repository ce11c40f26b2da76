"""What ``fazhi run`` lands, decided before anything starts.

The paths given (each must exist; an address counts as given), or the inbox
when no path is; whether they hold any file at all (a run on an empty folder
changes nothing); and how many files and bytes (the progress bar's total, and
whether to start worker processes early).
"""
from __future__ import annotations

import os
from pathlib import Path


class MissingPath(FileNotFoundError):
    """A path given on the command line does not exist."""


def is_url(target: str) -> bool:
    return "://" in target


def run_targets(paths: list[str] | None, inbox: Path) -> list[str]:
    """The paths given (raise MissingPath for one that does not exist), or the inbox if it exists."""
    if not paths:
        return [str(inbox)] if inbox.is_dir() else []
    for p in paths:
        if not is_url(p) and not os.path.lexists(p):
            raise MissingPath(f"no such file or directory: {p}")
    return list(paths)


def any_input(targets: list[str]) -> bool:
    """Whether ``targets`` name at least one file (an address counts; dotfiles and dot-folders do not)."""
    for t in targets:
        path = Path(t)
        if is_url(t) or path.is_file():
            return True
        for _folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            if any(not f.startswith(".") for f in files):
                return True
    return False


def input_size(targets: list[str]) -> tuple[int, int]:
    """How many local files ``targets`` hold, and how many bytes."""
    files = size = 0
    for target in targets:
        path = Path(target)
        found = [path] if path.is_file() else [e for e in path.rglob("*") if e.is_file()] if path.is_dir() else []
        files += len(found)
        size += sum(e.stat().st_size for e in found)
    return files, size
