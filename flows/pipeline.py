"""The main job as a Prefect flow: files -> raw -> dbt -> checks -> report -> mail.

Four coarse tasks do the work; the logic lives in the fazhi package. The whole
run writes a working copy of the warehouse that is published only when the
models and checks have run (see ``fazhi.warehouse``).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from prefect import flow, get_run_logger, task

from fazhi import checks, mail, report
from fazhi.config import Settings, load_settings
from fazhi.ingest.land import LandingSummary, land
from fazhi.ingest.sources import iter_inputs
from fazhi.runs import RunSummary, count_facts, new_run_id, record_run, utcnow
from fazhi.transform import TransformResult, dbt_build
from fazhi.warehouse import WarehouseBusy, build_copy


@task(name="ingest")
def ingest(paths: list[str], build: Path, run_id: str, max_bytes: int) -> LandingSummary:
    return land(iter_inputs(paths, max_bytes), build, run_id)


@task(name="transform")
def transform(build: Path, full_refresh: bool) -> TransformResult:
    return dbt_build(build, full_refresh=full_refresh)


@task(name="validate")
def validate(build: Path, run_id: str) -> list[checks.CheckResult]:
    results = checks.validate(build)
    checks.store_results(build, run_id, results)
    return results


@task(name="report")
def write_report(summary: RunSummary, settings: Settings) -> Path:
    return report.write_report(summary, settings.reports_dir)


@task(name="send")
def send_report(summary: RunSummary, settings: Settings) -> mail.MailOutcome:
    if not settings.mail_configured or summary.report_path is None:
        return mail.MailOutcome("not configured")
    msg = mail.build_message(
        settings, f"[fazhi] {summary.verdict}", report.render_text(summary),
        summary.report_path.read_text(encoding="utf-8"), summary.report_path,
    )
    return mail.send(settings, msg)


@contextmanager
def _timed(summary: RunSummary, step: str):
    t = time.perf_counter()
    yield
    summary.timings[step] = round(time.perf_counter() - t, 3)


def _run_name() -> str:
    from prefect.runtime import flow_run
    return flow_run.parameters.get("run_id") or "fazhi"


@flow(name="fazhi-pipeline", flow_run_name=_run_name, log_prints=True)
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
            with _timed(summary, "dbt"):
                built = transform(build, full_refresh)
            summary.dbt_tests_failed = built.tests_failed
            with _timed(summary, "checks"):
                summary.checks = validate(build, summary.run_id)
            summary.reports_total, summary.facts = count_facts(build)
            summary.status = "failed checks" if summary.errors_failed else "ok"
            with _timed(summary, "report"):
                summary.report_path = write_report(summary, settings)
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
