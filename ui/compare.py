"""The Compare page's State picker, kept in the link as ?states=IRN,IND,PAK, and the profile's link to it."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl
import streamlit as st

from sp_data import briefing
from sp_data.charts.compare import group_dots
from sp_data.compare import MAX_STATES, RANKED, choose, companions, figure_value, group_words, rank_text
from sp_data.exports import Provenance
from sp_data.i18n import _
from sp_data.names import StateNames
from sp_data.state_search import closest
from ui import components as ui
from ui.state import View, carried_params
from ui.state_search import nothing_found, typed_state

PARAM, KEY = "states", "_url_states"


def _split(text: object) -> list[str]:
    return [s for s in str(text or "").split(",") if s]


def url_states(label: str, options: list[str], format_func: Callable[[str], str], default: Sequence[str],
               help: str | None = None, names: StateNames | None = None) -> list[str]:
    """A multiselect of States keeping their codes in the link, comma-separated (?states=IRN,IND,PAK; repeated
    ?states= and any letter case are read too). A link's unknown codes, or too few or too many States, are
    named in a notice and a sensible set shown. The choice outlives the page (ui.state.carried_params)."""
    raw = tuple(st.query_params.get_all(PARAM))
    chosen = choose(list(raw), options, default)
    valid = lambda v: isinstance(v, list) and 0 < len(v) <= MAX_STATES and set(v) <= set(options)  # noqa: E731
    kept = _split(st.session_state.get(f"_keep_{PARAM}"))
    drawn = valid(st.session_state.get(KEY))  # Streamlit forgets a widget's value once its page is left
    if st.session_state.get(f"{KEY}_seen") != raw and (raw or drawn):
        st.session_state[KEY] = expected = list(chosen.states)  # a link, Back or Forward
    elif not drawn:
        st.session_state[KEY] = expected = kept if valid(kept) else list(chosen.states)
    else:
        expected = kept if valid(kept) else st.session_state[KEY]
    st.session_state[f"{KEY}_seen"] = raw
    if chosen.notice and expected == list(chosen.states):
        st.warning(chosen.notice, icon=":material/info:")
    if names is not None:  # any name of a State, or its code, typed and Enter: the State it names
        help = " ".join(x for x in (help, _("You may also type any other name of a State, or its three-letter "
                                            "code, and press Enter.")) if x)
    choice = st.multiselect(label, options, key=KEY, format_func=format_func, help=help,
                            max_selections=MAX_STATES, placeholder=_("Choose two to six States"),
                            accept_new_options=names is not None,
                            on_change=_typed_states, args=(options, typed_state(names)) if names else None)
    for text in st.session_state.pop(f"{KEY}_typed", []):
        st.warning(nothing_found(text, closest(names, text)) if names else text, icon=":material/info:")
    st.session_state[f"_keep_{PARAM}"] = ",".join(choice)
    if choice != expected:  # the reader's own change: one step in the browser's history
        st.query_params[PARAM] = ",".join(choice)
        st.session_state[f"{KEY}_seen"] = (",".join(choice),)
    return list(choice)


def _typed_states(options: list[str], resolve: Callable[[str], str | None] | None = None) -> None:
    """Texts typed into the picker: each becomes the State it names; one that names none (or several) is dropped,
    and kept for the page to say so."""
    if resolve is None:
        return
    chosen: list[str] = []
    unknown: list[str] = []
    for value in st.session_state.get(KEY) or []:
        found = value if value in options else resolve(str(value))
        if found in options:
            chosen += [found] if found not in chosen else []
        else:
            unknown.append(str(value))
    st.session_state[KEY] = chosen[:MAX_STATES]
    st.session_state[f"{KEY}_typed"] = unknown


def compare_link(iso3: str, others: Sequence[str]) -> None:
    """'Compare with…': the Compare page with this State and others of its group, the reader's filters kept."""
    params = {k: v for k, v in carried_params().items() if k != PARAM}
    params[PARAM] = ",".join([iso3, *[s for s in others if s != iso3]])
    st.page_link("pages/compare.py", label=_("Compare with…"), icon=":material/compare_arrows:",
                 query_params=params,
                 help=_("Open the Compare page with this State and two others of its regional group, to change there."))


def compare_briefing_button(view: View, states: Sequence[str]) -> None:
    """A PDF of the comparison as at the view's date, stamped with its provenance on every page."""
    prov = Provenance.of(view.snapshot, view.filters, extra=_("States: {codes}").format(codes=", ".join(states)))
    con, snapshot, filters, codes = view.con, view.snapshot, view.filters, tuple(states)
    st.download_button(_("Comparison (PDF)"), lambda: briefing.compare_pdf(con, snapshot, filters, codes),
                       file_name=prov.file_name("compare-" + "-".join(codes), "pdf"), mime="application/pdf",
                       key="briefing-compare", icon=":material/picture_as_pdf:", on_click="ignore",
                       help=_("A printable comparison of these States: key figures side by side, ranks within their "
                              "regional groups and the years, with definitions and provenance on every page."))


def group_section(view: View, ranks: pl.DataFrame, iso3: str, name: str) -> None:
    """The profile's place within the regional group: the State's rank for each key figure, a dot plot of the
    group's members for each (the State highlighted and named), and a link to compare it with others."""
    st.subheader(_("Within its regional group"))
    row = next((r for r in ranks.iter_rows(named=True) if r["iso3"] == iso3), None)
    if row is None or row["regional_group"] is None:
        ui.empty(_("{name} belongs to no regional group: it is not ranked.").format(name=name))
        compare_link(iso3, companions(ranks, iso3))
        return
    group = group_words(row["regional_group"])
    if (row["group_states"] or 0) < 2:
        st.caption(_("{name} is the only State of the {group} in this snapshot: it has no rank to show.").format(
            name=name, group=group))
        compare_link(iso3, companions(ranks, iso3))
        return
    st.markdown("\n".join(f"- **{_(r.label)}**: {figure_value(row, r.key)}, {rank_text(row, r.key)} "
                          f"({_(r.highest)})" for r in RANKED))
    shown = [r for r in RANKED if ranks[r.key].null_count() < ranks.height]
    st.caption(_("Below, one dot per State of the {group}; {name} in blue and named. Hover over a dot for its "
                 "State.").format(group=group, name=name))
    # Two per row on a wide screen, one above the other on a phone (Streamlit stacks columns there).
    for pair in (shown[i:i + 2] for i in range(0, len(shown), 2)):
        for col, r in zip(st.columns(2), pair, strict=False):
            rate = r.key == "reply_rate_percent"
            with col:
                ui.chart(view, ui.lazy(group_dots, ranks, r.key, _(r.short), iso3,
                                          _(r.label), subtitle=rank_text(row, r.key), fmt=".1f" if rate else ",d",
                                          percent=rate), f"{iso3}-within-group-{r.key.replace('_', '-')}")
    compare_link(iso3, companions(ranks, iso3))
