"""Communications and replies: the year's figures, per State and actor, by type and mandate, reply times, trends."""
import streamlit as st

from sp_data import charts
from sp_data.charts import communications as comm_charts
from sp_data.communications import DAYS_TO_REPLY, TYPE_NAMES, describe, tag
from sp_data.page_data import communications
from sp_data.plain import reply_rate_example
from sp_data.page_data.overview import default_years
from sp_data.wording import GROUPS_HELP
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import current, url_pills, url_selectbox

view = current()
ui.header(view, "Communications and replies",
          "Letters the special procedures sent to States and to non-State actors (companies, armed groups, "
          "organizations), and the replies they received: per State and per actor, by type and by mandate, "
          "how often and how quickly they were answered, and how this has changed over the years.")
y = view.period
d = view.data(communications.load, view.filters)
if ui.warn_missing(d.communications_missing):
    st.stop()  # every part of this page counts communications
f = d.facts

st.subheader(f"Facts and figures, {y}")
for row in d.rows:
    ui.figure_tiles(view, f, row, links=False)
replies_missing = ui.warn_missing(d.replies_missing)
st.caption("These figures cover every type and mandate, as the annual report counts them. "
           "The type and mandate selection below applies to everything after it.")

st.subheader("Type and mandate")
left, right = st.columns([2, 3])
with left:
    types = url_pills("Communication types", list(TYPE_NAMES), "type", format_func=lambda t: TYPE_NAMES[t] + "s",
                      key="type", what="Communication type", where="a type of communication",
                      help="Allegation letters, urgent appeals and other letters. A joint letter is one of "
                           "these sent by two or more mandates together.")
with right:
    mandate = url_selectbox("Mandate", ["", *d.mandate_ids], "mandate", format_func=d.mandate_name,
                            key="mandate", default="", what="Mandate", where="among this year's mandates",
                            help="Only communications this mandate took part in (alone or jointly).") or None
if mandate:
    st.caption(f"**{d.mandate_name(mandate)}**: {d.titles.get(mandate, '')}.")
selected = tuple(types)
suffix = f" ({describe(selected, mandate)})" if describe(selected, mandate) else ""
if describe(selected, mandate):
    view = view.choosing(describe(selected, mandate))


def name(base: str) -> str:
    """An export's name, tagged with the type and mandate selection (the provenance line carries the rest)."""
    return f"{base}-{tag(selected, mandate)}" if tag(selected, mandate) else base


if not selected:
    ui.empty("Select at least one communication type to see the tables and charts.")
    st.stop()

tables = view.data(communications.load_tables, view.filters, selected, mandate)
states = tables.states
st.subheader(f"States, {y}")
if states.height == 0:
    ui.empty("No State in the selected groups was sent a communication of this selection in the year.")
else:
    top = 30
    if not replies_missing:
        ui.chart(view, comm_charts.reply_rate_by_state(
            states, f"Substantive reply rate by State, {y}{suffix}", top=top,
            subtitle=(f"The {top} States sent most communications, of {states.height}; ties in alphabetical order. "
                      if states.height > top else f"All {states.height} States sent a communication. ")
                     + "Label: reply rate (%) of the communications sent"),
                 name("reply-rate-by-state"))
    ui.table(view, states, name("communications-by-state"), {
        "name": st.column_config.TextColumn("State", width="medium"),
        "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "communications": st.column_config.NumberColumn("Sent", format="%d", help=ui.definition("communications")),
        "substantively_replied": st.column_config.NumberColumn(
            "Substantive reply by the as-at date", format="%d", help=ui.definition("reply_rate")),
        "reply_rate_percent": st.column_config.NumberColumn(
            "Reply rate (%)", format="%.2f", help=ui.definition("reply_rate")),
        "median_days_to_first_reply": st.column_config.NumberColumn(
            "Median days to first reply", format="%.0f", help=DAYS_TO_REPLY),
        "median_days_to_first_substantive_reply": st.column_config.NumberColumn(
            "…to first substantive reply", format="%.0f", help=DAYS_TO_REPLY),
    }, height=390 if states.height > 10 else "auto")
    st.caption(ui.definition("reply_rate") + " " + reply_rate_example(f, view.filters) + " " + DAYS_TO_REPLY
               + " None: no reply yet.")

actors = tables.actors
st.subheader(f"Non-State actors, {y}")
if actors.height == 0:
    ui.empty("No non-State actor was sent a communication of this selection in the year"
             + (" concerning a State of the selected groups." if view.filters.regions else "."))
