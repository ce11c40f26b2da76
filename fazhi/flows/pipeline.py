"""The main job as a Prefect flow: files -> raw -> dbt -> checks -> report -> mail.

A few coarse tasks (ingest, transform, validate, send) do the work; writing
the report is a plain call (a task costs ~0.2 s of bookkeeping). The logic
lives in the fazhi package. The whole run writes a working copy of
the warehouse that is published only when the models and checks have run (see
``fazhi.warehouse``). The CPU work inside (decoding files and parsing their
reports, re-parsing stale parses before dbt) runs in batches through ``fazhi.parallel``: local
worker processes by default, or the flow's Dask cluster with
FAZHI_TASK_RUNNER=dask (a 2-worker local cluster, or FAZHI_DASK_ADDRESS).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner

from fazhi import check_worker, checks, journal, lifecycle, mail, news, parallel, progress, report
from fazhi.config import Settings, load_settings
from fazhi.fingerprint import code_fingerprint
from fazhi.ingest.land import DecodedBatch, LandingSummary, Triage, decode, known_reports, store, triage, writer
from fazhi.memory import return_freed_memory
from fazhi.parse_tables import Parser
from fazhi.parallel import DASK_SCHEDULER_ENV
from fazhi.removal import mark_removed
from fazhi.ingest.sources import iter_inputs
from fazhi.runs import RunSummary, count_facts, new_run_id, record_mail, record_run, utcnow
from fazhi.transform import TransformResult, dbt_build
from fazhi.warehouse import WarehouseError, build_copy, first_line, writer_lock


# Inputs held in memory at once, with their texts and parse rows (~70 KB a report beside its
# text: 5,000 at once put ~1.4 GB in the flow's process at 10,000 reports) ...
INGEST_CHUNK = 2000
INGEST_CHUNK_BYTES = 192 * 2**20   # ... and no more bytes than this (a few large files are a chunk)
# Inputs per batch decoded and parsed by one worker: parallel.slice_rows() (FAZHI_SLICE_ROWS) ...
DECODE_BATCH_BYTES = 32 * 2**20    # ... and bytes per batch sent to a worker
# Handing freed heap back to the OS costs ~0.8 s (a full gc and a heap walk);
# it only pays after steps that held hundreds of MB: big landings or re-parses.
TRIM_AFTER_REPORTS = 1000


def batched(items, size: int):
    """Lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def batched_by_bytes(items, size: int, max_bytes: int, weight):
    """Lists of at most ``size`` items whose ``weight`` adds up to about ``max_bytes``
    (a list closes as soon as it reaches it, so one item larger than that is a list alone)."""
    chunk, total = [], 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= size or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _input_bytes(item) -> int:
    item = item[1] if isinstance(item, tuple) else item
    return len(item.data) if item.data is not None else 0


def _task_runner():
    settings = load_settings()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=4)


@task(name="ingest")
def ingest(paths: list[str], build: Path, run_id: str, settings: Settings) -> LandingSummary:
    """Hash and triage inputs here, decode and parse new ones in parallel batches, store them in turn.

    Inputs are read lazily (archives member by member) and held a chunk at a
    time, bounded in count and in bytes, so memory does not grow with the input.
    A chunk is stored while the workers decode the next one: storing took ~7 s of a
    cold 10,000-report run in which the workers idled. The next chunk's files are read,
    hashed and queued for the workers while they decode this one, so each goes on to it
    as soon as it is done (held in memory: one decoded chunk, the chunk with the workers,
    the next one's files); the last chunk is stored as its batches come back.
    """
    summary, known, parser = LandingSummary(), known_reports(build), Parser.now()
    progress.add("parse", "reports parsed", total=0)   # here, and stale ones before dbt (fazhi.parsed)
    inputs = iter_inputs(paths, int(settings.max_file_mb * 2**20),
                         max_archive_bytes=int(settings.max_archive_mb * 2**20),
                         allow_private=settings.allow_private_urls)
    with _work_on_dask(), writer(build) as con:
        chunks = _triaged_chunks(inputs, known)
        current = next(chunks, None)
        results, n_batches = _submit(current, parser)   # a worker pool starts on them now
        decoded_last = None   # the chunk to store once the next one is with the workers
        while current is not None:
            triaged, n_seen = current
            if decoded_last is not None:
                summary.add(_store_chunk(con, run_id, *decoded_last))
                decoded_last = None
            upcoming = next(chunks, None)
            if upcoming is None:   # nothing left to overlap it with: stored in parts as they come
                summary.add(_store_last(con, run_id, results, n_batches, triaged, n_seen))
                break
            # queued behind this chunk's batches: a worker done with its last one goes on to the
            # next chunk's first instead of waiting for the other worker (and for this collection)
            upcoming_results = _submit(upcoming, parser)
            batches = _collect(results)
            triaged.drop_bytes()
            decoded_last = (batches, triaged, n_seen)
            current, (results, n_batches) = upcoming, upcoming_results
    progress.done("files")
    return summary


