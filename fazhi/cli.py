"""The ``fazhi`` command line: run the pipeline, and read the warehouse.

Commands that read open the published warehouse read-only, so they work while
a run is writing its working copy.
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from fazhi.export import ExportFormat
from fazhi.output import RowFormat, print_rows
from fazhi.targets import MissingPath, any_input, input_size, run_targets
from fazhi.config import SAMPLES_DIR, Settings, SettingsError, load_settings, prepare_environment

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="fazhi: a data warehouse for China's annual rule-of-law government reports.")
# Piped output (scripts, tests) gets full-width rows instead of a folded table.
console = Console(width=None if sys.stdout.isatty() else 400)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 400)

def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        console.print(f"fazhi {version('fazhi')}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    _version_: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                            help="Print fazhi's version and exit")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display; a run prints only its verdict")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also log what each step does (INFO)")] = False,
) -> None:
    """fazhi: a data warehouse for China's annual rule-of-law government reports."""
    _verbosity["quiet"], _verbosity["verbose"] = quiet, verbose
    _configure_logging(verbose)


_verbosity = {"quiet": False, "verbose": False}


def _configure_logging(verbose: bool) -> None:
    """One log format for fazhi and the libraries it drives: rich lines on stderr."""
    import logging

    from rich.logging import RichHandler

    handler = RichHandler(console=err, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s",
                        datefmt="[%X]", handlers=[handler], force=True)
    logging.getLogger("great_expectations").setLevel(logging.INFO if verbose else logging.WARNING)


WarehouseOpt = Annotated[Optional[Path], typer.Option(
    "--warehouse", "-w", envvar="FAZHI_WAREHOUSE", help="DuckDB file (default: warehouse/fazhi.duckdb)", show_default=False)]

DEMO_WAREHOUSE = "demo.duckdb"   # `fazhi demo` writes here, beside the configured warehouse

FACT_FIELDS = ("doc", "start", "end", "value", "unit", "kind", "qualifier", "metric", "subject", "action",
               "number_text", "respectively", "part_of", "report_id", "fact_id", "section", "sentence")


def _load(warehouse: Path | None = None) -> Settings:
    """The settings, checked: a bad value is one line and exit 2, before anything starts."""
    try:
        return load_settings(warehouse=warehouse)
    except SettingsError as e:
        err.print(f"invalid setting: {e}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def _settings(warehouse: Path | None) -> Settings:
    settings = _load(warehouse)
    prepare_environment(settings)
    return settings


def _read_only(settings: Settings):
    from fazhi.warehouse import open_reader

    if not settings.warehouse.exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/red]: run `fazhi run` first")
        raise typer.Exit(2)
    return open_reader(settings.warehouse)


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
    settings = _load(warehouse)
    try:
        targets = run_targets(paths, settings.inbox)
    except MissingPath as e:
        err.print(str(e), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if not any_input(targets) and (paths or not settings.warehouse.exists()):
        where = ", ".join(targets) or f"the inbox ({settings.inbox})"
        err.print(f"nothing to do: no report files in {where}; the warehouse is unchanged", markup=False)
        raise typer.Exit(0)
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
    settings = _load(warehouse or _load().warehouse_dir / DEMO_WAREHOUSE)
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

    settings = _load(warehouse)
    with _read_only(settings) as con:
        try:
            ids = resolve(con, reports)
        except UnknownReport as e:
            err.print(str(e), markup=False)
            raise typer.Exit(2)
    _run_pipeline(settings, [], remove=ids, reason=reason)
    console.print(f"removed {len(ids)} report(s): " + ", ".join(i[:12] for i in ids), markup=False)


def _run_pipeline(settings: Settings, targets: list[str], full_refresh: bool = False, fail_on_error: bool = False,
                  remove: list[str] | None = None, reason: str | None = None, may_skip: bool = False) -> None:
    """The flow over ``targets``; with ``may_skip``, first find out whether there is anything to do
    (``fazhi.nothing_new``) and start nothing when there is not."""
    prepare_environment(settings)
    from fazhi import progress
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
    if _verbosity["quiet"]:
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
    show = err.is_terminal and not _verbosity["quiet"]
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
    if _verbosity["quiet"]:
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


class FactsFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def facts(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[FactsFormat, typer.Option("--format", "-f", help="One JSON object a line, or CSV")] = FactsFormat.jsonl,
) -> None:
    """Every fact in the warehouse, one per line (the input format of score.py)."""
    with _read_only(_settings(warehouse)) as con:
        cur = con.execute("""
            select doc, start_offset, end_offset, value, unit, kind, qualifier, metric, subject, action,
                   number_text, respectively, part_of_fact_id, report_id, fact_id, section_path, sentence_text
            from fct_facts order by doc, start_offset, fact_id""")
        rows = cur.fetchall()
    if fmt is FactsFormat.csv:
        w = csv.writer(sys.stdout)
        w.writerow(FACT_FIELDS)
        w.writerows(rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(FACT_FIELDS, row)), ensure_ascii=False) + "\n")


