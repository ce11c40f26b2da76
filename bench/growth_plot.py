"""bench/growth.png: how a cold run's time and peak RSS grow with the corpus, log-log.

Part of `make bench` (bench/run.py calls ``draw`` with its results). Each panel
has a dashed line of linear growth through the 10,000-report run (issue 18's
reference size): a point above it at 100,000 grew faster than the corpus; the
1,000-report run lies above it by its fixed costs (start-up, dbt's per-node cost).
"""
from __future__ import annotations

from pathlib import Path

from results_table import rss_mb, sizes

REFERENCE = 10000   # reports of the run the linear-growth line goes through


def draw(results: dict, path: Path) -> Path:
    """Write the two panels (seconds, peak RSS against reports) as a PNG at ``path``."""
    import matplotlib

    matplotlib.use("Agg")   # no display: a file only
    import matplotlib.pyplot as plt

    runs = sizes(results)
    reports = [n for n, _ in runs]
    panels = (("cold run, seconds", [run["seconds"] for _, run in runs]),
              ("peak RSS, MB (largest process)", [rss_mb(run) for _, run in runs]))
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), constrained_layout=True)
    for ax, (label, values) in zip(axes, panels):
        ax.loglog(reports, values, "o-", label="measured")
        at = reports.index(REFERENCE)
        linear = [values[at] * n / REFERENCE for n in reports]
        ax.loglog(reports, linear, "--", color="grey", label="linear growth through 10,000 reports")
        for n, v in zip(reports, values):
            ax.annotate(f"{v:,.0f}" if v >= 100 else f"{v:.1f}", (n, v), textcoords="offset points", xytext=(4, -12))
        ax.margins(x=0.15, y=0.15)
        ax.set_xlabel("reports")
        ax.set_title(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize="small")
    fig.suptitle(f"fazhi cold runs ({results['machine']['date']})", fontsize="medium")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
