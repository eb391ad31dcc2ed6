"""The definitions the app shows are docs/design.md's, word for word, and docs/design.md has no others."""
import re
from pathlib import Path

import pytest

from sp_data.definitions import DEFINITIONS, FACT_DEFINITION, TITLES
from sp_data.facts import FACT_KEYS

ROOT = Path(__file__).resolve().parents[1]
DESIGN_DOC = ROOT / "docs" / "design.md"  # the project's own design, inside the repository
SHARED_DESIGN = ROOT.parent / "shared" / "design" / "DESIGN.md"  # the design it started from, when beside it


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def design_definitions() -> list[str]:
    """The items of docs/design.md's "Definitions" list, each as one line."""
    text = DESIGN_DOC.read_text(encoding="utf-8")
    section = re.search(r"^## Definitions\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert section, "docs/design.md has no '## Definitions' section"
    items: list[list[str]] = []
    open_item = False
    for line in section.group(1).splitlines():
        if line.startswith("- "):
            items.append([line[2:]])
            open_item = True
        elif open_item and line.startswith("  ") and line.strip():
            items[-1].append(line)
        else:
            open_item = False
    return [_normalise(" ".join(item)) for item in items]


def test_design_doc_lists_each_definition_once():
    items = design_definitions()
    assert len(items) == len(set(items)) == len(DEFINITIONS)


@pytest.mark.parametrize("term", sorted(DEFINITIONS))
def test_definition_is_design_docs_text(term):
    assert _normalise(DEFINITIONS[term]) in design_definitions(), f"{term}: not word for word in docs/design.md"


def test_every_definition_in_design_doc_is_the_apps():
    shown = {_normalise(text) for text in DEFINITIONS.values()}
    extra = [item for item in design_definitions() if item not in shown]
    assert not extra, f"docs/design.md defines what sp_data/definitions.py does not: {extra}"


@pytest.mark.skipif(not SHARED_DESIGN.exists(), reason="shared/design/DESIGN.md is not beside the project")
@pytest.mark.parametrize("term", sorted(DEFINITIONS))
def test_definition_is_shared_designs_text(term):
    design = _normalise(SHARED_DESIGN.read_text(encoding="utf-8")).replace("- ", " ")
    sentence = _normalise(DEFINITIONS[term]).rstrip(".")
    assert sentence.lower() in design.lower(), f"{term}: not found word for word in DESIGN.md"


def test_every_fact_has_a_definition_and_every_definition_a_title():
    assert set(FACT_DEFINITION) == set(FACT_KEYS)
    assert set(FACT_DEFINITION.values()) <= set(DEFINITIONS)
    assert set(TITLES) == set(DEFINITIONS)
