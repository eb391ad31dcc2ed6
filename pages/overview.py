"""Overview: the year's facts and figures, regional groups, trends and a world map."""
import streamlit as st

from sp_data import charts
from sp_data.facts import facts
from sp_data.plain import tile_help
from sp_data.groups import by_group, map_data, trends
from sp_data.charts import MAP_MEASURES
from sp_data.charts.visits import visits_by_region
from sp_data.visits import visits_breakdown
from sp_data.coverage import COLUMN_NEEDS
from ui import components as ui
from ui.awaiting import awaiting_tiles
from ui.briefing_buttons import year_briefing_button
from ui.state import current

view = current()
ui.header(view, "State cooperation with the special procedures",
          "How States cooperate with the special rapporteurs, independent experts and working groups "
          "of the Human Rights Council: country visits, standing invitations, communications and replies. "
          "Each figure's definition is in its help icon (?), and each tile links to the page with the details.")
f = view.data(facts, view.filters)
y = view.period

SECTIONS = [
    ("Country visits", [
        ("Visits carried out", "visits_in_year", ("visit_in_year",), "pages/country_visits.py"),
        ("States and territories", "visit_hosts_states_territories", ("visit_in_year",), "pages/country_visits.py"),
        ("Institutions visited", "visit_hosts_institutions", ("visit_in_year",), "pages/country_visits.py"),
        ("Member States ever visited", "member_states_visited", ("visited",), "pages/never_visited.py"),
    ]),
    ("States never visited", [
        ("Never visited", "member_states_never_visited", ("never_visited",), "pages/never_visited.py"),
        ("…no request received", "never_visited_no_request", ("never_visited",), "pages/never_visited.py"),
        ("…requests not accepted", "never_visited_requests_not_accepted", ("never_visited",), "pages/never_visited.py"),
        ("…accepted, not yet held", "never_visited_accepted_not_yet_conducted", ("never_visited",), "pages/never_visited.py"),
    ]),
    ("The last five years", [
        ("Not visited in five years", "member_states_not_visited_5y", ("window", "not_visited_window"), "pages/country_visits.py"),
        ("…of which had a request", "member_states_not_visited_5y_with_request", ("window", "not_visited_window"), "pages/pending_requests.py"),
        ("5+ pending, none accepted", "member_states_five_plus_pending_no_acceptance", ("pending", "five_plus", "accepted_window"), "pages/pending_requests.py"),
        ("Five or more visits", "member_states_five_plus_visits_5y", ("window", "visit_in_year"), "pages/country_visits.py"),
    ]),
    ("Standing invitations and mandates", [
        ("Member States", "standing_invitations_member_states", ("standing_invitation",), "pages/standing_invitations.py"),
        ("Observer States", "standing_invitations_observer_states", ("standing_invitation",), "pages/standing_invitations.py"),
        ("Mandates", "mandates_total", ("mandates",), "pages/data.py"),
        ("Thematic / country", "mandates_country", ("mandates", "country_mandate_access"), "pages/profile.py"),
    ]),
    ("Communications", [
        ("Communications sent", "communications_sent", ("communications",), "pages/communications.py"),
        ("…of which joint", "communications_joint", ("communications",), "pages/communications.py"),
        ("States addressed", "communications_states_addressed", ("communications",), "pages/communications.py"),
        ("Non-State actors addressed", "communications_non_state_actors", ("communications",), "pages/communications.py"),
    ]),
    ("Replies", [
        ("Replies received in the year", "replies_received_in_year", ("replies",), "pages/communications.py"),
        ("…of which substantive", "replies_received_in_year_substantive", ("replies",), "pages/communications.py"),
        ("Replies to the year's letters", "replies_to_year_communications", ("reply_rate",), "pages/communications.py"),
        ("Substantive reply rate", "reply_rate_percent", ("reply_rate",), "pages/communications.py"),
    ]),
]

head, button = st.columns([3, 1], vertical_alignment="bottom")
head.subheader(f"Facts and figures, {y}")
with button:
    year_briefing_button(view)
