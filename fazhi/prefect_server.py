"""A local Prefect server for scheduled runs, started and stopped by ``fazhi serve``.

Prefect's temporary per-process server cannot fire schedules, so when no
PREFECT_API_URL is given ``fazhi serve`` runs ``prefect server start`` on
127.0.0.1 itself, with its database under the warehouse folder
(PREFECT_HOME), waits until it answers, and stops it on exit. The Prefect UI
is then there for administrators.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ServerStartError(RuntimeError):
    """The local Prefect server did not come up."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def local_server(prefect_home: Path, port: int | None = None, startup_timeout: float = 120.0) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1 for the duration; yield its API URL."""
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    prefect_home.mkdir(parents=True, exist_ok=True)
    log_path = prefect_home / "server.log"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    env.pop("PREFECT_API_URL", None)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + startup_timeout
        while not healthy(api_url):
            if proc.poll() is not None:
                raise ServerStartError(f"prefect server exited with code {proc.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"prefect server did not answer within {startup_timeout:.0f} s; see {log_path}")
            time.sleep(0.5)
        yield api_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
