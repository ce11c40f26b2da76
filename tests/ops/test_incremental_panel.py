"""The marts with one row per report (fct_report_metrics) or per region, year and metric
(fct_region_metrics) are rewritten only where a run changed something: the reports whose
dim_reports row changed, and for the panel every report of their region and year, which
it ranks against each other. After each kind of change the two tables hold what a full
rebuild gives: a report superseded by a new version, a new copy of a report's text (a
duplicate), the report standing for it taken out (its copy stands in), a report turned
into a duplicate of another by a new version."""
from __future__ import annotations

import shutil

import duckdb

from fazhi.transform import dbt_build

PANEL_MARTS = ("fct_report_metrics", "fct_region_metrics")

# Invented reports of one county and year: its government's and its justice bureau's.
GOVERNMENT = ("安吉县人民政府关于2023年法治政府建设情况的报告\n一、主要成效\n"
              "全年受理行政复议案件40件，办结38件。\n")
BUREAU = ("安吉县司法局2023年法治政府建设工作报告\n一、主要成效\n"
          "全年受理行政复议案件35件，办结30件。行政应诉案件9件。\n")
# a neighbouring year of the same county, untouched by the later runs
EARLIER = ("安吉县人民政府关于2022年法治政府建设情况的报告\n一、主要成效\n"
           "全年受理行政复议案件31件，办结29件。\n")


def _rows(warehouse, table: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(con.execute(f"select * from {table}").fetchall(), key=repr)


def _rebuilt_whole(warehouse, root) -> dict[str, list[tuple]]:
    """The two marts of a copy of ``warehouse`` rebuilt whole from the same inputs."""
    copy = root / "whole" / "build.duckdb"
    shutil.rmtree(copy.parent, ignore_errors=True)
    copy.parent.mkdir(parents=True)
    shutil.copyfile(warehouse, copy)
    dbt_build(copy, full_refresh=True, select=" ".join(PANEL_MARTS), state=root / "dbt_state")
    return {table: _rows(copy, table) for table in PANEL_MARTS}


def _panel(warehouse) -> dict[tuple, tuple]:
    """(year, metric) -> (value, doc, reports stating it) of the county's panel."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select report_year, metric, value, doc, reports_stating from fct_region_metrics "
                           "where region = '安吉县'").fetchall()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def test_each_change_leaves_the_panel_marts_a_full_rebuild_would(tmp_path, pipeline_runner):
    inbox, nothing = tmp_path / "inbox", tmp_path / "nothing"
    inbox.mkdir()
    nothing.mkdir()
    (inbox / "anji_government_2023.txt").write_text(GOVERNMENT, encoding="utf-8")
    (inbox / "anji_bureau_2023.txt").write_text(BUREAU, encoding="utf-8")
    (inbox / "anji_government_2022.txt").write_text(EARLIER, encoding="utf-8")
    warehouse = tmp_path / "fazhi.duckdb"
    pipeline_runner([inbox], warehouse)
    received = "admin_reconsideration.received"
    assert _panel(warehouse)[(2023, received)] == (40, "anji_government_2023.txt", 2)
    earlier_rows = [r for r in _rows(warehouse, "fct_region_metrics") if r[6] == 2022]

    def check(stage: str) -> None:
        whole = _rebuilt_whole(warehouse, tmp_path)
        for table in PANEL_MARTS:
            assert _rows(warehouse, table) == whole[table], f"{stage}: {table} differs from a full rebuild"
        assert [r for r in _rows(warehouse, "fct_region_metrics") if r[6] == 2022] == earlier_rows

    # the bureau's report superseded by a corrected version, and a copy of the government's text landed
    (inbox / "anji_bureau_2023.txt").write_text(BUREAU.replace("行政应诉案件9件", "行政应诉案件11件"), encoding="utf-8")
    # other bytes (so another report), the same text once spaces are set aside: a duplicate
    (inbox / "anji_government_2023_copy.txt").write_text(GOVERNMENT + "\n\n", encoding="utf-8")
    pipeline_runner([inbox], warehouse)
    check("superseded, copy landed")
    panel = _panel(warehouse)
    assert panel[(2023, received)] == (40, "anji_government_2023.txt", 2)   # the copy is not counted
    assert 11 in {value for (year, _), (value, *_) in panel.items() if year == 2023}

    # the government's report taken out: its copy stands for the text now
    pipeline_runner([nothing], warehouse, remove=["anji_government_2023.txt"])
    check("taken out")
    assert _panel(warehouse)[(2023, received)] == (40, "anji_government_2023_copy.txt", 2)

    # the bureau's report turned into a duplicate of the copy by a new version
    (inbox / "anji_bureau_2023.txt").write_text(GOVERNMENT.replace("一、", "一、 "), encoding="utf-8")
    (inbox / "anji_government_2023.txt").unlink()
    pipeline_runner([inbox], warehouse)
    check("turned duplicate")
    assert _panel(warehouse)[(2023, received)] == (40, "anji_government_2023_copy.txt", 1)