def _submit(chunk, parser: Parser) -> tuple[object, int]:
    """The results (in order, as they come) of decoding a triaged chunk's new inputs in batches,
    and how many batches; (None, 0) without a chunk."""
    if chunk is None:
        return None, 0
    batches = list(batched_by_bytes(chunk[0].new, parallel.slice_rows(), DECODE_BATCH_BYTES, _input_bytes))
    return parallel.iter_batches(decode, batches, parser), len(batches)


def _triaged_chunks(inputs, known: set[str]):
    """Each chunk of inputs, hashed and triaged against ``known`` (updated as it goes), with the
    number of its inputs that need no decoding."""
    for chunk in batched_by_bytes(inputs, INGEST_CHUNK, INGEST_CHUNK_BYTES, _input_bytes):
        triaged = triage(chunk, known)
        yield triaged, len(chunk) - len(triaged.new)


def _collect(results) -> list[DecodedBatch]:
    """A chunk's decoded batches, counted as they come."""
    batches = []
    for batch in results:
        batches.append(batch)
        progress.add_total("parse", batch.parsed["reports"].num_rows)
        progress.advance("parse", batch.parsed["reports"].num_rows)
        progress.advance("files", len(batch.decoded))
    return batches


def _store_last(con, run_id: str, results, n_batches: int, triaged: Triage, n_seen: int) -> LandingSummary:
    """Store the last chunk a part at a time (a transaction each), each part as soon as the workers
    hand back its batches, so this store overlaps their last batches; the chunk's sightings and
    unreadable inputs go with the last part, after every report they may name. Every part has the
    chunk's one landing stamp, as a chunk stored at once has (marts break ties by landing time)."""
    landed, pending, left, now = LandingSummary(), iter(results), n_batches, utcnow()
    while True:
        take = min(max(1, parallel.workers()), left)   # a batch for each worker: ~1/4 of a full chunk
        left -= take
        batches = _collect(islice(pending, take))
        part = Triage(new=[(d.report_id, d.source) for batch in batches for d in batch.decoded])
        last = left == 0
        if last:
            part.seen, part.errors = triaged.seen, triaged.errors
        landed.add(_store_chunk(con, run_id, batches, part, n_seen if last else 0, now))
        if last:
            return landed


def _store_chunk(con, run_id: str, batches: list[DecodedBatch], triaged, n_seen: int,
                 now: datetime | None = None) -> LandingSummary:
    landed = store(con, run_id, batches, triaged, now)
    progress.advance("files", n_seen)   # known and unreadable ones
    return landed


@contextmanager
def _work_on_dask():
    """Point fazhi.parallel (decoding and parsing) at the flow's Dask cluster."""
    if load_settings().task_runner != "dask":
        yield
        return
    from prefect.context import FlowRunContext

    runner = FlowRunContext.get().task_runner
    os.environ[DASK_SCHEDULER_ENV] = runner.client.scheduler.address
    try:
        yield
    finally:
        os.environ.pop(DASK_SCHEDULER_ENV, None)


@task(name="transform")
def transform(build: Path, full_refresh: bool, state: Path, cache_dir: Path | None) -> TransformResult:
    with _work_on_dask():
        return dbt_build(build, full_refresh=full_refresh, state=state, cache_dir=cache_dir)


@task(name="validate")
def validate(build: Path, run_id: str, settings: Settings) -> list[checks.CheckResult]:
    results = check_worker.check_run(build, run_id, docs_dir=report.data_docs_dir(settings.reports_dir, run_id))
    report.prune_data_docs(settings.reports_dir)
    return results


def classify_news(build: Path, summary: RunSummary) -> None:
    """Which failing rows are new, open, fixed or acknowledged (fazhi.news)."""
    summary.news = news.classify(build, summary.run_id)


def write_report(summary: RunSummary, settings: Settings, build: Path) -> Path:
    docs = report.data_docs_link(settings.reports_dir, summary.run_id)
    return report.write_report(summary, settings.reports_dir, docs, warehouse=build)


@task(name="send")
def send_report(summary: RunSummary, settings: Settings) -> mail.MailOutcome:
    if settings.mail_configured and not news.should_mail(settings.mail_when, summary.news):
        return mail.MailOutcome(f"not sent: nothing new (FAZHI_MAIL_WHEN={settings.mail_when})")
    return mail.send_report(settings, summary)


@contextmanager
def _timed(summary: RunSummary, step: str, published: Path | None = None):
    """Time a step; with ``published``, first write its name into the run's file (fazhi.journal)."""
    if published is not None:
        journal.step(published, summary.run_id, step)
    t = time.perf_counter()
    yield
    summary.timings[step] = round(time.perf_counter() - t, 3)


