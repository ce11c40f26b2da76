"""A build with many facts to write runs its dbt nodes one at a time (fazhi.dbt_threads)."""
from __future__ import annotations

import re
import shutil

import duckdb

from fazhi import dbt_threads
from fazhi.transform import _build_size, dbt_build


def test_two_threads_up_to_the_facts_the_memory_limit_holds():
    per_gb = dbt_threads.TWO_THREADS_UP_TO_FACTS_PER_GB
    assert dbt_threads.for_build(per_gb, 2, "1GB") == 2
    assert dbt_threads.for_build(per_gb + 1, 2, "1GB") == 1
    assert dbt_threads.for_build(per_gb + 1, 2, "2GB") == 2
    assert dbt_threads.for_build(3 * per_gb, 2, "2 GiB") == 1
    assert dbt_threads.for_build(0, 1, "1GB") == 1


def test_a_build_counts_the_facts_stamped_since_the_last_build(seeds_run, tmp_path):
    _, seeds_warehouse = seeds_run
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "fazhi.duckdb")
    built_through, facts = _build_size(warehouse)
    assert built_through is not None and facts == 0      # built: nothing new to write
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from parsed.built_through")   # as before the first build
        every_fact = con.execute("select count(*) from parsed.facts").fetchone()[0]
    assert _build_size(warehouse) == (None, every_fact) and every_fact > 0


def _concurrency(state) -> int:
    return int(re.findall(r"Concurrency: (\d+) threads", (state / "logs" / "dbt.log").read_text())[-1])


def test_a_full_build_of_more_facts_than_the_limit_holds_runs_one_node_at_a_time(seeds_run, tmp_path, monkeypatch):
    _, seeds_warehouse = seeds_run
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "build.duckdb")   # dbt's catalog name (fazhi.transform)
    state = tmp_path / "dbt_state"
    assert dbt_build(warehouse, state=state).tests_failed == 0
    assert _concurrency(state) == 2
    monkeypatch.setattr(dbt_threads, "TWO_THREADS_UP_TO_FACTS_PER_GB", 10)   # the seeds' facts are hundreds
    assert dbt_build(warehouse, state=state).tests_failed == 0       # nothing new: two threads still
    assert _concurrency(state) == 2
    result = dbt_build(warehouse, full_refresh=True, state=state)
    assert result.models > 0 and result.tests_failed == 0
    assert _concurrency(state) == 1
