"""A run's id and its clock: what every run has from its first moment, with nothing to import.

``fazhi.runs`` (a run's record) and ``fazhi run``'s nothing-new path
(``fazhi.nothing_new``) both name runs this way; times are naive UTC, as dq.runs stores them.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: 20261122T144100Z-3fa2."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
