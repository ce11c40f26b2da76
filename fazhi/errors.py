"""How the command line ends: on an error, one line on stderr and an exit code; then without teardown.

``fazhi.cli.main`` hands the Typer app to ``run_cli``. Errors the user can act
on (a busy or damaged warehouse, a refused publish, a bad file) are known
types with their own exit codes; anything else is still one line, naming its
type. ``--debug`` anywhere on the command line lets the traceback through.

Once the command and every exit handler have run (Prefect's events are sent,
the temporary API is told to stop, the worker pool and dbt's connections are
closed, the logs flushed), the process leaves at once: the interpreter's own
teardown of the modules and objects a run loaded (Prefect, dbt, GX, DuckDB)
took seconds and did nothing the user needs.
"""
from __future__ import annotations

import atexit
import logging
import os
import sys

INTERRUPTED = "interrupted; the published warehouse is unchanged"
# Set by ``run_cli`` from ``--debug``: let tracebacks and Prefect's error logs through.
debug = False


def exit_code(e: BaseException) -> int:
    from fazhi.warehouse import WarehouseError

    if isinstance(e, WarehouseError):
        return e.exit_code
    return 1


def one_line(e: BaseException) -> str:
    from fazhi.warehouse import WarehouseError, first_line

    text = first_line(e)
    if isinstance(e, WarehouseError) or type(e).__module__.startswith("fazhi"):
        return text
    return f"{type(e).__name__}: {text}"


def quiet_flow_errors() -> None:
    """Keep Prefect from logging a failed flow's traceback (the command says it in one line)."""
    if not debug:
        for name in ("prefect.flow_runs", "prefect.task_runs"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _end(console, line: str, code: int) -> None:
    """Print the line, then exit with stderr closed: an interrupted or failed run still holds
    native objects (DuckDB's) whose teardown at interpreter exit only prints noise."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)
    sys.stdout.flush()
    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    sys.exit(code)


_exit_code = [0]


def _leave() -> None:
    """The last exit handler (registered first): flush the logs and streams, then exit without teardown."""
    from fazhi.lifecycle import leave_now

    leave_now(_exit_code[0])


def _code(e: BaseException) -> int:
    if isinstance(e, SystemExit):
        return e.code if isinstance(e.code, int) else int(e.code is not None)
    return 130 if isinstance(e, KeyboardInterrupt) else 1


def run_cli(app, console) -> None:
    """Run the command line; whatever happens, the process ends with its exit code and no teardown."""
    atexit.register(_leave)
    try:
        _run_cli(app, console)
    except BaseException as e:
        _exit_code[0] = _code(e)
        raise


def _run_cli(app, console) -> None:
    global debug
    argv = sys.argv[1:]
    debug = "--debug" in argv
    if debug:
        argv.remove("--debug")
    try:
        app(args=argv, prog_name="fazhi")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        if debug:
            raise
        _end(console, INTERRUPTED, 130)
    except Exception as e:
        from fazhi.lifecycle import Interrupted

        if isinstance(e, Interrupted) and not debug:
            _end(console, INTERRUPTED, 130)
        if debug:
            raise
        _end(console, one_line(e), exit_code(e))
