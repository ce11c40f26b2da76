"""The ``fazhi`` commands about the checks: a run's failing rows (checks), acknowledging one
(ack), and a run's HTML data-quality report, mailed again on demand (report).
"""
from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from fazhi.cli.common import (WarehouseOpt, app, console, err, exit_with, open_read_only, prepared_settings,
                              require_warehouse)

CHECK_FIELDS = ("doc", "report_id", "check", "severity", "metric", "span_start", "span_end", "sentence",
                "status", "key")


@app.command()
def checks(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    run_id: Annotated[Optional[str], typer.Option("--run", help="Run id (default: the latest checked run)")] = None,
) -> None:
    """A run's failing rows, one per line, with status new/open/acked, then the rows it fixed."""
    from fazhi.listing import write_rows
    from fazhi.news import status_rows

    if fmt not in ("jsonl", "csv"):
        exit_with("--format must be jsonl or csv", 2)
    with open_read_only(prepared_settings(warehouse)) as con:
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

    settings = prepared_settings(warehouse)
    try:
        with build_copy(settings.warehouse) as build:
            acknowledge(build, key, note)
    except UnknownKey as e:
        exit_with(e, 2)
    except WarehouseBusy as e:
        exit_with(e, 3)
    console.print(f"acknowledged {key}", markup=False)


@app.command()
def report(
    warehouse: WarehouseOpt = None,
    run_id: Annotated[Optional[str], typer.Option("--run", help="Run id (see `fazhi status`) (default: the latest run)")] = None,
    email: Annotated[bool, typer.Option("--email", help="Mail the report again and record the outcome")] = False,
) -> None:
    """Print the path of a run's HTML report; with --email, mail it again (FAZHI_SMTP_*, FAZHI_MAIL_TO)."""
    settings = prepared_settings(warehouse)
    from fazhi import mail
    from fazhi.report import ensure_report
    from fazhi.runs import RunNotFound, load_run
    from fazhi.warehouse import WarehouseBusy

    require_warehouse(settings)
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
        exit_with(e, 2)
    except WarehouseBusy as e:
        exit_with(e, 3)
    console.print(str(summary.report_path), soft_wrap=True, markup=False, highlight=False)
    if email:
        console.print(f"mail {outcome.status}" + (f" ({outcome.error})" if outcome.error else "")
                      + f": {summary.run_id}: {summary.verdict}", soft_wrap=True, markup=False, highlight=False)
        if outcome.status != "sent":
            raise typer.Exit(1)
