"""The main job as a Prefect flow: files -> raw -> dbt -> checks -> report -> mail.

A few coarse tasks (ingest, transform, validate, send) do the work; writing
the report is a plain call (a task costs ~0.2 s of bookkeeping). The ingest task is
``fazhi.flows.landing``'s; where the work runs, ``fazhi.flows.runners``. The logic
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
from pathlib import Path

from prefect import flow, get_run_logger, task

from fazhi import check_worker, checks, journal, lifecycle, mail, news, report
from fazhi.config import Settings, load_settings
from fazhi.fingerprint import code_fingerprint
from fazhi.flows.landing import ingest
from fazhi.flows.runners import task_runner, work_on_dask
from fazhi.ingest.land import LandingSummary
from fazhi.memory import return_freed_memory
from fazhi.removal import mark_removed
from fazhi.runs import RunSummary, count_facts, new_run_id, record_mail, record_run, utcnow
from fazhi.transform import TransformResult, dbt_build
from fazhi.warehouse import WarehouseError, build_copy, first_line, writer_lock

# Handing freed heap back to the OS costs ~0.8 s (a full gc and a heap walk);
# it only pays after steps that held hundreds of MB: big landings or re-parses.
TRIM_AFTER_REPORTS = 1000


@task(name="transform")
def transform(build: Path, full_refresh: bool, state: Path, cache_dir: Path | None) -> TransformResult:
    with work_on_dask():
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


@flow(name="fazhi-pipeline", flow_run_name=_run_name, log_prints=True, task_runner=task_runner())
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


@flow(name="fazhi-ingest", task_runner=task_runner())
def land_files(paths: list[str], warehouse: str | None = None) -> LandingSummary:
    """Land files in raw.* only; the next pipeline run builds and checks them."""
    settings = load_settings(warehouse=warehouse)
    run_id = new_run_id()
    with build_copy(settings.warehouse) as build:
        return ingest(paths, build, run_id, settings)
