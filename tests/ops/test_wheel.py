"""The wheel runs on its own: built, installed in a fresh venv with the lock, and run outside the checkout.

The dbt project, the suites and the defaults must travel inside it, and it
must not install a top-level package other than ``fazhi``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from fazhi.config import PROJECT_DIR

REPORT = "{town}2023年法治政府建设年度报告\n一、总体情况\n全年受理行政复议申请{n}件，办结{m}件，其中调解结案{k}件。\n"


def _uv() -> str:
    uv = Path(sys.executable).with_name("uv")
    assert uv.exists(), f"{uv} is missing: `make setup` installs uv into the venv"
    return str(uv)


def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([_uv(), "build", "--wheel", "--out-dir", str(dist), str(PROJECT_DIR)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    shutil.rmtree(PROJECT_DIR / "build", ignore_errors=True)      # setuptools' scratch folder
    (wheel,) = dist.glob("fazhi-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.startswith("fazhi-")} == {"fazhi"}   # no top-level flows
    assert any(n.endswith("share/fazhi/dbt/dbt_project.yml") for n in names)
    assert any(n.endswith("share/fazhi/expectations/fct_facts.json") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([_uv(), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    install = subprocess.run([_uv(), "pip", "install", "--quiet", "--python", str(python),
                              "-r", str(PROJECT_DIR / "requirements.lock"), str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]

    work = tmp_path / "elsewhere"
    (work / "in").mkdir(parents=True)
    (work / "in" / "beishan_2023.txt").write_text(REPORT.format(town="北山县", n=52, m=50, k=9), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "PREFECT_", "PYTHON"))}
    run = subprocess.run([str(venv / "bin" / "fazhi"), "run", "in"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    out = subprocess.run([str(venv / "bin" / "fazhi"), "sql", "select doc, facts from dim_reports", "--format", "csv"],
                         cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    doc, facts = out.stdout.splitlines()[1].split(",")
    assert doc == "beishan_2023.txt" and int(facts) >= 2
    assert (work / "warehouse" / "fazhi.duckdb").exists()
