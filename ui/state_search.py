"""Any State by any name: the sidebar's "Find a State" box and the State pickers, on one resolver."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sp_data import state_search
from sp_data.i18n import _
from sp_data.local_names import state_name
from sp_data.names import StateNames, key
from ui.state import View, carried_params, url_selectbox

SEARCH_KEY = "find_state"
PROFILE = "pages/profile.py"


def states_of(view: View) -> StateNames:
    """The view's States under every name they are known by."""
    return view.data(state_search.resolver)


FOUND_KEY = "find_state_found"
# The States found are links to the profile: whole names on as many lines as they need (Streamlit cuts a page
# link's label at one line), and not shown as the page open (Streamlit marks every link to the current page).
_FOUND_STYLE = f"""<style>
.st-key-{FOUND_KEY} [data-testid=stPageLink-NavLink] {{height: auto; background-color: transparent;}}
.st-key-{FOUND_KEY} [data-testid=stPageLink-NavLink] span,
.st-key-{FOUND_KEY} [data-testid=stPageLink-NavLink] p {{white-space: normal; overflow: visible; font-weight: 400;}}
.st-key-{FOUND_KEY} [data-testid=stPageLink-NavLink]:hover {{text-decoration: underline;}}
</style>"""


def _profile_links(matches: list[state_search.Match]) -> None:
    params = carried_params()
    st.html(_FOUND_STYLE)
    with st.container(key=FOUND_KEY):
        for m in matches:
            st.page_link(PROFILE, label=m.label, icon=":material/person_search:",
                         query_params={**params, "state": m.iso3})


def find_state(container: DeltaGenerator, view: View) -> None:
    """The sidebar's search box: the States a text may name, best first, each a link to its cooperation profile."""
    with container:
        text = st.text_input(_("Find a State"), key=SEARCH_KEY, placeholder=_("Turkey, IRN, Corée…"),
                             help=_("Any name of a State: its United Nations name in English, French or Spanish, "
                                    "a common or former name, or its three-letter code. Each State found opens "
                                    "its cooperation profile."))
        if not text.strip():
            return
        states = states_of(view)
        found = state_search.search(states, text)
        if found:
            _profile_links(found)
            return
        closest = state_search.closest(states, text)
        st.caption(nothing_found(text, closest))
        _profile_links(closest)


def nothing_found(text: str, closest: list[state_search.Match]) -> str:
    """The plain statement that a text names no State, and the names nearest to it."""
    if not closest:
        return _("No State is called “{text}”.").format(text=text.strip())
    return _("No State is called “{text}”. The closest names: {names}.").format(
        text=text.strip(), names=", ".join(m.name for m in closest))


def typed_state(states: StateNames) -> Callable[[str], str | None]:
    """The State a text typed into a picker names without doubt: its code, one of its names, or the one State
    whose names hold the text; None when it names none or several (the page then says so)."""
    def resolve(text: str) -> str | None:
        found = [m for m in state_search.search(states, text, limit=2) if m.rank != state_search.CLOSE]
        if found and (found[0].rank in (state_search.CODE, state_search.EXACT) or len(found) == 1):
            return found[0].iso3
        return None
    return resolve


def state_picker(states: StateNames, label: str, options: list[str], param: str, format_func: Callable[[str], str],
                 help: str | None = None, key: str | None = None, **kwargs) -> str | None:
    """url_selectbox for a State (?state=ISO3): the States by name in the reader's language and in its alphabetical
    order; any other name of a State, or its code, can be typed in (Enter); a text that names none is said so."""

    def name(iso3: str) -> str:
        return state_name(iso3, format_func(iso3))

    ordered = sorted(options, key=lambda iso3: _sort_key(name(iso3)))
    box_key = key or f"_url_{param}"
    hint = _("You may also type any other name of a State, or its three-letter code, and press Enter.")
    chosen = url_selectbox(label, ordered, param, name, help=" ".join(x for x in (help, hint) if x), key=box_key,
                           typed=typed_state(states), **kwargs)
    text = st.session_state.pop(f"{box_key}_typed", None)
    if text:
        found = [m for m in state_search.search(states, text) if m.rank != state_search.CLOSE]
        if found:
            st.warning(_("“{text}” could be any of these States; choose one in the list: {names}.").format(
                text=text.strip(), names=", ".join(m.name for m in found)), icon=":material/info:")
        else:
            st.warning(nothing_found(text, state_search.closest(states, text)), icon=":material/info:")
    return chosen


def _sort_key(name: str) -> str:
    """Alphabetical order as a reader of the name's language expects it: accents and case ignored."""
    return key(name)
