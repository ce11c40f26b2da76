"""Overlap fazhi's fixed start-up costs with the run itself.

With no PREFECT_API_URL, a run needs a temporary Prefect API (8-15 s here):
``warm_up`` launches it first (``fazhi.prefect_server.TemporaryApi``) and
points Prefect at it. dbt and Great Expectations take another 5-10 s to
import and are not needed until ingest is done, so a background thread
imports dbt while the server comes up and the files land, parses the dbt
project for the build (fazhi.dbt_manifest), then imports GX; the steps that
need them simply find them ready (Python's import lock makes a second import
wait for the first; the parse has its own lock). ``fazhi run`` has GX imported
by a check worker process instead, where its checks then run
(fazhi.check_worker): this process is busy with the run until then.
"""
from __future__ import annotations

import inspect
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def _import_later_steps(dbt_state: Path | None = None, gx: bool = True, cache_dir: Path | None = None) -> None:
    import dbt.adapters.duckdb  # noqa: F401  (transform: dbt registers the adapter on first use)
    import dbt.cli.main  # noqa: F401  (transform)
    # dbt's adapter calls inspect.stack() for each behaviour flag; the first call in a
    # process maps every loaded module to its file (~2 s with dbt, GX and Prefect loaded).
    # Mapping them here, off the critical path, leaves dbt only the modules loaded since.
    inspect.stack(context=0)
    if dbt_state is not None:   # the build then skips its parse (fazhi.dbt_manifest); GX is needed after it
        try:
            from fazhi import dbt_manifest

            dbt_manifest.prepare(dbt_state, cache_dir=cache_dir)
        except Exception as e:   # the build parses for itself, and says what is wrong
            log.debug("dbt's project was not parsed ahead: %s", e)
    if gx:
        from fazhi.gx_import import import_gx

        import_gx()   # for the checks
        inspect.stack(context=0)


# Inputs this large (about 1,000 reports) are worth starting worker processes
# for while the server comes up; smaller runs parse in this process.
PRESTART_BYTES = 16 * 2**20

_launched = None   # the API ``launch_api`` started, until ``warm_up`` waits for it


def launch_api(prefect_home: Path, cache_dir: Path | None = None) -> None:
    """Start the temporary Prefect API now (unless one is configured or already launched), for
    ``warm_up`` to wait for. Its start is the longest wait of a fresh run's start-up: launched
    before the inputs are measured (stat of every file: 0.1 s at 10,000 files, 1 s at 100,000)
    instead of after, it comes up that much earlier. Call before Prefect is imported."""
    global _launched
    if _launched is None and not os.environ.get("PREFECT_API_URL"):
        from fazhi.prefect_server import TemporaryApi, use_our_api

        _launched = TemporaryApi(prefect_home, cache_dir)
        use_our_api(_launched.api_url)


def warm_up(prefect_home: Path, expect_bytes: int = 0, cache_dir: Path | None = None,
            dbt_state: Path | None = None, check_apart: bool = False) -> threading.Thread:
    """Start a temporary Prefect API (unless one is configured) and import dbt and GX in the background
    (and parse the dbt project for builds through ``dbt_state``, when given). With ``check_apart``
    GX is imported by a check worker process instead, where the checks will run (fazhi.check_worker).

    Call before Prefect is imported: Prefect reads PREFECT_API_URL when it loads.
    With ``expect_bytes`` of input above PRESTART_BYTES the parsing workers start
    too. A new ``prefect_home`` starts from the database template in ``cache_dir``
    (fazhi.prefect_template). Returns the importing thread (joining it is optional).
    """
    global _launched
    launch_api(prefect_home, cache_dir)
    api, _launched = _launched, None
    if expect_bytes > PRESTART_BYTES:
        from fazhi import parallel

        parallel.prestart()
    importer = threading.Thread(target=_import_later_steps, args=(dbt_state, not check_apart, cache_dir),
                                name="fazhi-warm-imports", daemon=True)
    importer.start()
    import prefect  # noqa: F401
    # The flow's module (Prefect's flow machinery, polars, the ingest code) loads while the API
    # is still starting, not after it answers.
    import fazhi.flows.pipeline  # noqa: F401
    if api is not None:
        api.wait()
    if check_apart:
        # Started once the API answers and this process's imports are done: GX's import (3-7
        # CPU-s) then runs beside ingest and the dbt build, on the core the API's start has
        # freed, instead of competing with that start and these imports for two cores.
        from fazhi import check_worker

        check_worker.start()
    return importer
