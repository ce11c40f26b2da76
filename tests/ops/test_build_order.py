"""dbt takes up the ready node that more nodes wait for (fazhi.dbt_order), when a thread is free.

dbt's own order, shallowest first, each node handed to the pool the moment it is ready,
let small models ahead of int_report_stamps, which every incremental mart and so the
longest one, fct_facts, waits for: on a cold build of the long bench corpus fct_facts
started ~0.5 s late.
"""
from __future__ import annotations

import shutil

import networkx as nx
from dbt.adapters.duckdb.environments.local import DuckDBCursorWrapper

from fazhi import dbt_order
from fazhi.transform import dbt_build


def test_more_descendants_come_first_then_the_shallower():
    graph = nx.DiGraph([("root", "small"), ("root", "gate"), ("gate", "big"), ("big", "a"), ("big", "b"),
                        ("small", "leaf"), ("other", "leaf")])
    scores = dbt_order.scores(graph)
    assert scores["gate"] < scores["small"]    # three nodes wait for gate, one for small
    assert scores["root"] < scores["gate"]
    assert scores["other"] < scores["small"]   # one node waits for each: the shallower first
    assert scores["leaf"] < scores["a"] == scores["b"]   # none waits for these: the shallower first


def test_a_one_thread_build_runs_the_stamps_chain_before_smaller_models(seeds_run, tmp_path, monkeypatch):
    _, seeds_warehouse = seeds_run
    warehouse = shutil.copyfile(seeds_warehouse, tmp_path / "build.duckdb")   # dbt's catalog name (fazhi.transform)
    monkeypatch.setenv("FAZHI_DBT_THREADS", "1")
    started: list[str] = []
    execute = DuckDBCursorWrapper.execute

    def spied_execute(self, sql, bindings=None):
        marker = '"node_id": "model.fazhi.'
        if marker in sql:
            name = sql.split(marker, 1)[1].split('"', 1)[0]
            if name not in started:
                started.append(name)
        return execute(self, sql, bindings)

    monkeypatch.setattr(DuckDBCursorWrapper, "execute", spied_execute)
    result = dbt_build(warehouse, state=tmp_path / "dbt_state")

    assert result.models > 0 and result.tests_failed == 0
    # int_report_figures is shallower than fct_facts but only a few nodes wait for it
    assert started.index("int_report_stamps") < started.index("int_report_figures")
    assert started.index("fct_facts") < started.index("int_report_figures")
