"""make bench: fazhi's speed and accuracy at scale, printed and written to bench/RESULTS.md.

Generates synthetic corpora (fazhi synth), then measures, each in a fresh
process unless it says otherwise:
- end to end (`fazhi run`) on 1,000 and 10,000 reports into an empty
  warehouse: wall time, peak RSS, seconds per step (from dq.runs);
- incremental: 10 new reports into the 10,000-report warehouse, as runs of
  the `fazhi serve` deployment (the scheduled path) and as a fresh `fazhi run`;
- extraction alone on one core, beside a bare re.finditer('[0-9]+') scan;
- report metadata alone on one core (fazhi.metadata.describe), and of it the
  resolution of regions against the gazetteer (place mentions + resolve);
- accuracy of the facts on the synthetic corpus, the seeds and the dev set of real reports (score.py).
The benchmark reports; it asserts nothing.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from fazhi.synth import truth_dir

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHARED = ROOT.parent / "shared"
FAZHI = [sys.executable, "-m", "fazhi.cli"]
FLOORS = {"e2e_10k_s": 60, "incremental_s": 10, "rss_gb": 2, "extract_mchars": 5, "regions_ms": 1}

# Runs a command and reports its wall time, its own peak RSS and the largest
# peak RSS of any process in its tree (workers, the Prefect API included).
MEASURE = """
import json, os, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(p.pid, 0)
err = p.stderr.read().decode(errors="replace")[-2000:]
tree = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": usage.ru_maxrss / 1024,
                  "tree_rss_mb": tree / 1024, "status": os.waitstatus_to_exitcode(status), "stderr": err}))
