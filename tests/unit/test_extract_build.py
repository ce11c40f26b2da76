"""The compiled extractor: built by the install, and never stale.

``setup.py`` compiles ``fazhi/extract``'s modules with mypyc and records each source's
digest (``fazhi/extract/build_record.py``). A compiled module is imported before its
``.py``, so an edit without a rebuild would run the old code: the package refuses to
import instead, naming the file and ``make setup``. These tests copy the package into a
temporary folder, change a source there and import it in a fresh interpreter.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import fazhi.extract
from fazhi.extract import build_record, report

PACKAGE = Path(fazhi.__file__).resolve().parent
COMPILED = Path(report.__file__).suffix != ".py"


def _copy(tmp_path: Path) -> Path:
    """fazhi's package init and its extract and text subpackages (with any build) under tmp_path."""
    dest = tmp_path / "fazhi"
    dest.mkdir()
    shutil.copy2(PACKAGE / "__init__.py", dest)
    for sub in ("extract", "text"):
        shutil.copytree(PACKAGE / sub, dest / sub, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _import(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import fazhi.extract, fazhi.extract.report as r; print(r.__file__)"],
                          cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": ""})


def test_the_install_compiled_the_extractor():
    # `make setup` builds it; a plain-Python extractor here means the build was skipped
    assert COMPILED, f"{report.__file__}: the extractor is not compiled (run `make setup`)"
    record = (PACKAGE / build_record.RECORD).read_text(encoding="utf-8")
    assert '"extract/report.py"' in record and '"text/sentences.py"' in record


def test_the_copy_imports_unchanged(tmp_path):
    _copy(tmp_path)
    done = _import(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(str(tmp_path))


@pytest.mark.parametrize("name", ["extract/numbers.py", "extract/model.py", "text/sentences.py"])
def test_an_edited_source_is_refused(tmp_path, name):
    # a compiled module, or one whose types the compiled code was built against
    source = _copy(tmp_path) / name
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    done = _import(tmp_path)
    assert done.returncode != 0
    assert f"ImportError: fazhi/{name} changed since the extractor was compiled: run `make setup`" in done.stderr


def test_a_build_without_its_record_is_refused(tmp_path):
    extract = _copy(tmp_path) / "extract"
    (extract.parent / build_record.RECORD).unlink(missing_ok=True)
    (extract / f"zeros{EXTENSION_SUFFIXES[0]}").touch()   # a compiled module left over
    done = _import(tmp_path)
    assert done.returncode != 0
    assert "is compiled but its build left no _compiled.json: run `make setup`" in done.stderr


def test_plain_python_imports(tmp_path):
    extract = _copy(tmp_path) / "extract"
    for built in [*extract.glob("*.so"), extract.parent / build_record.RECORD]:
        built.unlink(missing_ok=True)
    (extract / "numbers.py").write_text((extract / "numbers.py").read_text(encoding="utf-8") + "\n# edited\n",
                                        encoding="utf-8")
    done = _import(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(extract / "report.py")
