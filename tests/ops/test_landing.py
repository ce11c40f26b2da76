"""Landing in the warehouse: mixed folders, bad files recorded, re-encoded reports identical."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from ingest.fixtures import build_inbox

# The parse of every landed report (int_facts): a re-encoded copy is a duplicate of the
# first one landed, so the fact marts hold it once, but it is parsed like any report.
FACTS = """
    select r.doc, f.start_offset, f.end_offset, f.value, f.unit, f.kind, f.qualifier, f.metric, f.subject
    from intermediate.int_facts f join raw.reports r using (report_id) {where} order by all
"""


def test_fazhi_ingest_lands_every_good_file_and_explains_every_bad_one(seeds_run, tmp_path, read_only):
    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    con = read_only(warehouse)
    before = con.execute("select report_id, text from raw.reports order by 1").fetchall()
    con.close()  # DuckDB keeps one instance per path and process: reopen after the run
    inbox = tmp_path / "inbox"
    formats, errors = build_inbox(inbox, 2**20)
    out = subprocess.run([sys.executable, "-m", "fazhi.cli", "ingest", str(inbox), "--warehouse", str(warehouse)],
                         capture_output=True, text=True, env={**os.environ, "FAZHI_MAX_FILE_MB": "1"})
    assert out.returncode == 0, out.stderr
    con = read_only(warehouse)
    landed = dict(con.execute(f"""select substr(location, {len(str(inbox)) + 2}), format from raw.reports
                                  where location like '{inbox}%'""").fetchall())
    assert landed == formats
    recorded = {row[0]: (row[1], row[2]) for row in con.execute(f"""
        select substr(location, {len(str(inbox)) + 2}), stage, reason from raw.ingest_errors
        where location like '{inbox}%'""").fetchall()}
    assert recorded.keys() == errors.keys()
    for key, (stage, reason) in errors.items():
        assert recorded[key][0] == stage and recorded[key][1].startswith(reason), (key, recorded[key])
        assert key.split("!")[-1].rsplit("/", 1)[-1] in out.stderr      # each bad file named in the output
    # nothing already landed changed
    assert con.execute(f"select report_id, text from raw.reports where location not like '{inbox}%' "
                       "order by 1").fetchall() == before


def test_seeds_re_encoded_land_with_identical_text_and_facts(seeds_run, seeds_dir, tmp_path, pipeline_runner,
                                                             read_only):
    _, seeds_warehouse = seeds_run
    folders = []
    for encoding in ("gb18030", "utf-16"):
        folder = tmp_path / encoding
        folder.mkdir()
        for seed in seeds_dir.glob("*.txt"):
            (folder / seed.name).write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
        folders.append(folder)
    warehouse = tmp_path / "fazhi.duckdb"
    pipeline_runner(folders, warehouse)
    expected = read_only(seeds_warehouse).execute(FACTS.format(where="")).fetchall()
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    con = read_only(warehouse)
    for encoding in ("gb18030", "utf-16"):
        rows = con.execute("select doc, text from raw.reports where encoding = ?", [encoding]).fetchall()
        assert {doc: text for doc, text in rows} == texts, encoding
        got = con.execute(FACTS.format(where=f"where r.encoding = '{encoding}'")).fetchall()
        assert got == expected, encoding
    # one report, one row: the utf-16 copies are duplicates of the gb18030 ones, landed first
    pairs = con.execute("""
        select copy.encoding, first.encoding from dim_reports copy
        join dim_reports first on first.report_id = copy.duplicate_of
        join raw.reports r1 on r1.report_id = copy.report_id join raw.reports r2 on r2.report_id = first.report_id
        where r1.doc = r2.doc""").fetchall()
    assert sorted(pairs) == [("utf-16", "gb18030")] * len(texts)
    assert con.execute("select count(distinct doc) from fct_facts").fetchone()[0] == len(texts)
