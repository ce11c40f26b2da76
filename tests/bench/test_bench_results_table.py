"""bench/results_table.py and bench/growth_plot.py on a small invented results dict (no corpus, no run)."""
from __future__ import annotations

import copy
import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import results_table  # noqa: E402


def run(seconds: float, rss_mb: float, **steps: float) -> dict:
    return {"seconds": seconds, "rss_mb": rss_mb, "tree_rss_mb": rss_mb, "steps": steps, "failing": 0}


def served(seconds: float, **steps: float) -> dict:
    """A run of the `fazhi serve` deployment: Prefect's time, no peak RSS of its own (the service runs on)."""
    return {"seconds": seconds, "late_s": 0.1, "steps": steps, "failing": 0}


RESULTS = {
    "machine": {"cores": 2, "cpu": "Invented CPU", "ram_gb": 8.0, "python": "3.11.0", "load_before": 0.5,
                "date": "2030-01-02 03:04 UTC"},
    "bench_seconds": 321.0,
    # floor = 1.0 s read + 6.0 s extraction / 2 cores = 4.0 s
    "floor": {"files": 10000, "read_s": 1.0, "extract_s": 6.0, "chars": 42_000_000, "cores": 2, "seconds": 4.0},
    "e2e_1k": run(12.0, 500),
    "e2e_10k": run(40.0, 1600, ingest=8.0, dbt=20.0),
    "e2e_100k": run(480.0, 2200),
    "incremental_cold": run(9.0, 700, dbt=3.0),
    "incremental_served": [served(6.0), served(4.0, dbt=2.0)],
    "nothing_new": run(10.0, 600),
    "redraw": {"fraction": 0.9, "failing": 123456, "cold": run(60.0, 1700, dbt=30.0),
               "nothing_new": run(11.0, 600), "incremental_cold": run(13.0, 700)},
    "extraction": {"synthetic (10,000 reports, 120 MB)": {"chars": 42_000_000, "extract_s": 6.0,
                                                          "extract_mchars_s": 7.0, "bare_regex_mchars_s": 90.0}},
    "metadata": {"reports": 1000, "describe_ms": 0.5, "regions_ms": 0.2},
    "accuracy_synthetic": None, "accuracy_seeds": None, "accuracy_dev": None,
    "notes": [],
}


