"""`facts` starts with the modules it needs: no frame library (Polars, Arrow, NumPy, pandas), no briefing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Runs the command line's main as `python -m sp_data` does, then says which of the modules it must not load it did.
SCRIPT = """
import contextlib, io, json, sys
from sp_data.tools.commands import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    rc = main(sys.argv[1:])
heavy = ("polars", "pyarrow", "numpy", "pandas")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith("sp_data.briefing"))
print(json.dumps({"rc": rc, "out": out.getvalue(), "loaded": loaded}))
"""


def _run(*args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SP_SNAPSHOT", "SP_PARQUET_DIR")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=300)
    return json.loads(done.stdout)


def test_facts_json_loads_no_frame_library_and_no_briefing():
    result = _run("facts", "--json", "--snapshot", str(ROOT / "parquet" / "demo"))
    assert result["rc"] == 0
    assert json.loads(result["out"])["mandates_total"] == 60  # the command did run, on the bundled snapshot
    assert result["loaded"] == []


def test_the_briefing_loads_when_brief_runs():
    # Its module is imported by the command, not by the command line: a wrong --out is its own error (status 2).
    result = _run("brief", "--year", "2023", "--snapshot", str(ROOT / "parquet" / "demo"), "--out", "/tmp/x.txt")
    assert result["rc"] == 2
    assert "sp_data.briefing.command" in result["loaded"]
