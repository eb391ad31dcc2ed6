"""Compare: two to six States side by side, their ranks within their regional groups, and their years."""
import streamlit as st

from sp_data.charts.compare import states_over_years
from sp_data.i18n import _
from sp_data.page_data import compare as page
from sp_data.plain import plain
from ui import components as ui
from ui.compare import compare_briefing_button, url_states
from ui.state import current

view = current()
ui.header(view, _("Compare States"), _(
    "Two to six States side by side: the key figures of their cooperation profiles, where each stands within its "
    "regional group, and their pending requests, visits and replies over the years. Pick the States below; the "
    "page's link keeps them."))

choices, default = view.data(page.load_choices, view.filters, st.query_params.get("state"))
picker, _space = st.columns([3, 2])
with picker:
    states = url_states(_("States to compare"), choices.options, choices.name, default,
                        help=_("Two to six States, Member or observer, by name."),
                        names=view.data(page.load_names, view.filters))
if len(states) < 2:
    ui.empty(_("Choose at least two States to compare them."))
    st.stop()

data = view.data(page.load, view.filters, tuple(states))
names = [data.names[s] for s in data.states]
view = view.choosing(_("States: {names}").format(names=", ".join(names)))
stem = "compare-" + "-".join(data.states)
compare_briefing_button(view, data.states)

# Each State's column as wide as its cells (Streamlit's own sizing), so that a rank is never cut.
state_columns = {n: st.column_config.TextColumn(n) for n in names}
st.subheader(_("Key figures"))
ui.table(view, data.figures, f"{stem}-key-figures", title=_("Key figures"),
         columns={"figure": st.column_config.TextColumn(_("Figure")), **state_columns})
st.caption(_("Each State's figures as its cooperation profile gives them, as at {date}.").format(date=view.as_at_text))

st.subheader(_("Rank within the regional group"))
ui.table(view, data.ranks, f"{stem}-group-ranks", title=_("Rank within the regional group"),
         columns={"figure": st.column_config.TextColumn(_("Figure")), **state_columns})
st.caption(_("Each State is ranked among all the States of its own regional group, 1st being the highest figure; "
             "States with the same figure share a rank. A higher figure is neither good nor bad in itself: more "
             "pending requests can mean more requests made."))

st.subheader(_("Over the years"))
years = data.by_year
if years.height == 0:
    ui.empty(_("This snapshot holds no year to show."))
else:
    y0, y1 = years["year"].min(), years["year"].max()
    each = _("Each year as at its 31 December (the last year as at the as-at date).")
    span = {"y0": y0, "y1": y1}
    ui.chart(view, ui.lazy(states_over_years, years, "pending_requests", _("Pending requests"),
                                     _("Pending requests, {y0}–{y1}").format(**span),
                                     names, subtitle=each), f"{stem}-pending-by-year")
    ui.chart(view, ui.lazy(states_over_years, years, "visits", _("Visits carried out"),
                                     _("Visits carried out, {y0}–{y1}").format(**span), names,
                                     subtitle=_("Visits that began in the year.")), f"{stem}-visits-by-year")
    ui.chart(view, ui.lazy(states_over_years, years, "reply_rate_percent", _("Substantive reply rate (%)"),
                                     _("Substantive reply rate, {y0}–{y1}").format(**span), names,
                                     subtitle=each + " " + _("No point: nothing was sent to the State that year."),
                                     fmt=".1f", percent=True), f"{stem}-reply-rate-by-year")
    with st.expander(_("The figures per year, {y0}–{y1}").format(y0=y0, y1=y1)):
        ui.table(view, years.sort("year", "name", descending=[True, False]), f"{stem}-by-year",
                 title=_("Figures per year"), columns={
                     "year": st.column_config.NumberColumn(_("Year"), format="%d"),
                     "name": st.column_config.TextColumn(_("State"), width="medium"),
                     "pending_requests": st.column_config.NumberColumn(_("Pending requests"), format="%d"),
                     "visits": st.column_config.NumberColumn(_("Visits carried out"), format="%d"),
                     "communications": st.column_config.NumberColumn(_("Communications sent"), format="%d"),
                     "substantively_replied": st.column_config.NumberColumn(_("Substantively replied"), format="%d"),
                     "reply_rate_percent": st.column_config.NumberColumn(_("Substantive reply rate (%)"),
                                                                          format="%.2f"),
                 })
st.caption(plain("pending", "visit_in_year", "reply_rate"))
