"""Scheduled runs: `fazhi serve` starts a local Prefect server, a cron fires, the inbox lands;
due runs of the deployment run in the serving process, one after another."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import re
import time
import urllib.request
import uuid

import duckdb
from prefect import flow

from fazhi.prefect_server import free_port, healthy, interrupt_group
from fazhi.flows.schedule import run_due_flow_runs

PROBE_CALLS: list[tuple[int, int]] = []


@flow(name="fazhi-serve-probe")
def probe(x: int) -> int:
    PROBE_CALLS.append((os.getpid(), x))
    if x < 0:
        raise ValueError("a failing run")
    return x


def test_due_runs_run_here_in_order_and_a_failure_does_not_stop_them():
    from prefect.client.orchestration import get_client

    deployment_id = probe.to_deployment(name="probe").apply()
    PROBE_CALLS.clear()
    with get_client(sync_client=True) as client:
        runs = [client.create_flow_run_from_deployment(deployment_id, parameters={"x": x}) for x in (-1, 2)]
        assert run_due_flow_runs(probe, deployment_id, once=True) == 2
        states = [client.read_flow_run(r.id).state.type.value for r in runs]
        assert run_due_flow_runs(probe, deployment_id, once=True) == 0     # nothing is due twice
    assert PROBE_CALLS == [(os.getpid(), -1), (os.getpid(), 2)]
    assert states == ["FAILED", "COMPLETED"]


def _scheduled_runs(warehouse):
    if not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("select files_landed, status from dq.runs where trigger = 'schedule'").fetchall()
    except duckdb.Error:
        return []


def test_an_unreachable_api_does_not_stop_the_service():
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{free_port()}/api"}):
        assert run_due_flow_runs(probe, uuid.uuid4(), once=True) == 0


RUN_LINE = re.compile(r"run \S+: .*in 1 report; report \S+\.html; mail not configured")


def test_cron_fires_and_lands_a_dropped_report(tmp_path, seeds_dir):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "fazhi.duckdb"
    env = {
        **os.environ,
        "FAZHI_WAREHOUSE": str(warehouse), "FAZHI_INBOX": str(inbox), "FAZHI_CRON": "* * * * *",
        # A Prefect database of its own: the project's keeps the cron's runs of earlier sessions,
        # which fall due meanwhile and would be run first.
        "PREFECT_HOME": str(tmp_path / "prefect"), "FAZHI_PREFECT_HOME": str(tmp_path / "prefect"),
        # Let the scheduler look every few seconds instead of every minute.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5", "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "FAZHI_PREFECT_PORT": str(port := free_port()),
    }
    env.pop("PREFECT_API_URL", None)
    serve = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "serve"], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    api_url = None
    try:
        first = serve.stdout.readline()
        assert "Prefect server and UI" in first, first
        api_url = first.split(" on ", 1)[1].strip() + "/api"
        assert api_url == f"http://127.0.0.1:{port}/api" and healthy(api_url)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:   # the UI is on
            assert page.status == 200 and "<html" in page.read(4096).decode("utf-8", "replace").lower()
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(serve.stdout), daemon=True).start()
        (inbox / "dropped.txt").write_bytes((seeds_dir / "001_1112cbd6f2276e8f.txt").read_bytes())
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if any(landed >= 1 and status != "running" for landed, status in _scheduled_runs(warehouse)):
                break
            time.sleep(3)
        runs = _scheduled_runs(warehouse)
        assert any(landed == 1 for landed, _ in runs), runs
        # The run's line comes when Prefect has recorded the run's end, a little after the warehouse.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(RUN_LINE.search(line) for line in lines):
            time.sleep(1)
        assert any(RUN_LINE.search(line) for line in lines), "".join(lines)
    finally:
        # SIGTERM, as a service manager stops it, just after a run: serve must stop on it, not be killed.
        stopped = interrupt_group(serve, signal.SIGTERM, timeout=30)
    assert stopped
    if api_url:
        time.sleep(1)
        assert not healthy(api_url, timeout=1)      # the supervised server stopped with serve
