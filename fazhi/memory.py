"""Give the heap memory a finished step freed back to the operating system.

The flow's steps run in one process: ingest holds a batch of decoded reports
and their parse rows, a re-parse before dbt a chunk of texts and rows. glibc
keeps the freed heap for reuse, so without a trim the next step's memory is
counted on top of the last one's and the run's peak is their sum (at 10,000
reports, over 2 GB instead of the largest step alone).
"""
from __future__ import annotations

import ctypes
import gc


def return_freed_memory() -> None:
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to trim
        pass
