"""Archives: every member accounted for, and one archive's total size is bounded."""
from __future__ import annotations

import io
import zipfile

from fazhi.ingest.sources import iter_inputs

KB = 2**10
MB = 2**20
TEXT = ("本级共收到政府信息公开申请一百二十件，均已按时答复。\n" * 20).encode("utf-8")


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


def inputs_of(tmp_path, members, **kw):
    path = tmp_path / "batch.zip"
    path.write_bytes(zip_of(members))
    return {i.location.split("!", 1)[1]: i for i in iter_inputs([str(path)], MB, **kw)}


def test_members_outside_the_archive_or_hidden_are_errors_not_silence(tmp_path):
    got = inputs_of(tmp_path, {"ok.txt": TEXT, "../escape.txt": TEXT, "/etc/abs.txt": TEXT,
                               ".hidden.txt": TEXT, "sub/.also-hidden.txt": TEXT})
    assert got["ok.txt"].data == TEXT
    for name in ("../escape.txt", "/etc/abs.txt", ".hidden.txt", "sub/.also-hidden.txt"):
        assert name in got, sorted(got)
        assert got[name].data is None and got[name].stage == "unzip"
    assert "path" in got["../escape.txt"].error and "path" in got["/etc/abs.txt"].error
    assert "hidden" in got[".hidden.txt"].error


def test_an_archive_stops_at_its_total_budget(tmp_path):
    members = {f"r{i}.txt": TEXT + bytes(300 * KB) for i in range(5)}   # ~300 KB each, 1.5 MB in all
    got = inputs_of(tmp_path, members, max_archive_bytes=MB)
    read = [n for n, i in got.items() if i.data is not None]
    refused = [n for n, i in got.items() if i.data is None]
    assert read == ["r0.txt", "r1.txt", "r2.txt"]
    assert refused == ["r3.txt", "r4.txt"]
    assert all("FAZHI_MAX_ARCHIVE_MB" in got[n].error for n in refused)


def test_nested_archives_share_the_budget(tmp_path):
    inner = zip_of({f"in{i}.txt": TEXT + bytes(300 * KB) for i in range(3)})
    got = inputs_of(tmp_path, {"a.txt": TEXT + bytes(300 * KB), "b.zip": inner}, max_archive_bytes=MB)
    assert sum(i.data is not None for i in got.values()) < 4
    assert any(i.error and "FAZHI_MAX_ARCHIVE_MB" in i.error for i in got.values())
