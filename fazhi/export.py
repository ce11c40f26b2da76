"""``fazhi export``: the marts as files for Excel and BI tools.

- ``csv``: one file per mart, UTF-8 with a byte-order mark (Excel reads Chinese
  text right only with it), a header of column names;
- ``xlsx``: one workbook, one sheet per mart, a first header row in Chinese
  (from the marts' yml descriptions; the wide mart's from the taxonomy) above
  the column names, frozen; counts stay whole numbers, dates are dates;
- ``parquet``: one file per mart, types as in the warehouse.

The column types are the marts' dbt contracts, so they are the same in every export.
"""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import yaml

from fazhi.config import DBT_DIR

MARTS = ("dim_reports", "fct_report_metrics", "fct_region_metrics", "fct_facts", "fct_cases", "fct_rates", "fct_counts")
WORKBOOK = "fazhi.xlsx"
# Excel refuses more rows in a sheet; the rest of a larger mart is cut and said so.
XLSX_MAX_ROWS = 1_048_576 - 2


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


def chinese_headers(marts_dir: Path = DBT_DIR / "models" / "marts") -> dict[str, dict[str, str]]:
    """{mart: {column: Chinese name}} from the marts' yml: the part of a description after its last " / "."""
    names: dict[str, dict[str, str]] = {}
    for properties in sorted(marts_dir.glob("*.yml")):
        for model in yaml.safe_load(properties.read_text(encoding="utf-8")).get("models", []):
            columns = names.setdefault(model["name"], {})
            for column in model.get("columns", []):
                columns[column["name"]] = _chinese(column.get("description") or "")
    return names


def _chinese(description: str) -> str:
    if " / " in description:
        return description.rsplit(" / ", 1)[1].strip()
    # The wide mart's metric columns: "行政复议受理（件数）：…".
    return description.split("：", 1)[0].strip()


def export(con, out_dir: Path, fmt: ExportFormat) -> Iterator[Path]:
    """Write every mart of the open warehouse ``con`` into ``out_dir``; yield each file written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.xlsx:
        yield write_workbook(con, out_dir / WORKBOOK)
        return
    for table in MARTS:
        target = (out_dir / f"{table}.{fmt.value}").absolute()
        if fmt is ExportFormat.csv:
            _write_csv(con, table, target)
        else:
            con.execute(f"copy (select * from {table}) to $target (format parquet)", {"target": str(target)})
        yield target


def _write_csv(con, table: str, target: Path) -> None:
    """DuckDB writes the rows; the file starts with the UTF-8 byte-order mark Excel looks for."""
    body = target.with_name(f".{target.name}.part")
    con.execute(f"copy (select * from {table}) to $target (format csv, header true)", {"target": str(body)})
    with target.open("wb") as out, body.open("rb") as rows:
        out.write(b"\xef\xbb\xbf")
        while chunk := rows.read(1 << 20):
            out.write(chunk)
    body.unlink()


def write_workbook(con, target: Path) -> Path:
    """One sheet per mart: Chinese names, then column names, then the rows."""
    import xlsxwriter

    headers = chinese_headers()
    with xlsxwriter.Workbook(str(target), {"constant_memory": True, "remove_timezone": True}) as book:
        bold = book.add_format({"bold": True})
        dates = book.add_format({"num_format": "yyyy-mm-dd"})
        stamps = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        for table in MARTS:
            sheet = book.add_worksheet(table)
            cur = con.execute(f"select * from {table}")
            columns = [d[0] for d in cur.description]
            kinds = [str(d[1]).upper() for d in cur.description]
            names = headers.get(table, {})
            sheet.write_row(0, 0, [names.get(c) or c for c in columns], bold)
            sheet.write_row(1, 0, columns, bold)
            sheet.freeze_panes(2, 0)
            formats = [dates if k == "DATE" else stamps if k.startswith("TIMESTAMP") else None for k in kinds]
            r = 2
            while rows := cur.fetchmany(10_000):
                for row in rows:
                    if r - 2 >= XLSX_MAX_ROWS:
                        break
                    for c, value in enumerate(row):
                        if value is None:
                            continue
                        if formats[c] is not None:
                            sheet.write_datetime(r, c, value, formats[c])
                        else:
                            sheet.write(r, c, value)
                    r += 1
    return target
