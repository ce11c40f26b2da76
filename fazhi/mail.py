"""Mail the data-quality report to administrators over SMTP.

The flow's ``send`` task calls ``send_report`` after the report is written;
``fazhi report --email`` calls ``resend`` for a recorded run. Settings come
from FAZHI_SMTP_* / FAZHI_MAIL_* (see ``fazhi.config``); the password is used
for login only, never logged or stored. A server that stays down costs a few
retries with backoff (FAZHI_SMTP_RETRIES, FAZHI_SMTP_BACKOFF_S), then the
failure is returned to the caller (recorded in dq.runs) and the run goes on.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from fazhi.config import Settings
from fazhi.runs import RunSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailOutcome:
    status: str           # sent | failed | not configured
    error: str | None = None
    attempts: int = 0


def build_message(settings: Settings, subject: str, text: str, html: str, attachment: Path) -> EmailMessage:
    """A multipart/mixed mail: plain text + HTML alternatives, the HTML report attached."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = settings.mail_from
    msg["To"] = ", ".join(settings.mail_to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="fazhi.local")
    msg.set_content(text, charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    msg.add_attachment(attachment.read_bytes(), maintype="text", subtype="html", filename=attachment.name)
    return msg


def _connect(settings: Settings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host or "", settings.smtp_port, 30
    if settings.smtp_security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    if settings.smtp_security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    elif settings.smtp_security != "none":
        smtp.close()
        raise ValueError(f"FAZHI_SMTP_SECURITY must be none, starttls or ssl, not {settings.smtp_security!r}")
    return smtp


def send(settings: Settings, msg: EmailMessage) -> MailOutcome:
    """Send with retries and exponential backoff; never raises for a mail failure."""
    if not settings.mail_configured:
        return MailOutcome("not configured")
    error, attempts = None, max(1, settings.smtp_retries)
    for attempt in range(1, attempts + 1):
        try:
            with _connect(settings) as smtp:
                if settings.smtp_user:
                    smtp.login(settings.smtp_user, settings.smtp_password or "")
                smtp.send_message(msg)
            log.info("mailed %s to %s via %s:%s", msg["Subject"], msg["To"], settings.smtp_host, settings.smtp_port)
            return MailOutcome("sent", attempts=attempt)
        except (OSError, smtplib.SMTPException, ValueError) as e:
            error = f"{type(e).__name__}: {e}"
            log.warning("mail attempt %d/%d to %s:%s failed: %s", attempt, attempts,
                        settings.smtp_host, settings.smtp_port, error)
            if isinstance(e, (ValueError, smtplib.SMTPAuthenticationError)):
                break
            if attempt < attempts:
                time.sleep(settings.smtp_backoff_s * 2 ** (attempt - 1))
    return MailOutcome("failed", error, attempt)


def subject(s: RunSummary) -> str:
    """Problems, not checks: '[fazhi] 2 个新问题（共 47 个未解决）· 1,204 份报告' (fazhi.news);
    a run without that count gets its verdict: '[fazhi] 3 errors, 2 warnings in 12 reports'."""
    from fazhi.news import subject as news_subject

    if s.news is None:
        return f"[fazhi] {s.verdict}"
    return news_subject(s.news, s.reports_total, s.dbt_tests_failed)


def send_report(settings: Settings, s: RunSummary) -> MailOutcome:
    """Mail a run's report (text + HTML, the HTML file attached) to FAZHI_MAIL_TO."""
    from fazhi.report import render_text

    if not settings.mail_configured:
        return MailOutcome("not configured")
    if s.report_path is None or not s.report_path.is_file():
        return MailOutcome("failed", f"no report file for run {s.run_id}")
    html = s.report_path.read_text(encoding="utf-8")
    return send(settings, build_message(settings, subject(s), render_text(s), html, s.report_path))


def resend(settings: Settings, run_id: str | None = None) -> tuple[RunSummary, MailOutcome]:
    """Mail a recorded run's report again (default: the latest run) and record the outcome.

    Holds the warehouse's writer lock throughout: the summary is read from, and
    the new mail status written to, a working copy published when done.
    """
    from fazhi.report import ensure_report
    from fazhi.runs import load_run, record_mail
    from fazhi.warehouse import build_copy

    with build_copy(settings.warehouse) as build:
        summary = load_run(build, run_id)
        ensure_report(summary, settings.reports_dir)
        outcome = send_report(settings, summary)
        if outcome.status != "not configured":
            record_mail(build, summary.run_id, outcome.status, outcome.error)
            summary.mail_status, summary.mail_error = outcome.status, outcome.error
    return summary, outcome