FormatOpt = Annotated[RowFormat, typer.Option("--format", "-f", help="table for people; csv or json (one object a line) for scripts")]


@app.command()
def reports(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[FactsFormat, typer.Option("--format", "-f", help="One JSON object a line, or CSV")] = FactsFormat.jsonl,
) -> None:
    """Every report, one per line: doc, issuer, region (GB/T 2260 code), year … (score_metadata.py's input)."""
    from fazhi.listing import REPORT_FIELDS, report_rows, write_rows

    with _read_only(_settings(warehouse)) as con:
        rows = report_rows(con)
    write_rows(REPORT_FIELDS, rows, fmt.value, sys.stdout)


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query", show_default=False)], warehouse: WarehouseOpt = None,
        fmt: FormatOpt = RowFormat.table) -> None:
    """Run a query on the warehouse, read-only, and print the rows."""
    import duckdb

    from fazhi.warehouse import first_line

    with _read_only(_settings(warehouse)) as con:
        try:
            cur = con.execute(query)
        except (duckdb.PermissionException, duckdb.InvalidInputException) as e:
            err.print("refused: fazhi sql is read-only: no files, databases, extensions or settings "
                      f"beyond the warehouse ({first_line(e)})", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        except duckdb.Error as e:
            err.print(first_line(e), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall() if columns else []
    print_rows(console, columns, rows, fmt)


@app.command()
def status(warehouse: WarehouseOpt = None,
           last: Annotated[int, typer.Option("--last", help="How many runs")] = 10,
           fmt: FormatOpt = RowFormat.table) -> None:
    """The last runs recorded in the warehouse."""
    from fazhi import journal

    settings = _settings(warehouse)
    with _read_only(settings) as con:
        cur = con.execute("""
            select run_id, trigger, started_at, finished_at, status, files_landed, files_skipped, files_failed,
                   facts, errors_failed, warnings_failed, mail_status, mail_error
            from dq.runs order by started_at desc limit ?""", [last])
        columns, rows = [d[0] for d in cur.description], cur.fetchall()
        recorded = {r[0] for r in con.execute("select run_id from dq.runs").fetchall()}
    # Runs not published (yet): running, or stopped early (interrupted, error, abandoned)
    rows = sorted(rows + journal.status_rows(settings.warehouse, recorded), key=lambda r: r[2], reverse=True)[:last]
    if fmt is not RowFormat.table:
        print_rows(console, columns, rows, fmt)
        return
    t = Table("run", "trigger", "started (UTC)", "seconds", "status", "landed", "skipped", "failed",
              "facts", "errors", "warnings", "mail")
    for r in rows:
        secs = f"{(r[3] - r[2]).total_seconds():.1f}" if r[3] else ""
        mail = r[11] + (f": {r[12]}" if r[12] else "")
        t.add_row(r[0], r[1], f"{r[2]:%Y-%m-%d %H:%M:%S}", secs, r[4], *("" if v is None else str(v) for v in r[5:11]), mail)
    console.print(t)


@app.command()
def serve(warehouse: WarehouseOpt = None) -> None:
    """Run the pipeline on a schedule (FAZHI_CRON, FAZHI_TIMEZONE) over the inbox (FAZHI_INBOX).

    Starts and supervises a local Prefect server on 127.0.0.1 unless
    PREFECT_API_URL points at one; Ctrl-C or SIGTERM stops both.
    """
    settings = _settings(warehouse)
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
    settings = _settings(warehouse)
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


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the files into", show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (UTF-8 with BOM, for Excel), "
                                              "xlsx (one sheet per mart, Chinese headers) or parquet")] = ExportFormat.csv,
    warehouse: WarehouseOpt = None,
) -> None:
    """Write the marts (and the wide fct_report_metrics) as files for Excel and BI tools."""
    import duckdb

    from fazhi.export import export as write_files

    settings = _settings(warehouse)
    _read_only(settings).close()  # one-line errors for a missing or damaged warehouse
    # Writing files needs external access, which read-only connections refuse: this one is
    # read-only all the same, and target paths go in as parameters, never as SQL text.
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        for path in write_files(con, out_dir, fmt):
            console.print(str(path), soft_wrap=True, markup=False, highlight=False)


