"""The shared filters in the sidebar, bound to the URL so that every view can be shared as a link."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Concatenate, ParamSpec, TypeVar

import duckdb
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from sp_data.exports import Provenance
from sp_data.facts import data_extent
from sp_data import url_values
from sp_data.params import Filters
from sp_data.record.history_view import picker_label, picker_order
from sp_data.i18n import ENGLISH, _
from sp_data.wording import date_text, group_name, groups_text, period
from sp_data.schema import REGIONAL_GROUPS
from sp_data.snapshot import Snapshot, current_id
from ui import cache


P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """What a page shows: the snapshot, the filters and the years the snapshot covers."""

    snapshot: Snapshot
    con: duckdb.DuckDBPyConnection
    filters: Filters
    problem: str | None
    first_year: int
    last_year: int
    last_date: dt.date
    complete_year: int
    choices: str = ""  # the page's own choices (a State, a type), for the provenance of its exports

    def data(self, fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], T], *args: P.args,
             **kwargs: P.kwargs) -> T:
        """fn(con, *args, **kwargs) through the cache."""
        return cache.data(fn, self.snapshot, self.con, *args, **kwargs)

    def with_threshold(self, threshold: int) -> View:
        return replace(self, filters=replace(self.filters, threshold=threshold))

    def choosing(self, text: str) -> View:
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
        return period(self.filters.as_at)

    @property
    def as_at_text(self) -> str:
        return date_text(self.filters.as_at)

    @property
    def groups_text(self) -> str:
        return groups_text(self.filters.regions)


# About as many characters as the sidebar's picker shows before cutting its text.
SIDEBAR_BOX_CHARACTERS = 28


def _snapshot_label(manifests: dict[str, dict], current: str) -> Callable[[str], str]:
    """A snapshot in words: its date, author and note (or source), current and simulated said."""
    def label(sid: str) -> str:
        return picker_label(manifests.get(sid, {"id": sid}), sid == current)
    return label


def follow_current() -> None:
    """Show the current snapshot from now on, whichever it becomes (after a commit or an undo), not a pinned one."""
    for key in ("_url_snapshot", "_keep_snapshot", "_url_snapshot_seen"):
        st.session_state.pop(key, None)
    if "snapshot" in st.query_params:
        del st.query_params["snapshot"]


def _followed_current(current: str) -> None:
    """A reader who was shown the current snapshot keeps being shown the current one when it moves
    (a colleague's commit, an undo); one who chose a snapshot by link or in the sidebar keeps it."""
    seen = st.session_state.get("_current_seen")
    st.session_state["_current_seen"] = current
    if seen and seen != current and "snapshot" not in st.query_params \
            and st.session_state.get("_url_snapshot") in (seen, None):
        follow_current()


# Parameters kept in the URL by hand (url_selectbox, url_pills). The others are bound to their
# widgets; Streamlit refuses to have them set by hand.
# Streamlit's own binding would keep only widgets of the sidebar across pages, and its page menu
# merges them into the link's own parameters (year=2023&year=2023): every filter is synced here.
HAND_SYNCED_PARAMS = ("lang", "snapshot", "year", "groups", "as_at", "state", "compare", "states", "mandate", "type",
                      "table")
CARRIED = HAND_SYNCED_PARAMS[:-1]  # not the Data page's choice of table to show
LISTS = ("groups", "type")


def _kept(param: str) -> object:
    """The last choice made for a hand-synced parameter in this session (it outlives its page)."""
    return st.session_state.get(f"_keep_{param}")


def carried_params() -> dict:
    """Every filter of the current view, for internal links: a link opened anywhere shows what its sender saw.

    A page's own choices (State, mandate, types) are the last ones made in this session, so that
    they survive a visit to another page; the year is always given.
    """
    out: dict = {}
    for k in CARRIED:
        kept = _kept(k)
        if k == "lang" and kept == ENGLISH:
            continue  # the default: links stay as they were before there were languages
        if kept not in (None, "", [], ()):
            out[k] = [str(v) for v in kept] if k in LISTS and isinstance(kept, (list, tuple)) else str(kept)
        elif kept is None and k in st.query_params:  # chosen on no page yet, given by the link: pass it on
            out[k] = st.query_params.get_all(k) if k in LISTS else st.query_params[k]
    view = st.session_state.get("view")
    if view is not None:
        out.setdefault("year", str(view.year))
    return out


def notice(text: str) -> None:
    """A one-line notice about a link's value that could not be used as given (shown under the page title)."""
    notices = st.session_state.setdefault("_notices", [])
    if text not in notices:
        notices.append(text)


def notices() -> list[str]:
    """This run's notices."""
    return list(st.session_state.get("_notices", []))


def _from_url(param: str, key: str, resolved: object, options_ok: Callable[[object], bool]) -> object:
    """Select the URL's value when the URL changed since the last run (a link, Back or Forward);
    otherwise keep the widget's value, or the session's last choice when the page was left and the
    link back did not say (so that a State survives a visit to another page).
    Returns the value the URL or the last run selected, to tell a reader's change from it."""
    raw = tuple(st.query_params.get_all(param))
    kept = _kept(param)
    drawn = options_ok(st.session_state.get(key))  # Streamlit forgets a widget's value once its page is left
    if st.session_state.get(f"{key}_seen") != raw and (raw or drawn):
        st.session_state[key] = expected = resolved
    elif not drawn:
        st.session_state[key] = expected = kept if options_ok(kept) else resolved
    else:  # the widget's value differs from the last run's choice when the reader has just changed it
        expected = kept if options_ok(kept) else st.session_state[key]
    st.session_state[f"{key}_seen"] = raw
    return expected


def _to_url(param: str, key: str, choice: object, before: object, default: object) -> None:
    """Keep the choice for other pages; write it to the URL only when the reader made it here, so that
    each choice is one step in the browser's history and Back and Forward replay them."""
    st.session_state[f"_keep_{param}"] = choice
    if choice == before:
        return
    if choice in (None, "", []) or choice == default:
        if param in st.query_params:
            del st.query_params[param]
        written = ()
    else:
        # Streamlit writes str() of each value itself; said here so that the types hold.
        st.query_params[param] = [str(c) for c in choice] if isinstance(choice, list) else str(choice)
        written = tuple(choice) if isinstance(choice, list) else (choice,)
    st.session_state[f"{key}_seen"] = written


def _typed_choice(key: str, param: str, options: list[str], typed: Callable[[str], str | None]) -> None:
    """A text typed into a box that accepts any name: the option it names; else the last choice, and the
    text kept under '<key>_typed' for the page to say that it names nothing."""
    value = st.session_state.get(key)
    if value is None or value in options:
        return
    found = typed(str(value))
    if found in options:
        st.session_state[key] = found
    else:
        st.session_state[f"{key}_typed"] = str(value)
        kept = _kept(param)
        st.session_state[key] = kept if kept in options else options[0]


def url_selectbox(label: str, options: list[str], param: str, format_func: Callable[[str], str],
                  help: str | None = None, default: str | None = None, what: str = "Value",
                  where: str = "available", key: str | None = None,
                  typed: Callable[[str], str | None] | None = None) -> str | None:
    """A selectbox showing names but keeping a code in the URL (?param=CODE, any letter case).

    Streamlit's own URL binding stores the displayed label when there is a format_func, so this
    one syncs by hand. A URL value that is not an option is named in a notice, and the default shown.
    With typed, the box also takes any text (Enter) and typed(text) gives the option it names, if any.
    """
    if not options:
        return None
    assert param in HAND_SYNCED_PARAMS, f"add {param!r} to HAND_SYNCED_PARAMS"
    key = key or f"_url_{param}"
    raw = st.query_params.get_all(param)
    checked = url_values.choice(raw, options, default, what, where, name=format_func)
    before = _from_url(param, key, checked.value, lambda v: v in options)
    if checked.notice and before == checked.value:
        st.warning(checked.notice, icon=":material/info:")
    choice = st.selectbox(label, options, key=key, format_func=format_func, help=help,
                          accept_new_options=typed is not None, on_change=_typed_choice if typed else None,
                          args=(key, param, options, typed) if typed else None)
    _to_url(param, key, choice, before, default if default in options else options[0])
    return choice


def url_pills(label: str, options: list[str], param: str, format_func: Callable[[str], str],
              help: str | None = None, what: str = "Value", where: str = "available",
              key: str | None = None) -> list[str]:
    """Multiple-choice pills showing names but keeping codes in the URL (?param=A&param=B); all by default."""
    assert param in HAND_SYNCED_PARAMS, f"add {param!r} to HAND_SYNCED_PARAMS"
    key = key or f"_url_{param}"
    raw = st.query_params.get_all(param)
    checked = url_values.choices(raw, options, what, where)
    resolved = checked.value or list(options)
    before = _from_url(param, key, resolved, lambda v: isinstance(v, list) and set(v) <= set(options))
    if checked.notice and before == resolved:
        st.warning(checked.notice, icon=":material/info:")
    choice = st.pills(label, options, selection_mode="multi", key=key, format_func=format_func, help=help)
    _to_url(param, key, list(choice), before, list(options))
    return list(choice)


def nav(container: DeltaGenerator, pages: list[StreamlitPage]) -> None:
    """The page menu: links that carry every filter, so that a page shows the State, mandate and year
    last chosen, and each move is one step in the browser's history."""
    params = carried_params()
    with container:
        for page in pages:
            st.page_link(page, query_params=params)
        st.page_link("pages/data.py", label=_("What changed"), icon=":material/difference:", query_params=params,
                     help=_("What changed since an earlier snapshot, for the selected groups (Data and definitions "
                            "page)."))


def _snapshot_picker() -> str | None:
    """The snapshot chooser: the current snapshot first, then the others newest first."""
    snaps = [s for s in cache.snapshots() if not s["problem"]]
    manifests = {s["id"]: s["manifest"] for s in snaps}
    current = current_id()
    ids = picker_order(list(reversed([s["id"] for s in snaps])), manifests, current)  # current first, then newest
    _followed_current(current)
    label = _snapshot_label(manifests, current)
    with st.sidebar:
        st.markdown("### " + _("Filters"))
        chosen = url_selectbox(_("Snapshot"), ids, "snapshot", label,
                               help=_("The version of the records the dashboard reads. The first is the current one; "
                                      "an earlier one is shown read-only."),
                               what=_("Snapshot"), where=_("in the snapshots folder"))
        if chosen is not None and len(label(chosen)) > SIDEBAR_BOX_CHARACTERS:
            st.caption(label(chosen))  # the box shows only its start: the whole name below it
        return chosen


def sidebar() -> View:
    """Draw the shared filters and return the view they select."""
    st.session_state["_notices"] = []
    search_box = st.sidebar.container()  # "Find a State", above the filters; filled once the snapshot is known
    snap, con, problem = cache.load(_snapshot_picker())
    extent = cache.data(data_extent, snap, con)
    last_date = extent.get("last_date") or dt.date.today()
    first_year = (extent.get("first_date") or last_date).year
    complete_year = int(extent.get("latest_complete_year") or last_date.year)
    years = list(range(last_date.year, first_year - 1, -1))
    with st.sidebar:
        default_year = complete_year if complete_year in years else years[0]
        checked_year = url_values.year(st.query_params.get_all("year"), years, default_year)
        before = _from_url("year", "year", checked_year.value, lambda v: v in years)
        year = st.selectbox(_("Reporting year"), years, key="year",
                            help=_("Figures for this calendar year, as at 31 December (or the last date in the data)."))
        _to_url("year", "year", year, before, default_year)
        checked_groups = url_values.groups(st.query_params.get_all("groups"))
        before = _from_url("groups", "groups", checked_groups.value,
                           lambda v: isinstance(v, list) and set(v) <= set(REGIONAL_GROUPS))
        groups = st.multiselect(_("Regional groups"), list(REGIONAL_GROUPS), key="groups", placeholder=_("All groups"),
                                format_func=group_name,
                                help=_("Only States of these groups count in every State-level figure."))
        _to_url("groups", "groups", list(groups), before, [])
        with st.expander(_("Advanced")):
            first, last = dt.date(first_year, 1, 1), last_date
            checked_date = url_values.as_at(st.query_params.get_all("as_at"), first, last)
            before = _from_url("as_at", "as_at", checked_date.value,
                               lambda v: v is None or (isinstance(v, dt.date) and first <= v <= last))
            as_at = st.date_input(_("As-at date"), min_value=first, max_value=last, key="as_at", format="DD/MM/YYYY",
                                  help=_("Figures as they stood on this day, rebuilt from the history of events. "
                                         "Empty: 31 December of the reporting year. A date here replaces the year."))
            _to_url("as_at", "as_at", as_at, before, None)
    for text in (checked_year.notice, checked_groups.notice, checked_date.notice):
        if text:
            notice(text)
    if as_at is None:
        as_at = min(dt.date(year, 12, 31), last_date)
    filters = Filters(as_at=as_at, regions=tuple(groups))
    view = View(snapshot=snap, con=con, filters=filters, problem=problem, first_year=first_year,
                last_year=last_date.year, last_date=last_date, complete_year=complete_year)
    from ui.state_search import find_state  # imports this module

    find_state(search_box, view)
    return view


def current() -> View:
    """The view app.py built for this run (pages call this instead of drawing filters again)."""
    if not _filters_drawn_this_run():
        _legacy_pages_fallback()
    return st.session_state["view"]


def _filters_drawn_this_run() -> bool:
    ctx = get_script_run_ctx()
    return ctx is not None and "year" in ctx.shared.widget_user_keys_this_run


def _legacy_pages_fallback() -> None:
    """Handle a page file that Streamlit ran without app.py.

    On a freshly started server, Streamlit treats a folder named pages/ as the legacy multipage
    layout until some run calls st.navigation, so a deep link as the very first request runs the
    page file alone. Switching that mode off for good and rerunning sends the same URL through
    app.py (tests/test_browser.py proves it on a fresh server).
    """
    PagesManager.uses_pages_directory = False
    st.rerun()
