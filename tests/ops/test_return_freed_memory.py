"""Between a run's heavy steps fazhi gives freed heap back to the system (fazhi.memory), without
a full garbage collection: that walked every object Prefect and dbt keep, on the critical path."""
from __future__ import annotations

import gc

from fazhi.memory import return_freed_memory


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def test_the_trim_runs_no_full_garbage_collection():
    generations: list[int] = []

    def seen(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(seen)    # the list the collector calls (a new list would not be)
    try:
        return_freed_memory()
    finally:
        gc.callbacks.remove(seen)
    assert 2 not in generations     # a young collection may start as any code allocates; a full one is not


def test_the_trim_gives_a_freed_step_back():
    step, kept = [], []
    for i in range(300_000):    # ~300 MB of small blocks, as a step's rows, with a block kept every 1 MB
        step.append(bytes(1000) + str(i).encode())
        if i % 1000 == 0:
            kept.append(bytes(1000) + b"kept")
    held = _rss_mb()
    del step
    assert _rss_mb() > held - 50        # glibc keeps freed heap below blocks in use ...
    return_freed_memory()
    assert _rss_mb() < held - 200       # ... until the trim gives it back
    assert len(kept) == 300
