"""Fewer garbage collections in every process a run starts (set first thing in each).

Python's cyclic collector examines its youngest objects after every 700 new
container objects, and every object it holds once the older generations fill
up. Importing Prefect, dbt and Great Expectations and building dbt's nodes
makes millions of objects that live as long as the process, so a fresh
``fazhi run`` of ten reports spent ~1.2 s of its ~11 s collecting in the
main process alone (7 full collections, ~0.13 s each), and dbt's warm build in
``fazhi serve`` ~0.25 s of its ~3.5 s; the Prefect API took ~0.5 s longer to
start. Almost nothing fazhi makes is cyclic garbage (its rows are tuples,
Arrow and DuckDB buffers, freed by reference counting), so the youngest
generation is examined every ``YOUNG_THRESHOLD`` allocations instead; the
older generations keep Python's ratios to it.

``fewer_collections`` is called by ``fazhi.__main__`` before the command line
loads and by every worker process (``fazhi.lifecycle.become_worker``);
``command`` is the command line that runs a module with it (``python -m
fazhi.gc_tuning MODULE ARGS``), which fazhi.prefect_server starts Prefect's
API servers with.
"""
from __future__ import annotations

import gc
import runpy
import sys

YOUNG_THRESHOLD = 50_000


def fewer_collections() -> None:
    """Collect the youngest generation every ``YOUNG_THRESHOLD`` allocations (Python's default: 700)."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)


def command(module: str, *args: str) -> list[str]:
    """``python -m module args`` for ``subprocess``, run through ``run_module``: collecting less."""
    return [sys.executable, "-m", "fazhi.gc_tuning", module, *args]


def run_module(argv: list[str]) -> None:
    """Run module ``argv[0]`` as ``python -m`` would, with ``argv[1:]`` as its arguments, collecting less."""
    fewer_collections()
    sys.argv = argv
    runpy.run_module(argv[0], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    run_module(sys.argv[1:])
