"""The ``fazhi`` command line: run the pipeline, and read the warehouse.

Commands that read open the published warehouse read-only, so they work while
a run is writing its working copy. ``common`` holds the app and what the commands
share; the commands are in ``run_commands``, ``read_commands`` and ``quality_commands``
(imported here, in the order ``fazhi --help`` lists them).
"""
from __future__ import annotations

# Imported for their commands, which register on app as they load: this order is --help's.
from fazhi.cli import run_commands  # noqa: F401, I001
from fazhi.cli import read_commands  # noqa: F401
from fazhi.cli import quality_commands  # noqa: F401
from fazhi.cli.common import app, err

__all__ = ["app", "main"]


def main() -> None:
    """The ``fazhi`` entry point: every error is one line and an exit code; ``--debug`` (anywhere
    on the command line) shows the traceback instead."""
    from fazhi.errors import run_cli

    run_cli(app, err)
