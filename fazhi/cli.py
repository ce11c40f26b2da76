"""The ``fazhi`` command line: run the pipeline, and read the warehouse.

Commands that read open the published warehouse read-only, so they work while
a run is writing its working copy.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from fazhi.config import SAMPLES_DIR, Settings, load_settings, prepare_environment

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="fazhi: a data warehouse for China's annual rule-of-law government reports.")
# Piped output (scripts, tests) gets full-width rows instead of a folded table.
console = Console(width=None if sys.stdout.isatty() else 400)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 400)

WarehouseOpt = Annotated[Optional[Path], typer.Option(
    "--warehouse", "-w", envvar="FAZHI_WAREHOUSE", help="DuckDB file [default: warehouse/fazhi.duckdb]")]

FACT_FIELDS = ("doc", "start", "end", "value", "unit", "kind", "qualifier", "metric", "subject", "action",
               "number_text", "respectively", "part_of", "report_id", "fact_id", "section", "sentence")


def _settings(warehouse: Path | None) -> Settings:
    settings = load_settings(warehouse=warehouse)
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
        help="Report files, folders, .zip archives or http(s) URLs [default: the sample reports]")] = None,
    warehouse: WarehouseOpt = None,
    full_refresh: Annotated[bool, typer.Option("--full-refresh", help="Re-parse every report")] = False,
    fail_on_error: Annotated[bool, typer.Option("--fail-on-error", help="Exit 1 when an error-level check fails")] = False,
) -> None:
    """Land report files, build the models, check them, write (and mail) the report."""
    settings = _settings(warehouse)
    from fazhi.lifecycle import quiet_interrupts
    from fazhi.warehouse import writer_lock
    from fazhi.warmup import warm_up

    targets = [str(p) for p in (paths or [SAMPLES_DIR])]
    with writer_lock(settings.warehouse), quiet_interrupts():  # a second writer stops here, before any start-up
        warm_up(settings.prefect_home, expect_bytes=_input_bytes(targets))
        from fazhi.errors import quiet_flow_errors
        from flows.pipeline import pipeline

        quiet_flow_errors()
        summary = pipeline(targets, warehouse=str(settings.warehouse), full_refresh=full_refresh)
    _print_summary(summary)
    if fail_on_error and summary.errors_failed:
        raise typer.Exit(1)


def _input_bytes(targets: list[str]) -> int:
    """Rough size of the local inputs (to decide whether to start worker processes early)."""
    total = 0
    for target in targets:
        path = Path(target)
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(e.stat().st_size for e in path.rglob("*") if e.is_file())
    return total


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
def facts(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
) -> None:
    """Every fact in the warehouse, one per line (the input format of score.py)."""
    if fmt not in ("jsonl", "csv"):
        err.print("--format must be jsonl or csv")
        raise typer.Exit(2)
    with _read_only(_settings(warehouse)) as con:
        cur = con.execute("""
            select doc, start_offset, end_offset, value, unit, kind, qualifier, metric, subject, action,
                   number_text, respectively, part_of_fact_id, report_id, fact_id, section_path, sentence_text
            from fct_facts order by doc, start_offset, fact_id""")
        rows = cur.fetchall()
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(FACT_FIELDS)
        w.writerows(rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(FACT_FIELDS, row)), ensure_ascii=False) + "\n")


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query")], warehouse: WarehouseOpt = None) -> None:
    """Run a query on the warehouse, read-only, and print a table."""
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
    t = Table(*columns)
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    console.print(t)


@app.command()
def status(warehouse: WarehouseOpt = None, last: int = 10) -> None:
    """The last runs recorded in the warehouse."""
    from fazhi import journal

    settings = _settings(warehouse)
    with _read_only(settings) as con:
        rows = con.execute("""
            select run_id, trigger, started_at, finished_at, status, files_landed, files_skipped, files_failed,
                   facts, errors_failed, warnings_failed, mail_status, mail_error
            from dq.runs order by started_at desc limit ?""", [last]).fetchall()
        recorded = {r[0] for r in con.execute("select run_id from dq.runs").fetchall()}
    # Runs not published (yet): running, or stopped early (interrupted, error, abandoned)
    rows = sorted(rows + journal.status_rows(settings.warehouse, recorded), key=lambda r: r[2], reverse=True)[:last]
    t = Table("run", "trigger", "started (UTC)", "seconds", "status", "landed", "skipped", "failed",
              "facts", "errors", "warnings", "mail")
    for r in rows:
        secs = f"{(r[3] - r[2]).total_seconds():.1f}" if r[3] else ""
        mail = r[11] + (f": {r[12]}" if r[12] else "")
        t.add_row(r[0], r[1], f"{r[2]:%Y-%m-%d %H:%M:%S}", secs, r[4], *(str(v) for v in r[5:11]), mail)
    console.print(t)


@app.command()
def serve(warehouse: WarehouseOpt = None) -> None:
    """Run the pipeline on a schedule (FAZHI_CRON, FAZHI_TIMEZONE) over the inbox (FAZHI_INBOX).

    Starts and supervises a local Prefect server on 127.0.0.1 unless
    PREFECT_API_URL points at one; Ctrl-C or SIGTERM stops both.
    """
    settings = _settings(warehouse)
    from flows.schedule import serve_pipeline

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
        from flows.pipeline import land_files

        quiet_flow_errors()
        summary = land_files(paths, warehouse=str(settings.warehouse))
    console.print(f"landed {summary.landed}, skipped {summary.skipped}, failed {summary.failed} (of {summary.seen})")
    for e in summary.errors:
        err.print(f"  {e.location}: {e.stage}: {e.reason}")


@app.command()
def synth(
    reports: Annotated[int, typer.Option("--reports", "-n", help="How many reports")] = 100,
    out: Annotated[Path, typer.Option("--out", help="Folder for reports/, gold/, texts/, manifest.jsonl")] = Path("synth"),
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same bytes")] = 0,
    contradictions: Annotated[float, typer.Option(help="Share of reports with a planted contradiction")] = 0.03,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Write the true facts (score.py's gold format)")] = True,
) -> None:
    """Write a realistic synthetic corpus with its true facts (for benchmarks and accuracy)."""
    from fazhi.synth import generate

    summary = generate(reports, out, seed, contradictions=contradictions, gold=gold)
    console.print_json(data={k: (str(v) if isinstance(v, Path) else v) for k, v in summary.items()})


EXPORT_TABLES = ("dim_reports", "fct_report_metrics", "fct_facts", "fct_cases", "fct_rates", "fct_counts")


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write one file per mart into")],
    fmt: Annotated[str, typer.Option("--format", help="parquet or csv")] = "parquet",
    warehouse: WarehouseOpt = None,
) -> None:
    """Write the marts (and the wide fct_report_metrics) as Parquet or CSV files for Excel/BI."""
    if fmt not in ("parquet", "csv"):
        err.print("--format must be parquet or csv")
        raise typer.Exit(2)
    import duckdb

    out_dir.mkdir(parents=True, exist_ok=True)
    options = "format parquet" if fmt == "parquet" else "format csv, header true"
    settings = _settings(warehouse)
    _read_only(settings).close()  # one-line errors for a missing or damaged warehouse
    # Writing files needs external access, which read-only connections refuse: this one is
    # read-only all the same, and the target path goes in as a parameter, never as SQL text.
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        for table in EXPORT_TABLES:
            target = (out_dir / f"{table}.{fmt}").absolute()
            con.execute(f"copy (select * from {table}) to $target ({options})", {"target": str(target)})
            console.print(str(target), markup=False, highlight=False, soft_wrap=True)


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


@app.command()
def report(
    warehouse: WarehouseOpt = None,
    run_id: Annotated[Optional[str], typer.Option("--run", help="Run id (see `fazhi status`) [default: the latest run]")] = None,
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


def main() -> None:
    """The ``fazhi`` entry point: every error is one line and an exit code; ``--debug`` (anywhere
    on the command line) shows the traceback instead."""
    from fazhi.errors import run_cli

    run_cli(app, err)


if __name__ == "__main__":
    main()
