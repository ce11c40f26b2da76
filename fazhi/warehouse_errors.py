"""Why a warehouse cannot be used as asked: the errors that end a command in one line.

Raised by ``fazhi.warehouse`` and ``fazhi.guard``; ``fazhi.errors`` turns
them into one line and their ``exit_code`` on the command line.
"""
from __future__ import annotations


class WarehouseError(RuntimeError):
    """A warehouse that cannot be used as asked; ``exit_code`` is the CLI's exit status."""

    exit_code = 1


class WarehouseBusy(WarehouseError):
    """Another fazhi process (or another writer) is writing this warehouse."""

    exit_code = 3


class WarehouseDamaged(WarehouseError):
    """The published file cannot be read (truncated, not a DuckDB file, or a bad write-ahead log)."""

    exit_code = 4


class WarehouseChanged(WarehouseError):
    """Another process wrote the published file during the run: publishing would discard its writes."""

    exit_code = 5


def first_line(e: BaseException) -> str:
    """An error's message on one line (DuckDB's carry a caret diagram below)."""
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0]
