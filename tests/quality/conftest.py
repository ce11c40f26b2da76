"""Fixtures of the data-quality tests: a real SMTP server, and the planted warehouse.

The planted corpus and the sample reports go through the real pipeline flow
once per session, mailing a local aiosmtpd server; a second run on a copy of
that warehouse meets a closed port. Every test reads these two runs.
"""
from __future__ import annotations

import email
import email.policy
import shutil
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest

from .corpus import write_corpus

SMTP_USER, SMTP_PASSWORD = "fazhi-bot", "s3cret-Passw0rd-planted"
MAIL_FROM, MAIL_TO = "fazhi@example.org", ("admin@example.org", "ops@example.org")


@dataclass
class Inbox:
    """What the local SMTP server received: one (envelope from, recipients, message) per mail."""

    mails: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == (SMTP_USER, SMTP_PASSWORD))


@dataclass
class Smtp:
    host: str
    port: int
    inbox: Inbox

    def env(self, port: int | None = None) -> dict[str, str]:
        """FAZHI_* settings pointing at this server (or at ``port``)."""
        return {
            "FAZHI_SMTP_HOST": self.host, "FAZHI_SMTP_PORT": str(port or self.port),
            "FAZHI_SMTP_USER": SMTP_USER, "FAZHI_SMTP_PASSWORD": SMTP_PASSWORD, "FAZHI_SMTP_SECURITY": "none",
            "FAZHI_MAIL_FROM": MAIL_FROM, "FAZHI_MAIL_TO": ",".join(MAIL_TO),
            "FAZHI_SMTP_RETRIES": "2", "FAZHI_SMTP_BACKOFF_S": "0.05",
            "FAZHI_SMTP_ALLOW_PLAIN_AUTH": "1",   # this server on 127.0.0.1 has no TLS
        }


@dataclass
class Run:
    summary: object  # fazhi.runs.RunSummary
    warehouse: Path
    corpus: Path
    mails: list[tuple[str, list[str], EmailMessage]]


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def smtp():
    """An aiosmtpd server on 127.0.0.1 that takes LOGIN/PLAIN auth without TLS."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=inbox.authenticate, auth_require_tls=False)
    controller.start()
    yield Smtp("127.0.0.1", controller.port, inbox)
    controller.stop()


def _run_with_env(pipeline_runner, paths: list[Path], warehouse: Path, env: dict[str, str]):
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        return pipeline_runner(paths, warehouse)


@pytest.fixture(scope="session")
def planted_run(tmp_path_factory, pipeline_runner, smtp) -> Run:
    """The planted corpus and the samples, one real run, mailed to the local server."""
    from fazhi.config import SAMPLES_DIR

    root = tmp_path_factory.mktemp("planted")
    corpus = write_corpus(root / "corpus")
    warehouse = root / "warehouse" / "fazhi.duckdb"
    before = len(smtp.inbox.mails)
    summary = _run_with_env(pipeline_runner, [corpus, SAMPLES_DIR], warehouse, smtp.env())
    return Run(summary, warehouse, corpus, smtp.inbox.mails[before:])


def copy_warehouse(run: Run, into: Path) -> Path:
    """A copy of a run's warehouse at ``into``/warehouse/fazhi.duckdb."""
    target = into / "warehouse" / "fazhi.duckdb"
    target.parent.mkdir(parents=True)
    shutil.copyfile(run.warehouse, target)
    return target


def planted_copy_with_inbox(tmp_path_factory, planted_run: Run, name: str,
                            files: dict[str, str]) -> tuple[Path, Path, Path]:
    """(root, warehouse, inbox): a copy of the planted warehouse in a new folder ``name``,
    and an inbox folder beside it holding ``files`` (file name -> text)."""
    root = tmp_path_factory.mktemp(name)
    warehouse = copy_warehouse(planted_run, root)
    inbox = root / "inbox"
    inbox.mkdir()
    for file_name, text in files.items():
        (inbox / file_name).write_text(text, encoding="utf-8")
    return root, warehouse, inbox


@pytest.fixture(scope="session")
def down_run(tmp_path_factory, pipeline_runner, smtp, planted_run) -> Run:
    """A second run on a copy of the planted warehouse while the mail server is down."""
    warehouse = copy_warehouse(planted_run, tmp_path_factory.mktemp("mail_down"))
    # nothing is new in this second run: mail anyway, to meet the down server
    env = {**smtp.env(port=free_port()), "FAZHI_MAIL_WHEN": "always"}
    summary = _run_with_env(pipeline_runner, [planted_run.corpus], warehouse, env)
    return Run(summary, warehouse, planted_run.corpus, [])


@pytest.fixture()
def copy_of():
    """A copy of a run's warehouse in a fresh folder, for tests that write to it."""
    return copy_warehouse


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def fazhi(*args: str, env: dict[str, str] | None = None) -> Outcome:
    """The ``fazhi`` command line, run in this process (Typer's runner) with extra environment.

    In-process saves each call the interpreter start and the imports (seconds).
    """
    from typer.testing import CliRunner

    from fazhi.cli import app

    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def lanes_check():
    """A GX source and a validation of its dataframe asset "roads" (pass it as ``dataframe``):
    each row's ``lanes`` at most 4. Made in fazhi's context (``gx_context.context``)."""
    import great_expectations as gx

    from fazhi import gx_context

    context = gx_context.context()
    source = context.data_sources.add_pandas("invented")
    suite = context.suites.add(gx.ExpectationSuite(name="lanes", expectations=[
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "lanes", "max_value": 4}}]))
    batch = source.add_dataframe_asset("roads").add_batch_definition_whole_dataframe("all")
    return source, context.validation_definitions.add(gx.ValidationDefinition(name="roads", data=batch, suite=suite))
