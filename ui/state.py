"""The shared filters in the sidebar, bound to the URL so that every view can be shared as a link."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable

import streamlit as st

from sp_data.exports import Provenance
from sp_data.facts import data_extent
from sp_data.params import Filters
from sp_data.schema import REGIONAL_GROUP_NAMES, REGIONAL_GROUPS
from sp_data.snapshot import Snapshot, current_id, list_snapshots
from ui import cache


@dataclass(frozen=True)
class View:
    """What a page shows: the snapshot, the filters and the years the snapshot covers."""

    snapshot: Snapshot
    con: Any
    filters: Filters
    problem: str | None
    first_year: int
    last_year: int
    last_date: dt.date
    complete_year: int
    choices: str = ""  # the page's own choices (a State, a type), for the provenance of its exports

    def data(self, fn: Callable, *args, **kwargs):
        """fn(con, *args, **kwargs) through the cache."""
        return cache.data(fn, self.snapshot, self.con, *args, **kwargs)

    def with_threshold(self, threshold: int) -> "View":
        return replace(self, filters=replace(self.filters, threshold=threshold))

    def choosing(self, text: str) -> "View":
        """The same view, with a page's own choices named in every export's provenance."""
        return replace(self, choices="; ".join(x for x in (self.choices, text) if x))

    @property
    def year(self) -> int:
        return self.filters.as_at.year

    @property
    def provenance(self) -> Provenance:
        return Provenance.of(self.snapshot, self.filters, extra=self.choices)

    @property
    def period(self) -> str:
        """The reporting period in words: '2023' or '2024 up to 30 June'."""
        d = self.filters.as_at
        if d == dt.date(d.year, 12, 31):
            return str(d.year)
        return f"{d.year} up to {d.day} {d:%B}"

    @property
    def as_at_text(self) -> str:
        d = self.filters.as_at
        return f"{d.day} {d:%B %Y}"

    @property
    def groups_text(self) -> str:
        regions = self.filters.regions
        return "all regional groups" if not regions else ", ".join(regions)


def _snapshot_label(manifests: dict[str, dict]) -> Callable[[str], str]:
    def label(sid: str) -> str:
        m = manifests.get(sid, {})
        return f"{sid} (simulated)" if m.get("simulated") else sid
    return label


# Parameters kept in the URL by url_selectbox. The others are bound to their widgets, which carry
# them across pages themselves; Streamlit refuses to have them set by hand.
HAND_SYNCED_PARAMS = ("snapshot", "state", "compare", "mandate")


def carried_params() -> dict:
    """The hand-synced parameters of the current URL, to pass along when switching pages."""
    return {k: st.query_params[k] for k in HAND_SYNCED_PARAMS if k in st.query_params}


def url_selectbox(label: str, options: list[str], param: str, format_func: Callable[[str], str],
                  help: str | None = None, default: str | None = None) -> str | None:
    """A selectbox showing names but keeping a code in the URL (?param=CODE).

    Streamlit's own URL binding stores the displayed label when there is a format_func, so this
    one syncs by hand: the URL value, when valid, selects the option; the choice is written back.
    """
    if not options:
        return None
    assert param in HAND_SYNCED_PARAMS, f"add {param!r} to HAND_SYNCED_PARAMS"
    wanted = st.query_params.get(param)
    key = f"_url_{param}"
    if wanted in options and st.session_state.get(f"{key}_seen") != wanted:
        st.session_state[key] = wanted
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    choice = st.selectbox(label, options, key=key, format_func=format_func, help=help)
    st.session_state[f"{key}_seen"] = choice
    if st.query_params.get(param) != choice:
        st.query_params[param] = choice
    return choice


def sidebar() -> View:
    """Draw the shared filters and return the view they select."""
    snaps = [s for s in list_snapshots() if not s["problem"]]
    manifests = {s["id"]: s["manifest"] for s in snaps}
    ids = list(reversed([s["id"] for s in snaps]))  # newest first
    current = current_id()
    if current in ids:
        ids.remove(current)
        ids.insert(0, current)
    with st.sidebar:
        st.markdown("### Filters")
        chosen = url_selectbox("Snapshot", ids, "snapshot", _snapshot_label(manifests),
                               help="The data the dashboard reads. The first is the current snapshot.")
    snap, con, problem = cache.load(chosen)
    extent = cache.data(data_extent, snap, con)
    last_date = extent.get("last_date") or dt.date.today()
    first_year = (extent.get("first_date") or last_date).year
    complete_year = int(extent.get("latest_complete_year") or last_date.year)
    years = list(range(last_date.year, first_year - 1, -1))
    with st.sidebar:
        year = st.selectbox("Reporting year", years, index=years.index(complete_year) if complete_year in years else 0,
                            key="year", bind="query-params",
                            help="Figures for this calendar year, as at 31 December (or the last date in the data).")
        # No format_func: a bound widget's URL value must be the plain code (?groups=AG&groups=WEOG).
        groups = st.multiselect("Regional groups", list(REGIONAL_GROUPS), key="groups", bind="query-params",
                                placeholder="All groups",
                                help="Restricts every State-level figure to States of these groups: "
                                     + "; ".join(f"{k} = {v}" for k, v in REGIONAL_GROUP_NAMES.items()) + ".")
        with st.expander("Advanced"):
            as_at = st.date_input("As-at date", value=None, min_value=dt.date(first_year, 1, 1), max_value=last_date,
                                  key="as_at", bind="query-params", format="YYYY-MM-DD",
                                  help="Status as at this date, computed from the event history. "
                                       "Empty: 31 December of the reporting year. Overrides the year.")
    if as_at is None:
        as_at = min(dt.date(year, 12, 31), last_date)
    filters = Filters(as_at=as_at, regions=tuple(groups))
    return View(snapshot=snap, con=con, filters=filters, problem=problem, first_year=first_year,
                last_year=last_date.year, last_date=last_date, complete_year=complete_year)


def current() -> View:
    """The view app.py built for this run (pages call this instead of drawing filters again)."""
    if not _filters_drawn_this_run():
        _legacy_pages_fallback()
    return st.session_state["view"]


def _filters_drawn_this_run() -> bool:
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx is not None and "year" in ctx.shared.widget_user_keys_this_run


def _legacy_pages_fallback() -> None:
    """Handle a page file that Streamlit ran without app.py.

    On a freshly started server, Streamlit treats a folder named pages/ as the legacy multipage
    layout until some run calls st.navigation, so a deep link as the very first request runs the
    page file alone. Switching that mode off for good and rerunning sends the same URL through
    app.py (tests/test_browser.py proves it on a fresh server).
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
