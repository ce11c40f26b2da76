"""The tables of `make bench`: bench/run.py's results as markdown, for bench/RESULTS.md and the README.

Every time is also given as a multiple of the compute floor measured in the same
run (reading the 10,000 files with DuckDB plus extracting every fact, spread over
the cores), so figures from different machines compare. The floor column holds
issue 18's targets, each marked met (✓) or missed (✗).
"""
from __future__ import annotations

# Issue 18's targets on `make bench`.
FLOORS = {
    "cold_10k_s": 30, "cold_10k_rss_gb": 1.5,   # 10,000 reports into an empty warehouse
    "served_10_s": 5,                           # +10 as a run of the warm `fazhi serve`
    "fresh_10_s": 10,                           # +10 as a new `fazhi run` process
    "nothing_new_s": 8,                         # `fazhi run` on a folder that has all landed
    "same_within_s": 2,                         # many old failures must not cost more than none
    "extract_mchars": 6,                        # extraction alone, one core
    "growth_100k_over_10k": 11, "rss_gb": 2,    # 100,000 reports cold
    "regions_ms": 1,
}


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def at_most(value: float, limit: float, unit: str) -> str:
    """The floor cell of an upper bound: "≤ 30 s ✗"."""
    return f"≤ {limit:g} {unit} {mark(value <= limit)}"


def timed(seconds: float, floor_s: float | None) -> str:
    """A time with its multiple of the compute floor: "72.3 s (×11.8)"."""
    return f"{seconds:.1f} s" + (f" (×{seconds / floor_s:.1f})" if floor_s else "")


def steps(run: dict) -> str:
    """The seconds of a run's steps as dq.runs recorded them: "ingest 9.5, dbt 35.9"."""
    return ", ".join(f"{k} {v:.1f}" for k, v in (run.get("steps") or {}).items())


def rss_mb(run: dict) -> float:
    """Peak RSS of the largest process in the run's tree (workers and the Prefect API included);
    of repeated runs (``typical``), the largest of them."""
    return run.get("peak_tree_rss_mb", run["tree_rss_mb"])


def rss_gb(run: dict) -> float:
    return rss_mb(run) / 1024


def profiled(run: dict) -> str:
    """" †" after a run that py-spy recorded while it was measured."""
    return " †" if run.get("profile") else ""


