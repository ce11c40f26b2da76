"""A report's identity: the sha256 of its bytes.

``fazhi.ingest.land.triage`` names every input by it, and ``fazhi.nothing_new``
hashes the inputs the same way to learn, before a run starts, whether any is new.
Kept apart so that question does not import the decoders.
"""
from __future__ import annotations

import hashlib


def content_id(data: bytes) -> str:
    """The report_id of these bytes."""
    return hashlib.sha256(data).hexdigest()
