"""Every process of a run collects garbage less often (fazhi.gc_tuning): the `fazhi` command,
its worker processes and the Prefect API it starts. Each is checked in a real process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fazhi.gc_tuning import YOUNG_THRESHOLD
from fazhi.prefect_server import TemporaryApi


def _python(*args: str, cwd: Path | None = None, **env: str) -> str:
    done = subprocess.run([sys.executable, *args], env={**os.environ, **env}, cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_fazhi_command_collects_less_before_its_cli_loads():
    # the CLI's entry is swapped for one that reports the threshold it finds
    out = _python("-c", "import gc, fazhi.cli, fazhi.__main__ as entry\n"
                        "fazhi.cli.main = lambda: print(gc.get_threshold()[0])\n"
                        "entry.main()")
    assert int(out) == YOUNG_THRESHOLD


# A main script like the `fazhi` console script; the pool runs `threshold` in its workers.
_WORKERS = """
import gc, os
from fazhi.__main__ import main
def threshold(batch):
    return os.getpid(), gc.get_threshold()[0]
if __name__ == "__main__":
    from fazhi import parallel
    print(sorted(set(parallel.map_batches(threshold, [[1], [2, 3], [4, 5, 6]]))))
    parallel.shutdown()
"""


def test_worker_processes_collect_less(tmp_path):
    (tmp_path / "fazhi_like.py").write_text(_WORKERS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_DASK_SCHEDULER"}
    done = subprocess.run([sys.executable, "fazhi_like.py"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**env, "FAZHI_PARSE_WORKERS": "2"})
    assert done.returncode == 0, done.stderr
    marks = eval(done.stdout.strip())   # noqa: S307 (our own script's list of tuples)
    assert marks and all(pid != os.getpid() and threshold == YOUNG_THRESHOLD for pid, threshold in marks)


def test_a_module_run_through_gc_tuning_gets_its_arguments_and_collects_less(tmp_path):
    (tmp_path / "shows_itself.py").write_text(
        "import gc, sys\nprint(gc.get_threshold()[0], sys.argv[1:], __name__)\n", encoding="utf-8")
    out = _python("-m", "fazhi.gc_tuning", "shows_itself", "--port", "80", cwd=tmp_path,
                  PYTHONPATH=str(tmp_path))
    assert out == f"{YOUNG_THRESHOLD} ['--port', '80'] __main__"


def test_gc_tuning_command_runs_a_module_that_collects_less(tmp_path):
    (tmp_path / "shows_threshold.py").write_text("import gc\nprint(gc.get_threshold()[0])\n", encoding="utf-8")
    from fazhi.gc_tuning import command

    done = subprocess.run(command("shows_threshold"), cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == YOUNG_THRESHOLD


def test_the_temporary_prefect_api_runs_through_gc_tuning_and_answers(tmp_path):
    api = TemporaryApi(tmp_path / "prefect")
    try:
        command = Path(f"/proc/{api.process.pid}/cmdline").read_bytes().split(b"\0")
        assert command[1:4] == [b"-m", b"fazhi.gc_tuning", b"uvicorn"]
        assert api.wait().endswith("/api")
    finally:
        api.stop()
