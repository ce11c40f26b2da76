"""Read commands cannot touch anything but the warehouse they read, and fail in one line."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest


def fazhi(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def warehouse(tmp_path) -> Path:
    """A small warehouse of our own: one mart-like table and the run log."""
    path = tmp_path / "wh" / "fazhi.duckdb"
    path.parent.mkdir()
    from fazhi.warehouse import ensure_schema
    ensure_schema(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table dim_reports as select 'r1' as report_id, '甲区' as region, 2023 as report_year")
    return path


def one_line_refusal(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode != 0, out.stdout
    assert "Traceback" not in out.stderr + out.stdout
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.mark.parametrize("query", [
    "copy (select 'x') to '{wh}'",
    "copy (select 'x') to '{dir}/leak.csv'",
    "export database '{dir}/dump'",
    "attach '{dir}/other.duckdb' as other",
])
def test_sql_cannot_write_files(warehouse, query):
    before = digest(warehouse)
    out = fazhi("sql", query.format(wh=warehouse, dir=warehouse.parent), "--warehouse", str(warehouse))
    line = one_line_refusal(out)
    assert "read-only" in line
    assert digest(warehouse) == before
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["fazhi.duckdb"]


def test_sql_cannot_read_other_files(warehouse, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top-secret-value\n")
    out = fazhi("sql", f"select * from read_text('{secret}')", "--warehouse", str(warehouse))
    line = one_line_refusal(out)
    assert "top-secret-value" not in out.stdout + out.stderr
    assert "files" in line


@pytest.mark.parametrize("query", ["set enable_external_access = true", "install httpfs", "load httpfs",
                                   "set autoinstall_known_extensions = true"])
def test_sql_cannot_unlock_itself_or_load_extensions(warehouse, query):
    one_line_refusal(fazhi("sql", query, "--warehouse", str(warehouse)))


def test_sql_still_reads(warehouse):
    out = fazhi("sql", "select region from dim_reports", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "甲区" in out.stdout


@pytest.mark.parametrize("command", [["status"], ["sql", "select 1"], ["facts"]])
def test_a_corrupt_warehouse_is_one_line(tmp_path, command):
    bad = tmp_path / "fazhi.duckdb"
    bad.write_bytes(b"not a database" * 1000)
    line = one_line_refusal(fazhi(*command, "--warehouse", str(bad)))
    assert str(bad) in line


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "fazhi.duckdb"
    bad.write_bytes(b"not a database" * 1000)
    out = fazhi("--debug", "status", "--warehouse", str(bad))
    assert out.returncode != 0
    assert "Traceback" in out.stderr


def test_export_into_a_folder_with_a_quote_in_its_name(warehouse, tmp_path):
    out_dir = tmp_path / "it's here"
    table = "dim_reports"
    with duckdb.connect(str(warehouse)) as con:  # every mart the export writes, as empty tables
        from fazhi.export import MARTS as EXPORT_TABLES
        for t in EXPORT_TABLES:
            if t != table:
                con.execute(f"create table {t} (report_id varchar)")
    out = fazhi("export", str(out_dir), "--format", "csv", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "甲区" in (out_dir / f"{table}.csv").read_text()
