"""The ``fazhi`` commands that land reports and build the warehouse: run, demo, remove, serve,
ingest, and synth (a synthetic corpus to run them on).

A run first asks whether there is anything to do (``fazhi.nothing_new``) and starts nothing
when there is not; otherwise it launches the temporary Prefect API, warms dbt and GX up
(``fazhi.warmup``) and runs the flow (``fazhi.flows.pipeline``), then prints its summary.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from fazhi.cli.common import (WarehouseOpt, app, checked_settings, console, err, exit_with, open_read_only,
                              prepared_settings, verbosity)
from fazhi.config import SAMPLES_DIR, Settings, prepare_environment
from fazhi.targets import MissingPath, any_input, input_size, run_targets

DEMO_WAREHOUSE = "demo.duckdb"   # `fazhi demo` writes here, beside the configured warehouse


@app.command()
def run(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Report files, folders, .zip archives or http(s) URLs (default: the inbox, FAZHI_INBOX)",
        show_default=False)] = None,
    warehouse: WarehouseOpt = None,
    full_refresh: Annotated[bool, typer.Option("--full-refresh", help="Re-parse every report")] = False,
    fail_on_error: Annotated[bool, typer.Option("--fail-on-error", help="Exit 1 when an error-level check fails")] = False,
) -> None:
    """Land report files, build the models, check them, write (and mail) the report.

    Without PATH it lands the inbox (FAZHI_INBOX) and rebuilds what has landed;
    it never lands the sample reports (that is `fazhi demo`).
    """
    settings = checked_settings(warehouse)
    try:
        targets = run_targets(paths, settings.inbox)
    except MissingPath as e:
        exit_with(e, 2)
    if not any_input(targets) and (paths or not settings.warehouse.exists()):
        where = ", ".join(targets) or f"the inbox ({settings.inbox})"
        exit_with(f"nothing to do: no report files in {where}; the warehouse is unchanged", 0)
    _run_pipeline(settings, targets, full_refresh=full_refresh, fail_on_error=fail_on_error, may_skip=True)


@app.command()
def demo(
    warehouse: Annotated[Optional[Path], typer.Option(
        "--warehouse", "-w", help="DuckDB file (default: demo.duckdb beside FAZHI_WAREHOUSE)",
        show_default=False)] = None,
) -> None:
    """Run the pipeline on the four fictional sample reports, into a warehouse of their own.

    One sample contradicts itself on purpose (办结 71 > 受理 64), so the report
    shows a failing check. The demo never lands in the real warehouse.
    """
    settings = checked_settings(warehouse or checked_settings().warehouse_dir / DEMO_WAREHOUSE)
    _run_pipeline(settings, [str(SAMPLES_DIR)])


@app.command()
def remove(
    reports: Annotated[list[str], typer.Argument(help="File names (doc) or report ids (or their first 8+ characters)",
                                                 show_default=False)],
    warehouse: WarehouseOpt = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why, kept in raw.report_removals",
                                                  show_default=False)] = None,
) -> None:
    """Take reports out of the marts and rebuild; raw.* keeps them, marked in raw.report_removals."""
    from fazhi.removal import UnknownReport, resolve

    settings = checked_settings(warehouse)
    with open_read_only(settings) as con:
        try:
            ids = resolve(con, reports)
        except UnknownReport as e:
            exit_with(e, 2)
    _run_pipeline(settings, [], remove=ids, reason=reason)
    console.print(f"removed {len(ids)} report(s): " + ", ".join(i[:12] for i in ids), markup=False)


def _run_pipeline(settings: Settings, targets: list[str], full_refresh: bool = False, fail_on_error: bool = False,
                  remove: list[str] | None = None, reason: str | None = None, may_skip: bool = False) -> None:
    """The flow over ``targets``; with ``may_skip``, first find out whether there is anything to do
    (``fazhi.nothing_new``) and start nothing when there is not."""
    prepare_environment(settings)
    from fazhi.lifecycle import quiet_interrupts
    from fazhi.warehouse import writer_lock

    from fazhi.run_ids import utcnow

    started_at = utcnow()
    # a second writer stops at the lock, before any start-up; Ctrl-C is one line
    with writer_lock(settings.warehouse), quiet_interrupts():
        if may_skip and not remove:
            from fazhi.nothing_new import nothing_new

            found = nothing_new(settings, targets, full_refresh=full_refresh)
            if found is not None:
                _skip(settings, found, started_at, fail_on_error)
                return
        _run_flow(settings, targets, full_refresh, fail_on_error, remove, reason)


def _skip(settings: Settings, found, started_at, fail_on_error: bool) -> None:
    """Nothing to do: put the run on file (fazhi.journal), say so like a run's summary, mail nothing."""
    from fazhi import journal
    from fazhi.nothing_new import STATUS
    from fazhi.run_ids import new_run_id, utcnow

    run_id = new_run_id()
    mail_status = "not sent: nothing new" if settings.mail_configured else "not configured"
    journal.finished(settings.warehouse, run_id, "manual", started_at, utcnow(), STATUS, files_seen=found.files,
                     files_landed=0, files_skipped=found.landed, files_failed=found.known_failures,
                     reports=found.reports, mail_status=mail_status)
    failed = f", {found.known_failures} failed before (raw.ingest_errors)" if found.known_failures else ""
    checks = f"{found.errors_failed} error(s), {found.warnings_failed} warning(s) failing"
    if verbosity["quiet"]:
        console.print(f"{run_id}: {STATUS}; report {found.report_path}", soft_wrap=True, markup=False,
                      highlight=False)
    else:
        console.print(f"fazhi run {run_id}: {STATUS}: {found.landed} files already landed, 0 new{failed}; "
                      f"the warehouse is as run {found.built_by} left it ({found.reports} reports, {checks}); "
                      f"mail {mail_status}\nreport {found.report_path}", soft_wrap=True, markup=False,
                      highlight=False)
    if fail_on_error and found.errors_failed:
        raise typer.Exit(1)