"""


def measure(*cmd: str) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["status"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result['stderr']}")
    return result


def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return {"cores": os.cpu_count(), "ram_gb": round(mem_kb / 2**20, 1), "cpu": cpu,
            "python": platform.python_version(), "load_before": os.getloadavg()[0],
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def synth(n: int, seed: int, gold: bool) -> Path:
    out = OUT / f"corpus-{n}-{seed}"
    if not (truth_dir(out) / "manifest.jsonl").exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([*FAZHI, "synth", "--reports", str(n), "--out", str(out), "--seed", str(seed),
                        "--gold" if gold else "--no-gold"], check=True, stdout=subprocess.DEVNULL)
    return out


def last_run(warehouse: Path) -> dict:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        run_id, reports, facts, timings = con.execute(
            "select run_id, reports, facts, timings from dq.runs order by started_at desc limit 1").fetchone()
    return {"run_id": run_id, "reports": reports, "facts": facts, "steps": json.loads(timings or "{}")}


def end_to_end(corpus: Path, name: str) -> tuple[dict, Path]:
    warehouse = OUT / name / "fazhi.duckdb"
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    result = measure(*FAZHI, "run", str(corpus), "--warehouse", str(warehouse))
    return {**result, **last_run(warehouse)}, warehouse


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
        while " on " not in (first := log.read_text().split("\n", 1)[0]):
            if serve.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"fazhi serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        os.environ["PREFECT_API_URL"] = first.split(" on ", 1)[1].strip() + "/api"
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


def extraction_speed() -> dict:
    from fazhi.extract import compile_taxonomy, extract_report, load_taxonomy
    from fazhi.ingest.readers import read_document
    from fazhi.text.normalize import normalize
    from fazhi.text.sentences import split_sentences

    taxonomy = compile_taxonomy(load_taxonomy(ROOT / "dbt" / "seeds" / "metric_taxonomy.csv"))
    corpus = synth(10000, 2, gold=False)   # the issue asks for at least 50 MB
    files = sorted(corpus.iterdir())
    megabytes = sum(p.stat().st_size for p in files) / 2**20
    sets = {f"synthetic (10,000 reports, {megabytes:.0f} MB)": [
        normalize(read_document(p.name, p.read_bytes()).text) for p in files]}
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if seeds:
        sets["seeds (5 reports x 40)"] = [normalize(p.read_text(encoding="utf-8")) for p in seeds] * 40
    result = {}
    for name, texts in sets.items():
        prepared = [(t, split_sentences(t)) for t in texts]
        chars = sum(len(t) for t in texts)
        best = min(_timed(lambda: [extract_report(t, s, taxonomy) for t, s in prepared]) for _ in range(3))
        bare = min(_timed(lambda: [sum(1 for _ in re.finditer("[0-9]+", t)) for t in texts]) for _ in range(3))
        result[name] = {"chars": chars, "extract_mchars_s": chars / best / 1e6, "bare_regex_mchars_s": chars / bare / 1e6}
    return result


def metadata_speed(corpus: Path) -> dict:
    """Milliseconds a report for describe() and for resolving its region (best of 3)."""
    from fazhi.ingest.readers import read_document
    from fazhi.metadata import describe
    from fazhi.metadata.gazetteer import load, mentions
    from fazhi.metadata.page import read
    from fazhi.metadata.places import chain, extend_from_text, resolve

    texts = [read_document(p.name, p.read_bytes()).text for p in sorted(corpus.iterdir())]
    load()
    pages = [read(t) for t in texts]
    issuers = [describe(t).issuer for t in texts]

    def regions() -> None:
        for page, issuer in zip(pages, issuers):
            found = mentions(page.head)
            resolve(extend_from_text(chain(issuer, page.head) if issuer else [], page.head, found), found)

    describe_s = min(_timed(lambda: [describe(t) for t in texts]) for _ in range(3))
    regions_s = min(_timed(regions) for _ in range(3))
    return {"reports": len(texts), "describe_ms": describe_s * 1000 / len(texts),
            "regions_ms": regions_s * 1000 / len(texts)}


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def accuracy(warehouse: Path, gold: Path) -> dict:
    facts = warehouse.parent / "facts.jsonl"
    with open(facts, "w", encoding="utf-8") as fh:
        subprocess.run([*FAZHI, "facts", "--warehouse", str(warehouse)], stdout=fh, check=True)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(facts),
                          "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def accuracy_of(corpus: Path, gold: Path, name: str) -> dict | None:
    """score.py's figures for a labelled corpus run through `fazhi run` (None when it is not there)."""
    if not corpus.exists():
        return None
    wh = OUT / name / "fazhi.duckdb"
    shutil.rmtree(wh.parent, ignore_errors=True)
    subprocess.run([*FAZHI, "run", str(corpus), "--warehouse", str(wh)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return accuracy(wh, gold)


def main() -> None:
    os.environ.setdefault("DO_NOT_TRACK", "1")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    info = machine()
    print(f"machine: {info}", flush=True)
    c1k, c10k = synth(1000, 1, gold=True), synth(10000, 2, gold=False)
    inc_a, inc_b = synth(10, 3, gold=False), synth(10, 4, gold=False)

    print("extraction alone …", flush=True)
    extraction = extraction_speed()
    print("metadata alone …", flush=True)
    metadata = metadata_speed(c1k)
    print("end to end, 1,000 reports …", flush=True)
    e1k, w1k = end_to_end(c1k, "run-1k")
    print(f"  {e1k['seconds']:.1f} s", flush=True)
    print("end to end, 10,000 reports …", flush=True)
    e10k, w10k = end_to_end(c10k, "run-10k")
    print(f"  {e10k['seconds']:.1f} s", flush=True)
    print("incremental +10 …", flush=True)
    inc = {**measure(*FAZHI, "run", str(inc_a), "--warehouse", str(w10k)), **last_run(w10k)}
    print(f"  fresh `fazhi run`: {inc['seconds']:.1f} s", flush=True)
    served = served_incremental(w10k, [synth(10, 5, gold=False), inc_b])
    print("  served runs: " + ", ".join(f"{r['seconds']:.1f} s" for r in served), flush=True)
    print("accuracy …", flush=True)
    acc_synth = accuracy(w1k, truth_dir(c1k) / "gold")
    acc_seeds = accuracy_of(SHARED / "seeds", SHARED / "gold", "run-seeds")
    acc_dev = accuracy_of(SHARED / "dev" / "texts", SHARED / "dev" / "gold", "run-dev")

    results = {"machine": info, "e2e_1k": e1k, "e2e_10k": e10k, "incremental_cold": inc, "incremental_served": served,
               "extraction": extraction, "metadata": metadata, "accuracy_synthetic": acc_synth, "accuracy_seeds": acc_seeds,
               "accuracy_dev": acc_dev,
               "bench_seconds": time.perf_counter() - started}
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    markdown = render(results)
    (ROOT / "bench" / "RESULTS.md").write_text(markdown, encoding="utf-8")
    update_readme(markdown)
    print(markdown)


def update_readme(markdown: str) -> None:
    """Put the results table into README.md between its bench markers."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        body = markdown.split("\n", 2)[2].strip()   # without the title
        head, rest = text.split(start, 1)
        readme.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def _steps(r: dict) -> str:
    s = r.get("steps") or {}
    return ", ".join(f"{k} {v:.1f}" for k, v in s.items())


def render(r: dict) -> str:
    m = r["machine"]
    e1, e10, ic = r["e2e_1k"], r["e2e_10k"], r["incremental_cold"]
    served_first, served_next = r["incremental_served"]
    rss_gb = max(e10["rss_mb"], e1["rss_mb"]) / 1024
    lines = [
        "# fazhi benchmark",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GiB RAM, Python {m['python']}; "
        f"{m['date']}; load average before: {m['load_before']:.2f}. `make bench` took {r['bench_seconds']:.0f} s.",
        "",
        "| measurement | result | floor |",
        "|---|---|---|",
        f"| end to end, 1,000 reports, cold | {e1['seconds']:.1f} s, peak RSS {e1['rss_mb']:.0f} MB "
        f"(largest process in the tree {e1['tree_rss_mb']:.0f} MB) | |",
        f"| end to end, 10,000 reports, cold | {e10['seconds']:.1f} s, peak RSS {e10['rss_mb']:.0f} MB "
        f"(largest process {e10['tree_rss_mb']:.0f} MB) | ≤ {FLOORS['e2e_10k_s']} s, ≤ {FLOORS['rss_gb']} GB |",
        f"| … of which (s) | {_steps(e10)}; the rest is start-up and publishing | |",
        f"| +10 reports on the 10,000-report warehouse, `fazhi serve` (a run of its deployment, "
        f"in the warm service process) | {served_next['seconds']:.1f} s ({_steps(served_next)}) "
        f"| ≤ {FLOORS['incremental_s']} s |",
        f"| … a run started the moment serve is up (dbt and GX still importing in the background; dbt's first parse) "
        f"| {served_first['seconds']:.1f} s ({_steps(served_first)}) | |",
        f"| +10 reports, fresh `fazhi run` (a new process: imports, temporary Prefect API) "
        f"| {ic['seconds']:.1f} s ({_steps(ic)}) | |",
    ]
    for name, x in r["extraction"].items():
        lines.append(f"| extraction alone, one core, {name} | {x['extract_mchars_s']:.2f} M chars/s "
                     f"(bare `re.finditer('[0-9]+')`: {x['bare_regex_mchars_s']:.0f} M chars/s) "
                     f"| ≥ {FLOORS['extract_mchars']} M chars/s |")
    if r.get("metadata"):
        md = r["metadata"]
        lines.append(f"| report metadata alone, one core, synthetic ({md['reports']:,} reports) | "
                     f"{md['describe_ms']:.2f} ms a report, of which resolving regions {md['regions_ms']:.2f} ms "
                     f"| regions ≤ {FLOORS['regions_ms']} ms |")
    for name, a in (("synthetic corpus (1,000 reports)", r["accuracy_synthetic"]), ("seeds", r["accuracy_seeds"]),
                    ("dev set (36 real excerpts, 19 provinces)", r.get("accuracy_dev"))):
        if a:
            lines.append(f"| accuracy, {name} | P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f}; "
                         f"unit {a['unit_accuracy']:.3f} kind {a['kind_accuracy']:.3f} qualifier "
                         f"{a['qualifier_accuracy']:.3f}; metric R {a['metric_recall']:.3f} P {a['metric_precision']:.3f} | |")
    lines += ["", f"Peak RSS of the 10,000-report run: {rss_gb:.2f} GB in the fazhi process.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