@app.command()
def docs(
    warehouse: WarehouseOpt = None,
    serve_site: Annotated[bool, typer.Option("--serve", help="Serve the site on 127.0.0.1 after generating it")] = False,
    port: int = 8080,
) -> None:
    """Generate the dbt docs site (every model and column described in Chinese and English)."""
    settings = _settings(warehouse)
    from fazhi.transform import dbt_docs

    if not settings.warehouse.exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/red]: run `fazhi run` first")
        raise typer.Exit(2)
    site = dbt_docs(settings.warehouse, settings.warehouse_dir / "docs")
    console.print(f"docs: {site}")
    if serve_site:
        import functools
        import http.server

        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.parent))
        with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
            console.print(f"serving on http://127.0.0.1:{port}/ (Ctrl-C stops)")
            try:
                httpd.serve_forever()
            except KeyboardInterrupt:
                pass


CHECK_FIELDS = ("doc", "report_id", "check", "severity", "metric", "span_start", "span_end", "sentence",
                "status", "key")


@app.command()
def checks(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    run_id: Annotated[Optional[str], typer.Option("--run", help="Run id [default: the latest checked run]")] = None,
) -> None:
    """A run's failing rows, one per line, with status new/open/acked, then the rows it fixed."""
    from fazhi.listing import write_rows
    from fazhi.news import status_rows

    if fmt not in ("jsonl", "csv"):
        err.print("--format must be jsonl or csv")
        raise typer.Exit(2)
    with _read_only(_settings(warehouse)) as con:
        run_id = run_id or con.execute("select max(run_id) from dq.check_results").fetchone()[0]
        rows = status_rows(con, run_id) if run_id else []
    write_rows(CHECK_FIELDS, ([r[f] for f in CHECK_FIELDS] for r in rows), fmt, sys.stdout)


@app.command()
def ack(
    key: Annotated[str, typer.Argument(help="A failing row's key (`fazhi checks`)")],
    note: Annotated[Optional[str], typer.Option("--note", help="Why it is known or accepted")] = None,
    warehouse: WarehouseOpt = None,
) -> None:
    """Acknowledge a known failure: kept in dq.acks, it is no longer counted new or mailed."""
    from fazhi.news import UnknownKey
    from fazhi.news import ack as acknowledge
    from fazhi.warehouse import WarehouseBusy, build_copy

    settings = _settings(warehouse)
    try:
        with build_copy(settings.warehouse) as build:
            acknowledge(build, key, note)
    except UnknownKey as e:
        err.print(str(e), markup=False)
        raise typer.Exit(2)
    except WarehouseBusy as e:
        err.print(str(e), markup=False)
        raise typer.Exit(3)
    console.print(f"acknowledged {key}", markup=False)


@app.command()
def report(
    warehouse: WarehouseOpt = None,
    run_id: Annotated[Optional[str], typer.Option("--run", help="Run id (see `fazhi status`) (default: the latest run)")] = None,
    email: Annotated[bool, typer.Option("--email", help="Mail the report again and record the outcome")] = False,
) -> None:
    """Print the path of a run's HTML report; with --email, mail it again (FAZHI_SMTP_*, FAZHI_MAIL_TO)."""
    settings = _settings(warehouse)
    from fazhi import mail
    from fazhi.report import ensure_report
    from fazhi.runs import RunNotFound, load_run
    from fazhi.warehouse import WarehouseBusy

    if not settings.warehouse.exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/red]: run `fazhi run` first")
        raise typer.Exit(2)
    if email and not settings.mail_configured:
        err.print("[red]mail is not configured[/red]: set FAZHI_SMTP_HOST and FAZHI_MAIL_TO")
        raise typer.Exit(2)
    try:
        if email:
            summary, outcome = mail.resend(settings, run_id)
        else:
            summary = load_run(settings.warehouse, run_id)
            ensure_report(summary, settings.reports_dir)
    except RunNotFound as e:
        err.print(str(e), markup=False)
        raise typer.Exit(2)
    except WarehouseBusy as e:
        err.print(str(e), markup=False)
        raise typer.Exit(3)
    console.print(str(summary.report_path), soft_wrap=True, markup=False, highlight=False)
    if email:
        console.print(f"mail {outcome.status}" + (f" ({outcome.error})" if outcome.error else "")
                      + f": {summary.run_id}: {summary.verdict}", soft_wrap=True, markup=False, highlight=False)
        if outcome.status != "sent":
            raise typer.Exit(1)


@app.command()
def config(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json")] = RowFormat.table,
) -> None:
    """The effective settings (defaults, [tool.fazhi], FAZHI_* env), secrets masked."""
    settings = _load(warehouse)
    rows = [(f"FAZHI_{name.upper()}", "" if value is None else
             ",".join(value) if isinstance(value, tuple) else str(value)) for name, value in settings.masked().items()]
    print_rows(console, ["setting", "value"], rows, fmt)


def main() -> None:
    """The ``fazhi`` entry point: every error is one line and an exit code; ``--debug`` (anywhere
    on the command line) shows the traceback instead."""
    from fazhi.errors import run_cli

    run_cli(app, err)


if __name__ == "__main__":
    main()
