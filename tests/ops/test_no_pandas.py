"""Landing and parsing reports does not load pandas: the parsing workers and the flow's process
need none, and pyarrow imports it (0.2 CPU-s, 41 MB a process) the first time ``pa.array``,
``pa.table`` or ``pa.scalar`` is handed Python values. The check worker loads it with GX."""
from __future__ import annotations

import os
import subprocess
import sys

# Land two reports (decode, parse, store) in a new warehouse, in a fresh interpreter.
_SCRIPT = """
import sys
from pathlib import Path
from fazhi.ingest.land import land
from fazhi.ingest.sources import Input
from fazhi.warehouse import ensure_schema
folder = Path(sys.argv[1])
warehouse = folder / "w.duckdb"
ensure_schema(warehouse)
texts = {"a.txt": "某县2023年法治政府建设情况报告\\n全年受理行政复议案件12件，办结10件。\\n",
         "b.txt": "某区2023年政府信息公开工作年度报告\\n收到申请30件，其中答复28件。\\n"}
inputs = [Input(name, str(folder / name), len(text.encode()), text.encode()) for name, text in texts.items()]
summary = land(inputs, warehouse, "run-no-pandas")
print(summary.landed, "pandas" in sys.modules)
"""


def test_landing_and_parsing_reports_leaves_pandas_unloaded(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_DASK_SCHEDULER"}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "False"]
