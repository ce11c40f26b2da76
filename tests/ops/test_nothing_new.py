"""`fazhi run` with nothing new starts nothing (no Prefect API, no dbt, no GX), says so,
records it and mails nothing; a new file, a changed file or other code goes the full way.

One real run builds a small warehouse from invented reports; the second runs go
through the real command line with a fresh FAZHI_HOME and no PREFECT_API_URL, so
a run that started Prefect or dbt would leave their state folders there.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fazhi.config import load_settings
from fazhi.nothing_new import nothing_new
from fazhi.warehouse import connect

REPORT = ("{town}{year}年法治政府建设年度报告\n一、基本情况\n"
          "全年共办理行政复议案件{n}件，其中审结{m}件。\n二、下一步工作\n继续推进依法行政。\n")
TOWNS = (("青石县", 2021, 41, 39), ("白沙镇", 2022, 18, 18), ("柳溪区", 2023, 57, 50))


def fazhi(*args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line; an env value of None removes that variable."""
    merged = {**os.environ}
    for name, value in (env or {}).items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True, env=merged)


def write_reports(folder: Path, towns=TOWNS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (town, year, n, m) in enumerate(towns):
        (folder / f"r{i}_{year}.txt").write_text(REPORT.format(town=town, year=year, n=n, m=m), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(reports folder, warehouse) after one full `fazhi run`, and a copy of the folder as it was."""
    root = tmp_path_factory.mktemp("nothing_new")
    reports = write_reports(root / "reports")
    warehouse = root / "wh" / "fazhi.duckdb"
    out = fazhi("run", str(reports), "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    shutil.copytree(reports, root / "as-built")
    return reports, warehouse


@pytest.fixture()
def copy(built, tmp_path):
    """The built reports, as they were, where they were (a location is part of what landed),
    and a copy of the warehouse, for a test that changes them."""
    reports, warehouse = built
    shutil.rmtree(reports)
    shutil.copytree(reports.parent / "as-built", reports)
    (tmp_path / "wh").mkdir()
    shutil.copyfile(warehouse, tmp_path / "wh" / "fazhi.duckdb")
    return reports, tmp_path / "wh" / "fazhi.duckdb"


class Listener:
    """A TCP port that counts who connects (a run that mailed would connect to it)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


def decide(reports: Path, warehouse: Path, **env: str):
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        return nothing_new(load_settings(warehouse=warehouse), [str(reports)])


def test_a_run_with_nothing_new_starts_nothing_records_itself_and_mails_nothing(copy, tmp_path):
    reports, warehouse = copy
    home, mail = tmp_path / "fresh-home", Listener()
    published = os.stat(warehouse)
    out = fazhi("run", str(reports), "--warehouse", str(warehouse),
                env={"FAZHI_HOME": str(home), "PREFECT_API_URL": None, "PREFECT_HOME": None,
                     "FAZHI_SMTP_HOST": "127.0.0.1", "FAZHI_SMTP_PORT": str(mail.port),
                     "FAZHI_MAIL_TO": "office@example.org"})
    assert out.returncode == 0, out.stderr
    assert "nothing new: 3 files already landed, 0 new" in out.stdout
    # neither Prefect's API (its database) nor dbt (its target) came up under FAZHI_HOME
    assert not home.exists()
    assert mail.connections == 0 and "mail not sent: nothing new" in out.stdout
    after = os.stat(warehouse)
    assert (after.st_ino, after.st_mtime_ns) == (published.st_ino, published.st_mtime_ns)
    status = fazhi("status", "--warehouse", str(warehouse), "--format", "csv")
    assert status.returncode == 0, status.stderr
    latest = status.stdout.splitlines()[1].split(",")
    assert latest[4] == "nothing new" and latest[6] == "3"   # status, files_skipped


def test_a_new_file_goes_the_full_way_and_folds_the_nothing_new_run_into_dq_runs(copy, tmp_path):
    reports, warehouse = copy
    assert fazhi("run", str(reports), "--warehouse", str(warehouse)).returncode == 0   # nothing new
    write_reports(reports, towns=[("松林乡", 2022, 9, 8)] * 4)   # r0..r3: r0-r2 changed, r3 new
    home = tmp_path / "fresh-home"
    out = fazhi("run", str(reports), "--warehouse", str(warehouse),
                env={"FAZHI_HOME": str(home), "PREFECT_API_URL": None, "PREFECT_HOME": None})
    assert out.returncode == 0, out.stderr
    assert "nothing new" not in out.stdout and "landed 1," in out.stdout
    assert (home / "prefect").is_dir() and (home / "dbt").is_dir()
    with connect(warehouse, read_only=True) as con:
        runs = con.execute("select status, files_seen, files_skipped, timings is null from dq.runs "
                           "order by started_at").fetchall()
    assert runs[1] == ("nothing new", 3, 3, True)
    assert runs[2][0] == "ok" and not runs[2][3]


def test_only_unchanged_current_files_built_by_this_code_are_nothing_new(copy):
    reports, warehouse = copy
    assert decide(reports, warehouse) is not None
    assert decide(reports, warehouse).landed == 3
    # mail on every run: the full way, which mails as it always did
    assert decide(reports, warehouse, FAZHI_SMTP_HOST="127.0.0.1", FAZHI_MAIL_TO="office@example.org",
                  FAZHI_MAIL_WHEN="always") is None
    assert nothing_new(load_settings(warehouse=warehouse), [str(reports)], full_refresh=True) is None
    with connect(warehouse) as con:
        con.execute("update dq.runs set code_fingerprint = 'other code'")
    assert decide(reports, warehouse) is None


def test_a_changed_file_is_new(copy):
    reports, warehouse = copy
    path = reports / "r1_2022.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("18件", "19件"), encoding="utf-8")
    assert decide(reports, warehouse) is None


def test_a_file_put_back_to_an_earlier_version_is_new_again(copy):
    reports, warehouse = copy
    with connect(warehouse) as con:   # as if another version had been read at r1's place after it
        con.execute("""insert into raw.report_sources (report_id, doc, location, first_seen_at, run_id, last_seen_at)
                       select 'another version', doc, location, first_seen_at, run_id, last_seen_at + interval 1 second
                       from raw.report_sources where doc = 'r1_2022.txt'""")
        con.execute("update raw.report_sources set first_seen_at = first_seen_at - interval 1 hour, "
                    "last_seen_at = last_seen_at - interval 1 hour")
    assert decide(reports, warehouse) is None


def test_a_file_landed_without_building_is_not_nothing_new(copy):
    reports, warehouse = copy
    write_reports(reports / "later", towns=[("桃园镇", 2023, 7, 7)])
    out = fazhi("ingest", str(reports / "later"), "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    shutil.rmtree(reports / "later")   # the same three files as the last full run, but raw.* holds a fourth
    assert decide(reports, warehouse) is None


def test_the_same_bytes_in_another_place_are_new_there(copy, tmp_path):
    reports, warehouse = copy
    shutil.copytree(reports, tmp_path / "moved")
    assert decide(tmp_path / "moved", warehouse) is None


def test_an_address_is_never_nothing_new(copy):
    reports, warehouse = copy
    settings = load_settings(warehouse=warehouse)
    assert nothing_new(settings, [str(reports), "https://example.org/report.txt"]) is None
