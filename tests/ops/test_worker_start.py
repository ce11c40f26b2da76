"""The `fazhi` command's spawned workers (fazhi.parallel) do not load the CLI: a spawned process
imports its parent's main script first, and the command's script imports only fazhi.__main__,
which loads the CLI (typer, rich, pydantic settings: ~0.3 s a worker) when it is called."""
from __future__ import annotations

import os
import subprocess
import sys

# A main script made like the `fazhi` console script; the pool runs its `loaded` in the workers.
_SCRIPT = """
import os, sys
from fazhi.__main__ import main
def loaded(batch):
    return (os.getpid(), "fazhi.cli" in sys.modules)
if __name__ == "__main__":
    from fazhi import parallel
    print(repr(sorted(set(parallel.map_batches(loaded, [[1], [2, 3], [4, 5, 6]])))))
    parallel.shutdown()
"""


def _worker_marks(tmp_path, script: str) -> list[tuple[int, bool]]:
    path = tmp_path / "fazhi_like.py"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "FAZHI_PARSE_WORKERS": "2"}
    env.pop("FAZHI_DASK_SCHEDULER", None)
    done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    marks = eval(done.stdout.strip())   # noqa: S307 (our own script's repr of a list of tuples)
    assert marks and all(pid != os.getpid() for pid, _ in marks)
    return marks


def test_workers_of_the_fazhi_command_do_not_load_the_cli(tmp_path):
    assert not any(cli for _, cli in _worker_marks(tmp_path, _SCRIPT))


def test_a_script_that_imports_the_cli_hands_it_to_its_workers(tmp_path):
    # what the console script did when it named fazhi.cli:main: this test sees the difference
    marks = _worker_marks(tmp_path, _SCRIPT.replace("from fazhi.__main__ import main", "from fazhi.cli import main"))
    assert all(cli for _, cli in marks)


def test_the_console_script_enters_through_the_light_module():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "fazhi"]
    assert script.value == "fazhi.__main__:main"
