"""make bench: fazhi's speed and accuracy at scale, printed and written to bench/RESULTS.md.

Generates synthetic corpora (fazhi synth), then measures, each in a fresh
process unless it says otherwise:
- end to end (`fazhi run`) on 1,000 and 10,000 reports (and 100,000 with
  BENCH_SCALE=100000) into an empty warehouse: wall time, peak RSS, seconds per
  step (from dq.runs); the 10,000-report runs COLD_RUNS times (the median run, the
  largest peak RSS); bench/growth.png draws time and RSS against reports;
- incremental: 10 new reports into the 10,000-report warehouse, as runs of
  the `fazhi serve` deployment (the scheduled path) and as a fresh `fazhi run`
  (PLUS_10_RUNS times on the warehouse as its cold run left it, in turns with the
  second corpus's: the table gives the median run and every run's time);
  then a run with nothing new (the 10,000-report folder again);
- the same cold, nothing-new and +10 runs on a second 10,000-report corpus whose
  numbers are mostly redrawn at random (`fazhi synth --redraw 0.9`), so that old
  failures are many, and with about 1.5 times the text (``longer_corpus``), as the
  issue's own second corpus;
- the compute floor: DuckDB reading the 10,000 files plus extraction alone on
  one core, divided by the cores; every time in the table is also given as a
  multiple of it;
- extraction alone on one core, beside a bare re.finditer('[0-9]+') scan;
- report metadata alone on one core (fazhi.metadata.describe), and of it the
  resolution of regions against the gazetteer (place mentions + resolve);
- accuracy of the facts on the synthetic corpus, the seeds and the dev set of real reports (score.py).
The cold 10,000-report run, the fresh +10 run and the run with nothing new are
recorded by py-spy (bench/requirements.lock); bench/hotspots.py sums the
profiles into bench/PROFILE.md. The benchmark reports; it asserts nothing.

Here are the runs and the order of the bench; how a command is timed is in
measuring.py, the corpora in corpora.py, what is measured apart from a run
(floor, extraction, metadata, accuracy) in alone.py, the tables in results_table.py.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import growth_plot
import hotspots
from alone import accuracy, accuracy_of, compute_floor, extraction_speed, metadata_speed
from corpora import REDRAW, longer_corpus, synth, synth_redraws
from fazhi.synth import truth_dir
from measuring import PROFILE_RATE, can_profile, machine, measure, profiled
from paths import FAZHI, OUT, ROOT, SHARED
from results_table import render

# This machine's speed swings by ±10 % from one minute to the next, so the short runs whose
# floors are close are taken several times and the table gives the median: fresh +10 runs
# (each on the warehouse as the corpus's cold run left it, the two corpora in turns) ...
PLUS_10_RUNS = 3
SERVED_RUNS = 3   # ... and +10 runs of the warm service after its first (started as serve comes up)
COLD_RUNS = 3     # ... and cold runs of each 10,000-report corpus (the repeats in turns, after the rest)


def last_run(warehouse: Path) -> dict:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        run_id, reports, facts, timings = con.execute(
            "select run_id, reports, facts, timings from dq.runs order by started_at desc limit 1").fetchone()
        failing = con.execute("select coalesce(sum(rows_failing), 0) from dq.check_results where run_id = ?",
                              [run_id]).fetchone()[0]
    return {"run_id": run_id, "reports": reports, "facts": facts, "failing": int(failing),
            "steps": json.loads(timings or "{}")}


def end_to_end(corpus: Path, name: str, profile: bool = False) -> tuple[dict, Path]:
    """A cold `fazhi run` of ``corpus`` into an empty warehouse out/NAME/fazhi.duckdb."""
    warehouse = OUT / name / "fazhi.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    return again(corpus, warehouse, name if profile else None), warehouse


def again(paths: Path, warehouse: Path, profile: str | None = None) -> dict:
    """A fresh `fazhi run` of ``paths`` into ``warehouse`` (profiled as ``profile`` when named)."""
    cmd = (*FAZHI, "run", str(paths), "--warehouse", str(warehouse))
    before = last_run(warehouse)["run_id"] if warehouse.exists() else None
    result = profiled(profile, *cmd) if profile else measure(*cmd)
    after = last_run(warehouse)
    if after["run_id"] == before:   # a run with nothing new is on file beside dq.runs: no steps of its own
        return {**result, "run_id": None, "steps": {}}
    return {**result, **after}


def snapshot(warehouse: Path) -> Path:
    """A copy of ``warehouse`` as it is now (out/snapshots/), to run the same +10 on it again later."""
    copy = OUT / "snapshots" / f"{warehouse.parent.name}.duckdb"
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(warehouse, copy)
    return copy


def plus_10_again(batch: Path, runs: list[tuple[Path, Path, dict]]) -> None:
    """PLUS_10_RUNS - 1 more fresh +10 runs of ``batch`` for each (snapshot, warehouse, first run), in
    turns: the warehouse is put back as ``snapshot`` holds it (in its own folder, with its dbt parse and
    Prefect home), then run; each result goes to its first run's ``repeats``."""
    for _ in range(PLUS_10_RUNS - 1):
        for saved, warehouse, first in runs:
            shutil.copyfile(saved, warehouse)
            first.setdefault("repeats", []).append(again(batch, warehouse))


