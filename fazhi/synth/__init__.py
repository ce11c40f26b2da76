"""A synthetic corpus of rule-of-law government reports with their true facts.

``generate(n, out_dir, seed)`` writes ``n`` realistic reports (法治政府建设
年度报告) and, for every report, the gold facts in the fields of
../shared/gold (SCHEMA.md), so that an extraction run can be scored with
``score.py --gold OUT-truth/gold --pred facts.jsonl``. Used as a
large accuracy test of the extractor and as the input of ``make bench``.

Output layout (the reports alone in OUT, so ``fazhi run OUT`` lands nothing else)::

    OUT/<doc>                   the report files: ~85% .txt UTF-8, ~5% .txt GB18030, ~10% .html
    OUT-truth/gold/<base>.jsonl gold facts, one a line (<base> is <doc> without .txt;
                                for a page, the full name: syn00012_ab12cd34.html.jsonl)
    OUT-truth/gold/<base>.nonfacts.txt  numbers that are not facts: start<TAB>text<TAB>reason
    OUT-truth/texts/<doc>.txt   the landed text (UTF-8) of every page and GB18030 file
    OUT-truth/manifest.jsonl    one line a report: doc, format, encoding, region, issuer,
                                year, level, chars, facts, planted (issue names), planted_at,
                                redrawn (its numbers drawn at random: no gold files)

Offsets (``start``) are Python str indices into the text the pipeline lands:
``fazhi.ingest.readers.read_document(doc, bytes).text``. For .txt that is
the file decoded (a CRLF file keeps its carriage returns); for a page it is the extracted
article, which the generator predicts exactly (title line, then one line per
paragraph) and ``verify`` proves by re-reading every page with the real
reader. Two limits of the shared tools, not of the gold:
score.py files a page's non-facts under "<doc>.txt", so false facts on a
page's non-facts count as unlabelled rather than non-fact; check_gold.py
opens docs as UTF-8 with universal newlines, so check GB18030 files and
pages on ``texts/`` and leave CRLF files (``newline: crlf`` in the manifest)
out — tests/test_synth.py shows how.

Modules: ``vocab`` (word lists), ``numbers`` (number forms), ``text``
(paragraph builder), ``facts`` (topic fact templates), ``document`` (report
assembly), ``layout`` (files, landed text, gold). Deterministic for a seed.
"""
from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections import Counter
from pathlib import Path
from random import Random

from fazhi.synth.document import build_report
from fazhi.synth.facts import ISSUES
from fazhi.synth.layout import gold as gold_lines, jsonl, render
from fazhi.synth.redraw import redraw as redraw_numbers

__all__ = ["generate", "verify", "truth_dir", "ISSUES"]


def truth_dir(out_dir: str | Path) -> Path:
    """Where the gold, landed texts and manifest of the corpus in ``out_dir`` go: beside it, not in it."""
    out = Path(out_dir)
    return out.with_name(f"{out.name}-truth")


