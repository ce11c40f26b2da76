"""Scheduled runs: `fazhi serve` starts a local Prefect server, a cron fires, the inbox lands."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb

from fazhi.prefect_server import healthy


def _scheduled_runs(warehouse):
    if not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("select files_landed, status from dq.runs where trigger = 'schedule'").fetchall()
    except duckdb.Error:
        return []


def test_cron_fires_and_lands_a_dropped_report(tmp_path, seeds_dir):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "fazhi.duckdb"
    env = {
        **os.environ,
        "FAZHI_WAREHOUSE": str(warehouse), "FAZHI_INBOX": str(inbox), "FAZHI_CRON": "* * * * *",
        "PREFECT_HOME": str(tmp_path / "prefect"),
        # Let the scheduler look every few seconds instead of every minute.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5", "PREFECT_RUNNER_POLL_FREQUENCY": "2",
    }
    env.pop("PREFECT_API_URL", None)
    serve = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "serve"], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    api_url = None
    try:
        first = serve.stdout.readline()
        assert "Prefect server" in first, first
        api_url = first.split(" on ", 1)[1].strip() + "/api"
        assert healthy(api_url)
        (inbox / "dropped.txt").write_bytes((seeds_dir / "001_1112cbd6f2276e8f.txt").read_bytes())
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if any(landed >= 1 and status != "running" for landed, status in _scheduled_runs(warehouse)):
                break
            time.sleep(3)
        runs = _scheduled_runs(warehouse)
        assert any(landed == 1 for landed, _ in runs), runs
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
    if api_url:
        time.sleep(1)
        assert not healthy(api_url, timeout=1)      # the supervised server stopped with serve
