"""The ``parsed`` tables of the warehouse: every report's parse, written once.

Ingest parses each report it lands (``fazhi.parse_tables.parse_batch``, on the
decode workers) and writes the rows in the transaction that lands the report.
Before dbt runs, ``reparse`` parses again, in one pass on the worker pool, the
current reports whose parse is missing or of another parser version (a
warehouse from before these tables, a changed parser or taxonomy), or every
current report on a full refresh. dbt's int_sections, int_sentences, int_facts
and int_report_metadata copy the rows of current reports from here.

``parsed.reports`` holds one row per parsed report: its stamp (parser version and
when it was parsed) and the size of its text and parse (dbt's int_report_sizes);
the other tables hold its rows, each with the same stamp.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl
import pyarrow as pa

from fazhi import parallel, progress
from fazhi.parse_tables import TABLES, Parser, parse_batch
from fazhi.warehouse import connect

_SQL_TYPES = {pl.String: "varchar", pl.Int32: "integer", pl.Float64: "double", pl.Boolean: "boolean"}
# Reports read and handed to the workers at once (their texts and rows are then written and let go).
REPARSE_CHUNK = 2000


def _ddl() -> str:
    statements = ["create schema if not exists parsed;"]
    for name, schema in TABLES.items():
        columns = [f"{column} {_SQL_TYPES[dtype]}" for column, dtype in schema.items()]
        columns += ["parser_version varchar not null", "parsed_at timestamp not null"]
        statements.append(f"create table if not exists parsed.{name} ({', '.join(columns)});")
    # Columns the parse no longer writes (a warehouse from before has them): the int_ models derive them.
    statements.append("alter table parsed.sentences drop column if exists sentence_id;")
    statements.append("alter table parsed.sections drop column if exists section_id;")
    statements.append("alter table parsed.facts drop column if exists fact_id;")
    # ... and one it writes since (a warehouse from before lacks it: its reports are parsed again).
    statements.append("alter table parsed.facts add column if not exists span_rank integer;")
    # Columns a warehouse from before lacks: its reports are parsed again (the parser's code changed).
    for column, dtype in list(TABLES["reports"].items())[1:]:   # after report_id
        statements.append(f"alter table parsed.reports add column if not exists {column} {_SQL_TYPES[dtype]};")
    # The newest parse stamp each dbt build has seen: its data tests read only newer rows.
    statements.append("create table if not exists parsed.built_through (parsed_at timestamp);")
    return "\n".join(statements)


PARSED_DDL = _ddl()


def write(con, batches: Sequence[dict[str, pa.Table]], replace: bool = False) -> None:
    """Insert parse rows (``parse_batch`` results) in the caller's transaction.

    With ``replace`` the reports' earlier rows go first (a re-parse); new reports have none.
    """
    if not batches:
        return
    for name in TABLES:
        rows = pa.concat_tables([b[name] for b in batches])  # noqa: F841 (scanned by name)
        if replace:
            con.execute(f"delete from parsed.{name} where report_id in (select distinct report_id from rows)")
        con.execute(f"insert into parsed.{name} by name select * from rows")


def _current_reports(con) -> str:
    """The relation of current reports: staging's view once dbt made it, else every landed report."""
    made = con.execute("select 1 from information_schema.tables "
                       "where table_schema = 'staging' and table_name = 'stg_reports'").fetchall()
    return "staging.stg_reports" if made else "raw.reports"


def stale_reports(con, version: str, everything: bool = False) -> list[str]:
    """Current reports whose parse is missing or of another version (all of them with ``everything``)."""
    current = _current_reports(con)
    stale = "" if everything else \
        "where report_id not in (select report_id from parsed.reports where parser_version = ?)"
    params = [] if everything else [version]
    return [r for (r,) in con.execute(f"select report_id from {current} {stale} order by report_id",
                                      params).fetchall()]


def reparse(warehouse: Path, everything: bool = False) -> int:
    """Parse the stale current reports of ``warehouse`` again (see ``stale_reports``); return how many."""
    parser = Parser.now()
    with connect(warehouse) as con:
        con.execute(PARSED_DDL)
        ids = stale_reports(con, parser.version, everything)
        if not ids:
            return 0
        progress.add_total("parse", len(ids))
        for start in range(0, len(ids), REPARSE_CHUNK):
            chunk = ids[start:start + REPARSE_CHUNK]
            con.execute("begin")
            for batch in _parse_chunk(con, chunk, parser):
                write(con, [batch], replace=True)
                progress.advance("parse", batch["reports"].num_rows)
            con.execute("commit")
    return len(ids)


def _parse_chunk(con, ids: list[str], parser: Parser) -> Iterator[dict[str, pa.Table]]:
    reports = con.execute(
        "select report_id, text, title, published from raw.reports "
        "semi join (select unnest($ids::varchar[]) as report_id) using (report_id) order by report_id",
        {"ids": ids}).fetchall()
    rows = parallel.slice_rows()
    slices = [reports[i:i + rows] for i in range(0, len(reports), rows)]
    del reports
    return parallel.iter_batches(parse_batch, slices, parser)
