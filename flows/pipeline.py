"""The main job as a Prefect flow: files -> raw -> dbt -> checks -> report -> mail.

A few coarse tasks (ingest, transform, validate, send) do the work; writing
the report is a plain call (a task costs ~0.2 s of bookkeeping). The logic
lives in the fazhi package. The whole run writes a working copy of
the warehouse that is published only when the models and checks have run (see
``fazhi.warehouse``). The CPU work inside (decoding files, parsing reports in
the dbt Python models) runs in batches through ``fazhi.parallel``: local
worker processes by default, or the flow's Dask cluster with
FAZHI_TASK_RUNNER=dask (a 2-worker local cluster, or FAZHI_DASK_ADDRESS).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner

from fazhi import checks, mail, news, parallel, report
from fazhi.config import Settings, load_settings
from fazhi.ingest.land import LandingSummary, decode, known_reports, store, triage
from fazhi.memory import return_freed_memory
from fazhi.parallel import DASK_SCHEDULER_ENV
from fazhi.ingest.sources import iter_inputs
from fazhi.runs import RunSummary, count_facts, new_run_id, record_run, utcnow
from fazhi.transform import TransformResult, dbt_build
from fazhi.warehouse import WarehouseBusy, build_copy


INGEST_CHUNK = 5000   # inputs held in memory at once
DECODE_BATCH = 250    # inputs per decoding batch
# Handing freed heap back to the OS costs ~0.8 s (a full gc and a heap walk);
# it only pays after steps that held hundreds of MB: big landings or re-parses.
TRIM_AFTER_REPORTS = 1000


def batched(items, size: int):
    """Lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _task_runner():
    settings = load_settings()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=4)


@task(name="ingest")
def ingest(paths: list[str], build: Path, run_id: str, max_bytes: int) -> LandingSummary:
    """Hash and triage inputs here, decode new ones in parallel batches, store them in turn."""
    summary, known = LandingSummary(), known_reports(build)
    with _work_on_dask():
        for chunk in batched(iter_inputs(paths, max_bytes), INGEST_CHUNK):
            triaged = triage(chunk, known)
            decoded = parallel.map_batches(decode, list(batched(triaged.new, DECODE_BATCH)))
            summary.add(store(build, run_id, [d for batch in decoded for d in batch], triaged))
    return summary


@contextmanager
def _work_on_dask():
    """Point fazhi.parallel (decoding, the dbt Python models) at the flow's Dask cluster."""
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
def transform(build: Path, full_refresh: bool) -> TransformResult:
    with _work_on_dask():
        return dbt_build(build, full_refresh=full_refresh)


@task(name="validate")
def validate(build: Path, run_id: str, settings: Settings) -> list[checks.CheckResult]:
    results = checks.validate(build, docs_dir=report.data_docs_dir(settings.reports_dir, run_id))
    report.prune_data_docs(settings.reports_dir)
    checks.store_results(build, run_id, results)
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
def _timed(summary: RunSummary, step: str):
    t = time.perf_counter()
    yield
    summary.timings[step] = round(time.perf_counter() - t, 3)


def _run_name() -> str:
    from prefect.runtime import flow_run
    return flow_run.parameters.get("run_id") or "fazhi"


@flow(name="fazhi-pipeline", flow_run_name=_run_name, log_prints=True, task_runner=_task_runner())
def pipeline(paths: list[str], warehouse: str | None = None, full_refresh: bool = False,
             trigger: str = "manual", run_id: str | None = None) -> RunSummary:
    """Land ``paths``, build the models, check them, write and mail the report."""
    logger = get_run_logger()
    settings = load_settings(warehouse=warehouse)
    summary = RunSummary(run_id or new_run_id(), trigger, utcnow())
    try:
        with build_copy(settings.warehouse) as build:
            with _timed(summary, "ingest"):
                summary.landing = ingest(paths, build, summary.run_id, int(settings.max_file_mb * 2**20))
            heavy = full_refresh or summary.landing.landed >= TRIM_AFTER_REPORTS
            if heavy:
                return_freed_memory()
            with _timed(summary, "dbt"):
                built = transform(build, full_refresh)
            if heavy:
                return_freed_memory()
            summary.dbt_tests_failed = built.tests_failed
            with _timed(summary, "checks"):
                summary.checks = validate(build, summary.run_id, settings)
                classify_news(build, summary)
            summary.reports_total, summary.facts = count_facts(build)
            summary.status = "failed checks" if summary.errors_failed else "ok"
            with _timed(summary, "report"):
                summary.report_path = write_report(summary, settings, build)
            with _timed(summary, "mail"):
                outcome = send_report(summary, settings)
            summary.mail_status, summary.mail_error = outcome.status, outcome.error
            summary.finished_at = utcnow()
            record_run(build, summary)
    except WarehouseBusy:
        raise
    except Exception as e:
        summary.status, summary.finished_at = f"error: {e}", utcnow()
        logger.error("run %s failed, the published warehouse is unchanged: %s", summary.run_id, e)
        with build_copy(settings.warehouse) as build:
            record_run(build, summary)
        raise
    logger.info("run %s: %s; report %s", summary.run_id, summary.verdict, summary.report_path)
    return summary


@flow(name="fazhi-ingest", task_runner=_task_runner())
def land_files(paths: list[str], warehouse: str | None = None) -> LandingSummary:
    """Land files in raw.* only; the next pipeline run builds and checks them."""
    settings = load_settings(warehouse=warehouse)
    run_id = new_run_id()
    with build_copy(settings.warehouse) as build:
        return ingest(paths, build, run_id, int(settings.max_file_mb * 2**20))
