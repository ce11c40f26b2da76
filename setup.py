"""The compiled extractor: mypyc turns fazhi/extract's modules into C extensions at install.

pyproject.toml describes the package; setuptools also runs this file, for ``ext_modules``.
mypyc (pinned in pyproject's [build-system] requires) compiles the type-annotated modules
into one shared library inside the package (``fazhi/extract/native__mypyc``: a wheel installs
no top-level module but ``fazhi``); each build also writes the digest of every source it read
(``fazhi/extract/build_record.py``), which the package checks at import so that a stale build
never runs in place of an edited source. Not compiled: the package init and its build check,
and ``model.py`` (``Fact`` stays a plain dataclass: callers and tests build and read it freely).
"""
from __future__ import annotations

import importlib.util
import os

from mypyc.build import mypycify
from setuptools import setup
from setuptools.command.build_ext import build_ext

EXTRACT_NAME = "extract"
EXTRACT = os.path.join("fazhi", EXTRACT_NAME)
NOT_COMPILED = {"__init__.py", "build_record.py", "model.py"}
SOURCES = sorted(n for n in os.listdir(EXTRACT) if n.endswith(".py") and n not in NOT_COMPILED)


def _load_build_record():
    spec = importlib.util.spec_from_file_location("build_record", os.path.join(EXTRACT, "build_record.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_record = _load_build_record()
# the sources as mypyc reads them (mypycify generates the C code right here)
DIGESTS = build_record.digests("fazhi")
EXTENSIONS = mypycify([os.path.join(EXTRACT, n) for n in SOURCES], opt_level="3", group_name="fazhi.extract.native")


class BuildWithRecord(build_ext):
    """build_ext, then the record of the sources it read beside the modules it built."""

    def run(self) -> None:
        super().run()
        package = "fazhi" if self.inplace else os.path.join(self.build_lib, "fazhi")
        os.makedirs(os.path.join(package, EXTRACT_NAME), exist_ok=True)
        build_record.write(package, DIGESTS)


setup(ext_modules=EXTENSIONS, cmdclass={"build_ext": BuildWithRecord})
