"""A pool worker (fazhi.parallel, fazhi.check_worker) leaves without the interpreter's teardown:
its exit handlers run, then it exits at once. A parent that shuts its pool down waits for that
exit, and tearing down what a worker loaded (GX in the check worker) took ~0.4 s of a run."""
from __future__ import annotations

import os
import subprocess
import sys

# A main script like the `fazhi` command's; each worker leaves a mark from an exit handler
# registered after it was set up, and keeps an object whose finaliser marks the teardown.
_SCRIPT = """
import atexit, os, sys

class Torn:
    def __init__(self, path):
        # what __del__ needs, kept on the object: the teardown clears the modules' names first
        self.path, self.flags, self.open, self.close = path + ".teardown", os.O_CREAT | os.O_WRONLY, os.open, os.close
    def __del__(self):
        self.close(self.open(self.path, self.flags))

kept = []

def mark(batch, folder):
    path = os.path.join(folder, str(os.getpid()))
    if not kept:
        atexit.register(lambda: open(path + ".atexit", "a").close())
        kept.append(Torn(path))
    return os.getpid()

if __name__ == "__main__":
    from fazhi import parallel
    pids = set(parallel.map_batches(mark, [[1], [2], [3], [4]], sys.argv[1]))
    parallel.shutdown()
    print(len(pids))
"""


def test_a_worker_runs_its_exit_handlers_and_skips_the_teardown(tmp_path):
    script, marks = tmp_path / "fazhi_like.py", tmp_path / "marks"
    script.write_text(_SCRIPT, encoding="utf-8")
    marks.mkdir()
    env = {**os.environ, "FAZHI_PARSE_WORKERS": "2"}
    env.pop("FAZHI_DASK_SCHEDULER", None)
    done = subprocess.run([sys.executable, str(script), str(marks)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    workers = int(done.stdout.strip())
    assert workers >= 1
    made = sorted(p.suffix for p in marks.iterdir())
    assert made == [".atexit"] * workers, made
