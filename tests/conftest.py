"""Shared fixtures: small snapshots built in code, and the bundled demonstration snapshot."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from sp_data.db import connect
from sp_data.paths import PROJECT_ROOT
from sp_data.schema import TABLES
from sp_data.snapshot import open_snapshot, write_snapshot

D = dt.date

# A minimal world: three Member States in three groups and one observer; one thematic and one
# country mandate. Tests add the rows they need.
BASE_STATES = [
    {"iso3": "AAA", "name": "Arcadia", "regional_group": "AG", "un_status": "member"},
    {"iso3": "BBB", "name": "Borduria", "regional_group": "EEG", "un_status": "member"},
    {"iso3": "CCC", "name": "Carpania", "regional_group": "WEOG", "un_status": "member"},
    {"iso3": "PSE", "name": "State of Palestine", "regional_group": None, "un_status": "observer"},
]
BASE_MANDATES = [
    {"mandate_id": "SR-EDU", "title": "Special Rapporteur on the right to education", "kind": "thematic",
     "country_iso3": None, "established_on": D(1998, 4, 17), "ended_on": None},
    {"mandate_id": "SR-BBB", "title": "Special Rapporteur on the situation of human rights in Borduria",
     "kind": "country", "country_iso3": "BBB", "established_on": D(2012, 7, 5), "ended_on": None},
]


def frames(**rows: list[dict]) -> dict[str, pl.DataFrame]:
    """Typed tables from lists of row dicts; states and mandates default to the base world."""
    rows.setdefault("states", BASE_STATES)
    rows.setdefault("mandates", BASE_MANDATES)
    out = {}
    for name, table in TABLES.items():
        data = rows.get(name, [])
        full = [{c.name: r.get(c.name, c.default) for c in table.columns} for r in data]
        out[name] = pl.DataFrame(full, schema=table.polars_schema) if full else table.empty()
    return out


def thread(visit_id: str, iso3: str | None, events: list[tuple], mandate_id: str = "SR-EDU",
           host_kind: str = "state", host_name: str | None = None) -> tuple[dict, list[dict]]:
    """One visit thread and its events; an event is (date, name) or (date, 'completed', end_date)."""
    visit = {"visit_id": visit_id, "mandate_id": mandate_id, "host_kind": host_kind, "iso3": iso3,
             "host_name": host_name}
    evs = [{"visit_id": visit_id, "date": e[0], "event": e[1], "end_date": e[2] if len(e) > 2 else None}
           for e in events]
    return visit, evs


def threads(*items: tuple[dict, list[dict]]) -> dict[str, list[dict]]:
    """visits and visit_events rows from several thread() results."""
    return {"visits": [v for v, _ in items], "visit_events": [e for _, evs in items for e in evs]}


# The coverage a make_db fixture states by default: every kind of record, over every year a test
# uses, so that a test of a definition is not a test of coverage (an empty table then means none
# happened). Tests of coverage pass coverage=None (derived from the rows) or their own.
FULL_COVERAGE = {kind: {"held": True, "from": "1990-01-01", "to": "2030-12-31"}
                 for kind in ("visits", "standing_invitations", "communications", "replies")}


@pytest.fixture(autouse=True)
def english():
    """Every test starts and ends in English: an AppTest or a `use()` that set a language does not leak."""
    from sp_data import i18n

    i18n.set_language(i18n.ENGLISH)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def pseudo(monkeypatch):
    """The tests' pseudo-language allowed (?lang=qps): every translated text arrives bracketed in ⟦ ⟧."""
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")


@pytest.fixture
def make_db(tmp_path: Path):
    """Build a snapshot from row dicts and connect to it: make_db(visits=[...], ...)."""
    counter = iter(range(1000))

    def build(coverage=FULL_COVERAGE, **rows):
        path, _ = write_snapshot(frames(**rows), source="test fixture", simulated=False,
                                 root=tmp_path / "parquet", snapshot_id=f"fixture-{next(counter)}",
                                 coverage=coverage)
        return connect(open_snapshot(path))

    return build


@pytest.fixture(scope="session")
def demo_snapshot():
    """The bundled demonstration snapshot, opened and verified."""
    return open_snapshot(PROJECT_ROOT / "parquet" / "demo")


