"""Overview: the year's facts and figures, regional groups, trends and a world map."""
import streamlit as st

from sp_data import charts
from sp_data.charts import MAP_MEASURES
from sp_data.charts.visits import visits_by_region
from sp_data.i18n import _
from sp_data.page_data import overview
from ui import components as ui
from ui.awaiting import awaiting_tiles
from ui.briefing_buttons import year_briefing_button
from ui.state import current

view = current()
ui.header(view, _("State cooperation with the special procedures"),
          _("How States cooperate with the special rapporteurs, independent experts and working groups "
            "of the Human Rights Council: country visits, standing invitations, communications and replies. "
            "Each figure's definition is in its help icon (?), and each tile links to the page with the details."))
d = view.data(overview.load, view.filters)
f = d.facts
y = view.period

head, button = st.columns([3, 1], vertical_alignment="bottom")
head.subheader(_("Facts and figures, {period}").format(period=y))
with button:
    year_briefing_button(view)
for title, figures in d.sections:
    st.markdown(f"**{_(title)}**")
    ui.figure_tiles(view, f, figures)
awaiting_tiles(view)
st.caption(d.individuals_caption)

groups = d.groups
st.subheader(_("By regional group"))
if groups.height == 0:
    ui.empty(_("No State belongs to the selected regional groups."))
else:
    left, right = st.columns(2)
    with left:
        if not ui.warn_missing(d.visits_missing):
            # The Country visits page's chart, from the same query (every host: territories and institutions too).
            ui.chart(view, ui.lazy(visits_by_region,
                d.visits_by_group, _("Country visits carried out in {period}, by host's regional group").format(period=y),
                subtitle=_("No group: institutions, and territories of no State")), "visits-by-group")
    with right:
        if not ui.warn_missing(d.communications_missing):
            ui.chart(view, ui.lazy(charts.bars_by_group,
                groups, "communications_in_year", _("Communications"),
                _("Communications sent to States in {period}, by regional group").format(period=y),
                subtitle=_("Letters addressed to a State; not those to non-State actors")), "communications-by-group")
    if not ui.warn_missing(d.replies_missing):
        ui.chart(view, ui.lazy(charts.bars_by_group,
            groups, "reply_rate_percent", _("Substantive reply rate (%)"),
            _("Substantive reply rate of States to communications sent in {period}").format(period=y),
            subtitle=_("Communications with at least one substantive reply by the as-at date"), fmt=".1f"),
            "reply-rate-by-group")

st.subheader(_("Trends"))
# A snapshot whose records start in the reporting year has one year to show: no range to choose.
span = st.slider(_("Years"), min_value=view.first_year, max_value=view.year,
                 value=overview.default_years(view.first_year, view.year), key="years",
                 bind="query-params") if view.first_year < view.year else (view.year, view.year)
t = view.data(overview.load_trends, view.filters, span[0], span[1])
trend = t.trend
if trend.height == 0:
    ui.empty(_("Nothing was recorded in these years for the selected groups."))
else:
    left, right = st.columns(2)
    # Years the snapshot does not record have no point; with none recorded, the page says what is missing.
    with left:
        if not ui.warn_missing(t.visits_missing):
            ui.chart(view, ui.lazy(charts.lines_over_years,
                trend, "visits", _("Visits carried out"),
                _("Country visits carried out per year, {first}–{last}").format(first=span[0], last=span[1])),
                "visits-trend")
    with right:
        if not ui.warn_missing(t.communications_missing):
            ui.chart(view, ui.lazy(charts.lines_over_years,
                trend, "communications", _("Communications"),
                _("Communications to States and non-State actors, {first}–{last}").format(first=span[0], last=span[1]),
                subtitle=_("Sent per year, by the regional group of the State addressed or concerned")),
                "communications-trend")

st.subheader(_("World map"))
measure = st.segmented_control(_("Colour States by"), list(MAP_MEASURES), default=overview.DEFAULT_MEASURE,
                               format_func=lambda m: _(MAP_MEASURES[m][0]), key="measure", bind="query-params",
                               required=True)
world = view.data(overview.load_map, view.filters)
if not ui.warn_missing(world.shown(measure)):
    ui.chart(view, ui.lazy(charts.world_map,
        world.world, measure, _("{measure}, as at {date}").format(measure=_(MAP_MEASURES[measure][0]),
                                                                  date=view.as_at_text),
        subtitle=_("Grey: no data, or a State outside the selected groups. "
                   "Small island States are not drawn at this scale; see the tables.")), "world-map")
