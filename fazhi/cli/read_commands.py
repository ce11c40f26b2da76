"""The ``fazhi`` commands that read the published warehouse: facts, reports, sql, status, export,
docs and config. They open it read-only, so they work while a run writes its working copy.
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fazhi.cli.common import (WarehouseOpt, app, checked_settings, console, exit_with, open_read_only,
                              prepared_settings, require_warehouse)
from fazhi.export import ExportFormat
from fazhi.output import RowFormat, print_rows

FACT_FIELDS = ("doc", "start", "end", "value", "unit", "kind", "qualifier", "metric", "subject", "action",
               "number_text", "respectively", "part_of", "report_id", "fact_id", "section", "sentence")


class FactsFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def facts(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[FactsFormat, typer.Option("--format", "-f", help="One JSON object a line, or CSV")] = FactsFormat.jsonl,
) -> None:
    """Every fact in the warehouse, one per line (the input format of score.py)."""
    with open_read_only(prepared_settings(warehouse)) as con:
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

    with open_read_only(prepared_settings(warehouse)) as con:
        rows = report_rows(con)
    write_rows(REPORT_FIELDS, rows, fmt.value, sys.stdout)


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query", show_default=False)], warehouse: WarehouseOpt = None,
        fmt: FormatOpt = RowFormat.table) -> None:
    """Run a query on the warehouse, read-only, and print the rows."""
    import duckdb

    from fazhi.warehouse import first_line

    with open_read_only(prepared_settings(warehouse)) as con:
        try:
            cur = con.execute(query)
        except (duckdb.PermissionException, duckdb.InvalidInputException) as e:
            exit_with("refused: fazhi sql is read-only: no files, databases, extensions or settings "
                      f"beyond the warehouse ({first_line(e)})", 1)
        except duckdb.Error as e:
            exit_with(first_line(e), 1)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall() if columns else []
    print_rows(console, columns, rows, fmt)


@app.command()
def status(warehouse: WarehouseOpt = None,
           last: Annotated[int, typer.Option("--last", help="How many runs")] = 10,
           fmt: FormatOpt = RowFormat.table) -> None:
    """The last runs recorded in the warehouse."""
    from fazhi import journal

    settings = prepared_settings(warehouse)
    with open_read_only(settings) as con:
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
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the files into", show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (UTF-8 with BOM, for Excel), "
                                              "xlsx (one sheet per mart, Chinese headers) or parquet")] = ExportFormat.csv,
    warehouse: WarehouseOpt = None,
) -> None:
    """Write the marts (and the wide fct_report_metrics) as files for Excel and BI tools."""
    import duckdb

    from fazhi.export import export as write_files

    settings = prepared_settings(warehouse)
    open_read_only(settings).close()  # one-line errors for a missing or damaged warehouse
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
    settings = prepared_settings(warehouse)
    from fazhi.transform import dbt_docs

    require_warehouse(settings)
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
def config(
    warehouse: WarehouseOpt = None,
    fmt: Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json")] = RowFormat.table,
) -> None:
    r"""The effective settings (defaults, \[tool.fazhi], FAZHI_* env), secrets masked."""   # \[: Rich markup
    settings = checked_settings(warehouse)
    rows = [(f"FAZHI_{name.upper()}", "" if value is None else
             ",".join(value) if isinstance(value, tuple) else str(value)) for name, value in settings.masked().items()]
    print_rows(console, ["setting", "value"], rows, fmt)
