"""Overlap fazhi's fixed start-up costs before a run.

With no PREFECT_API_URL, Prefect starts a temporary API server in a
subprocess on the first flow call (8-15 s here). Starting it in a thread
while this process imports dbt and Great Expectations (another 5-8 s) uses
the second core instead of paying both in turn.
"""
from __future__ import annotations

import os
import threading


def warm_up() -> None:
    """Start Prefect's temporary server (if one is needed) while importing dbt and GX."""
    server_thread = None
    errors: list[BaseException] = []
    if not os.environ.get("PREFECT_API_URL"):
        def start_server() -> None:
            try:
                from prefect.server.api.server import SubprocessASGIServer
                SubprocessASGIServer().start()
            except BaseException as e:  # surfaced below, in the caller's thread
                errors.append(e)

        server_thread = threading.Thread(target=start_server, name="prefect-server-start", daemon=True)
        server_thread.start()
    import dbt.cli.main  # noqa: F401
    import great_expectations  # noqa: F401
    if server_thread is not None:
        server_thread.join()
    if errors:
        raise errors[0]