def row(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_every_time_is_also_a_multiple_of_the_compute_floor():
    text = results_table.render(RESULTS)
    assert "**Compute floor: 4.00 s**" in text
    assert "| 40.0 s (×10.0), peak RSS 1600 MB |" in row(text, "| end to end, 10,000 reports, cold")
    assert "4.0 s (×1.0) (dbt 2.0)" in row(text, "| +10 reports on the 10,000-report warehouse, `fazhi serve`")
    assert "9.0 s (×2.2) (dbt 3.0)" in row(text, "| +10 reports, fresh `fazhi run`")
    assert "10.0 s (×2.5)" in row(text, "| a run with nothing new")


def test_a_profiled_run_is_marked():
    r = copy.deepcopy(RESULTS)
    assert "†" not in results_table.render(r)
    r["nothing_new"]["profile"] = "out/profile-nothing-new.txt"
    text = results_table.render(r)
    assert "10.0 s (×2.5) †" in row(text, "| a run with nothing new")
    assert "† recorded by py-spy while it was measured" in text


def test_the_floors_of_issue_18_are_marked_met_or_missed():
    text = results_table.render(RESULTS)
    assert row(text, "| end to end, 10,000 reports, cold").endswith("| ≤ 30 s ✗, ≤ 1.5 GB ✗ |")
    assert row(text, "| +10 reports on the 10,000-report warehouse, `fazhi serve`").endswith("| ≤ 5 s ✓ |")
    assert row(text, "| +10 reports, fresh `fazhi run`").endswith("| ≤ 10 s ✓ |")
    assert row(text, "| a run with nothing new").endswith("| ≤ 8 s ✗ |")
    assert row(text, "| extraction alone").endswith("| ≥ 6 M chars/s ✓ |")


def test_the_second_corpus_is_compared_with_the_first():
    text = results_table.render(RESULTS)
    cold = row(text, "| second corpus, 10,000 reports with 90% of them redrawn (123456 failing rows): cold")
    assert "60.0 s (×15.0), peak RSS 1700 MB (dbt 30.0)" in cold
    assert cold.endswith("| ≤ 30 s ✗, ≤ 1.5 GB ✗ |")   # the issue's floors hold on its corpus too
    longer = copy.deepcopy(RESULTS)
    longer["redraw"]["chars"] = 68_400_000
    assert row(results_table.render(longer),
               "| second corpus, 10,000 reports with 90% of them redrawn and 68 M characters (123456 failing rows): cold")
    assert row(text, "| … a run with nothing new").endswith("| ≤ 8 s ✗, within 2 s of the first corpus (+1.0 s) ✓ |")
    assert row(text, "| … +10 reports, fresh").endswith("| ≤ 10 s ✗, within 2 s of the first corpus (+4.0 s) ✗ |")


def test_without_the_second_corpus_or_100k_their_rows_are_left_out():
    r = copy.deepcopy(RESULTS)
    r["redraw"], r["e2e_100k"], r["notes"] = None, None, ["the second corpus was skipped."]
    text = results_table.render(r)
    assert "second corpus" not in text.split("Note:")[0]
    assert "| 100,000 |" not in text
    assert "`BENCH_SCALE=100000 make bench`" in text
    assert text.rstrip().endswith("Note: the second corpus was skipped.")


def test_the_growth_table_gives_each_size_and_the_100k_floors():
    text = results_table.render(RESULTS)
    assert row(text, "| 1,000 |") == "| 1,000 | 12.0 s (×3.0) | 12.0 |  | 500 MB |  |"
    assert row(text, "| 10,000 |") == "| 10,000 | 40.0 s (×10.0) | 4.0 | ×3.3 for ×10 | 1600 MB |  |"
    assert row(text, "| 100,000 |") == ("| 100,000 | 480.0 s (×120.0) | 4.8 | ×12.0 for ×10 | 2200 MB "
                                        "| ≤ 11 × the 10,000 run ✗, peak RSS ≤ 2 GB ✗ |")


def test_times_come_from_unprofiled_runs_and_the_profiled_twins_are_named():
    r = copy.deepcopy(RESULTS)
    r["e2e_10k"]["profiled"] = {**run(43.0, 1650), "profile": "out/profile-run-10k.txt"}
    r["incremental_cold"]["profiled"] = {**run(9.7, 700), "profile": "out/profile-plus-10.txt"}
    text = results_table.render(r)
    assert "| 40.0 s (×10.0), peak RSS 1600 MB |" in row(text, "| end to end, 10,000 reports, cold")
    assert "†" not in text
    assert "again under py-spy, in a warehouse of their own: cold 10,000 43.0 s, +10 fresh 9.7 s." in text


def test_repeated_runs_are_given_by_their_median_and_each_time():
    r = copy.deepcopy(RESULTS)
    r["incremental_cold"]["repeats"] = [run(12.0, 700, dbt=3.5), run(8.0, 700, dbt=2.5)]
    r["incremental_served"] += [served(7.0, dbt=4.0), served(5.0, dbt=3.0)]
    r["redraw"]["incremental_cold"]["repeats"] = [run(9.5, 700), run(10.5, 700)]
    text = results_table.render(r)
    fresh = row(text, "| +10 reports, fresh `fazhi run`")
    assert "9.0 s (×2.2), median of 3 runs (9.0 / 12.0 / 8.0 s) (dbt 3.0)" in fresh
    warm = row(text, "| +10 reports on the 10,000-report warehouse, `fazhi serve`")
    assert "5.0 s (×1.2), median of 3 runs (4.0 / 7.0 / 5.0 s) (dbt 3.0)" in warm
    assert warm.endswith("| ≤ 5 s ✓ |")
    assert "6.0 s (×1.5)" in row(text, "| … a run started the moment serve is up")   # the first served run, alone
    # the second corpus's median (10.5 s) against the first's (9.0 s)
    assert row(text, "| … +10 reports, fresh").endswith("| ≤ 10 s ✗, within 2 s of the first corpus (+1.5 s) ✓ |")


def test_repeated_cold_runs_give_the_median_time_and_the_largest_peak():
    r = copy.deepcopy(RESULTS)
    r["e2e_10k"]["repeats"] = [run(30.0, 1400, ingest=7.0, dbt=15.0), run(50.0, 1300)]
    r["redraw"]["cold"]["repeats"] = [run(55.0, 1500), run(70.0, 1900)]
    text = results_table.render(r)
    cold = row(text, "| end to end, 10,000 reports, cold")
    assert "| 40.0 s (×10.0), median of 3 runs (40.0 / 30.0 / 50.0 s), peak RSS 1600 MB (the largest of 3) |" in cold
    assert "ingest 8.0, dbt 20.0" in row(text, "| … of which (s)")   # the median run's steps
    redrawn = row(text, "| second corpus")
    assert "60.0 s (×15.0), median of 3 runs (60.0 / 55.0 / 70.0 s), peak RSS 1900 MB (the largest of 3)" in redrawn
    assert redrawn.endswith("| ≤ 30 s ✗, ≤ 1.5 GB ✗ |")
    assert row(text, "| 10,000 |") == "| 10,000 | 40.0 s (×10.0) | 4.0 | ×3.3 for ×10 | 1600 MB |  |"
    r["e2e_10k"]["repeats"][1]["seconds"] = 35.0   # the median is now 35 s: 480 s is more than 11 times that
    assert "| ≤ 11 × the 10,000 run ✗" in row(results_table.render(r), "| 100,000 |")
    r["e2e_10k"]["repeats"][0]["seconds"], r["e2e_10k"]["repeats"][1]["seconds"] = 45.0, 50.0
    # the median is now 45 s: 480 s is less than 11 times that
    assert "| ≤ 11 × the 10,000 run ✓" in row(results_table.render(r), "| 100,000 |")
