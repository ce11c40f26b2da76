"""The run's data-quality report: HTML for browsers and mail clients, plain text for mail.

The flow's ``write_report`` task calls ``write_report`` after the checks; the
``send`` task mails what ``render_text`` and the written file hold; ``fazhi
report`` finds (or re-renders) a past run's file with ``ensure_report``.

Every string from a report file is HTML-escaped by the template engine
(autoescape), so a report that contains markup cannot run in a reader's
browser; the number a failure points at is highlighted by splitting the
sentence into three escaped pieces, never by inserting markup into it.
Written to ``<warehouse>/reports/<run>.html`` and ``latest.html``; GX Data
Docs of each run go to ``reports/gx_docs/<run>/`` (the last few runs kept).
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from fazhi import __version__
from fazhi.check_results import Failure
from fazhi.runs import RunSummary

_ENV = Environment(loader=PackageLoader("fazhi", "templates"), autoescape=select_autoescape(["html", "j2"]))
_BAR_SCALE = 300
_LABEL_CHARS = 28
# Mail-safe size: each failing check lists its first rows, the chart its top reports;
# the rest are counted and found in dq.check_failures (`fazhi checks`).
ROWS_PER_CHECK = 50
BARS = 20
DOCS_DIR = "gx_docs"
DOCS_KEPT = 10  # runs whose Data Docs stay on disk (~4 MB each)


def highlight(f: Failure) -> tuple[str, str, str] | None:
    """The failure's sentence as (before, number, after), when its span lies inside it."""
    if f.sentence is None or None in (f.span_start, f.span_end, f.sentence_start):
        return None
    start, end = f.span_start - f.sentence_start, f.span_end - f.sentence_start
    if not 0 <= start < end <= len(f.sentence):
        return None
    return f.sentence[:start], f.sentence[start:end], f.sentence[end:]


def report_names(warehouse: Path, report_ids: set[str] | None = None) -> dict[str, str]:
    """Each report's name for readers: issuer, year and title from dim_reports (file names aside);
    only those of ``report_ids`` when given."""
    from fazhi.warehouse import connect

    with connect(warehouse, read_only=True) as con:
        if not con.execute("select 1 from information_schema.tables where table_name = 'dim_reports'").fetchall():
            return {}
        wanted = "" if report_ids is None else " where report_id in (select unnest(?::varchar[]))"
        rows = con.execute(f"select report_id, issuer, report_year, title from dim_reports{wanted}",
                           [] if report_ids is None else [sorted(report_ids)]).fetchall()
    names = {}
    for report_id, issuer, year, title in rows:
        # a title that names its issuer and year says it all
        said = title and (not issuer or issuer in title) and (not year or str(year) in title)
        parts = [f"《{title}》"] if said else [issuer or "", f"{year}年度" if year else "", f"《{title}》" if title else ""]
        if any(parts):
            names[report_id] = " ".join(p for p in parts if p)
    return names


def disclosure(warehouse: Path, lowest: int = BARS) -> dict | None:
    """The reports' disclosure scores (dim_reports): the average and the ``lowest`` reports."""
    from fazhi.warehouse import connect

    with connect(warehouse, read_only=True) as con:
        present = {r[0] for r in con.execute("""select column_name from information_schema.columns
                                                where table_name = 'dim_reports'""").fetchall()}
        if "disclosure_score" not in present:
            return None
        reports, average = con.execute("""select count(*), avg(coalesce(disclosure_score, 0)) from dim_reports
                                          where duplicate_of is null""").fetchone()
        rows = con.execute("""select report_id, doc, disclosure_stated, disclosure_score, disclosure_missing
                              from dim_reports where duplicate_of is null
                              order by disclosure_score, doc limit ?""", [lowest]).fetchall()
    if not reports:
        return None
    return dict(average=round(100 * average), reports=reports,
                lowest=[dict(report_id=r[0], doc=r[1], stated=r[2], score=round(100 * (r[3] or 0)), missing=r[4] or "")
                        for r in rows])


def _chart(s: RunSummary) -> dict | None:
    """Bars of error and warning rows per report (the top BARS), drawn as table cells: mail-safe."""
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for c in s.checks:
        for f in c.failures:
            (errors if c.severity == "error" else warnings)[f.doc or "?"] += 1
    docs = sorted(set(errors) | set(warnings), key=lambda d: (-errors[d] - warnings[d], d))
    return _bars([(d, errors[d], warnings[d]) for d in docs[:BARS]], len(docs))


def failure_chart(warehouse: Path, run_id: str) -> dict | None:
    """The same bars counted in the warehouse over all the run's failing rows (dq.check_failures):
    the run's summary may list only each check's first rows."""
    from fazhi.warehouse import connect

    with connect(warehouse, read_only=True) as con:
        per_doc = """select coalesce(doc, '?') as doc, count(*) filter (where severity = 'error') as errors,
                            count(*) filter (where severity <> 'error') as warnings
                     from dq.check_failures where run_id = ? group by all"""
        top = con.execute(f"select * from ({per_doc}) order by errors + warnings desc, doc limit ?",
                          [run_id, BARS]).fetchall()
        reports = con.execute(f"select count(*) from ({per_doc})", [run_id]).fetchone()[0]
    return _bars(top, reports)


