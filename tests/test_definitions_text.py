"""The definitions the app shows are DESIGN.md's, word for word."""
import re
from pathlib import Path

import pytest

from sp_data.definitions import DEFINITIONS, FACT_DEFINITION, TITLES
from sp_data.facts import FACT_KEYS

DESIGN = Path(__file__).resolve().parents[2] / "shared" / "design" / "DESIGN.md"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not DESIGN.exists(), reason="shared/design/DESIGN.md is not beside the project")
@pytest.mark.parametrize("term", sorted(DEFINITIONS))
def test_definition_is_designs_text(term):
    design = _normalise(DESIGN.read_text(encoding="utf-8")).replace("- ", " ")
    sentence = _normalise(DEFINITIONS[term]).rstrip(".")
    assert sentence.lower() in design.lower(), f"{term}: not found word for word in DESIGN.md"


def test_every_fact_has_a_definition_and_every_definition_a_title():
    assert set(FACT_DEFINITION) == set(FACT_KEYS)
    assert set(FACT_DEFINITION.values()) <= set(DEFINITIONS)
    assert set(TITLES) == set(DEFINITIONS)