for title, items in SECTIONS:
    st.markdown(f"**{title}**")
    cols = st.columns(4)
    for col, (label, key, terms, page) in zip(cols, items):
        value = f[key]
        if key == "mandates_country":
            fmt = lambda v: f"{f['mandates_thematic']} / {v}"
        elif key == "reply_rate_percent":
            fmt = lambda v: f"{v:.2f} %"
        elif key == "standing_invitations_member_states":
            fmt = lambda v: f"{v} of {f['member_states']}"
        else:
            fmt = lambda v: f"{v:,}"
        ui.tile(col, label, value, tile_help(key, view.filters, f), page=page, fmt=fmt,
                undefined=key not in f["not_recorded"])
awaiting_tiles(view)
if f["communications_individuals"] is None:
    st.caption(f"Individuals covered by the year's communications: {ui.NOT_RECORDED}.")
else:
    st.caption(f"Individuals covered by the year's communications: {f['communications_individuals']:,} "
               f"(of whom {f['communications_individuals_female']:,} female).")

groups = view.data(by_group, view.filters)
st.subheader("By regional group")
if groups.height == 0:
    ui.empty("No State belongs to the selected regional groups.")
else:
    left, right = st.columns(2)
    with left:
        if not ui.not_recorded(view, "visits"):
            # The Country visits page's chart, from the same query (every host: territories and institutions too).
            by_host_group = view.data(visits_breakdown, view.filters)["regional_group"]
            ui.chart(view, visits_by_region(by_host_group, f"Country visits carried out in {y}, by host's regional group",
                                            subtitle="No group: institutions, and territories of no State"),
                     "visits-by-group")
    with right:
        if not ui.not_recorded(view, "communications"):
            ui.chart(view, charts.bars_by_group(groups, "communications_in_year", "Communications",
                                                f"Communications sent to States in {y}, by regional group",
                                                subtitle="Letters addressed to a State; not those to non-State actors"),
                     "communications-by-group")
    if not ui.not_recorded(view, "communications", "replies"):
        ui.chart(view, charts.bars_by_group(groups, "reply_rate_percent", "Substantive reply rate (%)",
                                            f"Substantive reply rate of States to communications sent in {y}",
                                            subtitle="Communications with at least one substantive reply by the as-at date",
                                            fmt=".1f"), "reply-rate-by-group")

st.subheader("Trends")
# A snapshot whose records start in the reporting year has one year to show: no range to choose.
span = st.slider("Years", min_value=view.first_year, max_value=view.year,
                 value=(max(view.first_year, view.year - 12), view.year), key="years",
                 bind="query-params") if view.first_year < view.year else (view.year, view.year)
trend = view.data(trends, view.filters, span[0], span[1])
if trend.height == 0:
    ui.empty("Nothing was recorded in these years for the selected groups.")
else:
    left, right = st.columns(2)
    # Years the snapshot does not record have no point; with none recorded, the page says what is missing.
    with left:
        if trend["visits"].is_not_null().any() or not ui.not_recorded(view, "visits"):
            ui.chart(view, charts.lines_over_years(trend, "visits", "Visits carried out",
                                                   f"Country visits carried out per year, {span[0]}–{span[1]}"),
                     "visits-trend")
    with right:
        if trend["communications"].is_not_null().any() or not ui.not_recorded(view, "communications"):
            ui.chart(view, charts.lines_over_years(trend, "communications", "Communications",
                                                   f"Communications to States and non-State actors, {span[0]}–{span[1]}",
                                                   subtitle="Sent per year, by the regional group of the State addressed or concerned"),
                     "communications-trend")

st.subheader("World map")
measure = st.segmented_control("Colour States by", list(MAP_MEASURES), default="pending_requests",
                               format_func=lambda m: MAP_MEASURES[m][0], key="measure", bind="query-params",
                               required=True)
world = view.data(map_data, view.filters)
kinds, span_needed = COLUMN_NEEDS[measure]
if world[measure].is_not_null().any() or not ui.not_recorded(view, *kinds, span=span_needed):
    ui.chart(view, charts.world_map(world, measure, f"{MAP_MEASURES[measure][0]}, as at {view.as_at_text}",
                                    subtitle="Grey: no data, or a State outside the selected groups. "
                                             "Small island States are not drawn at this scale; see the tables."),
             "world-map")