@contextmanager
def heartbeats_as_configured():
    """Run flows inside without Prefect's flow-run heartbeats, unless PREFECT_FLOWS_HEARTBEAT_FREQUENCY is set.

    Prefect 3 sends one every 180 s by default; they only feed an automation (one the user
    creates) that marks silent runs crashed, and fazhi keeps its own record of a run killed
    (fazhi.journal). Their thread is joined when the flow ends, as it wakes: up to 1 s of
    every run (0.4 s of a profiled +10 run).
    """
    if os.environ.get("PREFECT_FLOWS_HEARTBEAT_FREQUENCY"):
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _run_name() -> str:
    from prefect.runtime import flow_run
    return flow_run.parameters.get("run_id") or "fazhi"


@flow(name="fazhi-pipeline", flow_run_name=_run_name, log_prints=True, task_runner=_task_runner())
def pipeline(paths: list[str], warehouse: str | None = None, full_refresh: bool = False,
             trigger: str = "manual", run_id: str | None = None, remove: list[str] | None = None,
             remove_reason: str | None = None) -> RunSummary:
    """Land ``paths``, take out the reports ``remove`` names, build the models, check them,
    write the report, publish, then mail it.

    The run is on file (``fazhi.journal``) from its start: a run that fails, is
    interrupted or killed before publishing shows in ``fazhi status`` and is
    written into dq.runs by the next run; the published warehouse is not touched.
    """
    logger = get_run_logger()
    settings = load_settings(warehouse=warehouse)
    summary = RunSummary(run_id or new_run_id(), trigger, utcnow())
    with writer_lock(settings.warehouse):
        journal.start(settings.warehouse, summary.run_id, summary.trigger, summary.started_at)
        try:
            _build_and_publish(summary, settings, paths, full_refresh, remove, remove_reason)
        except BaseException as e:
            interrupted = lifecycle.stop_requested(e)
            summary.status = "interrupted" if interrupted else f"error: {first_line(e)}"
            summary.finished_at = utcnow()
            journal.stop(settings.warehouse, summary.run_id, summary.status, summary.finished_at)
            if not interrupted:
                logger.error("run %s failed, the published warehouse is unchanged: %s", summary.run_id, first_line(e))
            raise
        _mail_after_publishing(summary, settings, logger)
    logger.info("run %s: %s; report %s", summary.run_id, summary.verdict, summary.report_path)
    return summary


def _build_and_publish(summary: RunSummary, settings: Settings, paths: list[str], full_refresh: bool,
                       remove: list[str] | None = None, remove_reason: str | None = None) -> None:
    summary.code_fingerprint = code_fingerprint()   # before the code runs: a change meanwhile is not this build's
    with build_copy(settings.warehouse) as build:
        earlier = journal.fold_into(build, settings.warehouse, exclude=summary.run_id)
        with _timed(summary, "ingest", settings.warehouse):
            summary.landing = ingest(paths, build, summary.run_id, settings)
            if remove:
                mark_removed(build, remove, summary.run_id, summary.started_at, remove_reason)
        heavy = full_refresh or summary.landing.landed >= TRIM_AFTER_REPORTS
        if heavy:
            return_freed_memory()
        lifecycle.check_stop()
        with _timed(summary, "dbt", settings.warehouse):
            built = transform(build, full_refresh, settings.dbt_state, settings.cache_dir)
        if heavy:
            return_freed_memory()
        summary.dbt_tests_failed = built.tests_failed
        lifecycle.check_stop()
        with _timed(summary, "checks", settings.warehouse):
            summary.checks = validate(build, summary.run_id, settings)
            classify_news(build, summary)
        summary.reports_total, summary.facts = count_facts(build)
        summary.status = "failed checks" if summary.errors_failed else "ok"
        with _timed(summary, "report", settings.warehouse):
            summary.report_path = write_report(summary, settings, build)
        summary.mail_status = "pending" if settings.mail_configured else "not configured"
        summary.finished_at = utcnow()
        lifecycle.check_stop()   # a stop whose exception a library swallowed: still not published
        record_run(build, summary)
    journal.remove(settings.warehouse, [*earlier, summary.run_id])


def _mail_after_publishing(summary: RunSummary, settings: Settings, logger) -> None:
    """Mail the published run's report (within FAZHI_SMTP_TIMEOUT_S) and record the outcome.

    A slow mail server delays nothing the analysts see: the run is published first.
    """
    if not settings.mail_configured:
        return
    with _timed(summary, "mail"):
        outcome = send_report(summary, settings)
    summary.mail_status, summary.mail_error = outcome.status, outcome.error
    try:
        with build_copy(settings.warehouse) as build:
            record_mail(build, summary.run_id, outcome.status, outcome.error, summary.timings)
    except WarehouseError as e:
        logger.warning("run %s: mail %s, not recorded in dq.runs: %s", summary.run_id, outcome.status, e)


@flow(name="fazhi-ingest", task_runner=_task_runner())
def land_files(paths: list[str], warehouse: str | None = None) -> LandingSummary:
    """Land files in raw.* only; the next pipeline run builds and checks them."""
    settings = load_settings(warehouse=warehouse)
    run_id = new_run_id()
    with build_copy(settings.warehouse) as build:
        return ingest(paths, build, run_id, settings)
