"""How far a run has got, on the terminal: phases with counts and bars.

The steps of a run report here (``add`` a phase, ``advance`` it); what shows
depends on the reporter the command line installed with ``use``: a rich
progress display on a terminal, nothing when output goes to a file or a pipe,
or with ``-q``. The default reporter is silent, so library code, tests and
``fazhi serve`` pay nothing. Phases: start-up (a spinner), files landed,
report parses (one per report and parse model), dbt nodes, checks.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Reporter:
    """Silent: every call does nothing."""

    def add(self, key: str, description: str, total: int | None = None) -> None: ...

    def add_total(self, key: str, more: int) -> None: ...

    def advance(self, key: str, n: int = 1) -> None: ...

    def done(self, key: str) -> None: ...


class RichReporter(Reporter):
    """A rich Progress on ``console`` (stderr): one line per phase."""

    def __init__(self, console):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        self.progress = Progress(SpinnerColumn(finished_text="[green]✓[/green]"), TextColumn("{task.description:<28}"),
                                 BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console)
        self.tasks: dict[str, int] = {}
        self.lock = threading.Lock()

    def add(self, key: str, description: str, total: int | None = None) -> None:
        with self.lock:
            if key in self.tasks:
                self.progress.update(self.tasks[key], description=description, total=total)
            else:
                self.tasks[key] = self.progress.add_task(description, total=total)

    def add_total(self, key: str, more: int) -> None:
        with self.lock:
            if key in self.tasks:
                task = self.progress.tasks[self.tasks[key]]
                self.progress.update(self.tasks[key], total=(task.total or 0) + more)

    def advance(self, key: str, n: int = 1) -> None:
        if key in self.tasks:
            self.progress.advance(self.tasks[key], n)

    def done(self, key: str) -> None:
        if key in self.tasks:
            task = self.progress.tasks[self.tasks[key]]
            end = task.total if task.total is not None else (task.completed or 1)   # a spinner ends as 1/1
            self.progress.update(self.tasks[key], total=end, completed=end)


_current: Reporter = Reporter()


@contextmanager
def use(reporter: Reporter) -> Iterator[Reporter]:
    """Report to ``reporter`` for the duration (a rich one is started and stopped here)."""
    global _current
    previous, _current = _current, reporter
    live = getattr(reporter, "progress", None)
    if live is not None:
        live.start()
    try:
        yield reporter
    finally:
        if live is not None:
            live.stop()
        _current = previous


def add(key: str, description: str, total: int | None = None) -> None:
    _current.add(key, description, total)


def add_total(key: str, more: int) -> None:
    _current.add_total(key, more)


def advance(key: str, n: int = 1) -> None:
    _current.advance(key, n)


def done(key: str) -> None:
    _current.done(key)