def _bars(top: list[tuple[str, int, int]], reports: int) -> dict | None:
    if not top:
        return None
    most = max(e + w for _, e, w in top)
    bars = [
        dict(label=_label(d), doc=d, errors=e, warnings=w,
             error_width=round(_BAR_SCALE * e / most), warning_width=round(_BAR_SCALE * w / most))
        for d, e, w in top
    ]
    return dict(bars=bars, reports=reports, more=max(0, reports - BARS))


def _label(doc: str) -> str:
    return doc if len(doc) <= _LABEL_CHARS else doc[:_LABEL_CHARS - 1] + "…"


def render_html(s: RunSummary, data_docs: str | None = None, names: dict[str, str] | None = None,
                disclosed: dict | None = None, chart: dict | None = None) -> str:
    """The report page, mail-safe (tables and inline styles, no SVG, no links): failures first,
    each check's first ROWS_PER_CHECK rows; ``data_docs`` is the run's GX Data Docs path, shown as text."""
    failing = sorted((c for c in s.checks if not c.success), key=lambda c: (c.severity != "error", c.check_name))
    return _ENV.get_template("report.html.j2").render(
        s=s, chart=chart or _chart(s), data_docs=data_docs, version=__version__, highlight=highlight,
        failing=failing, passing=[c for c in s.checks if c.success], names=names or {},
        rows_per_check=ROWS_PER_CHECK, disclosed=disclosed)


def _listed_reports(s: RunSummary) -> set[str]:
    """The reports the page names: those of each check's listed rows."""
    return {f.report_id for c in s.checks for f in c.failures[:ROWS_PER_CHECK] if f.report_id}


def render_text(s: RunSummary) -> str:
    """The plain-text part of the mail: the news in Chinese, the verdict, each check's first rows."""
    news = (f"数据质量：{s.news.new} 个新问题（共 {s.news.unresolved} 个未解决，{s.news.fixed} 个已修复，"
            f"{s.news.acked} 个已确认）· {s.reports_total} 份报告" if s.news else None)
    lines = [*([news] if news else []), f"fazhi data quality: {s.verdict}", f"run {s.run_id} ({s.trigger}), status {s.status}", "",
             f"files seen {s.landing.seen}, landed {s.landing.landed}, skipped {s.landing.skipped}, "
             f"failed {s.landing.failed}; reports in warehouse {s.reports_total}",
             "facts: " + ", ".join(f"{t} {n}" for t, n in s.facts.items()), ""]
    for c in s.checks:
        if c.success:
            continue
        lines.append(f"[{c.severity}] {c.check_name}: {c.rows_failing} of {c.rows_checked} rows — {c.description}")
        lines += [f"  - {f.doc}{' (read by OCR)' if f.read_by_ocr else ''} {f.metric or ''} {f.detail}\n    「{f.sentence or ''}」"
                  for f in c.failures[:ROWS_PER_CHECK]]
        if c.traced > ROWS_PER_CHECK:
            lines.append(f"  … 另有 {c.traced - ROWS_PER_CHECK} 行 (more rows): dq.check_failures, `fazhi checks`")
    for e in s.landing.errors:
        lines.append(f"[ingest] {e.location}: {e.stage}: {e.reason}")
    if s.report_path is not None:
        lines += ["", f"report: {s.report_path}"]
    return "\n".join(lines) + "\n"


def data_docs_dir(reports_dir: Path, run_id: str) -> Path:
    """Where a run's GX Data Docs are built."""
    return reports_dir / DOCS_DIR / run_id


def data_docs_link(reports_dir: Path, run_id: str) -> str | None:
    """The run's Data Docs index relative to the reports folder, if they were built."""
    index = data_docs_dir(reports_dir, run_id) / "index.html"
    return index.relative_to(reports_dir).as_posix() if index.exists() else None


def prune_data_docs(reports_dir: Path, keep: int = DOCS_KEPT) -> None:
    """Remove all but the newest ``keep`` runs' Data Docs."""
    root = reports_dir / DOCS_DIR
    if not root.is_dir():
        return
    runs = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def report_file(reports_dir: Path, run_id: str) -> Path:
    return reports_dir / f"{run_id}.html"


def write_report(s: RunSummary, reports_dir: Path, data_docs: str | None = None, latest: bool = True,
                 warehouse: Path | None = None) -> Path:
    """Write <run>.html (and refresh latest.html); return the run's file. With ``warehouse``
    (the run's working copy), reports are named from dim_reports and their disclosure shown."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = report_file(reports_dir, s.run_id)
    names, disclosed, chart = ((report_names(warehouse, _listed_reports(s)), disclosure(warehouse),
                                failure_chart(warehouse, s.run_id)) if warehouse else ({}, None, None))
    path.write_text(render_html(s, data_docs, names, disclosed, chart), encoding="utf-8")
    if latest:
        shutil.copyfile(path, reports_dir / "latest.html")
    return path


def ensure_report(s: RunSummary, reports_dir: Path) -> Path:
    """A recorded run's HTML file: the one it wrote, else re-rendered from its summary."""
    for path in (s.report_path, report_file(reports_dir, s.run_id)):
        if path is not None and path.is_file():
            s.report_path = path
            return path
    s.report_path = write_report(s, reports_dir, data_docs_link(reports_dir, s.run_id), latest=False)
    return s.report_path
