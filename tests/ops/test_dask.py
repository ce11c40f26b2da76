"""Scale-out: the flow on a 2-worker Dask LocalCluster gives the same facts as local threads."""
from __future__ import annotations

FACTS = "select doc, start_offset, end_offset, value, unit, kind, qualifier, metric, subject from fct_facts order by all"


def test_dask_runner_gives_the_same_facts(seeds_run, seeds_dir, tmp_path, monkeypatch, read_only):
    _, default_warehouse = seeds_run
    monkeypatch.setenv("FAZHI_TASK_RUNNER", "dask")
    monkeypatch.setenv("FAZHI_SLICE_ROWS", "2")        # several slices, so parsing really spreads
    from fazhi import parallel
    from fazhi.flows.pipeline import _task_runner, pipeline

    runner = _task_runner()
    assert type(runner).__name__ == "DaskTaskRunner"
    warehouse = tmp_path / "fazhi.duckdb"
    sent = parallel.dask_slices_sent
    summary = pipeline.with_options(task_runner=runner)([str(seeds_dir)], warehouse=str(warehouse))
    assert summary.landing.landed == 5
    assert parallel.dask_slices_sent - sent >= 3 * 3    # sections, sentences, facts (and metadata) in slices
    expected = read_only(default_warehouse).execute(FACTS).fetchall()
    assert read_only(warehouse).execute(FACTS).fetchall() == expected
