"""Where fazhi's CPU work runs: decoding files and parsing reports, in batches.

Both are pure functions of bytes or text (ingest decodes and parses each new
file in one go; ``fazhi.parsed`` re-parses stale reports), so the work is cut
into batches and run anywhere. When the flow runs on Dask it puts its scheduler's address in
FAZHI_DASK_SCHEDULER and the batches go to the cluster's workers (which need
fazhi installed). Otherwise large jobs go to a pool of local worker processes,
one per core (FAZHI_PARSE_WORKERS); small jobs stay in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

DASK_SCHEDULER_ENV = "FAZHI_DASK_SCHEDULER"
T = TypeVar("T")

# Slices sent to Dask by this process so far (observability; read by tests and logs).
dask_slices_sent = 0
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def slice_rows() -> int:
    """Reports per slice sent to a worker (FAZHI_SLICE_ROWS, default 250)."""
    return int(os.environ.get("FAZHI_SLICE_ROWS", "250"))


def workers() -> int:
    """Worker processes a local pool runs (FAZHI_PARSE_WORKERS, default the cores)."""
    return int(os.environ.get("FAZHI_PARSE_WORKERS") or os.cpu_count() or 1)


def _warm_worker() -> None:
    """Set a worker up (``lifecycle.become_worker``) and import what the work needs once, not inside the first batch."""
    from fazhi.lifecycle import become_worker

    become_worker()
    import fazhi.ingest.formats.webpage  # noqa: F401
    import fazhi.parse_tables  # noqa: F401


def spawned_pool(workers: int, initializer: Callable[[], None]) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, spawned (not forked: this process runs DuckDB's and
    other threads), each set up by ``initializer``."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer)


def _local_pool() -> ProcessPoolExecutor:
    """The shared worker pool."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = spawned_pool(workers(), _warm_worker)
        return _pool


def prestart() -> None:
    """Start the worker pool now (in the background) so a large job does not wait for it."""
    if workers() > 1 and not os.environ.get(DASK_SCHEDULER_ENV):
        pool = _local_pool()
        for _ in range(workers()):
            pool.submit(int)   # each worker starts and runs its initializer


def shutdown() -> None:
    """Stop the local worker pool (the next large frame starts a new one)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def map_batches(fn: Callable[..., T], batches: list, *args: object) -> list[T]:
    """``[fn(batch, *args) for batch in batches]``, in order, on Dask or worker processes."""
    return list(iter_batches(fn, batches, *args))


def iter_batches(fn: Callable[..., T], batches: list, *args: object) -> Iterator[T]:
    """``fn(batch, *args)`` for each batch, yielded in order as they are done."""
    address = os.environ.get(DASK_SCHEDULER_ENV)
    if len(batches) <= 1 or not (address or workers() > 1):
        return (fn(batch, *args) for batch in batches)
    if address:
        return iter(_on_dask(address, fn, batches, args))
    return _local_pool().map(fn, batches, *[[a] * len(batches) for a in args])


def _on_dask(address: str, fn: Callable[..., T], slices: list, args: tuple) -> list[T]:
    from distributed import Client

    global dask_slices_sent
    with Client(address, set_as_default=False) as client:
        shared = [client.scatter(a, broadcast=True) for a in args]
        futures = client.map(fn, slices, *[[s] * len(slices) for s in shared], pure=False)
        parts = client.gather(futures)
    dask_slices_sent += len(slices)
    return parts
