"""Settings: defaults in pyproject.toml's [tool.fazhi], overridden by FAZHI_* env vars.

Every part of fazhi reads its configuration from ``load_settings()``; secrets
(the SMTP password) come only from the environment and are never logged.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
DBT_DIR = PROJECT_DIR / "dbt"
EXPECTATIONS_DIR = PROJECT_DIR / "expectations"
SAMPLES_DIR = PACKAGE_DIR / "samples"


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    max_file_mb: float
    cron: str
    timezone: str
    inbox: Path
    prefect_home: Path
    task_runner: str
    dask_address: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_security: str = "none"
    mail_from: str = "fazhi@localhost"
    mail_to: tuple[str, ...] = ()
    smtp_retries: int = 3
    smtp_backoff_s: float = 1.0
    mail_when: str = "new"  # new | always | never: mail only when a failure is new (fazhi.news)

    @property
    def warehouse_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_dir / "reports"

    @property
    def mail_configured(self) -> bool:
        return bool(self.smtp_host and self.mail_to)


def _defaults() -> dict[str, object]:
    pyproject = PROJECT_DIR / "pyproject.toml"
    if not pyproject.exists():
        return {}
    return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("fazhi", {})


def _coerce(name: str, raw: object, kind: object, base: Path) -> object:
    """Turn a setting's text into its type; relative paths resolve against ``base``."""
    text = str(raw)
    if name == "mail_to":
        return tuple(a.strip() for a in text.split(",") if a.strip())
    if name in ("warehouse", "inbox", "prefect_home"):
        p = Path(text).expanduser()
        return p if p.is_absolute() else (base / p).absolute()
    if kind in (int, "int"):
        return int(text)
    if kind in (float, "float"):
        return float(text)
    return text


def load_settings(**overrides: object) -> Settings:
    """Settings from pyproject defaults, then FAZHI_* env vars, then ``overrides``.

    Relative paths given on the command line or in the environment are taken
    from the current directory; the pyproject defaults from the project's.
    """
    values: dict[str, object] = {}
    defaults = _defaults()
    for f in fields(Settings):
        raw, base = overrides.get(f.name), Path.cwd()
        if raw is None:
            raw = os.environ.get(f"FAZHI_{f.name.upper()}") or None
        if raw is None:
            raw, base = defaults.get(f.name), PROJECT_DIR
        if raw is not None:
            values[f.name] = _coerce(f.name, raw, f.type, base)
    return Settings(**values)  # type: ignore[arg-type]


def prepare_environment(settings: Settings) -> None:
    """Keep dbt and Prefect off the network and out of the user's home.

    Must run before Prefect is imported: Prefect reads PREFECT_HOME on import.
    """
    settings.warehouse_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "fazhi")
    # fazhi's logs outside a flow run (the serve loop) stay in the terminal, without a warning.
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    # A fresh PREFECT_HOME migrates its database on first start (~17 s here).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
