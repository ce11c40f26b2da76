"""Give the heap memory a finished step freed back to the operating system.

The flow's steps run in one process: ingest holds a batch of decoded reports
and their parse rows, a re-parse before dbt a chunk of texts and rows. glibc
keeps the freed heap for reuse, so without a trim the next step's memory is
counted on top of the last one's and the run's peak is their sum (at 10,000
reports, over 2 GB instead of the largest step alone).

No garbage collection first: the steps' rows are tuples, lists and Arrow buffers that
reference counting frees as the step lets go of them. A full collection here walked
the millions of objects Prefect and dbt keep, ~0.2 s each time between two steps while
the other core idled, and let the trim return ~4 MB more (measured on a cold
run of the bench's long 10,000-report corpus).
"""
from __future__ import annotations

import ctypes


def return_freed_memory() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to trim
        pass
