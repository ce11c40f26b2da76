"""bench/hotspots.py: py-spy's collapsed stacks summed by process and by function (a tiny invented profile)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import hotspots  # noqa: E402

MAIN = 'process 100:"python -m fazhi.cli run corpus"'
WORKER = 'process 101:"python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5) --multiprocessing-fork"'
API = 'process 102:"python -m uvicorn --factory prefect.server.api.server:create_app"'
# The API's process as py-spy may first see it: forked from main, not yet exec'd.
FORKED_API = 'process 104:"python -m fazhi.cli run corpus"'

# Ten samples a second: 1 sample = 0.1 s. The worker's command line holds a ";" of its own.
RAW = "\n".join([
    f"{MAIN};main (fazhi/cli.py);ingest (fazhi/flows/pipeline.py);sha256 (hashlib.py) 30",
    f"{MAIN};main (fazhi/cli.py);build (fazhi/transform.py);execute (duckdb.py) 50",
    f"{MAIN};{WORKER};parse (fazhi/extract/run.py);walk (tree.py);walk (tree.py) 40",
    f'{MAIN};process 103:"python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5)";'
    f"parse (fazhi/extract/run.py) 20",
    f"{MAIN};{API};serve (uvicorn/main.py);select (sqlite.py) 10",
    f"{MAIN};{API};serve (uvicorn/main.py);EpollSelector.select (selectors.py) 25",
    f"{MAIN};main (fazhi/cli.py);Condition.wait (threading.py) 15",
    f"{MAIN};{FORKED_API};<module> (uvicorn/__main__.py);run (uvicorn/main.py) 4",
    f"{MAIN};{FORKED_API};_compile_bytecode (<frozen importlib._bootstrap_external>) 6",
    f"{MAIN} 5",
    "",
])


@pytest.fixture
def profile(tmp_path: Path) -> hotspots.Profile:
    path = tmp_path / "raw.txt"
    path.write_text(RAW, encoding="utf-8")
    return hotspots.read(path, rate=10)


@pytest.mark.parametrize("frame, blocked", [
    ("Condition.wait (threading.py)", True),
    ("_connection_worker_thread (aiosqlite/core.py)", True),   # idling on its queue, in C
    ("_worker (concurrent/futures/thread.py)", True),
    ("watch_parent.<locals>.watch (fazhi/lifecycle.py)", True),   # sleeps until the parent is gone
    ("wait (fazhi/flows/pipeline.py)", False),                  # a name alone does not make a wait
    ("execute (duckdb.py)", False),
])
def test_waiting_frames(frame, blocked):
    assert hotspots.waiting(frame) is blocked


def test_a_command_line_with_a_semicolon_stays_one_process_frame():
    stack = hotspots.parse_line(f"{MAIN};{WORKER};parse (fazhi/extract/run.py) 7")
    assert [pid for pid, _ in stack.processes] == [100, 101]
    assert stack.processes[1][1].endswith("--multiprocessing-fork")
    assert stack.frames == ("parse (fazhi/extract/run.py)",)
    assert stack.samples == 7


def test_seconds_by_process_role(profile):
    assert profile.total_s == pytest.approx(16.5)
    assert profile.by_role == pytest.approx({"main": 8.5, "workers": 6.0, "Prefect API": 2.0})
    assert profile.waiting_s == pytest.approx({"Prefect API": 2.5, "main": 1.5})
    assert profile.processes_by_role == {"main": 1, "workers": 2, "Prefect API": 2}


def test_self_time_is_the_innermost_frame_and_inclusive_counts_a_recursion_once(profile):
    assert profile.self_s[("main", "execute (duckdb.py)")] == pytest.approx(5.0)
    assert profile.self_s[("workers", "walk (tree.py)")] == pytest.approx(4.0)
    assert profile.inclusive_s[("workers", "walk (tree.py)")] == pytest.approx(4.0)
    assert profile.inclusive_s[("workers", "parse (fazhi/extract/run.py)")] == pytest.approx(6.0)
    assert profile.inclusive_s[("main", "main (fazhi/cli.py)")] == pytest.approx(8.0)   # not the 1.5 s waiting
    assert ("main", "walk (tree.py)") not in profile.inclusive_s


def test_the_markdown_lists_processes_then_top_functions(profile):
    text = hotspots.markdown("toy run", profile, wall_s=9.0, top=2)
    assert "16.5 s of busy threads sampled (10 samples/s) in a run of 9.0 s wall; 4.0 s more of threads waiting." in text
    assert "| workers | 2 | 6.0 | 36% | 0.0 |" in text
    assert "| Prefect API | 2 | 2.0 | 12% | 2.5 |" in text
    assert "Condition.wait" not in text and "EpollSelector" not in text
    self_rows = text.split("by self time")[1].split("fazhi's own")[0]
    assert self_rows.count("\n| ") == 3   # the header and the top 2
    assert "| main | `execute (duckdb.py)` | 5.0 | 5.0 |" in self_rows
    assert "| workers | `walk (tree.py)` | 4.0 | 4.0 |" in self_rows
    own = text.split("fazhi's own")[1]
    assert "| main | `main (fazhi/cli.py)` | 8.0 | 0.0 |" in own
    assert "uvicorn" not in own


def test_the_readme_summary_names_each_run_and_its_top_functions(profile):
    text = hotspots.summary([("toy run", profile, 9.0)], top=1)
    assert text.startswith("- **toy run** (9.0 s wall): busy 16.5 s — main 8.5 s, workers 6.0 s, Prefect API 2.0 s.")
    assert "`execute (duckdb.py)` 5.0 s (main)" in text


def test_a_wrapper_of_one_fazhi_function_is_left_out_of_the_own_ranking(tmp_path):
    path = tmp_path / "raw.txt"
    path.write_text(f"{MAIN};entry (fazhi/cli.py);step (fazhi/flows/x.py);work (lib.py) 20\n"
                    f"{MAIN};entry (fazhi/cli.py);other (fazhi/y.py) 1\n", encoding="utf-8")
    profile = hotspots.read(path, rate=10)
    assert hotspots.passes_through(profile, "main", "entry (fazhi/cli.py)")       # 2.0 of its 2.1 s in step
    assert not hotspots.passes_through(profile, "main", "step (fazhi/flows/x.py)")
    own = hotspots.markdown("wrapped", profile).split("fazhi's own")[1]
    assert "`step (fazhi/flows/x.py)` | 2.0 |" in own
    assert "entry" not in own


def test_a_spawned_process_running_the_checks_is_the_check_worker(tmp_path):
    checker = WORKER.replace("process 101", "process 105")
    path = tmp_path / "raw.txt"
    path.write_text("\n".join([
        f"{MAIN};{WORKER};parse (fazhi/extract/run.py) 10",
        f"{MAIN};{checker};_checked (fazhi/check_worker.py);validate (fazhi/checks.py) 30",
        f"{MAIN};{checker};<module> (great_expectations/__init__.py) 20",   # its GX import: before any check
    ]) + "\n", encoding="utf-8")
    profile = hotspots.read(path, rate=10)
    assert profile.by_role == pytest.approx({"check worker": 5.0, "workers": 1.0})


def test_a_check_worker_seen_before_its_exec_is_the_check_worker_and_no_process_is_named_by_a_path(tmp_path):
    """py-spy may first see a spawned process between fork and exec, under main's command line."""
    forked = 'process 106:"/home/someone/fazhi/.venv/bin/python -m fazhi run /home/someone/corpus"'
    other = 'process 107:"/usr/bin/tool --flag /srv/data/file"'
    path = tmp_path / "raw.txt"
    path.write_text("\n".join([
        f"{MAIN};{forked};_warm (fazhi/check_worker.py);import_gx (fazhi/gx_import.py) 20",
        f"{MAIN};{other};run (tool.py) 10",
    ]) + "\n", encoding="utf-8")
    profile = hotspots.read(path, rate=10)
    assert profile.by_role == pytest.approx({"check worker": 2.0, "other: tool --flag": 1.0})
    text = hotspots.markdown("forked", profile)
    assert "/home/" not in text and "/usr/" not in text and "/srv/" not in text
