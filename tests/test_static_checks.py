"""The static checks: ruff and mypy over sp_data, ui, pages and app.py (configured in pyproject.toml) find nothing."""
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ["sp_data", "ui", "pages", "app.py"]
# The least the gate may check: loosening pyproject.toml below this needs this test changed too, on purpose.
MINIMUM_RUFF_RULES = {"E4", "E7", "E9", "F", "W", "B", "UP", "C4", "SIM", "PIE"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a tool of this environment (the venv's own ruff or mypy, pinned in requirements-dev.txt)."""
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, input=stdin, capture_output=True, text=True,
                          timeout=600)
    if "No module named" in done.stderr:
        pytest.fail(f"{args[0]} is not installed in {sys.executable}'s environment: run `./dev test`, which "
                    f"installs requirements-dev.txt.\n{done.stderr}")
    return done


def findings(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit code {done.returncode}\n{done.stdout}{done.stderr}"


def test_ruff_finds_nothing():
    done = run("ruff", "check", *CHECKED, "--output-format", "concise", "--no-fix")
    assert done.returncode == 0, "ruff's findings (fix the code; rules in pyproject.toml):\n" + findings(done)


def test_mypy_finds_nothing():
    # Files and options come from pyproject.toml; the cache (.mypy_cache, ignored by git) makes later runs fast.
    done = run("mypy")
    assert done.returncode == 0, "mypy's findings (fix the types; options in pyproject.toml):\n" + findings(done)
    assert "Success: no issues found" in done.stdout


def test_the_configuration_checks_what_it_should():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert MINIMUM_RUFF_RULES <= set(config["tool"]["ruff"]["lint"]["select"])
    assert not config["tool"]["ruff"]["lint"].get("ignore"), "ignore a rule per line, with the reason, not everywhere"
    mypy = config["tool"]["mypy"]
    assert mypy["files"] == CHECKED
    # mypy's defaults stay on: no option that turns a whole kind of check off.
    for loosening in ("ignore_errors", "follow_imports", "disable_error_code", "allow_untyped_globals"):
        assert loosening not in mypy
        assert all(loosening not in override for override in mypy.get("overrides", []))
    for override in mypy.get("overrides", []):
        assert set(override) <= {"module", "ignore_missing_imports"}, override


def test_the_gate_catches_a_finding(tmp_path):
    # The checks can fail: an unused import and a wrong type, in code given to the same tools and configuration.
    ruff = run("ruff", "check", "--stdin-filename", "sp_data/example.py", "-", stdin="import os\n")
    assert ruff.returncode == 1 and "F401" in ruff.stdout, findings(ruff)
    example = tmp_path / "example.py"
    example.write_text("count: int = 'three'\n")
    mypy = run("mypy", str(example))
    assert mypy.returncode == 1 and "[assignment]" in mypy.stdout, findings(mypy)
