"""How many nodes a dbt build runs at once (fazhi.transform).

Two by default (``dbt_threads``): while one node's SQL runs, dbt's Python work for the
other (compiling, its events) goes on beside it. But two nodes share one DuckDB memory
limit, and when each holds the facts of many reports neither gets enough: DuckDB then
runs their joins partitioned. A build with many facts to write therefore runs its nodes
one at a time, each with the whole limit and both cores. Cold builds, measured on the
synthetic corpus under 1 GB: 20,000 reports (626,000 facts) 9.9-10.1 s on two threads
against 10.3-10.7 s on one; 40,000 (1.25 M facts) 25.7-27.4 s against 21.8 s; 100,000
(3.1 M facts) 91.4 s against 64.5 s (112 CPU-s instead of 172).
"""
from __future__ import annotations

from pydantic import ByteSize, TypeAdapter

# Facts a build may write on two threads for each GB of DuckDB's memory limit (the
# crossover measured above lies between 626,000 and 1.25 M facts under 1 GB).
TWO_THREADS_UP_TO_FACTS_PER_GB = 750_000


def for_build(facts_to_build: int, configured: int, memory_limit: str) -> int:
    """The threads for a build that writes ``facts_to_build`` facts: ``configured``, or one
    when the facts are more than the memory limit (``duckdb_memory``: "1GB") holds for two nodes at once."""
    gigabytes = TypeAdapter(ByteSize).validate_python(memory_limit) / 1e9
    return 1 if facts_to_build > TWO_THREADS_UP_TO_FACTS_PER_GB * gigabytes else configured
