"""Shared fixtures: the ../shared folder, and warehouses built once per session.

Prefect's temporary server and dbt's start-up cost seconds each, so the full
pipeline runs once per corpus per session and every test reads the result.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from fazhi.config import PROJECT_DIR, load_settings, prepare_environment
from fazhi.warmup import warm_up

SHARED = PROJECT_DIR.parent / "shared"

# The state runs share (Prefect's database, dbt's target and parse cache) in one
# folder for every warehouse the tests build, kept between sessions, one per checkout.
# Under pytest-xdist each worker process has its own (two Prefect APIs and dbt builds must not share one).
_TESTS_ROOT = Path(tempfile.gettempdir()) / "fazhi-tests-{}{}".format(
    hashlib.sha256(str(PROJECT_DIR).encode()).hexdigest()[:10],
    f"-{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else "")
os.environ.setdefault("FAZHI_HOME", str(_TESTS_ROOT))
# The user-wide cache (the migrated Prefect database new homes start from) too, beside it.
os.environ.setdefault("FAZHI_CACHE_DIR", str(_TESTS_ROOT / "cache"))
# Before Prefect is imported anywhere: keep it off the network, and start one
# temporary Prefect API for the whole session (the CLI's own warm-up; `fazhi`
# subprocesses of the tests inherit PREFECT_API_URL).
_settings = load_settings()
prepare_environment(_settings)
warm_up(_settings.prefect_home, cache_dir=_settings.cache_dir)


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared (seeds, gold, eval) beside the repo", pytrace=False)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _shared("seeds")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _shared("gold")


@pytest.fixture(scope="session")
def score_script() -> Path:
    return _shared("eval", "score.py")


def run_pipeline(paths: list[Path], warehouse: Path, **kwargs):
    """The real Prefect flow, in this process."""
    from fazhi.flows.pipeline import pipeline

    return pipeline([str(p) for p in paths], warehouse=str(warehouse), **kwargs)


@pytest.fixture(scope="session")
def pipeline_runner():
    """Run the real pipeline flow in this process: ``pipeline_runner(paths, warehouse)``."""
    return run_pipeline


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory, seeds_dir):
    """The five seeds through the whole pipeline: (first run summary, warehouse path)."""
    warehouse = tmp_path_factory.mktemp("seeds") / "fazhi.duckdb"
    return run_pipeline([seeds_dir], warehouse), warehouse


@pytest.fixture(scope="session")
def samples_run(tmp_path_factory):
    """The project's own sample reports (one with a planted contradiction)."""
    from fazhi.config import SAMPLES_DIR

    warehouse = tmp_path_factory.mktemp("samples") / "fazhi.duckdb"
    return run_pipeline([SAMPLES_DIR], warehouse), warehouse


@pytest.fixture(scope="session")
def dev_run(tmp_path_factory):
    """The 36 real dev excerpts (../shared/dev/texts) through the whole pipeline: (summary, warehouse)."""
    warehouse = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    return run_pipeline([_shared("dev", "texts")], warehouse), warehouse


@pytest.fixture()
def read_only(request):
    """Open a warehouse read-only for one test: ``read_only(path)``."""
    from fazhi.warehouse import connect

    opened = []

    def _open(path: Path):
        con = connect(path, read_only=True)
        opened.append(con)
        return con

    yield _open
    for con in opened:
        con.close()
