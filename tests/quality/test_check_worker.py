"""A fresh run checks its working copy in a worker process that imported GX while the run went on
(fazhi.check_worker): the same results, rows and log lines as checks in the run's own process."""
from __future__ import annotations

import logging

import duckdb
import pytest

from fazhi import check_worker, checks

from .conftest import copy_warehouse


def _summary(results):
    return sorted((r.check_name, r.table_name, r.rows_checked, r.rows_failing, r.traced,
                   sorted((f.report_id or "", f.span_start or -1, f.detail, f.sentence_start or -1) for f in r.failures))
                  for r in results)


def _stored(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.execute("select check_name, rows_checked, rows_failing from dq.check_results "
                                  "where run_id = 'r1'").fetchall())


@pytest.fixture()
def worker():
    check_worker.start()
    yield
    check_worker.stop()


def test_checks_in_the_worker_are_the_checks_here(planted_run, tmp_path, worker, monkeypatch, caplog):
    here, apart = copy_warehouse(planted_run, tmp_path / "here"), copy_warehouse(planted_run, tmp_path / "apart")
    expected = checks.check_run(here, "r1")
    assert any(not r.success for r in expected), "the planted corpus fails some checks"

    def not_here(*args, **kwargs):
        raise AssertionError("checked in the run's own process")

    monkeypatch.setattr(checks, "check_run", not_here)   # the spawned worker has its own, unpatched
    with caplog.at_level(logging.INFO, logger="fazhi"):
        results = check_worker.check_run(apart, "r1")
    assert _summary(results) == _summary(expected)
    assert _stored(apart) == _stored(here)
    said = [r for r in caplog.records if r.name == "fazhi.checks" and r.getMessage().startswith("checks: ")]
    assert len(said) == 1, "the worker's log line is said once, here"


def test_a_worker_that_died_leaves_the_checks_to_this_process(planted_run, tmp_path, worker, caplog):
    warehouse = copy_warehouse(planted_run, tmp_path)
    for process in list(check_worker._worker._processes.values()):
        process.kill()
        process.join()
    with caplog.at_level(logging.WARNING, logger="fazhi"):
        results = check_worker.check_run(warehouse, "r1")
    assert any("the check worker stopped" in r.getMessage() for r in caplog.records)
    assert results and _stored(warehouse)
    assert check_worker._worker is None    # the next run spawns another


def test_without_a_worker_the_checks_run_here(planted_run, tmp_path, monkeypatch):
    warehouse = copy_warehouse(planted_run, tmp_path)
    ran = []
    real = checks.check_run
    monkeypatch.setattr(checks, "check_run", lambda *a, **k: ran.append(a) or real(*a, **k))
    check_worker.check_run(warehouse, "r1")
    assert len(ran) == 1
