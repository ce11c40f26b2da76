"""fazhi.parallel's spawned workers do not import the parent's main script when it is the `fazhi`
command: the command's module is the CLI (typer, rich, pydantic settings: ~0.3 s a worker), and
the work they run lives in fazhi's modules."""
from __future__ import annotations

import os
import subprocess
import sys

# A main script like the `fazhi` console script (it imports the CLI's main), which notes each
# import of itself that is not the run of the script.
_SCRIPT = """
import os
from fazhi.cli import main
if __name__ != "__main__":
    with open(os.environ["IMPORTED_AS"], "a") as out:
        out.write(__name__ + "\\n")
if __name__ == "__main__":
    from fazhi import parallel
    print(parallel.map_batches(len, [[1], [2, 3], [4, 5, 6]]))
    parallel.shutdown()
"""


def _run(tmp_path, script: str) -> tuple[str, str]:
    path, marks = tmp_path / "fazhi_like.py", tmp_path / "imported_as.txt"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "IMPORTED_AS": str(marks), "FAZHI_PARSE_WORKERS": "2"}
    env.pop("FAZHI_DASK_SCHEDULER", None)
    done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), marks.read_text() if marks.exists() else ""


def test_workers_of_the_fazhi_command_do_not_import_its_script(tmp_path):
    out, imported = _run(tmp_path, _SCRIPT)
    assert out == "[1, 2, 3]"
    assert imported == ""


def test_workers_of_another_script_still_import_it(tmp_path):
    # a script of its own may hand the pool functions it defines: its workers need it
    out, imported = _run(tmp_path, _SCRIPT.replace("from fazhi.cli import main", "main = None"))
    assert out == "[1, 2, 3]"
    assert imported.split() == ["__mp_main__", "__mp_main__"]
