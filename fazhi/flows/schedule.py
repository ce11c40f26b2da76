"""The nightly schedule: a Prefect deployment of the pipeline on a cron, run in this warm process.

``fazhi serve`` calls ``serve_pipeline``. Prefect needs a real server for
schedules to fire: an existing one via PREFECT_API_URL, or (by default) a
local one that ``fazhi serve`` starts on 127.0.0.1 and stops on exit.

The deployment (``fazhi-pipeline/nightly``, cron ``FAZHI_CRON``) is what
Prefect's ``flow.serve`` registers, and runs started from the Prefect UI or
API are picked up the same way. Prefect's own runner starts a new Python
process for every flow run, which pays the import of Prefect, dbt and Great
Expectations (~10 s of CPU here) and dbt's first-invocation set-up each time:
more than a nightly run of a few new reports needs in total. This loop claims
the deployment's due runs itself and runs them one at a time in this process,
where dbt and GX stay imported and dbt's set-up is done once.
A run cancelled in the UI is not interrupted (there is no process to kill);
it is not started if cancelled before it begins.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from datetime import datetime, timezone

from fazhi.config import Settings
from fazhi.prefect_server import local_server, use_our_api

log = logging.getLogger("fazhi.serve")


def serve_pipeline(settings: Settings, name: str = "nightly") -> None:
    """Block, running the pipeline on ``settings.cron`` (timezone ``settings.timezone``)."""
    settings.inbox.mkdir(parents=True, exist_ok=True)
    if os.environ.get("PREFECT_API_URL"):
        _serve(settings, name)
        return
    with local_server(settings.prefect_home, port=settings.prefect_port, cache_dir=settings.cache_dir) as api_url:
        use_our_api(api_url)
        print(f"Prefect server and UI on {api_url.removesuffix('/api')}", flush=True)
        _serve(settings, name)


def _serve(settings: Settings, name: str) -> None:
    from fazhi import standby
    from fazhi.warmup import warm_up

    standby.keep_ready(settings.warehouse)   # each run's working copy is made after the run before it publishes
    # imports dbt and GX in the background and parses the dbt project, before the first run
    warm_up(settings.prefect_home, cache_dir=settings.cache_dir, dbt_state=settings.dbt_state)
    from prefect.schedules import Cron

    from fazhi.flows.pipeline import pipeline

    deployment = pipeline.to_deployment(
        name=name,
        schedule=Cron(settings.cron, timezone=settings.timezone),
        parameters={"paths": [str(settings.inbox)], "warehouse": str(settings.warehouse), "trigger": "schedule"},
    )
    deployment_id = deployment.apply()
    print(f"serving fazhi-pipeline/{name}: cron '{settings.cron}' ({settings.timezone}) over {settings.inbox}, "
          f"warehouse {settings.warehouse}", flush=True)
    stop_on_signals()
    run_due_flow_runs(pipeline, deployment_id)


def _say(line: str) -> None:
    """One line on serve's output, with the local time: what an administrator tails."""
    print(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S} {line}", flush=True)


def run_line(name: str, state) -> str:
    """'run NAME: 2 errors in 12 reports; report PATH; mail sent' (or the state when it did not complete)."""
    summary = state.result(raise_on_failure=False) if state.is_completed() else None
    if summary is None or not hasattr(summary, "verdict"):
        return f"run {name}: {state.type.value.lower()} ({state.message or 'no summary'})"
    mail = summary.mail_status + (f" ({summary.mail_error})" if summary.mail_error else "")
    return f"run {summary.run_id}: {summary.verdict}; report {summary.report_path}; mail {mail}"


def stop_on_signals() -> None:
    """Make Ctrl-C and SIGTERM (what service managers send) stop ``serve`` cleanly.

    Both raise KeyboardInterrupt, so the supervised Prefect server is stopped
    too, and both leave a flag: Prefect's engine turns an interrupt during a
    run into that run's Crashed state and returns, so the loop checks the flag
    after each run rather than trusting the exception to reach it.
    """
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)


_stop_requested = threading.Event()


def _interrupt(signum, frame):
    _stop_requested.set()
    raise KeyboardInterrupt(f"signal {signum}")


def run_due_flow_runs(flow, deployment_id, once: bool = False) -> int:
    """Poll for the deployment's due flow runs and run each here, oldest first; return how many ran.

    Polls every PREFECT_RUNNER_POLL_FREQUENCY seconds, as Prefect's runner does.
    With ``once``, runs what is due now and returns. Once ``stop_on_signals``'
    handlers have been signalled it stops (KeyboardInterrupt), at the latest
    after the current run.
    """
    from prefect.client.orchestration import get_client
    from prefect.flow_engine import run_flow
    from prefect.settings import get_current_settings
    from prefect.states import Pending
    from prefect.utilities.engine import propose_state_sync

    from fazhi.flows.pipeline import heartbeats_as_configured

    poll_s = get_current_settings().runner.poll_frequency
    ran = 0
    with get_client(sync_client=True) as client:
        while True:
            try:
                due = client.get_scheduled_flow_runs_for_deployments(
                    deployment_ids=[deployment_id], scheduled_before=datetime.now(timezone.utc))
            except Exception as e:      # the API restarting or unreachable: keep serving, look again later
                log.warning("could not read due flow runs from the Prefect API: %s", e)
                due = []
            for flow_run in sorted(due, key=lambda r: r.next_scheduled_start_time or r.expected_start_time):
                try:
                    claimed = propose_state_sync(client, Pending(), flow_run_id=flow_run.id).is_pending()
                except Exception as e:      # cancelled meanwhile, or taken by another server loop
                    log.info("flow run %s not started: %s", flow_run.name, e)
                    continue
                if not claimed:
                    continue
                # The engine records Running, then Completed or Failed; a failed run is in the
                # warehouse's dq.runs and the mail, and must not stop the schedule.
                _say(f"run {flow_run.name} started")
                try:
                    with heartbeats_as_configured():
                        state = run_flow(flow, flow_run=client.read_flow_run(flow_run.id),
                                         parameters=flow_run.parameters, return_type="state")
                    _say(run_line(flow_run.name, state))
                except Exception as e:      # the engine itself failed (e.g. lost the API): serve on
                    _say(f"run {flow_run.name} could not run: {e}")
                ran += 1
                if _stop_requested.is_set():
                    break
            if _stop_requested.is_set():
                raise KeyboardInterrupt("stop requested")
            if once:
                return ran
            time.sleep(poll_s)
