"""Where the bench reads and writes, and how it runs fazhi: shared by bench/*.py."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHARED = ROOT.parent / "shared"
FAZHI = [sys.executable, "-m", "fazhi"]
