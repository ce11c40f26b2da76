"""Runs on record from their first moment: a small file per run beside the warehouse.

A run publishes its row of ``dq.runs`` only with its build, so a run killed
(or failed, or interrupted) before publishing would leave no trace. The
pipeline therefore writes ``.<warehouse>.runs/<run_id>.json`` when it starts,
marks it ``interrupted`` or ``error: …`` when it stops early, and removes it
once its row is published. Each step (ingest, dbt, checks, report) writes its
name into the file as it starts, so ``fazhi status`` shows where a run is, or where
it stopped (``running (dbt)``, ``abandoned (checks)``), and a watcher can wait for a
step instead of guessing its time. ``fazhi status`` lists these beside ``dq.runs``: a
``running`` file whose run no longer holds the warehouse's lock is shown as
``abandoned``. The next run writes every such file into ``dq.runs`` with its
build (``fold_into``), so a killed run ends up there too.

A run with nothing to do (``fazhi.nothing_new``) is on file the same way,
with its file counts: ``finished`` writes its whole entry at once, and the next
full run folds it into dq.runs like the others, at no cost to this one.
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from fazhi.warehouse import connect, lock_is_free


def journal_dir(published: Path) -> Path:
    return published.with_name(f".{published.stem}.runs")


def _write(published: Path, entry: dict) -> None:
    folder = journal_dir(published)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{entry['run_id']}.tmp"
    tmp.write_text(json.dumps(entry), encoding="utf-8")
    os.replace(tmp, folder / f"{entry['run_id']}.json")


def start(published: Path, run_id: str, trigger: str, started_at: datetime) -> None:
    _write(published, dict(run_id=run_id, trigger=trigger, started_at=started_at.isoformat(),
                           finished_at=None, status="running", pid=os.getpid()))


def step(published: Path, run_id: str, name: str) -> None:
    """The run starts its step ``name`` (ingest, dbt, checks, report)."""
    path = journal_dir(published) / f"{run_id}.json"
    if path.exists():
        _write(published, {**json.loads(path.read_text(encoding="utf-8")), "step": name})


def stop(published: Path, run_id: str, status: str, finished_at: datetime) -> None:
    """The run ended before publishing (``interrupted``, ``error: …``)."""
    path = journal_dir(published) / f"{run_id}.json"
    entry = json.loads(path.read_text(encoding="utf-8")) if path.exists() else dict(run_id=run_id, trigger="manual")
    entry.update(status=status, finished_at=finished_at.isoformat())
    entry.setdefault("started_at", finished_at.isoformat())
    _write(published, entry)


# Counts a finished entry may carry into dq.runs (columns of dq.runs).
COUNTS = ("files_seen", "files_landed", "files_skipped", "files_failed", "reports", "mail_status")


def finished(published: Path, run_id: str, trigger: str, started_at: datetime, finished_at: datetime,
             status: str, **counts: object) -> None:
    """A run that ended without a build to publish (nothing new): on file at once, with ``COUNTS``."""
    unknown = set(counts) - set(COUNTS)
    if unknown:
        raise ValueError(f"not a column a journal entry carries: {', '.join(sorted(unknown))}")
    _write(published, dict(run_id=run_id, trigger=trigger, started_at=started_at.isoformat(),
                           finished_at=finished_at.isoformat(), status=status, pid=os.getpid(), **counts))


def remove(published: Path, run_ids: list[str]) -> None:
    for run_id in run_ids:
        (journal_dir(published) / f"{run_id}.json").unlink(missing_ok=True)


def entries(published: Path) -> list[dict]:
    """Runs on file, oldest first; a ``running`` one is ``abandoned`` when nobody holds the lock."""
    folder = journal_dir(published)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found.append(entry)
    if any(e["status"] == "running" for e in found) and lock_is_free(published):
        for e in found:
            if e["status"] == "running":
                e["status"] = "abandoned"
    return found


def fold_into(build: Path, published: Path, exclude: str) -> list[str]:
    """Write every run on file but ``exclude`` (this run) into the build's dq.runs; return their ids.

    Called by the run that holds the lock, so a ``running`` entry is abandoned.
    """
    rows = []
    for e in entries(published):
        if e["run_id"] == exclude:
            continue
        status = "abandoned" if e["status"] == "running" else e["status"]
        rows.append((e["run_id"], e.get("trigger") or "manual", _time(e["started_at"]), _time(e.get("finished_at")),
                     status, *(e.get(c) for c in COUNTS)))
    if rows:
        columns = ("run_id", "trigger", "started_at", "finished_at", "status", *COUNTS)
        with connect(build) as con:
            for row in rows:
                con.execute(f"""insert into dq.runs ({', '.join(columns)})
                                select {', '.join('?' * len(columns))}
                                where ?::varchar not in (select run_id from dq.runs)""", [*row, row[0]])
    return [r[0] for r in rows]


def status_rows(published: Path, recorded: set[str]) -> list[tuple]:
    """Runs on file not yet in dq.runs, shaped like ``fazhi status``'s rows; the status
    names the step the run had started last (``abandoned (dbt)``)."""
    return [(e["run_id"], e.get("trigger") or "manual", _time(e["started_at"]), _time(e.get("finished_at")),
             f"{e['status']} ({e['step']})" if e.get("step") else e["status"],
             e.get("files_landed"), e.get("files_skipped"), e.get("files_failed"), None, None, None,
             e.get("mail_status") or "", None)
            for e in entries(published) if e["run_id"] not in recorded]


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
