"""Stress: `kill -9` of `fazhi run` on 2,000 reports at three moments (ingest, dbt, checks).

A run writes each step's name into its file in ``.fazhi.runs/`` as the step starts
(fazhi.journal), so the kill lands in the step it names, however fast or slow the
machine: no guessed delays. After each kill, every process the run started (its Prefect API server, the
parsing workers, multiprocessing's resource tracker) is gone within 5 s, the
published warehouse is as it was, and a rerun converges: every report once,
every fact once, the killed runs in dq.runs as abandoned.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest

REPORTS = 2000
MARKER = "FAZHI_TEST_RUN_MARKER"


def _marked(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (everything a run started inherits it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"{MARKER}={marker}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _steps_on_file(folder: Path, before: set[str]) -> list[str]:
    """The step each run on file but those ``before`` (killed earlier) last started."""
    steps = []
    for entry in (folder / ".fazhi.runs").glob("*.json"):
        if entry.stem in before:
            continue
        try:
            run = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):   # being replaced this instant
            continue
        if run.get("step"):
            steps.append(run["step"])
    return steps


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus2000")
    from fazhi.synth import generate
    generate(REPORTS, out, seed=7, gold=False)
    return out   # synth writes the reports alone into out (their truth beside it)


def test_kill_9_at_three_moments_leaves_nothing_behind_and_a_rerun_converges(corpus, tmp_path):
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    folder = warehouse.parent
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}   # each run starts its own API server
    env["FAZHI_PREFECT_HOME"] = str(tmp_path / "prefect")
    killed = []
    for moment in ("ingest", "dbt", "checks"):
        marker = uuid.uuid4().hex
        before = _digest(warehouse)
        earlier = {p.stem for p in (folder / ".fazhi.runs").glob("*.json")}
        run = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "run", str(corpus), "--warehouse", str(warehouse)],
                               env={**env, MARKER: marker}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 600
        while _steps_on_file(folder, earlier) != [moment]:
            assert run.poll() is None, f"the run ended before {moment}: {run.stderr.read()[-3000:]}"
            assert time.monotonic() < deadline, f"no {moment} within 600 s"
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
        run.wait()
        run.stderr.close()
        assert _steps_on_file(folder, earlier) == [moment], "the kill landed after the step it was meant for"
        killed_at = time.monotonic()
        while (left := _marked(marker)) and time.monotonic() - killed_at < 5:
            time.sleep(0.1)
        assert left == [], f"after kill -9 during {moment}, still running 5 s later: {left}"
        assert _digest(warehouse) == before, f"kill -9 during {moment} changed the published warehouse"
        killed.append(moment)
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "run", str(corpus), "--warehouse", str(warehouse)],
                         env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*), count(distinct report_id) from raw.reports").fetchone() == (REPORTS,) * 2
        assert con.execute("select count(*) from dim_reports").fetchone()[0] == REPORTS
        facts, distinct = con.execute("select count(*), count(distinct fact_id) from fct_facts").fetchone()
        assert facts == distinct > REPORTS
        statuses = [r[0] for r in con.execute("select status from dq.runs order by started_at").fetchall()]
    assert statuses.count("abandoned") == len(killed) and statuses[-1] in ("ok", "failed checks")