def typical(runs: dict | list[dict]) -> dict:
    """The run of median time among ``runs`` (a run and its ``repeats``, or a list; the lower of the
    two middle ones of an even number), with every run's seconds in ``all_seconds`` in their order."""
    runs = [runs, *runs.get("repeats", [])] if isinstance(runs, dict) else list(runs)
    if len(runs) == 1:
        return runs[0]
    median = sorted(runs, key=lambda x: x["seconds"])[(len(runs) - 1) // 2]
    peaks = [x["tree_rss_mb"] for x in runs if "tree_rss_mb" in x]   # a served run has none: its process serves on
    return {**median, "all_seconds": [x["seconds"] for x in runs], **({"peak_tree_rss_mb": max(peaks)} if peaks else {})}


def _samples(run: dict) -> str:
    """", median of 3 runs (12.1 / 13.3 / 15.0 s)" after a ``typical`` time of repeated runs."""
    if not run.get("all_seconds"):
        return ""
    return f", median of {len(run['all_seconds'])} runs (" + " / ".join(f"{x:.1f}" for x in run["all_seconds"]) + " s)"


def _cold_cell(run: dict, floor_s: float | None) -> str:
    """A cold run's time and peak RSS (of repeated runs: the median time, the largest peak)."""
    largest = f" (the largest of {len(run['all_seconds'])})" if run.get("all_seconds") else ""
    return f"{timed(run['seconds'], floor_s)}{profiled(run)}{_samples(run)}, peak RSS {rss_mb(run):.0f} MB{largest}"


def _run_cell(run: dict, floor_s: float | None) -> str:
    cell = timed(run["seconds"], floor_s) + profiled(run) + _samples(run)
    return cell + (f" ({steps(run)})" if run.get("steps") else "")


def render(r: dict) -> str:
    """The whole of bench/RESULTS.md for one results dict of bench/run.py."""
    m, floor = r["machine"], r.get("floor")
    floor_s = floor["seconds"] if floor else None
    e1, e10, ic, nothing = r["e2e_1k"], typical(r["e2e_10k"]), typical(r["incremental_cold"]), r["nothing_new"]
    served_first, served_next = r["incremental_served"][0], typical(r["incremental_served"][1:])
    lines = [
        "# fazhi benchmark",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GiB RAM, Python {m['python']}; "
        f"{m['date']}; load average before: {m['load_before']:.2f}. `make bench` took {r['bench_seconds']:.0f} s.",
        "",
    ]
    if floor:
        lines += [
            f"**Compute floor: {floor_s:.2f} s** = DuckDB reading the {floor['files']:,} files of the "
            f"10,000-report corpus ({floor['read_s']:.2f} s) + extracting every fact from their text on one core "
            f"({floor['extract_s']:.2f} s) / {floor['cores']} cores. (×N) after a time is that time / the floor.",
            "",
        ]
    lines += [
        "| measurement | result | floor (issue 18) |",
        "|---|---|---|",
        f"| end to end, 1,000 reports, cold | {timed(e1['seconds'], floor_s)}, peak RSS {e1['tree_rss_mb']:.0f} MB | |",
        f"| end to end, 10,000 reports, cold | {_cold_cell(e10, floor_s)} "
        f"| {at_most(e10['seconds'], FLOORS['cold_10k_s'], 's')}, "
        f"{at_most(rss_gb(e10), FLOORS['cold_10k_rss_gb'], 'GB')} |",
        f"| … of which (s) | {steps(e10)}; the rest is start-up and publishing | |",
        f"| +10 reports on the 10,000-report warehouse, `fazhi serve` (a run of its deployment, "
        f"in the warm service process) | {_run_cell(served_next, floor_s)} "
        f"| {at_most(served_next['seconds'], FLOORS['served_10_s'], 's')} |",
        f"| … a run started the moment serve is up (dbt and GX still importing in the background; dbt's first parse) "
        f"| {_run_cell(served_first, floor_s)} | |",
        f"| +10 reports, fresh `fazhi run` (a new process: imports, temporary Prefect API) "
        f"| {_run_cell(ic, floor_s)} | {at_most(ic['seconds'], FLOORS['fresh_10_s'], 's')} |",
        f"| a run with nothing new: `fazhi run` on the 10,000-report folder again, fresh process "
        f"| {_run_cell(nothing, floor_s)} | {at_most(nothing['seconds'], FLOORS['nothing_new_s'], 's')} |",
    ]
    lines += _redraw_rows(r, floor_s)
    if floor:
        lines.append(f"| compute floor (reading + extraction / cores) | {floor_s:.2f} s (read {floor['read_s']:.2f} s, "
                     f"extract {floor['extract_s']:.2f} s on one core, {floor['chars'] / 1e6:.0f} M chars) | |")
    for name, x in r["extraction"].items():
        lines.append(f"| extraction alone, one core, {name} | {x['extract_mchars_s']:.2f} M chars/s "
                     f"(bare `re.finditer('[0-9]+')`: {x['bare_regex_mchars_s']:.0f} M chars/s) "
                     f"| ≥ {FLOORS['extract_mchars']} M chars/s {mark(x['extract_mchars_s'] >= FLOORS['extract_mchars'])} |")
    if r.get("metadata"):
        md = r["metadata"]
        lines.append(f"| report metadata alone, one core, synthetic ({md['reports']:,} reports) | "
                     f"{md['describe_ms']:.2f} ms a report, of which resolving regions {md['regions_ms']:.2f} ms "
                     f"| regions {at_most(md['regions_ms'], FLOORS['regions_ms'], 'ms')} |")
    for name, a in (("synthetic corpus (1,000 reports)", r.get("accuracy_synthetic")), ("seeds", r.get("accuracy_seeds")),
                    ("dev set (36 real excerpts, 19 provinces)", r.get("accuracy_dev"))):
        if a:
            lines.append(f"| accuracy, {name} | P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f}; "
                         f"unit {a['unit_accuracy']:.3f} kind {a['kind_accuracy']:.3f} qualifier "
                         f"{a['qualifier_accuracy']:.3f}; metric R {a['metric_recall']:.3f} P {a['metric_precision']:.3f} | |")
    e10_first, ic_first = r["e2e_10k"], r["incremental_cold"]   # the runs py-spy's twins repeat
    if any(profiled(x) for x in (e10, ic, nothing)):
        lines += ["", "† recorded by py-spy while it was measured (bench/PROFILE.md; the README says what that costs)."]
    twins = [(name, x["profiled"]) for name, x in (("cold 10,000", e10_first), ("+10 fresh", ic_first), ("nothing new", nothing))
             if x and x.get("profiled")]
    if twins:
        lines += ["", "The times above are unprofiled. bench/PROFILE.md records the same runs again under py-spy, "
                  "in a warehouse of their own: " + ", ".join(f"{name} {t['seconds']:.1f} s" for name, t in twins) + "."]
    lines += ["", *growth_table(r, floor_s)]
    if r.get("notes"):
        lines += ["", *(f"Note: {n}" for n in r["notes"])]
    return "\n".join(lines) + "\n"


def _redraw_rows(r: dict, floor_s: float | None) -> list[str]:
    """The second corpus (numbers redrawn so most reports contradict themselves) beside the plain one."""
    red = r.get("redraw")
    if not red:
        return []
    plain = {"cold": typical(r["e2e_10k"]), "nothing_new": r["nothing_new"],
             "incremental_cold": typical(r["incremental_cold"])}
    red = {**red, "cold": typical(red["cold"]), "incremental_cold": typical(red["incremental_cold"])}
    within = FLOORS["same_within_s"]
    name = (f"second corpus, 10,000 reports with {red['fraction']:.0%} of them redrawn "
            + (f"and {red['chars'] / 1e6:.0f} M characters " if red.get("chars") else "")
            + f"({red.get('failing', '?')} failing rows)")

    def same(key: str, limit: float | None) -> str:
        diff = red[key]["seconds"] - plain[key]["seconds"]
        cell = f"within {within} s of the first corpus ({diff:+.1f} s) {mark(abs(diff) <= within)}"
        return (f"{at_most(red[key]['seconds'], limit, 's')}, " if limit else "") + cell

    cold = red["cold"]
    return [
        f"| {name}: cold | {_cold_cell(cold, floor_s)} ({steps(cold)}) "
        f"| {at_most(cold['seconds'], FLOORS['cold_10k_s'], 's')}, {at_most(rss_gb(cold), FLOORS['cold_10k_rss_gb'], 'GB')} |",
        f"| … a run with nothing new | {_run_cell(red['nothing_new'], floor_s)} "
        f"| {same('nothing_new', FLOORS['nothing_new_s'])} |",
        f"| … +10 reports, fresh `fazhi run` | {_run_cell(red['incremental_cold'], floor_s)} "
        f"| {same('incremental_cold', FLOORS['fresh_10_s'])} |",
    ]


def sizes(r: dict) -> list[tuple[int, dict]]:
    """The cold runs by corpus size: (reports, run), smallest first."""
    runs = [(1000, r["e2e_1k"]), (10000, typical(r["e2e_10k"]))]
    if r.get("e2e_100k"):
        runs.append((100000, r["e2e_100k"]))
    return runs


def growth_table(r: dict, floor_s: float | None) -> list[str]:
    """Time and peak RSS of the cold runs at each size, growth to the next, and the 100k floors."""
    lines = ["Growth of a cold run with the corpus (bench/growth.png draws it, log-log):", "",
             "| reports | cold run | ms a report | × the size before | peak RSS | floor (issue 18) |",
             "|---|---|---|---|---|---|"]
    before = None
    for n, run in sizes(r):
        growth = f"×{run['seconds'] / before['seconds']:.1f} for ×{n // before_n}" if before else ""
        floor = ""
        if n == 100000:
            limit = FLOORS["growth_100k_over_10k"]
            floor = (f"≤ {limit} × the 10,000 run {mark(run['seconds'] <= limit * before['seconds'])}, "
                     f"peak RSS {at_most(rss_gb(run), FLOORS['rss_gb'], 'GB')}")
        lines.append(f"| {n:,} | {timed(run['seconds'], floor_s)} | {run['seconds'] * 1000 / n:.1f} | {growth} "
                     f"| {rss_mb(run):.0f} MB | {floor} |")
        before, before_n = run, n
    if not r.get("e2e_100k"):
        lines += ["", "(100,000 reports: `BENCH_SCALE=100000 make bench`.)"]
    return lines
