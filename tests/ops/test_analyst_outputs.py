"""What analysts take away: the wide mart, exports, and the dbt docs site."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")


def fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True)


def test_wide_mart_has_a_column_per_metric(seeds_run, read_only):
    _, warehouse = seeds_run
    con = read_only(warehouse)
    columns = {r[0] for r in con.execute("describe fct_report_metrics").fetchall()}
    metrics = [r[0] for r in con.execute("select metric_id from seeds.metric_taxonomy").fetchall()]
    assert {m.replace(".", "__") for m in metrics} <= columns
    assert {"region", "report_year", "issuer"} <= columns
    assert con.execute("select count(*) from fct_report_metrics").fetchone()[0] == 5
    stated = con.execute("""
        select count(*) from fct_facts f join fct_report_metrics w using (report_id)
        where f.metric = 'admin_reconsideration.received' and f.part_of_fact_id is null
          and w.admin_reconsideration__received is null""").fetchone()[0]
    assert stated == 0


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_mart(seeds_run, tmp_path, fmt):
    _, warehouse = seeds_run
    out = fazhi("export", str(tmp_path / fmt), "--format", fmt, "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    n = duckdb.execute(f"select count(*) from {reader}('{tmp_path / fmt / ('fct_report_metrics.' + fmt)}')").fetchone()[0]
    assert n == 5
    assert (tmp_path / fmt / f"fct_facts.{fmt}").stat().st_size > 1000


def test_csv_export_opens_in_excel(seeds_run, tmp_path):
    _, warehouse = seeds_run
    out = fazhi("export", str(tmp_path), "--warehouse", str(warehouse))     # csv is the default
    assert out.returncode == 0, out.stderr
    for mart in ("dim_reports", "fct_cases", "fct_report_metrics"):
        assert (tmp_path / f"{mart}.csv").read_bytes().startswith(b"\xef\xbb\xbf")   # the UTF-8 BOM
    text = (tmp_path / "fct_cases.csv").read_text(encoding="utf-8-sig")
    assert ".0," not in text          # counts are whole numbers, not 86.0


def _xlsx_sheets(path) -> dict[str, list[str]]:
    """{sheet name: its first row}, read with the standard library (the export has no reader here)."""
    import xml.etree.ElementTree as ET
    import zipfile

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            shared = [si.findtext("m:t", "", ns) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        names = [s.get("name") for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns)]
        sheets = {}
        for i, name in enumerate(names, start=1):
            row = ET.fromstring(z.read(f"xl/worksheets/sheet{i}.xml")).find("m:sheetData/m:row", ns)
            sheets[name] = [c.findtext("m:is/m:t", "", ns) if c.get("t") == "inlineStr"
                            else shared[int(c.findtext("m:v", "", ns))] for c in row.findall("m:c", ns)]
    return sheets


def test_xlsx_export_has_a_sheet_per_mart_with_chinese_headers(seeds_run, tmp_path):
    _, warehouse = seeds_run
    out = fazhi("export", str(tmp_path), "--format", "xlsx", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    sheets = _xlsx_sheets(tmp_path / "fazhi.xlsx")
    assert set(sheets) == {"dim_reports", "fct_report_metrics", "fct_region_metrics", "fct_facts", "fct_cases", "fct_rates",
                           "fct_counts"}
    for name, header in sheets.items():
        assert all(CJK.search(h) for h in header), (name, [h for h in header if not CJK.search(h)])
    assert "行政复议受理（件数）" in sheets["fct_report_metrics"]


def test_marts_have_stable_types(seeds_run, read_only):
    _, warehouse = seeds_run
    con = read_only(warehouse)
    types = dict(((t, c), d) for t, c, d in con.execute(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'main'").fetchall())
    assert types["fct_cases", "received"] == types["fct_cases", "closed"] == "BIGINT"
    assert types["fct_report_metrics", "admin_reconsideration__received"] == "BIGINT"
    assert types["fct_report_metrics", "admin_reconsideration__correction_rate"] == "DOUBLE"
    assert types["dim_reports", "published"] == types["dim_reports", "dated"] == "DATE"


def test_the_wide_marts_yml_follows_the_taxonomy():
    from fazhi.wide_mart import PROPERTIES, render

    assert PROPERTIES.read_text(encoding="utf-8") == render(), "run python -m fazhi.wide_mart"


def test_docs_describe_every_column_in_chinese_and_english(seeds_run):
    """Every column the warehouse really has (dbt's catalog), described in both languages, under a contract."""
    _, warehouse = seeds_run
    out = fazhi("docs", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    site = warehouse.parent / "docs"
    assert (site / "index.html").exists()
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    missing = []
    for unique_id, built in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(unique_id) or manifest["sources"][unique_id]
        if node["resource_type"] not in ("model", "seed"):
            continue
        described = {c.lower(): col["description"] for c, col in node["columns"].items()}
        texts = [("", node["description"])] + [(c, described.get(c.lower())) for c in built["columns"]]
        for column, text in texts:
            if not (CJK.search(text or "") and LATIN.search(text or "")):
                missing.append(f"{node['name']}.{column}: {text!r}")
        if node["name"].startswith(("fct_", "dim_")):
            assert node["config"]["contract"]["enforced"], node["name"]
    assert len(catalog["nodes"]) >= 10
    assert missing == []


def _readme_queries() -> list[str]:
    from fazhi.config import PROJECT_DIR

    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    chunks = [q for block in re.findall(r"```sql\n(.*?)```", readme, flags=re.S) for q in block.split(";")]
    return [q for q in chunks if any(line.strip() and not line.strip().startswith("--") for line in q.splitlines())]


def test_every_readme_query_runs(samples_run, read_only):
    _, warehouse = samples_run
    con = read_only(warehouse)
    queries = _readme_queries()
    assert len(queries) >= 5
    for query in queries:
        con.execute(query).fetchall()


FORM_REPORT = (
    "某镇人民政府2023年政府信息公开工作年度报告\n"
    "一、总体情况\n本镇坚持以公开为常态、不公开为例外，全年依法办理政府信息公开申请。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "申请人情况 | 自然人 | 法人或其他组织 | 总计 |\n"
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
    "一、本年新收政府信息公开申请数量 | 9 | 2 | 0 | 0 | 1 | 0 | 12 |\n"
    "三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |\n"
)


def test_every_cell_of_the_information_disclosure_form_is_a_column(pipeline_runner, tmp_path, read_only):
    # the matrix's cells are parts of its 总计 column, yet each is a metric of its own
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "form.txt").write_text(FORM_REPORT, encoding="utf-8")
    pipeline_runner([inbox], tmp_path / "fazhi.duckdb")
    con = read_only(tmp_path / "fazhi.duckdb")
    row = con.execute("""
        select info_disclosure__requests_received, info_disclosure_form__requests_new__natural_person,
               info_disclosure_form__requests_new__business, info_disclosure_form__granted__total
        from fct_report_metrics""").fetchone()
    assert row == (12, 9, 2, 7)
