"""How the command line ends on an error: one line on stderr and an exit code.

``fazhi.cli.main`` hands the Typer app to ``run_cli``. Errors the user can act
on (a busy or damaged warehouse, a refused publish, a bad file) are known
types with their own exit codes; anything else is still one line, naming its
type. ``--debug`` anywhere on the command line lets the traceback through.
"""
from __future__ import annotations

import sys

INTERRUPTED = "interrupted; the published warehouse is unchanged"


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


def run_cli(app, console) -> None:
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
        console.print(INTERRUPTED, markup=False, highlight=False, soft_wrap=True)
        sys.exit(130)
    except Exception as e:
        if debug:
            raise
        console.print(one_line(e), markup=False, highlight=False, soft_wrap=True)
        sys.exit(exit_code(e))
