"""fazhi.gx_import: GX loads without running scipy.stats and altair, which stay usable."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fazhi import gx_import


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter (this one may have imported GX and scipy already)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_gx_imports_without_running_scipy_stats_or_altair_which_still_work():
    out = _fresh_python("""
        import sys
        from fazhi.gx_import import import_gx, is_deferred

        gx = import_gx()
        print(gx.ExpectationSuite.__name__)
        print(is_deferred("scipy.stats"), is_deferred("altair"))
        print("scipy.stats._stats_py" in sys.modules, "altair.vegalite" in sys.modules)
        from scipy import stats
        print(round(float(stats.entropy([0.5, 0.5], [0.5, 0.5])), 9), is_deferred("scipy.stats"))
        import altair
        print(altair.Chart.__name__)
    """)
    assert out.split("\n")[:5] == ["ExpectationSuite", "True True", "False False", "0.0 False", "Chart"]


@pytest.fixture()
def made_up_package(tmp_path: Path, monkeypatch):
    """A package ``lantern`` whose module ``wick`` counts how often its code ran."""
    package = tmp_path / "lantern"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "wick.py").write_text("import builtins\n"
                                     "builtins.wick_runs = getattr(builtins, 'wick_runs', 0) + 1\n"
                                     "LENGTH_CM = 12\n")
    (package / "broken.py").write_text("raise RuntimeError('the wick is wet')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [n for n in sys.modules if n == "lantern" or n.startswith("lantern.")]:
        del sys.modules[name]
    import builtins

    if hasattr(builtins, "wick_runs"):
        del builtins.wick_runs


def test_a_deferred_module_runs_once_at_its_first_name(made_up_package):
    import builtins

    assert gx_import.defer("lantern.wick")
    from lantern import wick   # the import statement alone does not run it

    assert gx_import.is_deferred("lantern.wick") and not hasattr(builtins, "wick_runs")
    assert wick.LENGTH_CM == 12 and wick.LENGTH_CM == 12
    assert builtins.wick_runs == 1 and not gx_import.is_deferred("lantern.wick")
    assert not gx_import.defer("lantern.wick")   # imported already: left as it is


def test_a_deferred_module_that_fails_raises_and_is_not_kept(made_up_package):
    assert gx_import.defer("lantern.broken")
    from lantern import broken

    with pytest.raises(RuntimeError, match="wet"):
        broken.anything
    assert "lantern.broken" not in sys.modules


def test_a_module_not_installed_is_not_deferred():
    assert not gx_import.defer("no_such_package_here.module")
    assert "no_such_package_here.module" not in sys.modules
