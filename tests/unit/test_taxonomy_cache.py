"""The taxonomy is read (and its patterns checked) once a process until its file changes
(fazhi.parse_tables.rules_of): ingest reads it at the start of every run, ~0.3 s each."""
from __future__ import annotations

import os

from fazhi.parse_tables import rules_of

HEADER = "metric_id,name_zh,kind,subject_pattern,action_pattern,description\n"
FIRST = "ferry.tickets,渡轮票数,case,渡轮.*售票,,某渡口一年售出的船票张数。\n"
SECOND = "ferry.delays,渡轮延误,count,渡轮.*延误,,因大雾延误的班次。\n"


def test_the_rules_are_read_again_only_when_the_file_changes(tmp_path):
    path = tmp_path / "taxonomy.csv"
    path.write_text(HEADER + FIRST, encoding="utf-8")
    first = rules_of(path)
    assert rules_of(path) is first
    path.write_text(HEADER + FIRST + SECOND, encoding="utf-8")
    assert [r.metric_id for r in rules_of(path)] == ["ferry.tickets", "ferry.delays"]


def test_a_same_size_edit_with_its_time_put_back_is_read_again(tmp_path):
    path = tmp_path / "taxonomy.csv"
    path.write_text(HEADER + FIRST, encoding="utf-8")
    st = os.stat(path)
    assert rules_of(path)[0].kind == "case"
    path.write_text(HEADER + FIRST.replace(",case,", ",rate,"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert rules_of(path)[0].kind == "rate"
