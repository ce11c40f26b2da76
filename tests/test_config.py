"""Settings: defaults, [tool.fazhi], FAZHI_* env, checked at start; `fazhi config` shows them."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import fazhi.config as config
from fazhi.config import SettingsError, load_settings


def fazhi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_a_bad_value_fails_at_once_in_one_line(tmp_path):
    warehouse = tmp_path / "w" / "fazhi.duckdb"
    out = fazhi("run", str(tmp_path), "--warehouse", str(warehouse), env={"FAZHI_SMTP_SECURITY": "tls"})
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "FAZHI_SMTP_SECURITY" in out.stderr and "'tls'" in out.stderr
    assert not warehouse.parent.exists()


@pytest.mark.parametrize("name, value", [("FAZHI_SMTP_PORT", "twenty-five"), ("FAZHI_TIMEZONE", "Mars/Olympus"),
                                         ("FAZHI_TASK_RUNNER", "celery"), ("FAZHI_DUCKDB_MEMORY", "lots")])
def test_values_are_checked(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        load_settings()


def test_pyproject_table_then_env(tmp_path, monkeypatch):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.fazhi]\ndbt_threads = 3\nduckdb_memory = "512MB"\nwarehouse = "data/w.duckdb"\n',
                         encoding="utf-8")
    monkeypatch.setattr(config, "PYPROJECT", pyproject)
    monkeypatch.setattr(config, "PROJECT_DIR", tmp_path)
    for name in ("FAZHI_DBT_THREADS", "FAZHI_DUCKDB_MEMORY", "FAZHI_WAREHOUSE"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert (settings.dbt_threads, settings.duckdb_memory) == (3, "512MB")
    assert settings.warehouse == tmp_path / "data" / "w.duckdb"          # relative to the pyproject's folder
    config.prepare_environment(settings)
    assert os.environ["FAZHI_DBT_THREADS"] == "3" and os.environ["FAZHI_DUCKDB_MEMORY"] == "512MB"
    monkeypatch.setenv("FAZHI_DBT_THREADS", "4")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAZHI_INBOX", "drop")
    settings = load_settings()
    assert settings.dbt_threads == 4 and settings.inbox == tmp_path / "drop"   # env paths: from the current folder


def test_config_prints_the_effective_settings_with_secrets_masked():
    out = fazhi("config", "--format", "csv", env={"FAZHI_SMTP_PASSWORD": "pa55-w0rd-xyz", "FAZHI_MAIL_TO": "a@b.cn,c@d.cn",
                                                  "FAZHI_PREFECT_PORT": "4321"})
    assert out.returncode == 0, out.stderr
    assert "pa55-w0rd-xyz" not in out.stdout
    rows = dict(line.split(",", 1) for line in out.stdout.splitlines()[1:])
    assert rows["FAZHI_SMTP_PASSWORD"] == "***" and rows["FAZHI_PREFECT_PORT"] == "4321"
    assert rows["FAZHI_MAIL_TO"] == '"a@b.cn,c@d.cn"'
