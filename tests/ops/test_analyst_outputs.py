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


def test_docs_describe_every_column_in_chinese_and_english(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("docs", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    site = warehouse.parent / "docs"
    assert (site / "index.html").exists()
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    missing = []
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed"):
            continue
        texts = [("", node["description"])] + [(c, col["description"]) for c, col in node["columns"].items()]
        for column, text in texts:
            if not (CJK.search(text or "") and LATIN.search(text or "")):
                missing.append(f"{node['name']}.{column}: {text!r}")
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
