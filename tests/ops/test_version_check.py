"""A Prefect API that fazhi starts itself runs the installed Prefect: its clients skip the version
handshake (a request to /admin/version, ~0.4 s of a fresh run's flow start); one the user points
PREFECT_API_URL at is still asked."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CHECK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from fazhi.warmup import warm_up
    warm_up(Path(sys.argv[1]))
    from prefect.settings import get_current_settings
    print(get_current_settings().client.server_version_check_enabled)
""")


def _version_check_after_warm_up(home, **env) -> str:
    base = {k: v for k, v in os.environ.items()
            if k not in ("PREFECT_API_URL", "PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED")}
    out = subprocess.run([sys.executable, "-c", CHECK, str(home)], env={**base, **env}, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def test_a_temporary_api_of_our_own_skips_the_version_handshake(tmp_path):
    assert _version_check_after_warm_up(tmp_path / "prefect", PREFECT_HOME=str(tmp_path / "prefect")) == "False"


def test_an_api_the_user_names_is_still_checked(tmp_path):
    assert _version_check_after_warm_up(tmp_path / "prefect", PREFECT_HOME=str(tmp_path / "prefect"),
                                        PREFECT_API_URL="http://127.0.0.1:9/api") == "True"
