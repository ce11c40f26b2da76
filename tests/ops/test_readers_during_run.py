"""Analysts read while a run writes: no errors, and only whole states (old or new)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

# Two analysts, each in their own process (DuckDB shares one database
# instance per path inside a process): one queries afresh in a loop, as a BI
# tool would; the other keeps one session open all along.
READER = textwrap.dedent("""
    import json, os, sys, time, duckdb
    path, stop, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    QUERY = "select (select count(*) from dim_reports), (select count(distinct report_id) from fct_facts)"
    held = duckdb.connect(path, read_only=True) if mode == "held" else None
    answers, errors = [], []
    while not os.path.exists(stop):
        try:
            con = held or duckdb.connect(path, read_only=True)
            answers.append(con.execute(QUERY).fetchone())
            if con is not held:
                con.close()
        except Exception as e:
            errors.append(repr(e))
        time.sleep(0.02)
    print(json.dumps({"answers": answers, "errors": errors}))
""")


def _start(mode, warehouse, stop):
    return subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(stop), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(reader):
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    return json.loads(out)


def test_readers_see_old_or_new_state_and_never_fail(seeds_run, tmp_path, pipeline_runner):
    from fazhi.config import SAMPLES_DIR

    _, seeds_warehouse = seeds_run
    warehouse = tmp_path / "fazhi.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    stop = tmp_path / "stop"
    looping, holding = _start("loop", warehouse, stop), _start("held", warehouse, stop)
    time.sleep(1.5)
    try:
        run = pipeline_runner([SAMPLES_DIR], warehouse)
        time.sleep(1.0)
    finally:
        stop.touch()
        loop_result, held_result = _finish(looping), _finish(holding)
    assert run.landing.landed == 4
    old, new = (5, 5), (9, 9)
    assert loop_result["errors"] == [] and held_result["errors"] == []
    states = {tuple(a) for a in loop_result["answers"]}
    assert states <= {old, new}, states
    assert old in states and new in states
    assert {tuple(a) for a in held_result["answers"]} == {old}    # the open session kept its consistent view
    assert not os.path.exists(f"{warehouse}.wal")
