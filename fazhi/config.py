"""Settings: defaults here, then pyproject.toml's [tool.fazhi], then FAZHI_* env vars.

Every part of fazhi reads its configuration from ``load_settings()``. The
settings are a pydantic-settings model, so every value is checked when it is
loaded (``FAZHI_SMTP_SECURITY=tls`` fails at start, not after a run) and
``fazhi config`` can print them. Secrets (the SMTP password) come only from
the environment and are never logged: ``masked()`` hides them.
"""
from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
# In a checkout the dbt project and the suites sit beside the package; an
# installed wheel carries them as data files under <prefix>/share/fazhi.
_SHARE = Path(sys.prefix) / "share" / "fazhi"
_HOME = PROJECT_DIR if (PROJECT_DIR / "dbt" / "dbt_project.yml").exists() else _SHARE
DBT_DIR = _HOME / "dbt"
EXPECTATIONS_DIR = _HOME / "expectations"
SAMPLES_DIR = PACKAGE_DIR / "samples"
PYPROJECT = PROJECT_DIR / "pyproject.toml"

SECRETS = ("smtp_password",)
_PATHS = ("warehouse", "inbox", "prefect_home", "home", "cache_dir")


class Settings(BaseSettings):
    """fazhi's settings; each one is also the env var FAZHI_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="FAZHI_", env_ignore_empty=True, frozen=True, extra="ignore")

    warehouse: Path = Path("warehouse/fazhi.duckdb")
    max_file_mb: float = Field(50, gt=0)
    cron: str = "0 2 * * *"
    timezone: str = "Asia/Shanghai"
    inbox: Path = Path("warehouse/inbox")
    prefect_port: int = Field(4200, ge=1, le=65535)
    task_runner: Literal["threads", "dask"] = "threads"
    dask_address: str | None = None
    dbt_threads: int = Field(2, ge=1)
    duckdb_memory: str = Field("1GB", pattern=r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$")
    smtp_host: str | None = None
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = Field(None, repr=False)
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    mail_from: str = "fazhi@localhost"
    mail_to: Annotated[tuple[str, ...], NoDecode] = ()
    smtp_retries: int = Field(3, ge=0)
    smtp_backoff_s: float = Field(1.0, ge=0)
    # When a run mails its report: new (only when a failure is new), always, or never.
    mail_when: Literal["new", "always", "never"] = "new"
    max_archive_mb: float = Field(1024.0, gt=0)   # one archive (with those inside it) expands to this much at most
    smtp_timeout_s: float = Field(60.0, gt=0)     # the whole send, retries included; each socket operation too
    smtp_allow_plain_auth: bool = False           # log in over a connection without TLS (a test server only)
    allow_private_urls: bool = False              # fetch from private, loopback and link-local addresses
    # One folder for the state runs share (Prefect's database, dbt's target); default: beside the warehouse.
    home: Path | None = None
    prefect_home: Path | None = None              # default: <home or the warehouse's folder>/prefect
    # What any warehouse of this user may reuse (a migrated Prefect database, fazhi.prefect_template);
    # default: fazhi in the user's cache folder (XDG_CACHE_HOME, else ~/.cache).
    cache_dir: Path | None = None

    # Scanned pages (fazhi.ingest.formats.ocr): on|off, the most pages one file may
    # need read, seconds one file may take, worker processes, render resolution,
    # and the line confidence below which its numbers are marked low-confidence.
    ocr: Literal["on", "off"] = "on"
    ocr_max_pages: int = Field(60, ge=1)
    ocr_timeout_s: float = Field(600.0, gt=0)
    ocr_workers: int = Field(2, ge=1)
    ocr_dpi: int = Field(200, ge=50, le=600)
    ocr_low_confidence: float = Field(0.9, ge=0)   # above 1 marks every OCR line (tests)

    @field_validator("mail_to", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(a.strip() for a in value.split(",") if a.strip())
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Shanghai)") from None
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource) -> tuple[PydanticBaseSettingsSource, ...]:
        # Arguments, then the environment, then [tool.fazhi]; never a .env file or secrets folder.
        return init_settings, _RelativeTo(env_settings, Path.cwd()), _PyprojectTable(settings_cls)

    @property
    def warehouse_dir(self) -> Path:
        return self.warehouse.parent

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_dir / "reports"

    @property
    def dbt_state(self) -> Path:
        """dbt's target folder (its parse cache) and the link it builds through."""
        return (self.home or self.warehouse_dir) / "dbt"

    @property
    def mail_configured(self) -> bool:
        return bool(self.smtp_host and self.mail_to)

    def masked(self) -> dict[str, object]:
        """Every setting by name, secrets shown as '***' when set."""
        return {name: ("***" if name in SECRETS and value else value) for name, value in self.model_dump().items()}


def _absolute(values: dict[str, Any], base: Path) -> dict[str, Any]:
    """Relative paths among ``values`` taken from ``base``."""
    out = dict(values)
    for name in _PATHS:
        if out.get(name) not in (None, ""):
            p = Path(str(out[name])).expanduser()
            out[name] = p if p.is_absolute() else (base / p).absolute()
    return out


class _RelativeTo(PydanticBaseSettingsSource):
    """Another source's values, with relative paths taken from ``base`` (the env's: the current directory)."""

    def __init__(self, source: PydanticBaseSettingsSource, base: Path):
        super().__init__(source.settings_cls)
        self.source, self.base = source, base

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return self.source.get_field_value(field, field_name)

    def __call__(self) -> dict[str, Any]:
        return _absolute(self.source(), self.base)


class _PyprojectTable(PydanticBaseSettingsSource):
    """[tool.fazhi] of the project's pyproject.toml (a checkout); relative paths from the project."""

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        if not PYPROJECT.exists():
            return {}
        table = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("tool", {}).get("fazhi", {})
        return _absolute(table, PROJECT_DIR)


class SettingsError(ValueError):
    """A setting has a value fazhi cannot use; the message is one line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    """Settings from the defaults, [tool.fazhi], FAZHI_* env vars, then ``overrides`` (None: not given).

    Relative paths given on the command line or in the environment are taken
    from the current directory; those of [tool.fazhi] from the project's.
    Raises SettingsError with one line per bad value.
    """
    from pydantic import ValidationError

    given = _absolute({k: v for k, v in overrides.items() if v is not None}, Path.cwd())
    try:
        settings = Settings(**given)
    except ValidationError as e:
        raise SettingsError("; ".join(
            f"FAZHI_{'_'.join(str(p) for p in err['loc'][:1]).upper()}: {err['msg']}"
            + (f" (got {err['input']!r})" if not isinstance(err.get("input"), dict) else "")
            for err in e.errors())) from None
    if not settings.warehouse.is_absolute():     # a default, with no [tool.fazhi]: from the current directory
        settings = settings.model_copy(update=_absolute(settings.model_dump(include=set(_PATHS)), Path.cwd()))
    if settings.prefect_home is None:
        settings = settings.model_copy(update={"prefect_home": (settings.home or settings.warehouse.parent) / "prefect"})
    if settings.cache_dir is None:
        settings = settings.model_copy(update={"cache_dir": user_cache_dir()})
    return settings


def user_cache_dir() -> Path:
    """The user's cache folder for fazhi (the XDG convention: XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "fazhi"


def prepare_environment(settings: Settings) -> None:
    """Keep dbt and Prefect off the network and out of the user's home; hand dbt its settings.

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
    # dbt's profile reads these two (dbt/profiles.yml).
    os.environ["FAZHI_DBT_THREADS"] = str(settings.dbt_threads)
    os.environ["FAZHI_DUCKDB_MEMORY"] = settings.duckdb_memory
