"""Communications and replies: the year's figures, per State and actor, by type and mandate, reply times, trends."""
import streamlit as st

from sp_data import charts
from sp_data.charts import communications as comm_charts
from sp_data.collation import with_group
from sp_data.communications import DAYS_TO_REPLY, TYPE_NAMES, TYPE_PLURALS, describe, tag
from sp_data.i18n import _, n_
from sp_data.local_names import mandate_title
from sp_data.page_data import communications
from sp_data.plain import reply_rate_example
from sp_data.page_data.overview import default_years
from sp_data.wording import groups_help
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import current, url_pills, url_selectbox

view = current()
ui.header(view, _("Communications and replies"),
          _("Letters the special procedures sent to States and to non-State actors (companies, armed groups, "
            "organizations), and the replies they received: per State and per actor, by type and by mandate, "
            "how often and how quickly they were answered, and how this has changed over the years."))
y = view.period
d = view.data(communications.load, view.filters)
if ui.warn_missing(d.communications_missing):
    st.stop()  # every part of this page counts communications
f = d.facts
days_to_reply = _(DAYS_TO_REPLY)
sent, replied = _("Sent"), _("Substantive reply by the as-at date")
reply_rate = _("Reply rate (%)")
to_substantive = _("…to first substantive reply")

st.subheader(_("Facts and figures, {year}").format(year=y))
for row in d.rows:
    ui.figure_tiles(view, f, row, links=False)
replies_missing = ui.warn_missing(d.replies_missing)
st.caption(_("These figures cover every type and mandate, as the annual report counts them. "
             "The type and mandate selection below applies to everything after it."))

st.subheader(_("Type and mandate"))
left, right = st.columns([3, 2])  # room for the three types' names in one row, in French and Spanish too
with left:
    types = url_pills(_("Communication types"), list(TYPE_NAMES), "type", format_func=lambda t: TYPE_PLURALS[t],
                      key="type", what=_("Communication type"), where=_("a type of communication"),
                      help=_("Allegation letters, urgent appeals and other letters. A joint letter is one of "
                             "these sent by two or more mandates together."))
with right:
    mandate = url_selectbox(_("Mandate"), ["", *d.mandate_ids], "mandate", format_func=d.mandate_name,
                            key="mandate", default="", what=_("Mandate"), where=_("among this year's mandates"),
                            help=_("Only communications this mandate took part in (alone or jointly).")) or None
if mandate:
    st.caption(f"**{d.mandate_name(mandate)}**: {mandate_title(mandate, d.titles.get(mandate, ''))}.")
selected = tuple(types)
suffix = f" ({describe(selected, mandate)})" if describe(selected, mandate) else ""
if describe(selected, mandate):
    view = view.choosing(describe(selected, mandate))


def name(base: str) -> str:
    """An export's name, tagged with the type and mandate selection (the provenance line carries the rest)."""
    return f"{base}-{tag(selected, mandate)}" if tag(selected, mandate) else base


if not selected:
    ui.empty(_("Select at least one communication type to see the tables and charts."))
    st.stop()

tables = view.data(communications.load_tables, view.filters, selected, mandate)
states = tables.states
st.subheader(_("States, {year}").format(year=y))
if states.height == 0:
    ui.empty(_("No State in the selected groups was sent a communication of this selection in the year."))
else:
    top = 30
    if not replies_missing:
        ui.chart(view, ui.lazy(comm_charts.reply_rate_by_state,
            states, _("Substantive reply rate by State, {year}").format(year=y) + suffix, top=top,
            subtitle=(_("The {top} States sent most communications, of {total}; ties in alphabetical order.").format(
                top=top, total=states.height) if states.height > top
                else n_("{n} State sent a communication.", "All {n} States sent a communication.",
                        states.height).format(n=states.height))
            + " " + _("Label: reply rate (%) of the communications sent")),
                 name("reply-rate-by-state"))
    ui.table(view, with_group(states), name("communications-by-state"), {
        "name": st.column_config.TextColumn(_("State"), width="medium"),
        "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "communications": st.column_config.NumberColumn(sent, format="%d", help=ui.definition("communications")),
        "substantively_replied": st.column_config.NumberColumn(replied, format="%d", help=ui.definition("reply_rate")),
        "reply_rate_percent": st.column_config.NumberColumn(reply_rate, format="%.2f", help=ui.definition("reply_rate")),
        "median_days_to_first_reply": st.column_config.NumberColumn(
            _("Median days to first reply"), format="%.0f", help=days_to_reply),
        "median_days_to_first_substantive_reply": st.column_config.NumberColumn(
            to_substantive, format="%.0f", help=days_to_reply),
    }, height=390 if states.height > 10 else "auto")
    st.caption(ui.definition("reply_rate") + " " + reply_rate_example(f, view.filters) + " " + days_to_reply
               + " " + _("None: no reply yet."))

actors = tables.actors
st.subheader(_("Non-State actors, {year}").format(year=y))
if actors.height == 0:
    ui.empty(_("No non-State actor was sent a communication of this selection in the year concerning a State of the "
               "selected groups.") if view.filters.regions
             else _("No non-State actor was sent a communication of this selection in the year."))
