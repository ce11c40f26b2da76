"""Run ``dbt build`` on a warehouse file, in this process, and hand the file back.

dbt's programmatic runner keeps the DuckDB file open after ``invoke``; we close
dbt-duckdb's shared environment afterwards so the next step (checks, publish)
can open the file. Keeping dbt in-process saves its ~3 s start-up per run.

dbt re-parses the whole project (~5 s here) whenever the profile changes, and
the profile holds the database path. So every build goes through one fixed
path, ``<state>/build.duckdb``, a symbolic link to the run's working copy,
with one target folder beside it: the parse is then reused by every run. The
state folder is the warehouse's own (``<warehouse folder>/dbt``), or one shared
by all warehouses under FAZHI_HOME (``Settings.dbt_state``); never the checkout.
A lock file makes builds sharing a state folder take turns at its link.

Seeds whose files did not change since the warehouse loaded them are left out
of the build, with the tests that read only them (fazhi.seed_digests). dbt takes
up ready nodes in fazhi's order: the ones more nodes wait for first (fazhi.dbt_order).
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fazhi import dbt_manifest, dbt_order, dbt_threads, parallel, parsed, progress, seed_digests
from fazhi.column_failures import column_failures
from fazhi.config import DBT_DIR, load_settings
from fazhi.lifecycle import stop_in, stop_requested
from fazhi.wide_mart import write_properties


class TransformError(RuntimeError):
    """dbt could not build the models (a model failed, not a data test)."""


@dataclass
class TransformResult:
    success: bool
    models: int = 0
    tests_passed: int = 0
    tests_failed: int = 0
    failures: list[str] = field(default_factory=list)


def dbt_build(warehouse: Path, full_refresh: bool = False, select: str | None = None,
              state: Path | None = None, cache_dir: Path | None = None) -> TransformResult:
    """``dbt build`` against ``warehouse``; raise TransformError if a model fails.

    First the current reports whose parse is missing or stale are parsed again
    (all of them on a full refresh: ``fazhi.parsed.reparse``); the models copy the parse.
    ``state`` holds dbt's target and build link (default: ``dbt`` beside the warehouse's folder);
    with ``cache_dir`` the project is parsed in the user's cache (``dbt_manifest.parse_dir``).
    """
    from dbt.cli.main import dbtRunner

    write_properties()   # the wide mart's columns follow the taxonomy
    state = state or warehouse.parent.parent / "dbt"
    os.environ.setdefault("DO_NOT_TRACK", "1")
    args = [
        "build", *dbt_manifest.base_args(state, DBT_DIR),
        # No manifest.json / run_results.json: nothing reads them, and writing them took ~1.2 s a build.
        "--quiet", "--no-use-colors", "--no-write-json",
        # dbt.log keeps each node's result and time, not every statement: logging each
        # statement at debug level cost ~1 CPU-s of a +10 build's ~11 (measured).
        "--log-level-file", "info",
    ]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", select]
    digests = seed_digests.seed_digests(DBT_DIR)
    unchanged = [] if full_refresh else seed_digests.unchanged_seeds(warehouse, digests)
    if unchanged:
        # cautious: leave out the tests that read only these seeds, keep a model's test that refers to one
        args += ["--exclude", *unchanged, "--indirect-selection", "cautious"]
    try:
        parsed.reparse(warehouse, everything=full_refresh)
    finally:
        parallel.shutdown()
        progress.done("parse")
    progress.add("dbt", "dbt nodes")
    manifest = dbt_manifest.ready(state, DBT_DIR, cache_dir)    # parsed ahead (fazhi.warmup) or kept from the last build
    tested_after, facts_to_build = _build_size(warehouse)   # the build moves tested_after on
    settings = load_settings()
    threads = dbt_threads.for_build(facts_to_build, settings.dbt_threads, settings.duckdb_memory)
    if threads != settings.dbt_threads:
        args += ["--threads", str(threads)]
    dbt_order.install(threads)   # the nodes more nodes wait for first
    with _build_link(warehouse, state):
        try:
            res = dbtRunner(manifest=manifest, callbacks=[_count_nodes]).invoke(args)
        except BaseException as e:
            _release_duckdb(stopping=stop_requested(e))
            stop = stop_in(e)
            if stop is not None and stop is not e:
                raise stop from None   # the stop, not the error a library raised while handling it
            raise
        else:
            _release_duckdb(stopping=res.exception is not None and stop_requested(res.exception))
        finally:
            progress.done("dbt")
    if res.exception is not None and stop_requested(res.exception):  # Ctrl-C or SIGTERM: not a dbt failure
        raise stop_in(res.exception) or res.exception   # the stop, not an error dbt's cleanup raised after it
    if res.exception is not None:
        raise TransformError(f"dbt build failed: {res.exception}")
    result = TransformResult(success=bool(res.success))
    loaded: list[str] = []
    for r in res.result or []:
        node = r.node
        status = str(r.status)
        if node.resource_type == "test":
            if status == "pass":
                result.tests_passed += 1
            elif column_test := column_failures(warehouse, r, tested_after):
                result.tests_failed += len(column_test)    # one per broken check, as one test a column did
                result.failures += column_test
            else:
                result.tests_failed += 1
                result.failures.append(f"{node.name}: {status} {r.message or ''}".strip())
        elif node.resource_type in ("model", "seed"):
            if status in ("error", "skipped"):
                raise TransformError(f"dbt model {node.name} {status}: {r.message}")
            result.models += 1
            if node.resource_type == "seed":
                loaded.append(node.name)
    seed_digests.record(warehouse, {name: digests[name] for name in loaded if name in digests})
    return result


def _build_size(warehouse: Path):
    """The newest parse stamp an earlier build saw (``parsed.built_through``; None before the first build):
    this build's data tests read the rows stamped later (dbt/macros/tests_on_touched_reports.sql);
    and the facts this build writes, the ones stamped later (a full refresh parsed every report again)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        since = con.execute("select max(parsed_at) from parsed.built_through").fetchone()[0]
        facts = con.execute("select count(*) from parsed.facts where ?::timestamp is null or parsed_at > ?",
                            [since, since]).fetchone()[0]
    return since, facts


