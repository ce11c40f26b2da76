"""The read side of the CLI against a built warehouse (read-only connections)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys


def fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], capture_output=True, text=True)


def test_sql_prints_a_table(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("sql", "select count(*) as n_reports from dim_reports", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert "n_reports" in out.stdout and "5" in out.stdout


def test_sql_cannot_write(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("sql", "delete from raw.reports", "--warehouse", str(warehouse))
    assert out.returncode == 1
    assert "read-only" in (out.stderr + out.stdout).lower()


def test_facts_as_csv(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("facts", "--format", "csv", "--warehouse", str(warehouse))
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and {"doc", "start", "end", "value"} <= set(rows[0])


def test_status_lists_runs(seeds_run):
    summary, warehouse = seeds_run
    out = fazhi("status", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert summary.run_id[:15] in out.stdout


def test_missing_warehouse_is_a_clear_error(tmp_path):
    out = fazhi("facts", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode == 2
    assert "no warehouse" in out.stderr


def test_version():
    out = fazhi("--version")
    assert out.returncode == 0 and out.stdout.startswith("fazhi ")


def test_help_shows_the_defaults():
    def help_text(*command: str) -> str:     # the words of --help, without the panels' borders
        return " ".join(fazhi(*command, "--help").stdout.replace("│", " ").split())

    text = help_text("run")
    assert "default: warehouse/fazhi.duckdb" in text and "default: the inbox" in text
    assert "[default: table]" in help_text("sql")


def test_help_keeps_every_bracketed_word_it_was_written_with():
    """Typer renders help as Rich markup, where [a word] is a style tag and vanishes: every
    bracketed part of a command's text or of an option's help must reach the reader."""
    import re

    import typer.main

    from fazhi.cli import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        written = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        brackets = {b.replace("\\[", "[") for text in written for b in re.findall(r"\\?\[[^\]]*\]", text)}
        shown = " ".join(fazhi(name, "--help").stdout.replace("│", " ").split())
        for bracket in brackets:
            assert bracket in shown, f"fazhi {name} --help lost {bracket!r}"


def test_a_format_outside_its_choices_is_refused(seeds_run):
    _, warehouse = seeds_run
    out = fazhi("facts", "--format", "xml", "--warehouse", str(warehouse))
    assert out.returncode == 2 and "jsonl" in out.stderr


def test_sql_as_csv_and_json(seeds_run):
    _, warehouse = seeds_run
    query = "select count(*) as n_reports, max(report_year) as year from dim_reports"
    out = fazhi("sql", query, "--format", "csv", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    assert list(csv.DictReader(io.StringIO(out.stdout))) == [{"n_reports": "5", "year": out.stdout.split(",")[-1].strip()}]
    out = fazhi("sql", query, "--format", "json", "--warehouse", str(warehouse))
    assert json.loads(out.stdout)["n_reports"] == 5


def test_status_as_json(seeds_run):
    summary, warehouse = seeds_run
    out = fazhi("status", "--format", "json", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    runs = [json.loads(line) for line in out.stdout.splitlines()]
    assert summary.run_id in {r["run_id"] for r in runs}
