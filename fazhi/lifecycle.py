"""Processes that end with the run: child processes die with their parent, and a stop is one line.

- ``die_with_parent``: a ``preexec_fn`` for the servers fazhi starts (Prefect's
  API): the kernel sends them SIGTERM when the process that started them ends,
  however it ends (``kill -9`` included), via ``prctl(PR_SET_PDEATHSIG)``.
- ``watch_parent``: for the worker pool's processes: a thread that ends the
  worker once its parent is gone. (The parent-death signal follows the *thread*
  that started a process, and pool workers may be started from dbt's threads.)
  ``become_worker`` sets a pool worker up with it, leaving Ctrl-C to the parent.
- ``leave_now``: the end of the ``fazhi`` command (``fazhi.errors``) and of a pool
  worker: once the exit handlers ran, exit without the interpreter's teardown.
- ``quiet_interrupts``: while a run goes, Ctrl-C and SIGTERM raise
  KeyboardInterrupt in the main thread and silence the logs, so the run records
  itself as interrupted and the command prints one line (``fazhi.errors``).
"""
from __future__ import annotations

import atexit
import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

PR_SET_PDEATHSIG = 1
_WATCH_INTERVAL_S = 0.5


def die_with_parent(sig: int = signal.SIGTERM) -> Callable[[], None]:
    """A ``preexec_fn``: the child gets ``sig`` when this process ends. Linux only; elsewhere a no-op.

    Everything is looked up before the fork: the function runs between fork and exec.
    """
    parent = os.getpid()
    if not sys.platform.startswith("linux"):
        return lambda: None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    getppid, exit_now = os.getppid, os._exit

    def preexec() -> None:
        os.setsid()  # its own session: a terminal's Ctrl-C is for fazhi, which stops it in turn
        prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if getppid() != parent:  # the parent died before the signal was armed
            exit_now(1)

    return preexec


def become_worker() -> None:
    """Set up a pool worker process: Ctrl-C is its parent's to handle (the parent stops the
    pool), it ends once its parent is gone, even killed (``watch_parent``), and it leaves
    without the interpreter's teardown once its exit handlers ran (``leave_now``): a parent
    shutting its pool down waits for that exit, and tearing down what the check worker loaded
    (GX) took ~0.4 s of every fresh run. It collects garbage less often (``fazhi.gc_tuning``)."""
    from fazhi.gc_tuning import fewer_collections

    fewer_collections()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent()
    atexit.register(leave_now, 0)   # a pool worker's exit code is 0 unless it was killed; nobody reads it


def leave_now(code: int) -> None:
    """End the process with ``code`` at once, the logs and standard streams flushed: the last exit
    handler to run, when all that is left is the interpreter's teardown of every module and object."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)


def watch_parent() -> None:
    """In a worker process: exit when the parent is gone (checked every half second)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_INTERVAL_S)
        os._exit(1)

    threading.Thread(target=watch, name="fazhi-watch-parent", daemon=True).start()


_stop_requested: list[int] = []
_DUCKDB_INTERRUPTED = "Query interrupted"


def stop_requested(e: BaseException | None = None) -> bool:
    """Whether a stop signal arrived (or ``e``, or what it came from, is one): libraries that catch
    the KeyboardInterrupt (dbt does) fail in their own words, Prefect turns SIGTERM inside a flow
    into its own exception (with a ``signal`` attribute), and DuckDB turns a signal during a query
    into "Query interrupted"; the run must still count as interrupted."""
    return stop_in(e) is not None or bool(_stop_requested)


def stop_in(e: BaseException | None) -> BaseException | None:
    """The stop that ``e`` is, or that it was raised while handling: a KeyboardInterrupt, a signal's
    exception (Prefect's, with a ``signal`` attribute) or DuckDB's "Query interrupted"; else None.

    Re-raise this one, not ``e``: an error a library raised while handling the stop (dbt closing
    a connection a node's thread still queries: DuckDB's "connection is busy") loses the stop it
    came from once Prefect re-raises it elsewhere, and the run ends failed instead of interrupted."""
    seen: set[int] = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, KeyboardInterrupt) or getattr(e, "signal", None) in (signal.SIGINT, signal.SIGTERM):
            return e
        if _said(e).strip().startswith(_DUCKDB_INTERRUPTED):
            return e
        e = e.__cause__ or e.__context__
    return None


def _said(e: BaseException) -> str:
    """``str(e)``, or "" for an exception that cannot say itself (dbt's ExceptionExit, a click
    exception without a message, raises AttributeError)."""
    try:
        return str(e)
    except Exception:  # noqa: BLE001 (any exception's own __str__)
        return ""


def check_stop() -> None:
    """Raise KeyboardInterrupt if a stop signal arrived whose exception was swallowed (Python
    drops an exception raised inside a weakref callback or ``__del__``)."""
    if _stop_requested:
        raise KeyboardInterrupt(signal.Signals(_stop_requested[0]).name)


def _quiet_unraisable(hook):
    def unraisable(info) -> None:
        if not isinstance(info.exc_value, KeyboardInterrupt):
            hook(info)
    return unraisable


def _interrupt(signum, frame) -> None:
    _stop_requested.append(signum)
    logging.disable(logging.CRITICAL)  # Prefect's crash reports would follow the interrupt
    raise KeyboardInterrupt(signal.Signals(signum).name)


class Interrupted(Exception):
    """The command was stopped (Ctrl-C, SIGTERM); an Exception, so the CLI's handler gets it
    (the command-line library turns a KeyboardInterrupt into a silent exit)."""


@contextmanager
def quiet_interrupts() -> Iterator[None]:
    """SIGINT and SIGTERM stop the block with KeyboardInterrupt inside (the run records itself as
    interrupted) and ``Interrupted`` outside (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    hook, sys.unraisablehook = sys.unraisablehook, _quiet_unraisable(sys.unraisablehook)
    try:
        yield
    except BaseException as e:
        if stop_requested(e):
            raise Interrupted() from None
        raise
    finally:
        sys.unraisablehook = hook
        for s, handler in previous.items():
            signal.signal(s, handler)
