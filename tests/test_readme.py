"""The README's set-up commands are the ones that exist and that CI runs."""
import re
from pathlib import Path

from sp_data.tools.commands import build_parser  # every command: the product's and the tools'

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks() -> list[str]:
    # A fence opens a block (```, or ```toml with its language) and the next fence closes it.
    return [b.strip() for b in re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.S | re.M)]


def test_readme_has_exactly_the_two_setup_commands():
    single_line = [b for b in _code_blocks() if "\n" not in b]
    assert single_line == ["./dev serve", "./dev test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^\./dev test\s*$", ci, flags=re.M)
    assert "SP_REQUIRE_BROWSER=1" in ci


def test_dev_script_knows_both_commands():
    dev = (ROOT / "dev").read_text()
    assert "serve)" in dev and "test)" in dev and "streamlit run app.py" in dev


def test_every_command_the_readme_lists_exists():
    listed = set(re.findall(r"python -m sp_data ([a-z][a-z-]+)", README))
    parser = build_parser()
    choices = set(next(a for a in parser._actions if a.dest == "command").choices)
    assert listed <= choices, listed - choices
