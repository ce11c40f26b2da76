"""Overlap fazhi's fixed start-up costs with the run itself.

With no PREFECT_API_URL, a run needs a temporary Prefect API (8-15 s here):
``warm_up`` launches it first (``fazhi.prefect_server.TemporaryApi``) and
points Prefect at it. dbt and Great Expectations take another 5-10 s to
import and are not needed until ingest is done, so a background thread
imports them while the server comes up and the files land; the steps that
need them simply find them imported (Python's import lock makes a second
import wait for the first).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path


def _import_later_steps() -> None:
    import dbt.cli.main  # noqa: F401  (transform)
    import great_expectations  # noqa: F401  (checks)


def warm_up(prefect_home: Path) -> threading.Thread:
    """Start a temporary Prefect API (unless one is configured) and import dbt and GX in the background.

    Call before Prefect is imported: Prefect reads PREFECT_API_URL when it loads.
    Returns the importing thread (joining it is optional).
    """
    api = None
    if not os.environ.get("PREFECT_API_URL"):
        from fazhi.prefect_server import TemporaryApi

        api = TemporaryApi(prefect_home)
        os.environ["PREFECT_API_URL"] = api.api_url
    importer = threading.Thread(target=_import_later_steps, name="fazhi-warm-imports", daemon=True)
    importer.start()
    import prefect  # noqa: F401
    if api is not None:
        api.wait()
    return importer
