"""A build reuses dbt's parse of the project while no project file changed (fazhi.dbt_manifest):
the serve process and a fresh run's warm-up parse once, the build skips its ~2 s parse; with a
cache folder, a new warehouse starts from the parse another one left."""
from __future__ import annotations

import logging
import shutil

import pytest

from fazhi import dbt_manifest
from fazhi.config import DBT_DIR


@pytest.fixture
def project(tmp_path):
    """A copy of the dbt project, with no parse kept in this process."""
    shutil.copytree(DBT_DIR, tmp_path / "dbt")
    dbt_manifest.forget()
    yield tmp_path / "dbt"
    dbt_manifest.forget()


def test_the_parse_is_kept_until_a_project_file_changes(tmp_path, project, monkeypatch):
    state = tmp_path / "state"
    first = dbt_manifest.ready(state, project)
    assert first is not None and "model.fazhi.fct_facts" in first.nodes
    assert dbt_manifest.ready(state, project) is first         # nothing changed: not parsed again

    model = project / "models" / "marts" / "fct_rates.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- a change\n", encoding="utf-8")
    second = dbt_manifest.ready(state, project)
    assert second is not first
    assert second.nodes["model.fazhi.fct_rates"].raw_code.rstrip().endswith("-- a change")
    assert dbt_manifest.ready(state, project) is second

    monkeypatch.setenv("FAZHI_DUCKDB_MEMORY", "700MB")           # the profile's settings count too
    assert dbt_manifest.ready(state, project) is not second


def test_a_project_dbt_cannot_parse_gives_no_manifest(tmp_path, project):
    (project / "models" / "marts" / "broken.sql").write_text("select * from {{ ref('no_such_model') }}", encoding="utf-8")
    assert dbt_manifest.ready(tmp_path / "state", project) is None     # the build then parses and says why


def test_a_new_state_folder_starts_from_the_parse_kept_in_the_cache(tmp_path, project, caplog):
    cache = tmp_path / "cache"

    def full_parses() -> list[str]:
        return [r.message for r in caplog.records if "parses the whole project" in r.message]

    with caplog.at_level(logging.INFO, logger="fazhi.dbt_manifest"):
        first = dbt_manifest.ready(tmp_path / "warehouse-a" / "dbt", project, cache)
        assert first is not None and full_parses()                                  # nothing cached yet
        caplog.clear()
        assert dbt_manifest.ready(tmp_path / "warehouse-b" / "dbt", project, cache) is first   # same process
        dbt_manifest.forget()                                                                  # as a new process
        second = dbt_manifest.ready(tmp_path / "warehouse-c" / "dbt", project, cache)
    assert second is not None and "model.fazhi.fct_facts" in second.nodes
    assert not full_parses()
