"""Where the tests find ../shared (seeds, gold, dev set, eval scripts), beside the repo.

A missing file fails the test that needs it, loudly and without a traceback: CI lays
../shared beside the clone, so its absence is a broken set-up, never a reason to skip.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared(*parts: str) -> Path:
    """``../shared/<parts>``; fails the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: this test needs ../shared (seeds, gold, dev set, eval) beside the repo",
                    pytrace=False)
    return path
