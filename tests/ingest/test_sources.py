"""Files, folders and ZIP archives become inputs; every problem is an error, not a raise."""
from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from fazhi.ingest.sources import MAX_ARCHIVE_DEPTH, Input, iter_inputs

from . import fixtures

MB = 2**20
TEXT = fixtures.report_text().encode("utf-8")


def _all(paths, max_bytes=MB, **kw) -> list[Input]:
    return list(iter_inputs([str(p) for p in paths], max_bytes, **kw))


def test_a_file_gives_its_bytes(tmp_path):
    path = fixtures.write(tmp_path / "a.txt", TEXT)
    [inp] = _all([path])
    assert (inp.name, inp.location, inp.size, inp.data, inp.error) == (
        "a.txt", str(path.absolute()), len(TEXT), TEXT, None)


def test_path_objects_are_accepted(tmp_path):
    path = fixtures.write(tmp_path / "a.txt", TEXT)
    assert list(iter_inputs([path], MB))[0].data == TEXT


def test_folder_is_walked_sorted_without_dotfiles(tmp_path):
    for rel in ("b/2.txt", "a.txt", "b/1.txt", "c/d/e.txt", ".hidden.txt", ".git/config.txt", "b/.swp"):
        fixtures.write(tmp_path / rel, TEXT)
    names = [Path(i.location).relative_to(tmp_path).as_posix() for i in _all([tmp_path])]
    assert names == ["a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt"]


def test_a_folder_named_relative_to_here_gives_absolute_locations(tmp_path, monkeypatch):
    for rel in ("reports/a.txt", "reports/b/c.txt"):
        fixtures.write(tmp_path / rel, TEXT)
    monkeypatch.chdir(tmp_path)
    assert [i.location for i in _all(["reports", "./reports/b"])] == [
        str(tmp_path / "reports/a.txt"), str(tmp_path / "reports/b/c.txt"), str(tmp_path / "reports/b/c.txt")]


def test_missing_path(tmp_path):
    [inp] = _all([tmp_path / "nope.txt"])
    assert inp.data is None and inp.error == "no such file or directory"


