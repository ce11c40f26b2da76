"""The order in which ``dbt build`` takes up nodes that are ready: the ones more nodes wait for first.

dbt gives a ready node to its thread pool as soon as it is ready, shallowest in the graph
first, and the pool runs what it was given in turn. On a cold build of the long bench
corpus, ``int_report_figures`` and ``int_last_year_claims`` (few nodes downstream) were
handed over while both threads were busy; ``int_report_stamps``, which every incremental
mart waits for, became ready a moment later and queued behind them: ``fct_facts``, the
longest model, started ~0.5 s late, and the rest of the build waited behind it.

fazhi's builds (fazhi.transform) change two things in dbt's queue (``dbt.graph.queue.GraphQueue``):
a ready node's priority is how many nodes depend on it, directly or not (then its depth),
and a node is taken from the queue only when a thread is free to run it, so the
choice is made among all nodes ready then. dbt still runs a node after all it depends on.
"""
from __future__ import annotations

_threads: int | None = None   # set by install


def scores(graph) -> dict[str, int]:
    """Each node's priority (lower first): most descendants first, the shallower of equals first."""
    import networkx as nx

    depth: dict[str, int] = {}
    for level, group in enumerate(nx.topological_generations(graph)):
        for node in group:
            depth[node] = level
    below: dict[str, set[str]] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        below[node] = set().union(*({child, *below[child]} for child in graph.successors(node)))
    width = len(depth) + 1
    return {node: -len(below[node]) * width + depth[node] for node in graph}


def install(threads: int) -> None:
    """Make dbt's build queue order ready nodes by ``scores`` and hand out at most ``threads`` at once."""
    global _threads
    from dbt.graph.queue import GraphQueue

    if _threads is None:
        handed_out = GraphQueue.get

        def get(self, block: bool = True, timeout: float | None = None):
            with self.lock:   # mark_done frees a thread and tells some_task_done
                while len(self.in_progress) >= _threads:
                    self.some_task_done.wait()
            return handed_out(self, block, timeout)

        GraphQueue._get_scores = lambda self, graph: scores(graph)
        GraphQueue.get = get
    _threads = max(1, threads)
