"""Prefect API servers that fazhi starts on 127.0.0.1 itself.

- ``local_server``: a full ``prefect server start`` for ``fazhi serve``.
  Prefect's temporary per-process server cannot fire schedules, so when no
  PREFECT_API_URL is given ``fazhi serve`` runs one, with its database under
  the warehouse folder (PREFECT_HOME), and stops it on exit. It listens on
  FAZHI_PREFECT_PORT (default 4200) with the Prefect UI on, for administrators.
- ``TemporaryApi``: the same API app Prefect starts for a plain run (its
  "ephemeral" mode, no services, no UI), but launched by us at the very start
  of ``fazhi run``. Prefect would import its whole server in our process first
  (~6 s) and only then start the subprocess; launched here, the subprocess
  comes up on the other core while this process imports dbt and GX.

Both start a new home from a migrated database template (FAZHI_CACHE_DIR) and
skip the migrations of a home migrated before (``fazhi.prefect_template``).
Both run in their own session (a terminal's Ctrl-C goes to fazhi, which stops
them) and die with the process that started them, even when it is killed
(``fazhi.lifecycle.die_with_parent``).
"""
from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fazhi import gc_tuning
from fazhi.lifecycle import die_with_parent
from fazhi.prefect_template import DATABASE, is_migrated, keep, migrated_marker, seed


class ServerStartError(RuntimeError):
    """The local Prefect server did not come up."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    return _ask(f"{api_url}/health", timeout)


def _ask(url: str, timeout: float = 10.0) -> bool:
    """Whether a GET of ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


class TemporaryApi:
    """Prefect's API app in a subprocess for the life of this process (like its ephemeral mode)."""

    def __init__(self, prefect_home: Path, cache_dir: Path | None = None):
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        env = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_UI_ENABLED": "0",
               "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        self._home, self._cache_dir = prefect_home, cache_dir
        self.warming: threading.Thread | None = None   # the first request, made by ``wait``
        self.warmed = False                              # and whether it was answered
        self.migrates = _skip_migrations(prefect_home, cache_dir, env)
        if not self.migrates:
            # A migrated home has Prefect's block types (the template's, or its first server's), and this
            # API serves one run that uses none: registering them, or hashing their registry to find
            # there is nothing to register, only imports every installed collection (~0.3 s of start).
            env["PREFECT_API_BLOCKS_REGISTER_ON_START"] = "false"
            env["PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION"] = "false"
        # an empty home this server migrates itself: its database becomes the template (fazhi.prefect_template)
        self._keep = self.migrates and cache_dir is not None and not (prefect_home / DATABASE).exists()
        env.pop("PREFECT_API_URL", None)
        prefect_home.mkdir(parents=True, exist_ok=True)
        self._log = open(prefect_home / "temporary-api.log", "ab")
        self.process = subprocess.Popen(
            gc_tuning.command("uvicorn", "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
                              "--port", str(self.port), "--log-level", "error", "--lifespan", "on"),
            env=env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent(),
        )
        atexit.register(self.stop)

    def wait(self, timeout: float = 120.0) -> str:
        """Block until the API answers; return its URL."""
        deadline = time.monotonic() + timeout
        while not healthy(self.api_url, timeout=1.0):
            if self.process.poll() is not None:
                raise ServerStartError(f"Prefect API exited with code {self.process.returncode}; see {self._log.name}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"Prefect API did not answer within {timeout:.0f} s; see {self._log.name}")
            time.sleep(0.02)
        # The API's first request past /health costs it ~0.2 s (its database connection, the first use
        # of its routes): made now in the background, it overlaps this process setting up its client.
        self.warming = threading.Thread(target=self._warm, name="fazhi-api-warm", daemon=True)
        self.warming.start()
        if self.migrates:
            migrated_marker(self._home).touch()
            if self._keep:
                keep(self._home, self._cache_dir)
        return self.api_url

    def _warm(self) -> None:
        self.warmed = _ask(f"{self.api_url}/ready")   # its readiness probe: it opens the database

    def stop(self) -> None:
        """Ask the server to stop, without waiting for it (~0.5-1 s of shutting down its services).

        Everything of the run is in its database by then: the flow's final state
        went through the API, and Prefect's events are flushed before atexit.
        The server finishes on its own (a second signal, at this process's end,
        comes from ``die_with_parent``).
        """
        if self.process.poll() is None:
            self.process.terminate()
        self._log.close()


def use_our_api(api_url: str) -> None:
    """Point this process's Prefect (and its children) at an API fazhi started, before Prefect loads.

    That API runs the Prefect installed here, so clients skip their version handshake
    (a request to /admin/version: ~0.4 s of a fresh run's flow start, waiting on the new server).
    """
    os.environ["PREFECT_API_URL"] = api_url
    os.environ.setdefault("PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED", "false")


def _skip_migrations(prefect_home: Path, cache_dir: Path | None, env: dict[str, str]) -> bool:
    """Tell the server in ``env`` not to migrate a database migrated before by this Prefect version
    (or just copied from the template); return whether it will migrate."""
    if cache_dir is not None and seed(prefect_home, cache_dir):
        env["PREFECT_API_BLOCKS_REGISTER_ON_START"] = "false"   # the template has Prefect's block types
    if is_migrated(prefect_home):
        env["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"
        return False
    return True


def port_in_use(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port`` (or holds it bound).

    Probed as a server binds (SO_REUSEADDR, as uvicorn does): the connections a server
    stopped a moment ago left in TIME_WAIT do not keep a new server off its port.
    """
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@contextmanager
def local_server(prefect_home: Path, port: int | None = None, startup_timeout: float = 120.0,
                 cache_dir: Path | None = None) -> Iterator[str]:
    """Run ``prefect server start`` (API and UI) on 127.0.0.1:``port`` for the duration; yield its API URL.

    A new home gets the database template of ``cache_dir`` (fazhi.prefect_template) like ``TemporaryApi``."""
    port = port or free_port()
    if port_in_use(port):
        raise ServerStartError(f"port {port} on 127.0.0.1 is in use: stop what listens there or set FAZHI_PREFECT_PORT")
    api_url = f"http://127.0.0.1:{port}/api"
    prefect_home.mkdir(parents=True, exist_ok=True)
    log_path = prefect_home / "server.log"
    # The UI is on for administrators (fazhi's own runs switch it off: they need only the API).
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_UI_ENABLED": "true",
           "PREFECT_UI_API_URL": api_url}
    env.pop("PREFECT_API_URL", None)
    empty = not (prefect_home / DATABASE).exists()
    migrates = _skip_migrations(prefect_home, cache_dir, env)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            gc_tuning.command("prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)),
            env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent(),
        )
    try:
        deadline = time.monotonic() + startup_timeout
        while not healthy(api_url):
            if proc.poll() is not None:
                raise ServerStartError(f"prefect server exited with code {proc.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"prefect server did not answer within {startup_timeout:.0f} s; see {log_path}")
            time.sleep(0.5)
        if migrates:
            migrated_marker(prefect_home).touch()
            if empty and cache_dir is not None:
                keep(prefect_home, cache_dir)
        yield api_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def interrupt_group(proc: subprocess.Popen, sig: int = signal.SIGINT, timeout: float = 60.0) -> bool:
    """Signal a process started with ``start_new_session`` (``fazhi serve``) and its group; kill them
    if they linger. Return whether it stopped on the signal."""
    os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return False
