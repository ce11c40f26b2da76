"""A fresh run launches its temporary Prefect API first thing (fazhi.warmup.launch_api): the API's
start is the longest wait of the start-up, and measuring the inputs (a stat of every file) came
before it."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from fazhi import warmup
from fazhi.cli import run_commands
from fazhi.config import load_settings

LAUNCH_THEN_WARM_UP = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    import psutil
    from fazhi.prefect_server import healthy
    from fazhi.warmup import launch_api, warm_up
    launch_api(Path(sys.argv[1]))
    url = os.environ["PREFECT_API_URL"]
    launch_api(Path(sys.argv[1]))   # launched once
    warm_up(Path(sys.argv[1]))      # waits for the launched API, starts none of its own
    servers = [p for p in psutil.Process().children() if "uvicorn" in " ".join(p.cmdline())]
    print(os.environ["PREFECT_API_URL"] == url, len(servers), healthy(url))
""")


def test_warm_up_waits_for_the_api_launched_before_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    out = subprocess.run([sys.executable, "-c", LAUNCH_THEN_WARM_UP, str(tmp_path / "prefect")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "1", "True"]


class _Stop(Exception):
    pass


def test_a_run_launches_its_api_before_it_measures_its_inputs(tmp_path, monkeypatch):
    steps = []

    def measured(targets):
        steps.append("measure")
        raise _Stop

    monkeypatch.setattr(warmup, "launch_api", lambda *args, **kwargs: steps.append("launch"))
    monkeypatch.setattr(run_commands, "input_size", measured)
    with pytest.raises(_Stop):
        run_commands._run_flow(load_settings(warehouse=str(tmp_path / "w.duckdb")), [str(tmp_path)], False, False, None, None)
    assert steps == ["launch", "measure"]
