"""The visits, invitations and communications pages speak French and Spanish: every text of their files is in the
catalogs, and nothing they show escapes them."""
import pytest

from sp_data.tools import catalogs
from visible_text import texts, untranslated

# Engineer V's files (issue 15): the five pages, their data, sp_data modules and charts, what changed.
VISITS_FILES = [
    "pages/country_visits.py", "pages/never_visited.py", "pages/pending_requests.py",
    "pages/standing_invitations.py", "pages/communications.py",
    "sp_data/page_data/country_visits.py", "sp_data/page_data/never_visited.py",
    "sp_data/page_data/pending_requests.py", "sp_data/page_data/standing_invitations.py",
    "sp_data/page_data/communications.py", "sp_data/visits.py", "sp_data/invitations.py",
    "sp_data/communications.py", "sp_data/charts/visits.py", "sp_data/charts/invitations.py",
    "sp_data/charts/communications.py", "sp_data/collation.py", "ui/what_changed.py", "sp_data/diff.py",
]
# Each page with the query parameters that show every section (a type and a mandate on Communications).
PAGES = [
    ("pages/country_visits.py", {"year": "2023"}),
    ("pages/never_visited.py", {"year": "2023"}),
    ("pages/pending_requests.py", {"year": "2023", "threshold": "3"}),
    ("pages/standing_invitations.py", {"year": "2023"}),
    ("pages/communications.py", {"year": "2023", "type": ["AL", "UA"], "mandate": "SR-TORTURE"}),
]
# Texts written by other engineers' files (the shared header, tiles, definitions, chart base, the profile's
# "awaiting" section): translated on their branches, still unmarked on this one until the lead merges them.
OTHERS = (
    "Figures for", "Simulated demonstration data", "Provenance: the file names", "snapshot", "Details",
    "Years with no point", "Not shown, as",
)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_of_these_files_is_translated(lang):
    gaps = catalogs.missing(lang, VISITS_FILES)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation:\n" + catalogs.po_entries(gaps[:20])


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")


def _ours(gaps: list[str], names: set[str]) -> list[str]:
    """The untranslated texts that are this area's: not another engineer's, not a proper name of the records
    (a non-State actor, a territory, an institution: written the same in every language)."""
    return [g for g in gaps if not any(o in g for o in OTHERS) and g.split(": ", 1)[-1].split(" (")[0].strip("'\"")
            not in names]


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[p for p, _ in PAGES])
def test_the_page_shows_no_text_of_its_own_outside_the_catalogs(app, pseudo, page, query, demo_db):
    at = app(page, lang="qps", **query).run(timeout=60)
    assert not at.exception, at.exception
    names = {r[0] for r in demo_db.execute(
        "SELECT DISTINCT recipient FROM communications WHERE recipient_kind = 'non_state_actor' "
        "UNION SELECT DISTINCT host_name FROM visits WHERE host_kind <> 'state'").fetchall() if r[0]}
    shown = [t for _, t in texts(at)]
    assert len(shown) > 50  # the check reads the page's texts
    gaps = _ours(untranslated(at), names)
    assert not gaps, f"{len(gaps)} texts:\n" + "\n".join(gaps[:60])