else:
    ui.table(view, actors, name("communications-by-non-state-actor"), {
        "recipient": st.column_config.TextColumn("Non-State actor", width="large"),
        "states_concerned": "State concerned",
        "communications": st.column_config.NumberColumn("Sent", format="%d"),
        "substantively_replied": st.column_config.NumberColumn("Substantive reply by the as-at date", format="%d"),
        "reply_rate_percent": st.column_config.NumberColumn("Reply rate (%)", format="%.2f",
                                                            help=ui.definition("reply_rate")),
    }, height=350 if actors.height > 9 else "auto")
    st.caption(ui.definition("communications") + " With a regional-group filter, an actor's letters count when "
               "the State they concern is in a selected group.")

st.subheader(f"By type and by mandate, {y}")
kinds = tables.kinds
st.markdown("**By type**" + (f" (communications of {d.mandate_name(mandate)})" if mandate
                             else " (all mandates)"))
if kinds.height == 0:
    ui.empty("No communication of this mandate was sent in the year.")
else:
    ui.table(view, kinds, name("communications-by-type"), {
        "type_name": "Type",
        "communications": st.column_config.NumberColumn("Sent", format="%d"),
        "joint_share_percent": st.column_config.NumberColumn("Joint (%)", format="%.1f"),
        "substantively_replied": st.column_config.NumberColumn("Substantive reply by the as-at date", format="%d"),
        "replied_any": st.column_config.NumberColumn("Any reply by the as-at date", format="%d"),
        "reply_rate_percent": st.column_config.NumberColumn("Reply rate (%)", format="%.2f",
                                                            help=ui.definition("reply_rate")),
        "median_days_to_first_reply": st.column_config.NumberColumn("Median days to first reply", format="%.0f",
                                                                    help=DAYS_TO_REPLY),
        "median_days_to_first_substantive_reply": st.column_config.NumberColumn(
            "…to first substantive reply", format="%.0f", help=DAYS_TO_REPLY),
    })
    st.caption("Every type is shown here, whatever the type selection; the last row is their total.")

per_mandate = tables.per_mandate
st.markdown("**By mandate**" + (f" ({describe(selected, None)})" if describe(selected, None) else " (all types)"))
if per_mandate.height == 0:
    ui.empty("No communication of the selected types was sent in the year.")
else:
    ui.table(view, with_mandate_links(per_mandate), name("communications-by-mandate"), {
        "mandate_name": st.column_config.TextColumn("Mandate", width="medium"),
        "title": st.column_config.TextColumn("Full title", width="large"),
        "mandate_page": link_column(),
        "communications": st.column_config.NumberColumn("Took part in", format="%d"),
        "joint_share_percent": st.column_config.NumberColumn("Joint (%)", format="%.1f"),
        "reply_rate_percent": st.column_config.NumberColumn("Reply rate (%)", format="%.2f",
                                                            help=ui.definition("reply_rate")),
    }, height=350 if per_mandate.height > 9 else "auto")
    st.caption("A joint communication counts for each mandate that took part in it.")

st.subheader(f"Time to reply, {y}")
times = tables.times
if replies_missing:
    ui.empty(f"Time to reply: the replies of {y} are {ui.NOT_RECORDED} (see above).")
elif times.height == 0:
    ui.empty("None of the year's communications of this selection had received a reply by "
             f"{view.as_at_text}.")
else:
    ui.chart(view, comm_charts.reply_time_histogram(
        times, f"Days to the first reply, communications sent in {y}{suffix}",
        subtitle=f"Communications with a reply of any kind received by {view.as_at_text}"),
             name("days-to-first-reply"))
    st.caption(DAYS_TO_REPLY + " Letters sent late in the year have had less time to be answered.")

st.subheader("Trends")
# A snapshot whose records start in the reporting year has one year to show: no range to choose.
span = st.slider("Years", min_value=view.first_year, max_value=view.year,
                 value=default_years(view.first_year, view.year), key="years",
                 bind="query-params") if view.first_year < view.year else (view.year, view.year)
trend = view.data(communications.load_trends, view.filters, span[0], span[1], selected, mandate).trend
if trend.height == 0:
    ui.empty("No communication of this selection was sent in these years to the selected groups.")
else:
    ui.chart(view, charts.lines_over_years(
        trend, "communications", "Communications sent",
        f"Communications sent per year, {span[0]}–{span[1]}{suffix}"), name("communications-trend"))
    ui.chart(view, charts.lines_over_years(
        trend, "reply_rate_percent", "Substantive reply rate (%)",
        f"Substantive reply rate per year, {span[0]}–{span[1]}{suffix}", fmt=".1f",
        subtitle="Each year as its annual report gives it: substantive replies received by 31 December "
                 "of that year (by the as-at date for its own year)"), name("reply-rate-trend"))
    st.caption("By the regional group of the State addressed or concerned; letters to non-State actors with "
               "no State concerned are in \"No group\". " + ui.definition("reply_rate"))