@pytest.fixture(scope="session")
def demo_db(demo_snapshot):
    """A connection to the bundled demonstration snapshot."""
    return connect(demo_snapshot)


@pytest.fixture
def app(monkeypatch):
    """An AppTest of the whole app opened at a page: app("pages/x.py", state="IRN").run().

    Caches are shared across AppTests in one process, so they are cleared first.
    """
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    # AppTest resets Streamlit's legacy pages/ mode before every run, which a real server leaves
    # once app.py has called st.navigation. Run every AppTest as that server does.
    original_init = PagesManager.__init__

    def init_without_legacy_pages(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_without_legacy_pages)
    # A short list's values are read from the grid sent with its HTML table for AppTests (ui.components).
    monkeypatch.setattr("ui.components.SHORT_TABLES_AS_GRIDS_TOO", True)

    def open_page(page: str = "pages/overview.py", timeout: float = 30, **query) -> AppTest:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        if page != "pages/overview.py":
            at.switch_page(page)
        return at

    return open_page


# Sign-in as AppTest sees it: a provider configured in the secrets (never contacted: AppTest does not
# run st.login) and st.user faked through AppTest.user (Streamlit 1.67), as an editor or not.
AUTH_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret-0123456789",
             "client_id": "dashboard", "client_secret": "test-client-secret",
             "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
    "editors": {"emails": ["ada.editor@example.org"], "group_claim": "groups", "groups": ["sp-editors"]},
}
EDITOR = {"is_logged_in": True, "email": "ada.editor@example.org", "name": "Ada Editor"}
READER = {"is_logged_in": True, "email": "rex.reader@example.org", "name": "Rex Reader"}
ANONYMOUS = {"is_logged_in": False}


def signed_in(at, user: dict | None = None, secrets: dict | None = None):
    """The AppTest with sign-in configured and a user signed in (EDITOR by default; ANONYMOUS for nobody)."""
    import copy

    at.secrets.update(copy.deepcopy(AUTH_SECRETS if secrets is None else secrets))
    at.user = dict(EDITOR if user is None else user)
    return at


def vega_specs(at) -> list[dict]:
    """The Vega-Lite specs of every Altair chart an AppTest rendered (AppTest shows them as UnknownElement)."""
    import json

    specs = []
    for el in at.get("vega_lite_chart"):
        specs.append(json.loads(el.proto.spec))
    return specs


def chart_titles(at) -> list[str]:
    """The titles of the charts an AppTest rendered."""
    out = []
    for spec in vega_specs(at):
        title = spec.get("title") or {}
        text = title.get("text") if isinstance(title, dict) else title
        # ui.chart writes a title's wrapping points on a phone as newlines, drawn as spaces on a wide screen.
        out.append(" ".join(text.split()) if isinstance(text, str) else text)
    return out


def metrics(at) -> dict[str, str]:
    """Metric label -> displayed value."""
    return {m.label: m.value for m in at.metric}


def reference_frames(**rows: list[dict]) -> dict[str, pl.DataFrame]:
    """Like frames(), in the real world: every State and mandate of sp_data/reference by default."""
    folder = PROJECT_ROOT / "sp_data" / "reference"
    text = {"schema_overrides": {"iso_numeric": pl.String}, "infer_schema": False}
    states = pl.read_csv(folder / "states.csv", **text).select("iso3", "name", "regional_group", "un_status")
    mandates = pl.read_csv(folder / "mandates.csv", **text).with_columns(
        pl.col("established_on").str.to_date(), pl.col("ended_on").str.to_date())
    rows.setdefault("states", states.to_dicts())
    rows.setdefault("mandates", mandates.to_dicts())
    return frames(**rows)


@pytest.fixture
def parquet_root(tmp_path, monkeypatch):
    """A snapshots folder holding a copy of the demo, so that imports and commits never touch the project's."""
    root = tmp_path / "parquet"
    shutil.copytree(PROJECT_ROOT / "parquet" / "demo", root / "demo")
    monkeypatch.setenv("SP_PARQUET_DIR", str(root))
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    return root