class _Writer:
    """Writes files on a thread, so that generating and the file system overlap."""

    def __init__(self):
        self._queue: queue.Queue = queue.Queue(maxsize=512)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="synth-writer", daemon=True)
        self._thread.start()

    def put(self, path: Path, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is not None:
                continue
            path, data = item
            try:
                fd = os.open(path, flags, 0o644)
                try:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
            except BaseException as e:  # reported to the generating thread
                self._error = e


def generate(n: int, out_dir: str | Path, seed: int = 0, *, contradictions: float = 0.03,
             html_share: float = 0.10, gb18030_share: float = 0.05, gold: bool = True,
             check: bool = False, redraw: float = 0.0) -> dict:
    """Write ``n`` reports with gold under ``out_dir``; return a summary.

    ``contradictions`` is the share of reports with a planted issue (rate over
    100, 办结 > 受理, parts over their total, a 纠错率 off its counts), listed
    in the manifest. ``redraw`` is the share of reports whose numbers are drawn
    again at random (``fazhi.synth.redraw``: most of them contradict themselves);
    they are marked ``redrawn`` in the manifest and get no gold files. ``gold=False`` writes the reports and the manifest only
    (a third of the files, for throughput benchmarks). ``check`` re-reads every
    report with the ingest reader after writing (slow for pages: ~20 ms each)
    and raises if any gold offset does not point at its number. Same ``seed``
    -> same bytes.
    """
    t0 = time.perf_counter()
    out, truth = Path(out_dir), truth_dir(out_dir)
    for folder in (out, truth / "gold", truth / "texts"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("syn*"):  # a previous corpus's files would be scored too
            old.unlink()
    master = Random(seed)
    width = max(5, len(str(n - 1)))
    formats: Counter = Counter()
    planted: Counter = Counter()
    metrics: Counter = Counter()
    totals = Counter()
    writer = _Writer()
    try:
        with open(truth / "manifest.jsonl", "w", encoding="utf-8") as manifest:
            for i in range(n):
                entry, files, lines = _one(Random(master.getrandbits(64)), i, width, out, contradictions,
                                           html_share, gb18030_share, redraw)
                for path, data in files if gold else files[:1]:
                    writer.put(path, data)
                manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
                formats["html" if entry["format"] == "html" else f"txt-{entry['encoding']}"] += 1
                planted.update(entry["planted"])
                totals["redrawn"] += entry["redrawn"]
                metrics.update(line["metric"] for line in lines)
                totals["facts"] += len(lines)
                totals["nonfacts"] += entry["nonfacts"]
                totals["chars"] += entry["chars"]
    finally:
        writer.close()
    summary = {
        "reports": n, "out_dir": str(out), "reports_dir": str(out), "gold_dir": str(truth / "gold"),
        "manifest": str(truth / "manifest.jsonl"), "seed": seed,
        "facts": totals["facts"],
        "nonfacts": totals["nonfacts"], "facts_per_report": round(totals["facts"] / n, 1) if n else 0.0,
        "chars_mean": round(totals["chars"] / n) if n else 0,
        "formats": dict(sorted(formats.items())), "planted": dict(sorted(planted.items())),
        "redrawn": totals["redrawn"],
        "metrics": len([m for m in metrics if m]),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    if check and gold:
        problems = verify(out)
        summary["check"] = {"reports": problems["reports"], "lines": problems["lines"], "bad": len(problems["bad"])}
        if problems["bad"]:
            raise AssertionError(f"synthetic gold does not match the landed text: {problems['bad'][:5]}")
    return summary


def _one(rng: Random, i: int, width: int, out: Path, contradictions: float, html_share: float,
         gb18030_share: float, redraw: float = 0.0) -> tuple[dict, list[tuple[Path, bytes]], list[dict]]:
    """Report number ``i``: its manifest entry, the files to write and its gold lines
    (none for a report whose numbers were redrawn)."""
    plants = []
    if rng.random() < contradictions:
        plants.append(rng.choice(ISSUES))
        if rng.random() < 0.2:
            other = rng.choice(ISSUES)
            if other not in plants:
                plants.append(other)
    report = build_report(rng, plants)
    truth = truth_dir(out)
    r = rng.random()
    fmt = "html" if r < html_share else "gb18030" if r < html_share + gb18030_share else "txt"
    doc = f"syn{i:0{width}d}_{rng.getrandbits(32):08x}.{'html' if fmt == 'html' else 'txt'}"
    # drawn from the name, not from ``rng``: with or without redraws a seed gives the same
    # reports, names and layout, only the redrawn ones' numbers differ
    redrawn = bool(redraw) and Random(f"redraw {doc}").random() < redraw
    if redrawn:
        redraw_numbers(report, Random(f"numbers {doc}"))
    rendered = render(report, fmt, rng)
    lines, nonfacts = gold_lines(doc, rendered)
    base = doc[:-4] if doc.endswith(".txt") else doc
    files = [
        (out / doc, rendered.data),
        (truth / "gold" / f"{base}.jsonl", jsonl(lines).encode("utf-8")),
        (truth / "gold" / f"{base}.nonfacts.txt",
         "".join(f"{s}\t{t}\t{why}\n" for s, t, why in nonfacts).encode("utf-8")),
    ]
    if fmt != "txt":
        files.append((truth / "texts" / f"{doc}.txt", rendered.text.encode("utf-8")))
    if redrawn:
        files, lines = files[:1], []
    entry = {
        "doc": doc, "format": rendered.fmt, "encoding": rendered.encoding, "region": report.region,
        "issuer": report.issuer, "year": report.year, "level": report.level,
        "newline": "crlf" if "\r\n" in rendered.text else "lf", "full_width_digits": rendered.full_width,
        "chars": len(rendered.text), "facts": len(lines), "nonfacts": 0 if redrawn else len(nonfacts),
        "redrawn": redrawn,
        "planted": [issue for issue, _ in report.planted],
        "planted_at": [{"issue": issue, "start": fact.start,
                        "number_text": rendered.text[fact.start:fact.start + len(fact.num.text)],
                        "metric": fact.lines[0][2]} for issue, fact in report.planted],
    }
    return entry, files, lines


def verify(out_dir: str | Path, limit: int | None = None) -> dict:
    """Re-read reports with the ingest reader and check every gold line and non-fact against the text.

    Returns {"reports": checked, "lines": checked, "bad": [problems]}; a problem
    is a page whose extracted text differs from the predicted landed text, a
    gold line whose ``start`` does not point at its ``number_text`` or whose
    quote is not in the text, or a non-fact not at its offset.
    """
    from fazhi.ingest.readers import read_document

    out, truth = Path(out_dir), truth_dir(out_dir)
    bad: list[str] = []
    checked = nlines = 0
    with open(truth / "manifest.jsonl", encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    for entry in [e for e in entries if not e.get("redrawn")][:limit]:
        doc = entry["doc"]
        text = read_document(doc, (out / doc).read_bytes()).text
        predicted = truth / "texts" / f"{doc}.txt"
        if predicted.exists() and predicted.read_bytes().decode("utf-8") != text:
            bad.append(f"{doc}: landed text differs from the predicted text")
        base = doc[:-4] if doc.endswith(".txt") else doc
        with open(truth / "gold" / f"{base}.jsonl", encoding="utf-8") as g:
            for line in g:
                row = json.loads(line)
                nlines += 1
                s, nt = row["start"], row["number_text"]
                if text[s:s + len(nt)] != nt:
                    bad.append(f"{doc}@{s}: {text[s:s + len(nt)]!r} != {nt!r}")
                elif row["quote"] not in text or nt not in row["quote"]:
                    bad.append(f"{doc}@{s}: quote {row['quote']!r} not in the text")
        with open(truth / "gold" / f"{base}.nonfacts.txt", encoding="utf-8") as g:
            for line in g:
                s, t, _ = line.rstrip("\n").split("\t")
                if text[int(s):int(s) + len(t)] != t:
                    bad.append(f"{doc}: non-fact {t!r} not at {s}")
        checked += 1
    return {"reports": checked, "lines": nlines, "bad": bad}
