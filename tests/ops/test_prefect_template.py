"""A new Prefect home starts from the migrated database template (fazhi.prefect_template):
the server does not migrate it, a run works, and a template of another Prefect version or a
damaged one is not used. Real Prefect API servers, real SQLite files, the real command line.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from fazhi.prefect_server import TemporaryApi
from fazhi.prefect_template import DATABASE, migrated_marker, prefect_version, seed, template_paths

REPORT = ("{town}2024年法治政府建设年度报告\n一、基本情况\n"
          "本年度共收到政府信息公开申请{n}件，已全部答复{m}件。\n二、存在问题\n基层执法力量仍显薄弱。\n")


def started_without_migrating(api: TemporaryApi) -> bool:
    """What the server process was told (its environment, as the kernel has it)."""
    environ = Path(f"/proc/{api.process.pid}/environ").read_bytes().split(b"\0")
    return b"PREFECT_API_DATABASE_MIGRATE_ON_START=false" in environ


def registers_no_blocks(api: TemporaryApi) -> bool:
    """The server was told neither to register Prefect's block types nor to hash their registry
    (that hash alone imports every installed Prefect collection: ~0.3 s of its start)."""
    environ = Path(f"/proc/{api.process.pid}/environ").read_bytes().split(b"\0")
    return {b"PREFECT_API_BLOCKS_REGISTER_ON_START=false",
            b"PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION=false"} <= set(environ)


def revision(db: Path) -> str:
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as con:
        return con.execute("select version_num from alembic_version").fetchone()[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A cache folder whose template a real server made: the first home migrates itself."""
    root = tmp_path_factory.mktemp("template")
    cache = root / "cache"
    api = TemporaryApi(root / "first-home", cache)
    try:
        assert api.migrates and not started_without_migrating(api)
        api.wait()
    finally:
        api.stop()
    db, record = template_paths(cache)
    assert db.exists() and json.loads(record.read_text())["prefect"] == prefect_version()
    return cache


@pytest.fixture()
def cache(template, tmp_path) -> Path:
    """A copy of the template's cache for one test to spoil."""
    return Path(shutil.copytree(template, tmp_path / "cache"))


def test_a_new_home_gets_a_migrated_database_and_its_server_does_not_migrate(template, tmp_path):
    home = tmp_path / "prefect"
    api = TemporaryApi(home, template)
    try:
        assert not api.migrates and started_without_migrating(api)
        assert migrated_marker(home).exists()
        assert revision(home / DATABASE) == revision(template_paths(template)[0])
        api.wait(timeout=120)
        api.warming.join(timeout=30)                   # its first request, made in the background
        assert api.warmed
        assert registers_no_blocks(api)
        assert not (home / "memo_store.toml").exists()   # no block registry was hashed
        # the API serves from it: a flow run can be written and read back
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: api.api_url}), get_client(sync_client=True) as client:
            flow_id = client.create_flow_from_name("template-probe")
            assert client.read_flow(flow_id).name == "template-probe"
    finally:
        api.stop()
    again = TemporaryApi(home, template)      # the next run on the same home: migrated, blocks there
    try:
        assert not again.migrates and registers_no_blocks(again)
        again.wait(timeout=120)
    finally:
        again.stop()
    assert not (home / "memo_store.toml").exists()


def test_a_template_of_another_prefect_version_is_not_used(cache, tmp_path):
    db, record_path = template_paths(cache)
    record = json.loads(record_path.read_text())
    record_path.write_text(json.dumps({**record, "prefect": "2.0.0"}))
    assert not seed(tmp_path / "a", cache) and not (tmp_path / "a" / DATABASE).exists()
    # a database of an older schema under this version's name, its record made to match
    with closing(sqlite3.connect(db)) as con:
        con.execute("update alembic_version set version_num = 'an0lder0rev1'")
        con.commit()
    record_path.write_text(json.dumps({**record, "sha256": _sha256(db)}))
    assert not seed(tmp_path / "b", cache) and not (tmp_path / "b" / DATABASE).exists()
    assert not migrated_marker(tmp_path / "b").exists()


def test_a_damaged_template_is_not_used(cache, tmp_path):
    db, record_path = template_paths(cache)
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096          # one page overwritten
    db.write_bytes(bytes(data))
    assert not seed(tmp_path / "a", cache)    # the checksum
    record = json.loads(record_path.read_text())
    db.write_bytes(b"not a database at all" * 100)
    record_path.write_text(json.dumps({**record, "sha256": _sha256(db)}))
    assert not seed(tmp_path / "b", cache)    # SQLite's own reading
    db.unlink()
    assert not seed(tmp_path / "c", cache)    # missing
    assert not any((tmp_path / d / DATABASE).exists() for d in "abc")


def test_a_home_with_a_database_is_left_alone(template, tmp_path):
    home = tmp_path / "prefect"
    home.mkdir()
    (home / DATABASE).write_bytes(b"")
    assert not seed(home, template) and (home / DATABASE).read_bytes() == b""


def test_with_a_spoiled_template_the_server_migrates_and_the_template_is_made_again(cache, tmp_path):
    db, record_path = template_paths(cache)
    db.write_bytes(b"\0" * 4096)
    api = TemporaryApi(tmp_path / "prefect", cache)
    try:
        assert api.migrates and not started_without_migrating(api)
        api.wait(timeout=120)
    finally:
        api.stop()
    assert seed(tmp_path / "next", cache)     # the template is whole again
    assert json.loads(record_path.read_text())["prefect"] == prefect_version()


def test_a_fresh_run_from_the_template_is_completed_in_its_api(template, tmp_path):
    """The real command line on a new warehouse, its own Prefect home and temporary API."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "r1.txt").write_text(REPORT.format(town="云杉县", n=23, m=21), encoding="utf-8")
    warehouse = tmp_path / "wh" / "fazhi.duckdb"
    env = {**os.environ, "FAZHI_CACHE_DIR": str(template), "FAZHI_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "-q", "run", str(reports), "-w", str(warehouse)],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "in 1 report" in out.stdout
    home = tmp_path / "home" / "prefect"
    assert migrated_marker(home).exists()
    with closing(sqlite3.connect(f"{(home / DATABASE).as_uri()}?mode=ro", uri=True, timeout=30)) as con:
        runs = con.execute("select f.name, r.state_type from flow_run r join flow f on f.id = r.flow_id").fetchall()
    assert runs == [("fazhi-pipeline", "COMPLETED")]


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
