"""Import Great Expectations without running the parts of its import that fazhi's checks never use.

GX imports ``scipy.stats`` and ``altair`` when it loads, for expectations and
charts fazhi's suites do not use (KL divergence, KS tests and their plots):
a third of GX's import (6.2-6.7 -> 4.1 CPU-s here, measured), paid by every
``fazhi run`` in its check worker. ``import_gx`` registers those modules as
*deferred* first: the module object exists, and its code runs at the first
access to one of its names, so a suite that does use them still gets them whole.

Written here rather than with ``importlib.util.LazyLoader``: an ``import``
statement reads the module's ``__spec__`` (Python 3.11), which makes LazyLoader
run the module at once; a deferred module answers ``__spec__`` and runs only
when a name it has not defined yet is asked for.
"""
from __future__ import annotations

import importlib.util
import sys
import threading
import types

# Imported by GX at load, used only by expectations and renderers fazhi does not run.
DEFERRED = ("scipy.stats", "altair")

_lock = threading.RLock()


class _Deferred(types.ModuleType):
    """A module whose code has not run yet: it runs at the first name looked up that it lacks."""

    def __getattr__(self, attr: str):
        with _lock:
            if type(self) is _Deferred:   # not run yet (another thread may have run it meanwhile)
                # a plain module from here on: its own code, and its submodules' imports
                # of it, then look names up as in any module being imported
                self.__class__ = types.ModuleType
                try:
                    self.__spec__.loader.exec_module(self)
                except BaseException:
                    sys.modules.pop(self.__name__, None)
                    raise
        return getattr(self, attr)


def defer(name: str) -> bool:
    """Register module ``name`` as deferred, unless it is imported already or not installed."""
    with _lock:
        if name in sys.modules:
            return False
        try:
            spec = importlib.util.find_spec(name)   # imports its parent package, not the module
        except (ImportError, ValueError):
            return False
        if spec is None or spec.loader is None:
            return False
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _Deferred
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:   # `from parent import child` then finds it without importing it
            setattr(sys.modules[parent], child, module)
        return True


def import_gx() -> types.ModuleType:
    """``great_expectations``, imported with the modules of DEFERRED deferred."""
    if "great_expectations" not in sys.modules:
        for name in DEFERRED:
            defer(name)
    import great_expectations

    return great_expectations


def is_deferred(name: str) -> bool:
    """Whether module ``name`` is registered and has not run yet."""
    return type(sys.modules.get(name)) is _Deferred
