"""What every ``fazhi`` command shares: the Typer app and its global options, the two consoles,
the ``--warehouse`` option, and loading the settings (a bad value is one line and exit 2).

The commands register on ``app`` from ``run_commands``, ``read_commands`` and
``quality_commands``; ``fazhi.cli`` imports them in that order, the order ``--help`` lists them.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console

from fazhi.config import Settings, SettingsError, load_settings, prepare_environment

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="fazhi: a data warehouse for China's annual rule-of-law government reports.")
# Piped output (scripts, tests) gets full-width rows instead of a folded table.
console = Console(width=None if sys.stdout.isatty() else 400)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 400)
verbosity = {"quiet": False, "verbose": False}   # the global options, as the callback set them


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        console.print(f"fazhi {version('fazhi')}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    _version_: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                            help="Print fazhi's version and exit")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display; a run prints only its verdict")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also log what each step does (INFO)")] = False,
) -> None:
    """fazhi: a data warehouse for China's annual rule-of-law government reports."""
    verbosity["quiet"], verbosity["verbose"] = quiet, verbose
    _configure_logging(verbose)


def _configure_logging(verbose: bool) -> None:
    """One log format for fazhi and the libraries it drives: rich lines on stderr."""
    import logging

    from rich.logging import RichHandler

    handler = RichHandler(console=err, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s",
                        datefmt="[%X]", handlers=[handler], force=True)
    logging.getLogger("great_expectations").setLevel(logging.INFO if verbose else logging.WARNING)


WarehouseOpt = Annotated[Optional[Path], typer.Option(
    "--warehouse", "-w", envvar="FAZHI_WAREHOUSE", help="DuckDB file (default: warehouse/fazhi.duckdb)", show_default=False)]


def checked_settings(warehouse: Path | None = None) -> Settings:
    """The settings, checked: a bad value is one line and exit 2, before anything starts."""
    try:
        return load_settings(warehouse=warehouse)
    except SettingsError as e:
        exit_with(f"invalid setting: {e}", 2)


def prepared_settings(warehouse: Path | None) -> Settings:
    """The checked settings, with the environment they ask for set (``prepare_environment``)."""
    settings = checked_settings(warehouse)
    prepare_environment(settings)
    return settings


def open_read_only(settings: Settings):
    """A read-only connection to the published warehouse; one line and exit 2 when there is none."""
    from fazhi.warehouse import open_reader

    require_warehouse(settings)
    return open_reader(settings.warehouse)


def require_warehouse(settings: Settings) -> None:
    """Exit 2 with one line when the configured warehouse has not been made yet."""
    if not settings.warehouse.exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/red]: run `fazhi run` first")
        raise typer.Exit(2)


def exit_with(message: object, code: int) -> NoReturn:
    """``message`` as one line on stderr, as written (no Rich markup: paths and SQL hold brackets),
    and exit ``code``."""
    err.print(str(message), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)
