"""Mail cannot hold a run: one deadline for the whole send, no retry of a permanent refusal,
and no password over a connection without TLS unless allowed."""
from __future__ import annotations

import socket
import threading
import time
from email.message import EmailMessage

import pytest

from fazhi import mail
from fazhi.config import load_settings

from .conftest import dripping_server

USER, PASSWORD = "bot", "pw-never-in-clear"


def settings(port: int, **kw):
    env = dict(smtp_host="127.0.0.1", smtp_port=port, mail_to="a@example.org", smtp_retries=3,
               smtp_backoff_s=0.05)
    env.update(kw)
    return load_settings(**env)


def message() -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = "t", "f@example.org", "a@example.org"
    msg.set_content("body")
    return msg


@pytest.fixture()
def dripping_smtp():
    """A server that sends its greeting one byte every 0.3 s, forever."""
    with dripping_server() as port:
        yield port


def test_one_deadline_for_the_whole_send(dripping_smtp):
    s = settings(dripping_smtp, smtp_timeout_s=2)
    result = {}
    worker = threading.Thread(target=lambda: result.update(outcome=mail.send(s, message())), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(20)
    elapsed = time.monotonic() - started
    assert not worker.is_alive(), "the send was still going after 20 s"
    assert result["outcome"].status == "failed"
    assert elapsed < 4, f"took {elapsed:.1f} s with FAZHI_SMTP_TIMEOUT_S=2"
    assert "FAZHI_SMTP_TIMEOUT_S" in result["outcome"].error


class Refusing:
    """aiosmtpd handler: every recipient is refused permanently."""

    def __init__(self):
        self.rcpt_attempts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_attempts += 1
        return "550 5.1.1 no such mailbox"


class Logins:
    def __init__(self):
        self.logins, self.mails = [], 0

    async def handle_DATA(self, server, session, envelope):
        self.mails += 1
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


def controller(handler, **kw):
    from aiosmtpd.controller import Controller
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Controller(handler, hostname="127.0.0.1", port=port, **kw)
    c.start()
    return c


def test_a_permanent_refusal_is_not_retried():
    handler = Refusing()
    c = controller(handler)
    try:
        outcome = mail.send(settings(c.port), message())
    finally:
        c.stop()
    assert outcome.status == "failed" and "550" in outcome.error
    assert (outcome.attempts, handler.rcpt_attempts) == (1, 1)


@pytest.fixture()
def plain_auth_server():
    handler = Logins()
    c = controller(handler, authenticator=handler.authenticate, auth_require_tls=False)
    yield c.port, handler
    c.stop()


def test_no_password_over_a_plain_connection(plain_auth_server):
    port, handler = plain_auth_server
    outcome = mail.send(settings(port, smtp_user=USER, smtp_password=PASSWORD), message())
    assert outcome.status == "failed"
    assert "TLS" in outcome.error and "FAZHI_SMTP_ALLOW_PLAIN_AUTH" in outcome.error
    assert handler.logins == [] and handler.mails == 0


def test_plain_login_when_allowed(plain_auth_server):
    port, handler = plain_auth_server
    outcome = mail.send(settings(port, smtp_user=USER, smtp_password=PASSWORD, smtp_allow_plain_auth="1"),
                        message())
    assert outcome.status == "sent", outcome.error
    assert handler.logins == [(USER, PASSWORD)]


def test_the_defaults_send_no_password_in_clear(monkeypatch):
    for name in ("FAZHI_SMTP_SECURITY", "FAZHI_SMTP_PORT", "FAZHI_SMTP_ALLOW_PLAIN_AUTH"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings(smtp_host="127.0.0.1", mail_to="a@example.org", smtp_user=USER, smtp_password=PASSWORD)
    assert s.smtp_security == "none" and not s.smtp_allow_plain_auth
