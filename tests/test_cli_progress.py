"""What a run shows: phases with counts on a terminal, nothing but the result in a pipe, one line with -q."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

REPORT = "{town}2022年度法治政府建设情况报告\n一、工作成效\n受理行政复议案件{n}件，审结{m}件，行政应诉案件{k}件。\n"
PHASES = ("starting", "files landed", "reports parsed", "dbt nodes", "check suites")


def _inbox(tmp_path, n: int = 3):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i}.txt").write_text(REPORT.format(town=f"东岭{i}号镇", n=30 + i, m=20 + i, k=5), encoding="utf-8")
    return folder


def test_a_terminal_sees_each_phase_with_counts(tmp_path):
    folder, warehouse = _inbox(tmp_path), tmp_path / "w.duckdb"
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "run", str(folder), "--warehouse", str(warehouse)],
                            stdin=follower, stdout=follower, stderr=follower, close_fds=True,
                            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:        # the terminal closed: the run is over
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=600) == 0
    os.close(leader)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    for phase in PHASES:
        assert phase in screen, phase
    assert "3/3" in screen                                  # files landed, of 3
    assert re.search(r"dbt nodes\s+\S+\s+(\d+)/\1", screen)  # every dbt node done
    assert "INFO" not in screen and "great_expectations" not in screen


def test_a_pipe_gets_no_progress_and_quiet_is_one_line(tmp_path):
    folder, warehouse = _inbox(tmp_path, 2), tmp_path / "w.duckdb"
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "-q", "run", str(folder), "--warehouse", str(warehouse)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("\n") == 1 and "in 2 reports" in out.stdout and ".html" in out.stdout
    assert not any(phase in out.stderr + out.stdout for phase in PHASES)
    assert "INFO" not in out.stderr
