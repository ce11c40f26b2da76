"""Mail the data-quality report to administrators over SMTP.

The flow's ``send`` task calls ``send_report`` after the report is written;
``fazhi report --email`` calls ``resend`` for a recorded run. Settings come
from FAZHI_SMTP_* / FAZHI_MAIL_* (see ``fazhi.config``); the password is used
for login only, never logged or stored, and never sent over a connection
without TLS unless FAZHI_SMTP_ALLOW_PLAIN_AUTH=1. A server that stays down
costs a few retries with backoff (FAZHI_SMTP_RETRIES, FAZHI_SMTP_BACKOFF_S), a
permanent refusal (5xx) none; the whole send, retries included, ends by
FAZHI_SMTP_TIMEOUT_S whatever the server does (a watchdog closes the socket of
a server that answers a byte at a time). The failure is returned to the caller
(recorded in dq.runs) and the run goes on.
"""
from __future__ import annotations

import logging
import smtplib
import socket
import ssl
import threading
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


# Longest wait for one socket operation (connect, one reply), within the overall deadline.
OPERATION_TIMEOUT_S = 30.0


def _open(settings: Settings, timeout: float) -> smtplib.SMTP:
    """An SMTP client, not connected yet (the watchdog needs it before the greeting is read)."""
    if settings.smtp_security == "ssl":
        return smtplib.SMTP_SSL(timeout=timeout, context=ssl.create_default_context())
    if settings.smtp_security not in ("none", "starttls"):
        raise ValueError(f"FAZHI_SMTP_SECURITY must be none, starttls or ssl, not {settings.smtp_security!r}")
    return smtplib.SMTP(timeout=timeout)


def _cut(smtp: smtplib.SMTP) -> None:
    """The watchdog: shut the socket so a blocked read returns at once."""
    sock = getattr(smtp, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _attempt(settings: Settings, msg: EmailMessage, left: float) -> None:
    smtp = _open(settings, min(OPERATION_TIMEOUT_S, left))
    watchdog = threading.Timer(left, _cut, [smtp])
    watchdog.daemon = True
    watchdog.start()
    try:
        smtp.connect(settings.smtp_host or "", settings.smtp_port)
        if settings.smtp_security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(msg)
        smtp.quit()
    finally:
        watchdog.cancel()
        smtp.close()


def _permanent(e: BaseException) -> bool:
    """A 5xx reply: the server will say the same next time."""
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in e.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    code = getattr(e, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def _plain_login_refused(settings: Settings) -> str | None:
    if settings.smtp_user and settings.smtp_security == "none" and not settings.smtp_allow_plain_auth:
        return ("not sent: the SMTP login would send the password without TLS; set FAZHI_SMTP_SECURITY to "
                "starttls or ssl (or FAZHI_SMTP_ALLOW_PLAIN_AUTH=1 for a server on a trusted network)")
    return None


def send(settings: Settings, msg: EmailMessage) -> MailOutcome:
    """Send with retries and exponential backoff, all within FAZHI_SMTP_TIMEOUT_S; never raises
    for a mail failure."""
    if not settings.mail_configured:
        return MailOutcome("not configured")
    refused = _plain_login_refused(settings)
    if refused:
        log.warning("mail to %s:%s %s", settings.smtp_host, settings.smtp_port, refused)
        return MailOutcome("failed", refused)
    deadline = time.monotonic() + settings.smtp_timeout_s
    error, attempts, attempt = None, max(1, settings.smtp_retries), 0
    for attempt in range(1, attempts + 1):
        left = deadline - time.monotonic()
        try:
            _attempt(settings, msg, left)
            log.info("mailed %s to %s via %s:%s", msg["Subject"], msg["To"], settings.smtp_host, settings.smtp_port)
            return MailOutcome("sent", attempts=attempt)
        except (OSError, smtplib.SMTPException, ValueError) as e:
            error = f"{type(e).__name__}: {e}"
            if time.monotonic() >= deadline:
                error = f"gave up after {settings.smtp_timeout_s:g} s (FAZHI_SMTP_TIMEOUT_S): {error}"
            log.warning("mail attempt %d/%d to %s:%s failed: %s", attempt, attempts,
                        settings.smtp_host, settings.smtp_port, error)
            if isinstance(e, (ValueError, smtplib.SMTPAuthenticationError)) or _permanent(e):
                break
            pause = settings.smtp_backoff_s * 2 ** (attempt - 1)
            if attempt == attempts or time.monotonic() + pause >= deadline:
                break
            time.sleep(pause)
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
