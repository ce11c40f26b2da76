"""A stop during the dbt build is a stop, even when a library fails in its own words while it
handles it: dbt closes its connections on the way out, and DuckDB refuses to close one that a
node's thread is still querying ("connection is busy with another call"). The run must end
interrupted (exit 130, one line), not failed with DuckDB's message (exit 1).

The race itself cannot be timed from a test; the build here is real, and the error raised while
handling the stop comes from inside it, where dbt runs its on-run-start hook."""
from __future__ import annotations

import shutil
import signal

import duckdb
import pytest
from prefect.exceptions import TerminationSignal

from fazhi import transform


def test_an_error_raised_while_the_build_handles_a_stop_is_the_stop(seeds_run, tmp_path, monkeypatch):
    _, seeds_warehouse = seeds_run
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "build.duckdb")  # dbt's catalog name (fazhi.transform)
    count_nodes = transform._count_nodes
    stops = []

    def stopped_in_a_hook(event) -> None:
        count_nodes(event)
        if event.info.name == "LogHookStartLine" and not stops:
            stops.append(event.info.name)
            try:
                raise TerminationSignal(signal=signal.SIGTERM)   # what Prefect's SIGTERM handler raises
            except TerminationSignal:
                raise duckdb.ResourceInUseException("connection is busy with another call")

    monkeypatch.setattr(transform, "_count_nodes", stopped_in_a_hook)
    with pytest.raises(TerminationSignal) as stopped:
        transform.dbt_build(warehouse, state=tmp_path / "dbt_state")
    assert stops and stopped.value.signal == signal.SIGTERM


def test_the_stop_is_found_behind_an_exception_that_cannot_say_what_it_is():
    """dbt wraps what its command raised in ExceptionExit, a click exception whose str() raises
    AttributeError (it has no message): looking for the stop must pass it by, not fail on it."""
    from dbt.cli.exceptions import ExceptionExit

    from fazhi import lifecycle

    def wrapped_after(stop: BaseException | None) -> BaseException:
        try:
            try:
                if stop is not None:
                    raise stop
                raise RuntimeError("a node failed")
            except BaseException as e:
                raise ExceptionExit(e)
        except ExceptionExit as wrapper:
            return wrapper

    stop = TerminationSignal(signal=signal.SIGTERM)
    assert lifecycle.stop_in(wrapped_after(stop)) is stop
    assert lifecycle.stop_in(wrapped_after(None)) is None
