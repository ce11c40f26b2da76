"""The read side of the CLI against a built warehouse (read-only connections)."""
from __future__ import annotations

import csv
import io
import subprocess
import sys


def fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True)


def test_sql_prints_a_table(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("sql", "select count(*) as n_reports from dim_reports", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "n_reports" in out.stdout and "5" in out.stdout


def test_sql_cannot_write(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("sql", "delete from raw.reports", "--warehouse", str(warehouse))
    assert out.returncode == 1
    assert "read-only" in (out.stderr + out.stdout).lower()


def test_facts_as_csv(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("facts", "--format", "csv", "--warehouse", str(warehouse))
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and {"doc", "start", "end", "value"} <= set(rows[0])


def test_status_lists_runs(seeds_run):
    summary, warehouse = seeds_run
    out = fazhi("status", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert summary.run_id[:15] in out.stdout


def test_missing_warehouse_is_a_clear_error(tmp_path):
    out = fazhi("facts", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode == 2
    assert "no warehouse" in out.stderr
