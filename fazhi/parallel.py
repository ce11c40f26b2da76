"""Where the dbt Python models run their parsers: here, or spread over Dask workers.

The parsers are pure functions of a report's text, so a frame of reports can
be cut into slices and parsed anywhere. When the flow runs on Dask it puts
its scheduler's address in FAZHI_DASK_SCHEDULER and the slices go to the
cluster's workers (which need fazhi installed); otherwise they are parsed in
this process.
"""
from __future__ import annotations

import os
from collections.abc import Callable

import polars as pl

DASK_SCHEDULER_ENV = "FAZHI_DASK_SCHEDULER"
# Slices sent to Dask by this process so far (observability; read by tests and logs).
dask_slices_sent = 0


def _slice_rows() -> int:
    """Reports per slice sent to a worker (FAZHI_SLICE_ROWS, default 250)."""
    return int(os.environ.get("FAZHI_SLICE_ROWS", "250"))


def map_slices(fn: Callable[..., pl.DataFrame], frame: pl.DataFrame, *args: object) -> pl.DataFrame:
    """``fn(slice, *args)`` over slices of ``frame``, concatenated in order."""
    address, rows = os.environ.get(DASK_SCHEDULER_ENV), _slice_rows()
    if not address or frame.height <= rows:
        return fn(frame, *args)
    from distributed import Client

    global dask_slices_sent

    slices = [frame.slice(i, rows) for i in range(0, frame.height, rows)]
    with Client(address, set_as_default=False) as client:
        shared = [client.scatter(a, broadcast=True) for a in args]
        futures = client.map(fn, slices, *[[s] * len(slices) for s in shared], pure=False)
        parts = client.gather(futures)
    dask_slices_sent += len(slices)
    return pl.concat(parts, how="vertical")
