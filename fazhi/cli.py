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
    from fazhi.warehouse import connect

    if not settings.warehouse.exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/red]: run `fazhi run` first")
        raise typer.Exit(2)
    return connect(settings.warehouse, read_only=True)


@app.command()
def run(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Report files or folders [default: the sample reports]")] = None,
    warehouse: WarehouseOpt = None,
    full_refresh: Annotated[bool, typer.Option("--full-refresh", help="Re-parse every report")] = False,
    fail_on_error: Annotated[bool, typer.Option("--fail-on-error", help="Exit 1 when an error-level check fails")] = False,
) -> None:
    """Land report files, build the models, check them, write (and mail) the report."""
    settings = _settings(warehouse)
    from fazhi.warmup import warm_up
    from fazhi.warehouse import WarehouseBusy

    targets = [str(p) for p in (paths or [SAMPLES_DIR])]
    warm_up(settings.prefect_home, expect_bytes=_input_bytes(targets))
    from flows.pipeline import pipeline

    try:
        summary = pipeline(targets, warehouse=str(settings.warehouse), full_refresh=full_refresh)
    except WarehouseBusy as e:
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(3)
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
def reports(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
) -> None:
    """Every report, one per line: doc, issuer, region (GB/T 2260 code), year … (score_metadata.py's input)."""
    from fazhi.listing import REPORT_FIELDS, report_rows, write_rows

    if fmt not in ("jsonl", "csv"):
        err.print("--format must be jsonl or csv")
        raise typer.Exit(2)
    with _read_only(_settings(warehouse)) as con:
        rows = report_rows(con)
    write_rows(REPORT_FIELDS, rows, fmt, sys.stdout)


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query")], warehouse: WarehouseOpt = None) -> None:
    """Run a query on the warehouse, read-only, and print a table."""
    import duckdb

    with _read_only(_settings(warehouse)) as con:
        try:
            cur = con.execute(query)
        except duckdb.Error as e:
            err.print(f"[red]{e}[/red]")
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
    with _read_only(_settings(warehouse)) as con:
        rows = con.execute("""
            select run_id, trigger, started_at, finished_at, status, files_landed, files_skipped, files_failed,
                   facts, errors_failed, warnings_failed, mail_status, mail_error
            from dq.runs order by started_at desc limit ?""", [last]).fetchall()
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
    from flows.pipeline import land_files

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


EXPORT_TABLES = ("dim_reports", "fct_report_metrics", "fct_region_metrics", "fct_facts", "fct_cases", "fct_rates",
                 "fct_counts")


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
    out_dir.mkdir(parents=True, exist_ok=True)
    options = "format parquet" if fmt == "parquet" else "format csv, header true"
    with _read_only(_settings(warehouse)) as con:
        for table in EXPORT_TABLES:
            target = (out_dir / f"{table}.{fmt}").absolute()
            con.execute(f"copy (select * from {table}) to '{target}' ({options})")
            console.print(f"{target}")


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


if __name__ == "__main__":
    app()
