"""How the bench times a command: wall time, peak RSS of the command and of its process tree,
CPU seconds of the tree; optionally under py-spy (a raw profile beside the results). And a
description of the machine it ran on."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from paths import OUT

PY_SPY = Path(sys.executable).with_name("py-spy")
# Samples a second of the profiled runs, taken without pausing them (--nonblocking): on a
# 1,000-report cold run this cost +7 % CPU, where 25 a second with pauses cost +24-37 % (README).
PROFILE_RATE = 10


# Runs a command and reports its wall time, its own peak RSS and the largest
# peak RSS of any process in its tree (workers, the Prefect API included), and
# the CPU seconds of the whole tree.
MEASURE = """
import json, os, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(p.pid, 0)
err = p.stderr.read().decode(errors="replace")[-2000:]
tree = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "rss_mb": usage.ru_maxrss / 1024,
                  "tree_rss_mb": tree / 1024, "status": os.waitstatus_to_exitcode(status), "stderr": err}))
"""


def measure(*cmd: str) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["status"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result['stderr']}")
    return result


def profiled(name: str, *cmd: str) -> dict:
    """measure() of ``cmd`` under `py-spy record --subprocesses`; its raw profile goes to out/profile-NAME.txt.

    Without py-spy (a plain `python bench/run.py`), the run is measured unprofiled.
    """
    if not can_profile():
        return measure(*cmd)
    raw = OUT / f"profile-{name}.txt"
    result = measure(str(PY_SPY), "record", "--subprocesses", "--nonblocking", "--format", "raw", "--nolineno",
                     "--rate", str(PROFILE_RATE), "--output", str(raw), "--", *cmd)
    return {**result, "profile": str(raw)}


def can_profile() -> bool:
    """Whether py-spy is installed and may trace processes here (it needs ptrace: a container may forbid it)."""
    global _CAN_PROFILE
    if _CAN_PROFILE is None:
        _CAN_PROFILE = PY_SPY.exists() and subprocess.run(
            [str(PY_SPY), "record", "--format", "raw", "--output", os.devnull, "--", sys.executable, "-c",
             "import time; time.sleep(0.3)"], capture_output=True).returncode == 0
    return _CAN_PROFILE


_CAN_PROFILE: bool | None = None


def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return {"cores": os.cpu_count(), "ram_gb": round(mem_kb / 2**20, 1), "cpu": cpu,
            "python": platform.python_version(), "load_before": os.getloadavg()[0],
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
