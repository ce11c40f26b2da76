"""The nightly schedule: serve the pipeline flow on a cron over the inbox folder.

``fazhi serve`` calls ``serve_pipeline``. Prefect needs a real server for
schedules to fire: an existing one via PREFECT_API_URL, or (by default) a
local one that ``fazhi serve`` starts on 127.0.0.1 and stops on exit.
"""
from __future__ import annotations

import os

from fazhi.config import Settings
from fazhi.prefect_server import local_server


def serve_pipeline(settings: Settings, name: str = "nightly") -> None:
    """Block, running the pipeline on ``settings.cron`` (timezone ``settings.timezone``)."""
    settings.inbox.mkdir(parents=True, exist_ok=True)
    if os.environ.get("PREFECT_API_URL"):
        _serve(settings, name)
        return
    with local_server(settings.prefect_home) as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        print(f"Prefect server (and UI) on {api_url.removesuffix('/api')}", flush=True)
        _serve(settings, name)


def _serve(settings: Settings, name: str) -> None:
    from prefect.schedules import Cron

    from flows.pipeline import pipeline

    print(f"serving fazhi-pipeline/{name}: cron '{settings.cron}' ({settings.timezone}) over {settings.inbox}, "
          f"warehouse {settings.warehouse}", flush=True)
    pipeline.serve(
        name=name,
        schedule=Cron(settings.cron, timezone=settings.timezone),
        parameters={"paths": [str(settings.inbox)], "warehouse": str(settings.warehouse), "trigger": "schedule"},
        global_limit=1,
        print_starting_message=False,
    )