def profile_again(corpus: Path, batch: Path, runs: dict[str, dict]) -> None:
    """Record the cold, +10 and nothing-new runs a second time under py-spy, into their own warehouse.

    The measured runs stay unprofiled (py-spy costs ~7 %); each gets ``profiled``: the profiled
    twin's result, with its raw profile.
    """
    cold, warehouse = end_to_end(corpus, "run-10k-profiled", profile=True)
    runs["run-10k"]["profiled"] = cold
    runs["plus-10"]["profiled"] = again(batch, warehouse, "plus-10")
    runs["nothing-new"]["profiled"] = again(corpus, warehouse, "nothing-new")


def served_incremental(warehouse: Path, batches: list[Path]) -> list[dict]:
    """+10 runs as the service does them: `fazhi serve` on the warehouse, one deployment run per batch.

    Each batch is copied into the inbox and a run of the deployment is started
    through the Prefect API (as the cron, or the UI's Run button, does). A run's
    time is Prefect's, from the flow run's start to its end.
    """
    from fazhi.prefect_server import interrupt_group

    inbox = warehouse.parent / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    env = {**os.environ, "FAZHI_WAREHOUSE": str(warehouse), "FAZHI_INBOX": str(inbox),
           "FAZHI_CRON": "0 0 1 1 *", "PREFECT_HOME": str(warehouse.parent / "prefect")}
    env.pop("PREFECT_API_URL", None)
    log = warehouse.parent / "serve.log"
    with open(log, "w") as out:
        serve = subprocess.Popen([*FAZHI, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        # its first line names the API it serves on; an error message may also hold " on "
        while not (api := re.search(r" on (https?://\S+)\s*$", log.read_text().split("\n", 1)[0])):
            if serve.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"fazhi serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        os.environ["PREFECT_API_URL"] = api.group(1).rstrip("/") + "/api"
        return [{**_served_run(inbox, batch), **last_run(warehouse)} for batch in batches]
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if not interrupt_group(serve):
            print(f"warning: fazhi serve did not stop on Ctrl-C within a minute and was killed; see {log}",
                  file=sys.stderr, flush=True)


def _served_run(inbox: Path, batch: Path) -> dict:
    from prefect.client.orchestration import get_client

    for f in batch.iterdir():
        shutil.copy(f, inbox / f.name)
    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + 120
        while True:   # the deployment appears once serve has registered it
            try:
                deployment = client.read_deployment_by_name("fazhi-pipeline/nightly")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        run = client.create_flow_run_from_deployment(deployment.id)
        while not (run := client.read_flow_run(run.id)).state.is_final():
            time.sleep(0.2)
    if not run.state.is_completed():
        raise SystemExit(f"served run ended {run.state.type.value}: {run.state.message}")
    return {"seconds": (run.end_time - run.start_time).total_seconds(),
            "late_s": run.estimated_start_time_delta.total_seconds()}


def main() -> None:
    os.environ.setdefault("DO_NOT_TRACK", "1")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    scale = int(os.environ.get("BENCH_SCALE") or 10000)
    info = machine()
    print(f"machine: {info}", flush=True)
    c1k, c10k = synth(1000, 1, gold=True), synth(10000, 2, gold=False)
    inc_a, inc_b = synth(10, 3, gold=False), synth(10, 4, gold=False)
    notes = [] if can_profile() else ["py-spy is not installed or may not trace processes here "
                                      "(`make bench` installs it; it needs ptrace): nothing was profiled."]

    print("extraction alone …", flush=True)
    extraction = extraction_speed()
    floor = compute_floor(c10k, extraction)
    print(f"  compute floor {floor['seconds']:.2f} s", flush=True)
    print("metadata alone …", flush=True)
    metadata = metadata_speed(c1k)
    print("end to end, 1,000 reports …", flush=True)
    e1k, w1k = end_to_end(c1k, "run-1k")
    print(f"  {e1k['seconds']:.1f} s", flush=True)
    print("end to end, 10,000 reports …", flush=True)
    e10k, w10k = end_to_end(c10k, "run-10k")
    print(f"  {e10k['seconds']:.1f} s", flush=True)
    cold_10k = snapshot(w10k)
    print("incremental +10 …", flush=True)
    inc = again(inc_a, w10k)
    print(f"  fresh `fazhi run`: {inc['seconds']:.1f} s", flush=True)
    served = served_incremental(w10k, [synth(10, 5, gold=False), inc_b,
                                       *(synth(10, 8 + k, gold=False) for k in range(SERVED_RUNS - 1))])
    print("  served runs: " + ", ".join(f"{r['seconds']:.1f} s" for r in served), flush=True)
    print("nothing new …", flush=True)
    nothing = again(c10k, w10k)
    print(f"  {nothing['seconds']:.1f} s", flush=True)
    if can_profile():
        print("the same three runs again, profiled …", flush=True)
        profile_again(c10k, inc_a, {"run-10k": e10k, "plus-10": inc, "nothing-new": nothing})

    redraw = None
    if synth_redraws():
        longer, chars = longer_corpus()
        print(f"second corpus, 10,000 reports, {REDRAW:.0%} redrawn, {chars / 1e6:.0f} M characters …", flush=True)
        red_cold, w_red = end_to_end(longer, "run-10k-redraw")
        cold_red = snapshot(w_red)
        red_nothing = again(longer, w_red)
        red_inc = again(inc_a, w_red)
        redraw = {"fraction": REDRAW, "chars": chars, "failing": red_cold["failing"], "cold": red_cold,
                  "nothing_new": red_nothing, "incremental_cold": red_inc}
        print(f"  cold {red_cold['seconds']:.1f} s, nothing new {red_nothing['seconds']:.1f} s, "
              f"+10 {red_inc['seconds']:.1f} s", flush=True)
    else:
        notes.append("the second corpus was skipped: this checkout's synth has no --redraw option.")
        print(f"note: {notes[-1]}", flush=True)
    print(f"+10 again, {PLUS_10_RUNS - 1} more times on each corpus, in turns …", flush=True)
    plus_10_again(inc_a, [(cold_10k, w10k, inc)] + ([(cold_red, w_red, red_inc)] if redraw else []))
    for name, first in (("first corpus", inc), ("second corpus", redraw and red_inc)):
        if first:
            print(f"  {name}: " + ", ".join(f"{x['seconds']:.1f} s" for x in [first, *first["repeats"]]), flush=True)
    print(f"cold 10,000 again, {COLD_RUNS - 1} more times on each corpus, in turns …", flush=True)
    for _ in range(COLD_RUNS - 1):   # into folders of their own: the first runs' warehouses stay as they are
        e10k.setdefault("repeats", []).append(end_to_end(c10k, "run-10k-again")[0])
        if redraw:
            red_cold.setdefault("repeats", []).append(end_to_end(longer, "run-10k-redraw-again")[0])
    for name, first in (("first corpus", e10k), ("second corpus", redraw and red_cold)):
        if first:
            print(f"  {name}: " + ", ".join(f"{x['seconds']:.1f} s" for x in [first, *first["repeats"]]), flush=True)

    print("accuracy …", flush=True)
    acc_synth = accuracy(w1k, truth_dir(c1k) / "gold")
    acc_seeds = accuracy_of(SHARED / "seeds", SHARED / "gold", "run-seeds")
    acc_dev = accuracy_of(SHARED / "dev" / "texts", SHARED / "dev" / "gold", "run-dev")

    e100k = None
    if scale >= 100000:
        print("100,000 reports: generating …", flush=True)
        t = time.perf_counter()
        c100k = synth(100000, 7, gold=False)
        print(f"  {time.perf_counter() - t:.0f} s; end to end …", flush=True)
        try:   # a failed 100k run is a result too: the rows above are kept, the note says why
            e100k, _ = end_to_end(c100k, "run-100k")
            print(f"  {e100k['seconds']:.1f} s", flush=True)
        except SystemExit as failed:
            notes.append(f"the 100,000-report run failed: {str(failed).strip().splitlines()[-1]}")
            print(f"note: {notes[-1]}", flush=True)

    results = {"machine": info, "e2e_1k": e1k, "e2e_10k": e10k, "e2e_100k": e100k, "incremental_cold": inc,
               "incremental_served": served, "nothing_new": nothing, "redraw": redraw, "floor": floor,
               "extraction": extraction, "metadata": metadata, "accuracy_synthetic": acc_synth,
               "accuracy_seeds": acc_seeds, "accuracy_dev": acc_dev, "notes": notes,
               "bench_seconds": time.perf_counter() - started}
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(write_outputs(results))


def write_outputs(results: dict) -> str:
    """bench/RESULTS.md, growth.png, PROFILE.md and the README's tables from one results dict; the markdown."""
    markdown = render(results)
    (ROOT / "bench" / "RESULTS.md").write_text(markdown, encoding="utf-8")
    plot = growth_plot.draw(results, ROOT / "bench" / "growth.png")
    if plot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":   # matplotlib is a bench tool: the bench checks its plot
        raise SystemExit(f"{plot} is not a PNG")
    twins = [(title, run.get("profiled") or run)   # older results were profiled while measured
             for title, run in (("10,000 reports, cold", results["e2e_10k"]),
                                ("+10 reports, fresh `fazhi run`", results["incremental_cold"]),
                                ("nothing new, fresh `fazhi run`", results["nothing_new"]))]
    profiles = [(title, hotspots.read(Path(run["profile"]), PROFILE_RATE), run["seconds"])
                for title, run in twins if run.get("profile") and Path(run["profile"]).exists()]
    if profiles:
        (ROOT / "bench" / "PROFILE.md").write_text(hotspots.document(profiles, results["machine"]), encoding="utf-8")
        update_readme(hotspots.summary(profiles), "profile")
    update_readme(markdown.split("\n", 2)[2].strip(), "bench")   # without the title
    return markdown


def update_readme(body: str, marker: str) -> None:
    """Put ``body`` into README.md between its <!-- MARKER:start --> and <!-- MARKER:end --> lines."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        readme.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--again"]:   # the outputs again from bench/out/results.json, nothing measured
        print(write_outputs(json.loads((OUT / "results.json").read_text(encoding="utf-8"))))
    else:
        main()
