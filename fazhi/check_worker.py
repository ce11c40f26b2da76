"""The checks of a fresh run, in a process of their own (the flow's validate task calls ``check_run``).

A fresh ``fazhi run`` is one Python process: what it imports and computes
takes turns at one interpreter lock. Importing Great Expectations alone costs
3-7 s of CPU here, and it queued behind the ingest and the dbt build while the
machine's second core sat idle (the Prefect API is up by then, and ten new
reports need no parsing workers). ``start`` (fazhi.warmup, for ``fazhi run``)
spawns one process that imports GX at once; ``check_run`` hands it the run's
working copy, which it checks with ``fazhi.checks.check_run`` (this process
holds no connection to the file meanwhile), and gets the results and the log
lines back. Without a started worker (``fazhi serve``, where GX stays imported
from one run to the next; tests) the checks run in this process. A worker that
died (out of memory, killed) is reported and the checks run here instead.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

from fazhi import progress
from fazhi.parallel import spawned_pool

log = logging.getLogger(__name__)

_worker: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _warm() -> None:
    """The worker's set-up (``lifecycle.become_worker``); GX is imported now."""
    from fazhi.lifecycle import become_worker

    become_worker()
    from fazhi.gx_import import import_gx

    import_gx()

    import fazhi.checks  # noqa: F401


def start() -> None:
    """Spawn the check worker; it imports GX in the background."""
    global _worker
    with _lock:
        if _worker is None:
            _worker = spawned_pool(1, _warm)
            _worker.submit(int)   # a pool starts its process at the first task


def stop() -> None:
    """End the worker now, whatever it is doing (a stopped run; the next ``start`` spawns another)."""
    global _worker
    with _lock:
        worker, _worker = _worker, None
    if worker is not None:
        for process in list((worker._processes or {}).values()):
            process.kill()
        worker.shutdown(wait=False, cancel_futures=True)


def check_run(warehouse: Path, run_id: str, docs_dir: Path | None = None, today: date | None = None) -> list:
    """``fazhi.checks.check_run``, in the check worker when one was started."""
    from fazhi import checks

    with _lock:
        worker = _worker
    if worker is None:
        return checks.check_run(warehouse, run_id, docs_dir=docs_dir, today=today)
    progress.add("checks", "check suites (in the check worker)")
    try:
        results, records = worker.submit(_checked, warehouse, run_id, docs_dir, today).result()
    except BrokenProcessPool as e:
        log.warning("the check worker stopped (%s); checking in this process", e or "killed")
        stop()
        return checks.check_run(warehouse, run_id, docs_dir=docs_dir, today=today)
    except BaseException:   # Ctrl-C, SIGTERM: the worker must not go on writing into the run's copy
        stop()
        raise
    finally:
        progress.done("checks")
    for record in records:   # as if logged here: this process's levels and handlers decide
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)
    return results


class _Kept(logging.Handler):
    """Keeps the records fazhi logs in the worker, made plain enough to send back."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _checked(warehouse: Path, run_id: str, docs_dir: Path | None, today: date | None) -> tuple[list, list]:
    """In the worker: the checks' results and what fazhi logged meanwhile."""
    from fazhi import checks

    kept, logger = _Kept(), logging.getLogger("fazhi")
    logger.addHandler(kept)
    logger.setLevel(logging.INFO)
    logger.propagate = False    # said once, by the parent
    try:
        return checks.check_run(warehouse, run_id, docs_dir=docs_dir, today=today), kept.records
    finally:
        logger.removeHandler(kept)