else:
    ui.table(view, actors, name("communications-by-non-state-actor"), {
        "recipient": st.column_config.TextColumn(_("Non-State actor"), width="large"),
        "states_concerned": _("State concerned"),
        "communications": st.column_config.NumberColumn(sent, format="%d"),
        "substantively_replied": st.column_config.NumberColumn(replied, format="%d"),
        "reply_rate_percent": st.column_config.NumberColumn(reply_rate, format="%.2f", help=ui.definition("reply_rate")),
    }, height=350 if actors.height > 9 else "auto")
    st.caption(ui.definition("communications") + " " + _(
        "With a regional-group filter, an actor's letters count when the State they concern is in a selected group."))

st.subheader(_("By type and by mandate, {year}").format(year=y))
kinds = tables.kinds
st.markdown(_("**By type** (communications of {mandate})").format(mandate=d.mandate_name(mandate)) if mandate
            else _("**By type** (all mandates)"))
if kinds.height == 0:
    ui.empty(_("No communication of this mandate was sent in the year."))
else:
    ui.table(view, kinds, name("communications-by-type"), {
        "type_name": _("Type"),
        "communications": st.column_config.NumberColumn(sent, format="%d"),
        "joint_share_percent": st.column_config.NumberColumn(_("Joint (%)"), format="%.1f"),
        "substantively_replied": st.column_config.NumberColumn(replied, format="%d"),
        "replied_any": st.column_config.NumberColumn(_("Any reply by the as-at date"), format="%d"),
        "reply_rate_percent": st.column_config.NumberColumn(reply_rate, format="%.2f", help=ui.definition("reply_rate")),
        "median_days_to_first_reply": st.column_config.NumberColumn(_("Median days to first reply"), format="%.0f",
                                                                    help=days_to_reply),
        "median_days_to_first_substantive_reply": st.column_config.NumberColumn(
            to_substantive, format="%.0f", help=days_to_reply),
    })
    st.caption(_("Every type is shown here, whatever the type selection; the last row is their total."))

per_mandate = tables.per_mandate
st.markdown(_("**By mandate** ({selection})").format(selection=describe(selected, None)) if describe(selected, None)
            else _("**By mandate** (all types)"))
if per_mandate.height == 0:
    ui.empty(_("No communication of the selected types was sent in the year."))
else:
    ui.table(view, with_mandate_links(per_mandate), name("communications-by-mandate"), {
        "mandate_name": st.column_config.TextColumn(_("Mandate"), width="medium"),
        "title": st.column_config.TextColumn(_("Full title"), width="large"),
        "mandate_page": link_column(),
        "communications": st.column_config.NumberColumn(_("Took part in"), format="%d"),
        "joint_share_percent": st.column_config.NumberColumn(_("Joint (%)"), format="%.1f"),
        "reply_rate_percent": st.column_config.NumberColumn(reply_rate, format="%.2f", help=ui.definition("reply_rate")),
    }, height=350 if per_mandate.height > 9 else "auto")
    st.caption(_("A joint communication counts for each mandate that took part in it."))

st.subheader(_("Time to reply, {year}").format(year=y))
times = tables.times
if replies_missing:
    ui.empty(_("Time to reply: the replies of {year} are {not_recorded} (see above).").format(
        year=y, not_recorded=_(ui.NOT_RECORDED)))
elif times.height == 0:
    ui.empty(_("None of the year's communications of this selection had received a reply by {date}.").format(
        date=view.as_at_text))
else:
    ui.chart(view, ui.lazy(comm_charts.reply_time_histogram,
        times, _("Days to the first reply, communications sent in {year}").format(year=y) + suffix,
        subtitle=_("Communications with a reply of any kind received by {date}").format(date=view.as_at_text)),
             name("days-to-first-reply"))
    st.caption(days_to_reply + " " + _("Letters sent late in the year have had less time to be answered."))

st.subheader(_("Trends"))
# A snapshot whose records start in the reporting year has one year to show: no range to choose.
span = st.slider(_("Years"), min_value=view.first_year, max_value=view.year,
                 value=default_years(view.first_year, view.year), key="years",
                 bind="query-params") if view.first_year < view.year else (view.year, view.year)
trend = view.data(communications.load_trends, view.filters, span[0], span[1], selected, mandate).trend
if trend.height == 0:
    ui.empty(_("No communication of this selection was sent in these years to the selected groups."))
else:
    years = f"{span[0]}–{span[1]}"
    ui.chart(view, ui.lazy(charts.lines_over_years,
        trend, "communications", _("Communications sent"),
        _("Communications sent per year, {years}").format(years=years) + suffix), name("communications-trend"))
    ui.chart(view, ui.lazy(charts.lines_over_years,
        trend, "reply_rate_percent", _("Substantive reply rate (%)"),
        _("Substantive reply rate per year, {years}").format(years=years) + suffix, fmt=".1f",
        subtitle=_("Each year as its annual report gives it: substantive replies received by 31 December "
                   "of that year (by the as-at date for its own year)")), name("reply-rate-trend"))
    st.caption(_("By the regional group of the State addressed or concerned; letters to non-State actors with "
                 "no State concerned are in “No group”.") + " " + ui.definition("reply_rate"))
