"""The run's data-quality report: HTML for browsers and mail clients, plain text for mail.

Every string from a report file is HTML-escaped by the template engine
(autoescape), so a report that contains markup cannot run in a reader's
browser. Written to ``<warehouse>/reports/<run>.html`` and ``latest.html``.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from fazhi import __version__
from fazhi.runs import RunSummary

_ENV = Environment(loader=PackageLoader("fazhi", "templates"), autoescape=select_autoescape(["html", "j2"]))
_BAR_SCALE = 300


def _chart(s: RunSummary) -> dict | None:
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for c in s.checks:
        for f in c.failures:
            (errors if c.severity == "error" else warnings)[f.doc or "?"] += 1
    docs = sorted(set(errors) | set(warnings), key=lambda d: (-errors[d] - warnings[d], d))
    if not docs:
        return None
    top = max(errors[d] + warnings[d] for d in docs)
    bars = [
        dict(label=d[:28], y=i * 24, errors=errors[d], warnings=warnings[d],
             error_width=round(_BAR_SCALE * errors[d] / top), warning_width=round(_BAR_SCALE * warnings[d] / top))
        for i, d in enumerate(docs)
    ]
    return dict(bars=bars, width=220 + _BAR_SCALE + 60, height=len(bars) * 24 + 4, label_width=220)


def render_html(s: RunSummary, data_docs: str | None = None) -> str:
    return _ENV.get_template("report.html.j2").render(s=s, chart=_chart(s), data_docs=data_docs, version=__version__)


def render_text(s: RunSummary) -> str:
    """The plain-text part of the mail: the verdict and every failing row."""
    lines = [f"fazhi data quality: {s.verdict}", f"run {s.run_id} ({s.trigger}), status {s.status}", "",
             f"files seen {s.landing.seen}, landed {s.landing.landed}, skipped {s.landing.skipped}, "
             f"failed {s.landing.failed}; reports in warehouse {s.reports_total}",
             "facts: " + ", ".join(f"{t} {n}" for t, n in s.facts.items()), ""]
    for c in s.checks:
        if c.success:
            continue
        lines.append(f"[{c.severity}] {c.check_name}: {c.rows_failing} of {c.rows_checked} rows — {c.description}")
        lines += [f"  - {f.doc} {f.metric or ''} {f.detail}\n    「{f.sentence or ''}」" for f in c.failures]
    for e in s.landing.errors:
        lines.append(f"[ingest] {e.location}: {e.stage}: {e.reason}")
    return "\n".join(lines) + "\n"


def write_report(s: RunSummary, reports_dir: Path, data_docs: str | None = None) -> Path:
    """Write <run>.html and refresh latest.html; return the run's file."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / f"{s.run_id}.html"
    path.write_text(render_html(s, data_docs), encoding="utf-8")
    shutil.copyfile(path, reports_dir / "latest.html")
    return path
