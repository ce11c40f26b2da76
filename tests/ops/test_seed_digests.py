"""Seeds are loaded when their file changed, not on every build (fazhi.seed_digests)."""
from __future__ import annotations

import shutil

import duckdb

from fazhi import transform
from fazhi.config import DBT_DIR
from fazhi.seed_digests import seed_digests
from fazhi.transform import dbt_build
from fazhi.warehouse import build_copy


def _indicator_rows(con) -> int:
    return con.execute("select count(*) from seeds.disclosure_indicators").fetchone()[0]


def test_a_digest_changes_with_its_file_and_with_the_seeds_configuration(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DBT_DIR / "seeds", project / "seeds")
    shutil.copyfile(DBT_DIR / "dbt_project.yml", project / "dbt_project.yml")
    before = seed_digests(project)
    assert set(before) == {"case_stages", "disclosure_indicators", "metric_taxonomy", "rate_definitions"}

    with open(project / "seeds" / "rate_definitions.csv", "a", encoding="utf-8") as f:
        f.write("made_up.rate,made_up.part,made_up.whole,编造的比率\n")
    after = seed_digests(project)
    assert after["rate_definitions"] != before["rate_definitions"]
    assert {k: v for k, v in after.items() if k != "rate_definitions"} == \
           {k: v for k, v in before.items() if k != "rate_definitions"}

    (project / "seeds" / "_seeds.yml").write_text("version: 2\n", encoding="utf-8")
    assert all(seed_digests(project)[name] != after[name] for name in after)


def test_an_unchanged_seed_is_not_loaded_and_a_changed_one_is(seeds_run, tmp_path, monkeypatch):
    _, seeds_warehouse = seeds_run
    published = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, published)
    with build_copy(published) as build:
        with duckdb.connect(str(build)) as con:
            full = _indicator_rows(con)
            # a row gone from the table but not from the file: only a reload would bring it back
            con.execute("delete from seeds.disclosure_indicators where metric_id = "
                        "(select min(metric_id) from seeds.disclosure_indicators)")
        result = dbt_build(build)
        with duckdb.connect(str(build)) as con:
            assert _indicator_rows(con) == full - 1          # not reloaded: its file did not change
            assert con.execute("select count(*) from main.dim_reports").fetchone()[0] > 0
        assert result.models > 0

    # the same project with one seed file changed: that seed is loaded on the next build
    project = tmp_path / "project"
    shutil.copytree(DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    lines = (project / "seeds" / "disclosure_indicators.csv").read_text(encoding="utf-8").splitlines()
    (project / "seeds" / "disclosure_indicators.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    monkeypatch.setattr(transform, "DBT_DIR", project)
    with build_copy(published) as build:
        dbt_build(build)
        with duckdb.connect(str(build)) as con:
            assert _indicator_rows(con) == len(lines) - 2     # the file's rows, header and last line left out
            indicators = con.execute("select max(disclosure_indicators) from intermediate.int_report_disclosure")
            assert indicators.fetchone()[0] == len(lines) - 2