def _count_nodes(event) -> None:
    """dbt's events -> fazhi.progress: the number of nodes to build, then each one done."""
    name = event.info.name
    if name == "LogStartLine" and event.data.index == 1:
        progress.add("dbt", "dbt nodes", total=event.data.total)
    elif name == "NodeFinished":
        progress.advance("dbt")


def dbt_docs(warehouse: Path, out_dir: Path) -> Path:
    """``dbt docs generate`` over the published warehouse, read-only; return the site's index.html."""
    from dbt.cli.main import dbtRunner

    os.environ["FAZHI_DBT_DATABASE"] = str(warehouse)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    args = [
        "docs", "generate", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target", "readonly",
        "--target-path", str(out_dir), "--log-path", str(warehouse.parent / "dbt" / "logs"),
        "--quiet", "--no-use-colors",
    ]
    try:
        res = dbtRunner().invoke(args)
    finally:
        _release_duckdb()
    if not res.success:
        raise TransformError(f"dbt docs generate failed: {res.exception or res.result}")
    return out_dir / "index.html"


@contextmanager
def build_lock(state: Path) -> Iterator[None]:
    """Hold ``state``'s lock: one build (or parse) at a time goes through its link and target folder."""
    state.mkdir(parents=True, exist_ok=True)
    with open(state / ".build.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _build_link(warehouse: Path, state: Path) -> Iterator[None]:
    """Point ``state``'s fixed build link at ``warehouse`` while dbt runs (one build at a time)."""
    link = dbt_manifest.link(state)
    with build_lock(state):
        tmp = link.with_name(f".{link.name}.{os.getpid()}")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(warehouse.absolute())
        os.replace(tmp, link)
        os.environ["FAZHI_DBT_DATABASE"] = str(link)
        try:
            yield
        finally:
            link.unlink(missing_ok=True)
            Path(f"{link}.wal").unlink(missing_ok=True)


def _release_duckdb(stopping: bool = False) -> None:
    """Close dbt-duckdb's process-wide DuckDB environment (it outlives invoke).

    When the build was stopped, a node's thread may still be running its query, and DuckDB
    refuses to close a connection in use ("connection is busy with another call"): the run is
    ending and its working copy is discarded, so the refusal must not replace the stop (it did:
    the run ended failed, in DuckDB's words). The connection then goes with the process."""
    import duckdb
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        try:
            env.close()
        except duckdb.Error:
            if not stopping:
                raise
            env.conn = None   # not closed again when the environment is collected
    DuckDBConnectionManager.close_all_connections()
