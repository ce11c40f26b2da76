"""News first: stable keys, new / open / fixed / acknowledged rows, and mail only when something is new.

A second run over the same files (the session's planted warehouse, copied) finds
nothing new and, with the default FAZHI_MAIL_WHEN=new, mails nothing to the real
aiosmtpd server on 127.0.0.1; a third run with one report corrected and one new
contradiction mails one new problem and lists the corrected one as fixed.
"""
from __future__ import annotations

import json

import pytest

from fazhi.news import News, failure_key, failure_key_sql, should_mail, subject

from .conftest import Run, _run_with_env, copy_warehouse, fazhi
from .corpus import REPORTS

pytestmark = pytest.mark.filterwarnings("ignore:Logger 'fazhi.mail' attempted to send logs:UserWarning")


def test_failure_key_is_stable_and_tells_rows_apart():
    key = failure_key("r1", "parts_le_total", "admin_penalty.cases", 10, 13)
    assert key == failure_key("r1", "parts_le_total", "admin_penalty.cases", 10, 13) and len(key) == 12
    assert key != failure_key("r1", "parts_le_total", "admin_penalty.cases", 20, 23)
    assert key != failure_key("r2", "parts_le_total", "admin_penalty.cases", 10, 13)
    assert failure_key(None, "report_has_facts", None, None, None) != failure_key("r1", "report_has_facts", None, None, None)


def test_the_stored_key_is_the_key_fazhi_compares_with():
    """Stored rows get their key from DuckDB (failure_key_sql), a scoped check compares keys made in
    Python (failure_key): a row whose two keys differed would be reported fixed and new at once."""
    import duckdb

    rows = [("年报.txt", "r1", "parts_le_total", "admin_penalty.cases", 10, 13),
            (None, "r2", "rate_within_0_100", "litigation.appearance_rate", 0, 7),
            ("", "r3", "report_has_facts", None, None, None),          # an empty name: the report id
            (None, None, "report_has_facts", None, None, None),
            ("a\x1fb.html", "r4", "检查", "m", -1, 2_000_000_000)]
    with duckdb.connect() as con:
        con.execute("create table t (doc varchar, report_id varchar, check_name varchar, metric varchar,"
                    " span_start integer, span_end integer)")
        con.executemany("insert into t values (?, ?, ?, ?, ?, ?)", rows)
        stored = [k for (k,) in con.execute(f"select {failure_key_sql()} from t order by rowid").fetchall()]
    assert stored == [failure_key(doc or report, check, metric, start, end)
                      for doc, report, check, metric, start, end in rows]


def test_mail_when_new_always_never():
    assert should_mail("new", News(new=1, open=5)) and not should_mail("new", News(new=0, open=5))
    assert should_mail("always", News()) and not should_mail("never", News(new=3))
    with pytest.raises(ValueError, match="FAZHI_MAIL_WHEN"):
        should_mail("sometimes", News())


def test_subject_counts_problems_in_chinese():
    assert subject(News(new=2, open=45, acked=3), 1204) == "[fazhi] 2 个新问题（共 47 个未解决）· 1,204 份报告"
    assert subject(News(), 3, dbt_tests_failed=1) == "[fazhi] 0 个新问题（共 0 个未解决）· 3 份报告 · 1 个 dbt 测试未通过"


@pytest.fixture(scope="module")
def second_run(tmp_path_factory, pipeline_runner, smtp, planted_run) -> Run:
    warehouse = copy_warehouse(planted_run, tmp_path_factory.mktemp("second"))
    before = len(smtp.inbox.mails)
    from fazhi.config import SAMPLES_DIR

    summary = _run_with_env(pipeline_runner, [planted_run.corpus, SAMPLES_DIR], warehouse, smtp.env())
    return Run(summary, warehouse, planted_run.corpus, smtp.inbox.mails[before:])


def test_a_second_run_over_the_same_files_mails_nothing_and_shows_nothing_new(second_run, planted_run, read_only):
    s = second_run.summary
    assert second_run.mails == []
    assert s.news == News(new=0, open=planted_run.summary.news.new, fixed=0, acked=0)
    assert s.mail_status.startswith("not sent")
    stored = read_only(second_run.warehouse).execute(
        "select new_failures, mail_status from dq.runs where run_id = ?", [s.run_id]).fetchone()
    assert stored == (0, s.mail_status)


def checks_of(warehouse) -> list[dict]:
    out = fazhi("checks", "--format", "jsonl", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_checks_lists_failing_rows_with_status_and_span(second_run):
    rows = checks_of(second_run.warehouse)
    assert rows and {r["status"] for r in rows} == {"open"}
    assert set(rows[0]) == {"doc", "report_id", "check", "severity", "metric", "span_start", "span_end",
                            "sentence", "status", "key"}
    (parts,) = [r for r in rows if r["check"] == "parts_le_total" and r["doc"] == "qingchuan_county_2024.txt"]
    assert REPORTS["qingchuan_county_2024.txt"][parts["span_start"]:parts["span_end"]] == "60件"


def test_ack_keeps_a_known_failure_out_of_the_news(second_run, copy_of, tmp_path, read_only):
    warehouse = copy_of(second_run, tmp_path)
    key = next(r["key"] for r in checks_of(warehouse) if r["check"] == "parts_le_total")
    out = fazhi("ack", key, "--note", "核实：原文如此，已告知起草单位", "--warehouse", str(warehouse))
    assert out.returncode == 0, out.stderr
    con = read_only(warehouse)
    assert con.execute("select note from dq.acks where failure_key = ?", [key]).fetchall() == [
        ("核实：原文如此，已告知起草单位",)]
    assert {r["status"] for r in checks_of(warehouse) if r["key"] == key} == {"acked"}
    assert fazhi("ack", "000000000000", "--warehouse", str(warehouse)).returncode == 2


MAPLE = ("枫林镇人民政府{year}年度法治政府建设情况报告\n\n一、主要工作\n（一）化解行政争议。"
         "全年受理行政复议案件{received}件，办结{closed}件。\n")


def test_a_corrected_report_is_fixed_and_a_new_contradiction_is_mailed(tmp_path, pipeline_runner, smtp):
    warehouse, folder = tmp_path / "warehouse" / "fazhi.duckdb", tmp_path / "inbox"
    folder.mkdir()
    (folder / "maple_2022.txt").write_text(MAPLE.format(year=2022, received=30, closed=41), encoding="utf-8")
    first = _run_with_env(pipeline_runner, [folder], warehouse, smtp.env())
    assert first.news == News(new=1)
    # the file corrected in place, and another report that contradicts itself
    (folder / "maple_2022.txt").write_text(MAPLE.format(year=2022, received=41, closed=30), encoding="utf-8")
    (folder / "maple_2023.txt").write_text(MAPLE.format(year=2023, received=12, closed=19), encoding="utf-8")
    before = len(smtp.inbox.mails)
    s = _run_with_env(pipeline_runner, [folder], warehouse, smtp.env())
    assert s.news == News(new=1, fixed=1)
    (mail,) = smtp.inbox.mails[before:]
    assert mail[2]["Subject"] == "[fazhi] 1 个新问题（共 1 个未解决）· 2 份报告"
    rows = checks_of(warehouse)
    assert [(r["doc"], r["check"], r["status"]) for r in rows] == [
        ("maple_2023.txt", "closed_le_received", "new"), ("maple_2022.txt", "closed_le_received", "fixed")]
