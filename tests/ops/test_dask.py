"""Scale-out: the flow on a 2-worker Dask LocalCluster gives the same facts as local threads."""
from __future__ import annotations

import duckdb

FACTS = "select doc, start_offset, end_offset, value, unit, kind, qualifier, metric, subject from fct_facts order by all"


def test_dask_runner_gives_the_same_facts(seeds_run, seeds_dir, tmp_path, monkeypatch, read_only):
    _, default_warehouse = seeds_run
    monkeypatch.setenv("FAZHI_TASK_RUNNER", "dask")
    monkeypatch.setenv("FAZHI_SLICE_ROWS", "2")        # several batches, so decoding and parsing really spread
    from fazhi import parallel
    from fazhi.flows.pipeline import pipeline
    from fazhi.flows.runners import task_runner

    runner = task_runner()
    assert type(runner).__name__ == "DaskTaskRunner"
    warehouse = tmp_path / "fazhi.duckdb"
    sent = parallel.dask_slices_sent
    summary = pipeline.with_options(task_runner=runner)([str(seeds_dir)], warehouse=str(warehouse))
    assert summary.landing.landed == 5
    assert parallel.dask_slices_sent - sent >= 3     # 5 reports decoded and parsed in batches of 2
    expected = read_only(default_warehouse).execute(FACTS).fetchall()
    con = read_only(warehouse)
    assert con.execute(FACTS).fetchall() == expected
    con.close()

    # parses of another parser version: re-parsed before dbt, on the cluster too
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update parsed.reports set parser_version = 'older'")
    sent = parallel.dask_slices_sent
    pipeline.with_options(task_runner=runner)([str(tmp_path / "nothing")], warehouse=str(warehouse))
    assert parallel.dask_slices_sent - sent >= 3
    assert read_only(warehouse).execute(FACTS).fetchall() == expected
