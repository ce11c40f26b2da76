"""Where a flow's work runs: Prefect's task runner for the flows (threads, or Dask with
FAZHI_TASK_RUNNER=dask: a 2-worker local cluster, or FAZHI_DASK_ADDRESS), and pointing
``fazhi.parallel`` (decoding, parsing, re-parsing) at the flow's Dask cluster."""
from __future__ import annotations

import os
from contextlib import contextmanager

from prefect.task_runners import ThreadPoolTaskRunner

from fazhi.config import load_settings
from fazhi.parallel import DASK_SCHEDULER_ENV


def task_runner():
    """The flows' task runner, as the settings ask."""
    settings = load_settings()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=4)


@contextmanager
def work_on_dask():
    """Point fazhi.parallel (decoding and parsing) at the flow's Dask cluster."""
    if load_settings().task_runner != "dask":
        yield
        return
    from prefect.context import FlowRunContext

    runner = FlowRunContext.get().task_runner
    os.environ[DASK_SCHEDULER_ENV] = runner.client.scheduler.address
    try:
        yield
    finally:
        os.environ.pop(DASK_SCHEDULER_ENV, None)
