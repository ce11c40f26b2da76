"""Mailing the report: a real SMTP exchange, a server that stays down, and a resend.

The server is aiosmtpd on 127.0.0.1 (conftest ``smtp``); the runs are the
session's planted run (mailed) and a second run while the port is closed.
"""
from __future__ import annotations

import pytest

from .conftest import MAIL_FROM, MAIL_TO, SMTP_PASSWORD, SMTP_USER, fazhi

# `fazhi report --email` runs in this process, where Prefect's API log handler
# (set up by the pipeline runs) sees fazhi's log lines outside any flow.
pytestmark = pytest.mark.filterwarnings("ignore:Logger 'fazhi.mail' attempted to send logs:UserWarning")

VERDICT = "4 errors, 7 warnings in 19 reports"  # error and warning checks failing; 15 planted + 4 sample reports


def parts(message):
    """(plain text, html alternative, [(filename, bytes)] attachments) of a mail."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    attachments = [(a.get_filename(), a.get_payload(decode=True)) for a in message.iter_attachments()]
    return text, html, attachments


def test_run_mails_its_report(planted_run, smtp):
    s = planted_run.summary
    assert s.mail_status == "sent" and s.mail_error is None
    assert len(planted_run.mails) == 1
    sender, recipients, message = planted_run.mails[0]
    assert sender == MAIL_FROM and recipients == list(MAIL_TO)
    # the first run: every failing row is new; the subject counts problems
    assert s.news.new == s.news.unresolved > 0 and s.news.open == s.news.fixed == 0
    assert message["Subject"] == f"[fazhi] {s.news.new} 个新问题（共 {s.news.new} 个未解决）· 19 份报告"
    assert [a.strip() for a in message["To"].split(",")] == list(MAIL_TO)
    assert message.get_content_type() == "multipart/mixed"
    text, html, attachments = parts(message)
    assert attachments == [(s.report_path.name, s.report_path.read_bytes())]
    assert "全年受理行政复议案件40件，办结52件。" in text and VERDICT in text
    assert text.startswith(f"数据质量：{s.news.new} 个新问题（共 {s.news.new} 个未解决，0 个已修复，0 个已确认）· 19 份报告")
    assert "办结<mark>52件</mark>" in html
    assert "&lt;script&gt;document.title" in html and "<script" not in html.lower()
    assert (SMTP_USER, SMTP_PASSWORD) in smtp.inbox.logins


def test_password_is_never_stored(planted_run, read_only):
    con = read_only(planted_run.warehouse)
    for table in ("dq.runs", "dq.check_results", "dq.check_failures", "raw.ingest_errors"):
        rows = con.execute(f"select * from {table}").fetchall()
        assert rows or table == "raw.ingest_errors"
        assert SMTP_PASSWORD not in repr(rows), table
    assert SMTP_PASSWORD not in planted_run.summary.report_path.read_text(encoding="utf-8")
    assert SMTP_PASSWORD not in planted_run.mails[0][2].as_string()
    assert SMTP_PASSWORD not in repr(planted_run.summary)


def test_mail_server_down_the_run_still_completes(down_run, read_only):
    s = down_run.summary
    assert s.status == "failed checks" and s.finished_at is not None
    assert s.report_path.is_file() and f"fazhi data quality: {s.verdict}" in s.report_path.read_text(encoding="utf-8")
    assert s.mail_status == "failed" and "refused" in s.mail_error.lower()
    stored = read_only(down_run.warehouse).execute(
        "select status, mail_status, mail_error, report_path from dq.runs where run_id = ?", [s.run_id]).fetchone()
    assert stored == (s.status, "failed", s.mail_error, str(s.report_path))


def test_status_and_run_summary_show_the_mail_failure(down_run, capsys):
    out = fazhi("status", "--warehouse", str(down_run.warehouse))
    assert out.returncode == 0, out.stderr
    line = next(ln for ln in out.stdout.splitlines() if down_run.summary.run_id[:15] in ln)
    assert "failed: ConnectionRefusedError" in line
    from fazhi.cli.run_commands import _print_summary

    _print_summary(down_run.summary)
    shown = capsys.readouterr().out
    assert "mail" in shown and "failed (ConnectionRefusedError" in shown


def test_report_email_resends_a_runs_report(down_run, copy_of, tmp_path, smtp, read_only):
    warehouse = copy_of(down_run, tmp_path)
    s = down_run.summary
    before = len(smtp.inbox.mails)
    out = fazhi("report", "--email", "--run", s.run_id, "--warehouse", str(warehouse), env=smtp.env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == str(s.report_path)
    assert "mail sent" in out.stdout
    (sender, recipients, message), = smtp.inbox.mails[before:]
    unresolved = down_run.summary.news.unresolved
    assert recipients == list(MAIL_TO) and message["Subject"] == f"[fazhi] 0 个新问题（共 {unresolved} 个未解决）· 19 份报告"
    text, html, attachments = parts(message)
    assert attachments == [(s.report_path.name, s.report_path.read_bytes())]
    assert "全年受理行政复议案件40件，办结52件。" in text  # rebuilt from dq.check_failures
    assert "qingchuan_county_2022.doc" in text            # and raw.ingest_errors
    assert "&lt;script&gt;" in html and "<script" not in html.lower()
    stored = read_only(warehouse).execute(
        "select mail_status, mail_error from dq.runs where run_id = ?", [s.run_id]).fetchone()
    assert stored == ("sent", None)
    status = fazhi("status", "--warehouse", str(warehouse))
    assert "sent" in next(ln for ln in status.stdout.splitlines() if s.run_id[:15] in ln)


def test_report_email_to_a_down_server_records_the_failure(planted_run, copy_of, tmp_path, smtp, read_only):
    from .conftest import free_port

    warehouse = copy_of(planted_run, tmp_path)
    out = fazhi("report", "--email", "--warehouse", str(warehouse), env=smtp.env(port=free_port()))
    assert out.returncode == 1
    assert "mail failed" in out.stdout and planted_run.summary.run_id in out.stdout
    stored = read_only(warehouse).execute(
        "select mail_status, mail_error from dq.runs where run_id = ?", [planted_run.summary.run_id]).fetchone()
    assert stored[0] == "failed" and "refused" in stored[1].lower()


def test_send_retries_with_backoff_then_gives_up(smtp, monkeypatch):
    import time
    from email.message import EmailMessage

    from fazhi import mail
    from fazhi.config import load_settings

    from .conftest import free_port

    for name, value in {**smtp.env(port=free_port()), "FAZHI_SMTP_RETRIES": "3", "FAZHI_SMTP_BACKOFF_S": "0.1"}.items():
        monkeypatch.setenv(name, value)
    msg = EmailMessage()
    msg["Subject"] = "[fazhi] test"
    msg.set_content("x")
    started = time.perf_counter()
    outcome = mail.send(load_settings(), msg)
    elapsed = time.perf_counter() - started
    assert (outcome.status, outcome.attempts) == ("failed", 3)
    assert elapsed >= 0.1 + 0.2  # backoff doubles: 0.1 s, then 0.2 s
    assert SMTP_PASSWORD not in outcome.error
