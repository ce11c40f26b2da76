"""A run from the command line: refused at once when busy, one line when stopped, always on record."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from fazhi.config import PROJECT_DIR
from fazhi.errors import INTERRUPTED
from fazhi.warehouse import writer_lock

FAZHI = [sys.executable, "-m", "fazhi.cli"]
REPORT = "某区人民政府2023年法治政府建设情况报告\n一、基本情况\n全年共受理行政复议案件12件，办结10件。\n"


def fazhi(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FAZHI, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, **kw)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(text: str) -> list[str]:
    return [l for l in text.splitlines() if l.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """200 synthetic reports: a run long enough to stop in the middle."""
    out = tmp_path_factory.mktemp("corpus")
    from fazhi.synth import generate
    generate(200, out, seed=15, gold=False)
    return out   # synth writes the reports alone into out (their truth beside it)


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_a_second_writer_is_refused_at_once_in_one_line(tmp_path, command):
    warehouse = tmp_path / "fazhi.duckdb"
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT, encoding="utf-8")
    with writer_lock(warehouse):
        started = time.monotonic()
        out = fazhi(command, str(inputs), "--warehouse", str(warehouse))
        elapsed = time.monotonic() - started
    assert out.returncode == 3, out.stderr
    assert lines(out.stderr) == [f"another fazhi run is writing {warehouse} (lock {tmp_path / '.fazhi.lock'})"]
    assert "Traceback" not in out.stdout
    assert elapsed < 6, f"{elapsed:.1f} s before saying the warehouse is busy"


def _start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([*FAZHI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, start_new_session=True)


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.1)


def step_on_file(entry: Path) -> str | None:
    """The step a run on file (``.fazhi.runs/<run>.json``) last started."""
    try:
        return json.loads(entry.read_text(encoding="utf-8")).get("step")
    except (OSError, ValueError):
        return None


def _status(warehouse: Path) -> str:
    out = fazhi("status", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    return out.stdout


def _runs(warehouse: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select run_id, status from dq.runs order by started_at").fetchall()


@pytest.fixture(scope="module")
def published(tmp_path_factory, corpus) -> Path:
    """A warehouse with one complete run of a few reports in it."""
    folder = tmp_path_factory.mktemp("wh")
    one = folder / "in"
    one.mkdir()
    (one / "a.txt").write_text(REPORT, encoding="utf-8")
    out = fazhi("run", str(one), "--warehouse", str(folder / "fazhi.duckdb"))
    assert out.returncode == 0, out.stderr[-3000:]
    return folder / "fazhi.duckdb"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("during", ["start", "dbt"])
def test_a_stopped_run_says_one_line_and_is_recorded_interrupted(published, corpus, tmp_path, sig, during):
    warehouse = tmp_path / "fazhi.duckdb"
    warehouse.write_bytes(published.read_bytes())
    before = digest(warehouse)
    journal = tmp_path / ".fazhi.runs"
    proc = _start(["run", str(corpus), "--warehouse", str(warehouse)])
    _wait_for(lambda: journal.is_dir() and any(journal.glob("*.json")), 120, "the run to start")
    if during == "dbt":   # inside the build, its node threads querying: dbt's clean-up must not hide the stop
        entry = next(journal.glob("*.json"))
        _wait_for(lambda: step_on_file(entry) == "dbt", 300, "the run to reach its dbt step")
        time.sleep(1)   # its nodes running (a race: tests/ops/test_stop_during_build.py pins the cause)
    else:
        time.sleep(2)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)   # what a terminal's Ctrl-C does: the whole foreground group
    else:
        os.kill(proc.pid, sig)     # what `kill PID` or a service manager's stop does
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr[-3000:]
    assert "Traceback" not in stderr
    assert lines(stderr)[-1] == INTERRUPTED
    assert len([l for l in lines(stderr) if not l.startswith("INFO:")]) == 1, stderr[-3000:]
    assert digest(warehouse) == before
    status = _status(warehouse)
    assert any("interrupted" in l and "manual" in l for l in status.splitlines()), status


def test_a_killed_run_shows_as_abandoned_then_lands_in_dq_runs(published, corpus, tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    warehouse.write_bytes(published.read_bytes())
    journal = tmp_path / ".fazhi.runs"
    proc = _start(["run", str(corpus), "--warehouse", str(warehouse)])
    _wait_for(lambda: journal.is_dir() and any(journal.glob("*.json")), 120, "the run to start")
    killed = next(journal.glob("*.json")).stem
    # the run writes each step's name on file as it starts it: kill it during the models' build
    _wait_for(lambda: step_on_file(journal / f"{killed}.json") == "dbt", 300, "the run to reach its dbt step")
    proc.kill()
    proc.wait()
    assert any(killed in l and "abandoned (dbt)" in l for l in _status(warehouse).splitlines())
    one = tmp_path / "one"
    one.mkdir()
    (one / "b.txt").write_text(REPORT.replace("12件", "13件"), encoding="utf-8")
    out = fazhi("run", str(one), "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr[-3000:]
    assert (killed, "abandoned") in _runs(warehouse)
    assert not any(journal.glob("*.json"))


def test_a_truncated_warehouse_is_reported_and_left_as_it_is(published, tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    warehouse.write_bytes(published.read_bytes())
    os.truncate(warehouse, warehouse.stat().st_size // 2)
    before = digest(warehouse)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT, encoding="utf-8")
    for _ in range(2):   # a second failed run does not rewrite it either
        out = fazhi("run", str(inputs), "--warehouse", str(warehouse))
        assert out.returncode == 4, out.stderr[-3000:]
        assert "damaged" in lines(out.stderr)[-1] and "Traceback" not in out.stderr
        assert digest(warehouse) == before


def test_state_of_a_warehouse_lives_beside_it(published):
    folder = published.parent
    assert (folder / "reports").is_dir() and (folder / ".fazhi.lock").exists()
    assert (folder / ".fazhi.build").is_dir()
    home = Path(os.environ["FAZHI_HOME"])   # the tests share dbt's parse and Prefect's database
    assert (home / "dbt" / "target").is_dir()
    assert not (PROJECT_DIR / "warehouse" / "dbt" / "build.duckdb").exists()


class _OneReport(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = REPORT.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_run_takes_a_url_like_ingest(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OneReport)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/reports/2023.txt"
    warehouse = tmp_path / "fazhi.duckdb"
    try:
        out = fazhi("run", url, "--warehouse", str(warehouse), env={"FAZHI_ALLOW_PRIVATE_URLS": "1"})
    finally:
        server.shutdown()
    assert out.returncode == 0, out.stderr[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select location from raw.reports").fetchall() == [(url,)]