def _run_flow(settings: Settings, targets: list[str], full_refresh: bool, fail_on_error: bool,
              remove: list[str] | None, reason: str | None) -> None:
    from fazhi import progress, standby
    from fazhi.warmup import launch_api, warm_up

    launch_api(settings.prefect_home, settings.cache_dir)   # first: the start-up waits for it longest
    files, size = input_size(targets)
    show = err.is_terminal and not verbosity["quiet"]
    with progress.use(progress.RichReporter(err) if show else progress.Reporter()):
        progress.add("start", "starting (Prefect, dbt, GX)")
        standby.prepare(settings.warehouse)   # the run's working copy, made while the rest starts up
        warm_up(settings.prefect_home, expect_bytes=size, cache_dir=settings.cache_dir, dbt_state=settings.dbt_state,
                check_apart=True)   # GX in a process of its own: this one is busy until the checks
        from fazhi.errors import quiet_flow_errors
        from fazhi.flows.pipeline import heartbeats_as_configured, pipeline

        quiet_flow_errors()
        progress.done("start")
        progress.add("files", "files landed", total=files)
        with heartbeats_as_configured():
            summary = pipeline(targets, warehouse=str(settings.warehouse), full_refresh=full_refresh,
                               remove=remove, remove_reason=reason)
    if verbosity["quiet"]:
        console.print(f"{summary.run_id}: {summary.verdict}; report {summary.report_path}",
                      soft_wrap=True, markup=False, highlight=False)
    else:
        _print_summary(summary)
    if fail_on_error and summary.errors_failed:
        raise typer.Exit(1)


def _print_summary(s) -> None:
    t = Table(title=f"fazhi run {s.run_id}: {s.verdict}", show_header=False)
    l = s.landing
    t.add_row("reports", f"landed {l.landed}, skipped {l.skipped}, failed {l.failed} (of {l.seen} files); "
                         f"{s.reports_total} in the warehouse")
    t.add_row("facts", ", ".join(f"{k} {v}" for k, v in s.facts.items()))
    t.add_row("checks", f"passed {s.checks_passed}, failed {s.errors_failed} error / {s.warnings_failed} warning")
    for c in s.checks:
        if not c.success:
            t.add_row(f"  {c.severity}", f"{c.check_name}: {c.rows_failing} row(s)")
    for e in l.errors:
        t.add_row("  ingest error", f"{e.location}: {e.stage}: {e.reason}")
    t.add_row("seconds", ", ".join(f"{k} {v:.1f}" for k, v in s.timings.items()))
    t.add_row("report", str(s.report_path))
    t.add_row("mail", s.mail_status + (f" ({s.mail_error})" if s.mail_error else ""))
    console.print(t)


@app.command()
def serve(warehouse: WarehouseOpt = None) -> None:
    """Run the pipeline on a schedule (FAZHI_CRON, FAZHI_TIMEZONE) over the inbox (FAZHI_INBOX).

    Starts and supervises a local Prefect server on 127.0.0.1 unless
    PREFECT_API_URL points at one; Ctrl-C or SIGTERM stops both.
    """
    settings = prepared_settings(warehouse)
    from fazhi.flows.schedule import serve_pipeline

    try:
        serve_pipeline(settings)
    except KeyboardInterrupt:
        err.print("stopped")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .zip archives or http(s) URLs")],
    warehouse: WarehouseOpt = None,
) -> None:
    """Land report files in raw.* only (no models, no checks); `fazhi run` builds them."""
    settings = prepared_settings(warehouse)
    from fazhi.lifecycle import quiet_interrupts
    from fazhi.warehouse import writer_lock

    with writer_lock(settings.warehouse), quiet_interrupts():  # a busy warehouse: one line, before start-up
        from fazhi.errors import quiet_flow_errors
        from fazhi.flows.pipeline import land_files

        quiet_flow_errors()
        summary = land_files(paths, warehouse=str(settings.warehouse))
    console.print(f"landed {summary.landed}, skipped {summary.skipped}, failed {summary.failed} (of {summary.seen})")
    for e in summary.errors:
        err.print(f"  {e.location}: {e.stage}: {e.reason}")


@app.command()
def synth(
    reports: Annotated[int, typer.Option("--reports", "-n", help="How many reports")] = 100,
    out: Annotated[Path, typer.Option("--out", help="Folder for the reports alone; gold/, texts/ and manifest.jsonl go to OUT-truth/ beside it")] = Path("synth"),
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same bytes")] = 0,
    contradictions: Annotated[float, typer.Option(help="Share of reports with a planted contradiction")] = 0.03,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Write the true facts (score.py's gold format)")] = True,
    redraw: Annotated[float, typer.Option(help="Share of reports whose numbers are drawn again at random "
                                          "(most then contradict themselves; they get no gold)")] = 0.0,
) -> None:
    """Write a realistic synthetic corpus with its true facts (for benchmarks and accuracy)."""
    from fazhi.synth import generate

    summary = generate(reports, out, seed, contradictions=contradictions, gold=gold, redraw=redraw)
    console.print_json(data={k: (str(v) if isinstance(v, Path) else v) for k, v in summary.items()})
