"""The properties of the wide mart ``fct_report_metrics``, generated from the taxonomy.

The wide mart has one column per row of ``dbt/seeds/metric_taxonomy.csv``, so its
yml (description, Chinese name and type of each column, the contract dbt
enforces) is written from that seed: ``write_properties()`` rewrites
``dbt/models/marts/_fct_report_metrics.yml`` when the taxonomy changed, and the
transform step calls it before every ``dbt build``, so an analyst's new
taxonomy row is a documented, typed column on the next run.

Counts (kinds ``case`` and ``count``) are BIGINT, rates, amounts, changes and durations DOUBLE; the
model casts with the same rule (macro ``metric_column_type``).
"""
from __future__ import annotations

import csv
from pathlib import Path

import yaml

from fazhi.config import DBT_DIR

TAXONOMY = DBT_DIR / "seeds" / "metric_taxonomy.csv"
PROPERTIES = DBT_DIR / "models" / "marts" / "_fct_report_metrics.yml"
COLUMN_TYPE = {"case": "bigint", "count": "bigint", "rate": "double", "amount": "double", "change": "double",
               "duration": "double"}
KIND_ZH = {"case": "件数", "count": "数量", "rate": "比率（%）", "amount": "金额", "change": "增减", "duration": "时长"}

DESCRIPTION = (
    "The wide view for spreadsheets and BI tools. Grain: one row per current report (a duplicate file of a "
    "report's text is not a row), with its issuer, "
    "region and year, and one column per metric of the taxonomy (metric id with dots as double "
    "underscores) holding the first value the report states. New taxonomy rows become new columns on "
    "the next build (this file is generated from seeds/metric_taxonomy.csv by fazhi.wide_mart). "
    "宽表：每份报告一行，每个指标一列。"
)
# The report's own columns: (name, type, description, tests).
REPORT_COLUMNS = [
    ("report_id", "varchar", "The report / 报告", ["primary_key"]),
    ("doc", "varchar", "File name / 文件名", []),
    ("title", "varchar", "Report title / 标题", []),
    ("issuer", "varchar", "Issuing body / 发布机关", []),
    ("province", "varchar", "Province when named / 省", []),
    ("city", "varchar", "City when named / 市", []),
    ("region", "varchar", "Finest region named / 地区", []),
    ("report_year", "integer", "Year reported on / 报告年度", []),
    ("facts", "bigint", "Number of facts in the report / 事实数", []),
]


def metric_column(metric_id: str) -> str:
    return metric_id.replace(".", "__")


def properties(taxonomy: Path = TAXONOMY) -> dict:
    """The yml of fct_report_metrics as a dict: its report columns, then one column per metric."""
    columns = []
    for name, kind, description, tests in REPORT_COLUMNS:
        column = {"name": name, "data_type": kind, "description": description}
        if tests:
            column["data_tests"] = tests
        columns.append(column)
    with taxonomy.open(encoding="utf-8", newline="") as f:
        metrics = sorted(csv.DictReader(f), key=lambda row: row["metric_id"])
    for m in metrics:
        columns.append({
            "name": metric_column(m["metric_id"]),
            "data_type": COLUMN_TYPE[m["kind"]],
            "description": f"{m['name_zh']}（{KIND_ZH[m['kind']]}）：{m['description']} "
                           f"(metric {m['metric_id']}, kind {m['kind']}: the first value the report states)",
        })
    return {"version": 2, "models": [{"name": "fct_report_metrics", "description": DESCRIPTION, "columns": columns}]}


def render(taxonomy: Path = TAXONOMY) -> str:
    header = "# Generated from seeds/metric_taxonomy.csv by fazhi.wide_mart: edit the taxonomy, not this file.\n"
    return header + yaml.safe_dump(properties(taxonomy), allow_unicode=True, sort_keys=False, width=120)


def write_properties(taxonomy: Path = TAXONOMY, target: Path = PROPERTIES) -> bool:
    """Rewrite ``target`` when the taxonomy changed; return whether it did."""
    text = render(taxonomy)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    write_properties()
