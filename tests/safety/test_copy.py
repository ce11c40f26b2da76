"""The working copy of the warehouse is byte for byte the published file (fazhi.warehouse.copy_file)."""
from __future__ import annotations

import os

from fazhi.warehouse import copy_file


def test_a_copy_holds_every_byte_of_a_large_file(tmp_path):
    source = tmp_path / "published.duckdb"
    source.write_bytes(os.urandom(3 * 2**20 + 517))   # more than one call's worth, and an odd tail
    copy_file(source, tmp_path / "build.duckdb")
    assert (tmp_path / "build.duckdb").read_bytes() == source.read_bytes()


def test_a_copy_replaces_a_longer_stale_file_and_an_empty_file_copies_empty(tmp_path):
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_bytes(b"")
    target.write_bytes(b"left over from a killed run")
    copy_file(source, target)
    assert target.read_bytes() == b""
    source.write_bytes(b"short")
    copy_file(source, target)
    assert target.read_bytes() == b"short"
