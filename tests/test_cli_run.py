"""`fazhi run`, `demo` and `remove`: what lands where, and honest answers for bad paths."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fazhi.config import SAMPLES_DIR

REPORT = "{town}2022年法治政府建设年度报告\n一、基本情况\n本年度共收到行政复议申请{n}件，已审结{m}件。\n"


def fazhi(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd)


def docs_in(warehouse: Path, sql: str = "select doc from dim_reports") -> set[str]:
    out = fazhi("sql", sql, "--format", "csv", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    return set(out.stdout.splitlines()[1:])


def test_a_missing_path_exits_2_with_one_line(tmp_path):
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    out = fazhi("run", str(tmp_path / "no" / "such"), "--warehouse", str(warehouse))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "no such file or directory" in out.stderr
    assert not warehouse.parent.exists()


def test_a_folder_without_reports_changes_nothing(tmp_path):
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    out = fazhi("run", str(empty), "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "no report files" in out.stderr
    assert not warehouse.parent.exists()


def test_run_without_paths_and_nothing_landed_is_a_warning(tmp_path):
    warehouse = tmp_path / "fazhi.duckdb"
    out = fazhi("run", env={"FAZHI_WAREHOUSE": str(warehouse), "FAZHI_INBOX": str(tmp_path / "inbox")})
    assert out.returncode == 0, out.stderr
    assert "nothing to do" in out.stderr and not warehouse.exists()


def test_run_without_paths_lands_the_inbox_never_the_samples(tmp_path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "fazhi.duckdb"
    inbox.mkdir()
    (inbox / "hexi_2022.txt").write_text(REPORT.format(town="河西县", n=21, m=20), encoding="utf-8")
    out = fazhi("run", env={"FAZHI_WAREHOUSE": str(warehouse), "FAZHI_INBOX": str(inbox)})
    assert out.returncode == 0, out.stderr
    assert docs_in(warehouse) == {"hexi_2022.txt"}


def test_demo_has_its_own_warehouse_and_remove_takes_a_report_out(tmp_path):
    real = tmp_path / "fazhi.duckdb"
    out = fazhi("demo", env={"FAZHI_WAREHOUSE": str(real)})
    assert out.returncode == 0, out.stderr
    demo = tmp_path / "demo.duckdb"
    assert not real.exists() and demo.exists()
    samples = {p.name for p in SAMPLES_DIR.iterdir()}
    assert docs_in(demo) == samples

    gone = sorted(samples)[0]
    out = fazhi("remove", gone, "--reason", "a test", "--warehouse", str(demo))
    assert out.returncode == 0, out.stderr
    assert docs_in(demo) == samples - {gone}
    assert docs_in(demo, f"select doc from fct_facts where doc = '{gone}'") == set()
    assert docs_in(demo, "select doc from raw.reports") == samples          # raw keeps it
    assert docs_in(demo, "select reason from raw.report_removals") == {"a test"}

    out = fazhi("remove", "no_such_report.txt", "--warehouse", str(demo))
    assert out.returncode == 2 and "no landed report" in out.stderr