def test_broken_symlink(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    [inp] = _all([tmp_path])
    assert inp.error == "broken symbolic link"


def test_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [inp] = _all([tmp_path / "pipe.txt"])
    assert "not a regular file" in inp.error


def test_size_limit_names_size_and_limit(tmp_path):
    path = fixtures.write(tmp_path / "big.txt", b"x" * 3000)
    [inp] = _all([path], max_bytes=2048)
    assert inp.data is None and inp.size == 3000
    assert inp.error == "too large: 2.9 KB is over the limit of 2.0 KB (FAZHI_MAX_FILE_MB)"


def test_size_limit_in_megabytes(tmp_path):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as fh:
        fh.truncate(3 * MB + 1)
    [inp] = _all([path], max_bytes=2 * MB)
    assert inp.error == "too large: 3.0 MB is over the limit of 2.0 MB (FAZHI_MAX_FILE_MB)"


def _as_nobody(paths: list[Path]) -> list[Input]:
    """iter_inputs run in a child process that gave up root (root reads anything)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = repr([(i.name, i.error) for i in iter_inputs([str(p) for p in paths], MB)])
            os.write(write_end, result.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        out = pipe.read()
    os.waitpid(pid, 0)
    return [Input(name, "", 0, error=error) for name, error in eval(out)]  # noqa: S307 (own repr)


@pytest.fixture
def shared_tmp():
    """A temporary folder other users may enter (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="fazhi-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_unreadable_file_and_folder(shared_tmp):
    secret = fixtures.write(shared_tmp / "secret.txt", TEXT)
    secret.chmod(0)
    locked = shared_tmp / "locked"
    fixtures.write(locked / "inside.txt", TEXT)
    locked.chmod(0)
    try:
        inputs = _as_nobody([secret, locked]) if os.geteuid() == 0 else _all([secret, locked])
    finally:
        locked.chmod(0o755)
    by_name = {i.name: i.error for i in inputs}
    assert by_name["secret.txt"] == "cannot read the file: Permission denied"
    assert by_name["locked"] == "cannot list the folder: Permission denied"


# ------------------------------------------------------------ archives

def test_zip_members_are_inputs_with_archive_locations(tmp_path):
    data = fixtures.zip_bytes({"reports/a.txt": TEXT, "b.pdf": fixtures.report_pdf(),
                               "__MACOSX/._a.txt": b"junk", ".DS_Store": b"junk", "empty/": b""})
    path = fixtures.write(tmp_path / "batch.zip", data)
    inputs = [i for i in _all([path]) if i.error is None]
    assert [(i.name, i.location) for i in inputs] == [
        ("b.pdf", f"{path}!b.pdf"), ("a.txt", f"{path}!reports/a.txt")]
    assert inputs[1].data == TEXT
    # macOS metadata is not read, but said so (tests/safety/test_archives.py)
    assert {i.location.split("!")[1] for i in _all([path]) if i.error} == {"__MACOSX/._a.txt", ".DS_Store"}


def test_gbk_member_names_are_decoded(tmp_path):
    path = fixtures.write(tmp_path / "中文.zip", fixtures.zip_bytes({"报告/江临区.txt": TEXT}, utf8_names=False))
    with zipfile.ZipFile(path) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800  # really stored without the UTF-8 flag
    [inp] = _all([path])
    assert (inp.name, inp.location) == ("江临区.txt", f"{path}!报告/江临区.txt")


def test_nested_zip_is_opened(tmp_path):
    inner = fixtures.zip_bytes({"x.txt": TEXT})
    path = fixtures.write(tmp_path / "outer.zip", fixtures.zip_bytes({"inner.zip": inner}))
    [inp] = _all([path])
    assert inp.location == f"{path}!inner.zip!x.txt" and inp.data == TEXT


def test_zip_nesting_is_bounded(tmp_path):
    data = fixtures.zip_bytes({"x.txt": TEXT})
    for level in range(MAX_ARCHIVE_DEPTH + 1):
        data = fixtures.zip_bytes({f"level{level}.zip": data})
    [inp] = _all([fixtures.write(tmp_path / "deep.zip", data)])
    assert "nested more than" in inp.error


def test_zip_bomb_stops_at_the_limit(tmp_path):
    bomb = fixtures.zip_bytes({"bomb.txt": b"0" * (5 * MB)})
    assert len(bomb) < 20_000
    [inp] = _all([fixtures.write(tmp_path / "bomb.zip", bomb)], max_bytes=MB)
    assert inp.data is None and inp.stage == "unzip"
    assert inp.error == "too large: 5.0 MB is over the limit of 1.0 MB (FAZHI_MAX_FILE_MB)"


def test_zip_member_lying_about_its_size_stops_at_the_limit(tmp_path):
    bomb = bytearray(fixtures.zip_bytes({"bomb.txt": b"0" * (3 * MB)}))
    # Patch the central directory's uncompressed size (offset 24 of PK\1\2) to claim 100 bytes.
    central = bomb.find(b"PK\x01\x02")
    bomb[central + 24:central + 28] = (100).to_bytes(4, "little")
    [inp] = _all([fixtures.write(tmp_path / "liar.zip", bytes(bomb))], max_bytes=MB)
    assert inp.data is None
    assert "past the limit" in inp.error or "cannot extract" in inp.error


def test_corrupt_zip(tmp_path):
    [inp] = _all([fixtures.write(tmp_path / "bad.zip", b"PK\x03\x04 not really a zip")])
    assert inp.stage == "unzip" and inp.error.startswith("not a readable ZIP archive")


def test_corrupt_member_crc(tmp_path):
    data = bytearray(fixtures.zip_bytes({"a.txt": TEXT}))
    central = data.find(b"PK\x01\x02")
    data[central + 16:central + 20] = b"\x00\x00\x00\x00"  # wrong CRC-32 in the directory
    local = data.find(b"PK\x03\x04")
    data[local + 14:local + 18] = b"\x00\x00\x00\x00"
    [inp] = _all([fixtures.write(tmp_path / "crc.zip", bytes(data))])
    assert inp.error.startswith("cannot extract the member") and "CRC" in inp.error


def test_encrypted_member(tmp_path):
    data = bytearray(fixtures.zip_bytes({"a.txt": TEXT}))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig) + flag_at
        data[at] |= 0x1
    [inp] = _all([fixtures.write(tmp_path / "locked.zip", bytes(data))])
    assert inp.error == "encrypted member: a password is needed to extract it"


def test_a_file_that_grew_since_its_size_was_taken_is_read_to_its_end_or_refused(tmp_path):
    from fazhi.ingest.sources import _read_file

    path = fixtures.write(tmp_path / "growing.txt", b"y" * 1500)
    whole = _read_file(path, 1000, max_bytes=2048)          # stat said 1000 bytes, 1500 are there now
    assert whole.data == b"y" * 1500 and whole.size == 1500 and whole.error is None
    fixtures.write(path, b"y" * 3000)
    refused = _read_file(path, 1000, max_bytes=2048)
    assert refused.data is None and refused.error.startswith("too large")
