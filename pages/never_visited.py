"""Never-visited States: the three categories, with their requests and dates."""
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from sp_data.collation import with_group
from sp_data.i18n import _
from sp_data.page_data import never_visited
from sp_data.figures import section
from sp_data.wording import date_column_format, groups_help
from sp_data.visits import NEVER_VISITED_CATEGORIES
from ui import components as ui
from ui.state import current

DATE = date_column_format()  # month names in the reader's language, or figures where the browser has none

view = current()
ui.header(view, _("Never-visited States"),
          _("Member States that no special procedure has ever visited, in the annual report's three categories: "
            "no request received; requests made but none accepted; a visit accepted but not yet carried out."))
if ui.not_recorded(view, "visits", span="history"):
    st.stop()  # whether a State was ever visited needs its visit threads
d = view.data(never_visited.load, view.filters)  # one query for the three sections, and the figures
f = d.facts

st.subheader(_("Member States never visited, as at {date}").format(date=view.as_at_text))
ui.figure_tiles(view, f, section("States never visited"), links=False)  # the Overview's section, here
st.caption(ui.definition("never_visited"))

COMMON: dict[str, str | ColumnConfig] = {
    "name": _("State"),
    "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
    "standing_invitation": st.column_config.CheckboxColumn(_("Standing invitation"),
                                                           help=ui.definition("standing_invitation")),
}
REQUESTS: dict[str, str | ColumnConfig] = {
    "requests_made": st.column_config.NumberColumn(
        _("Requests made"), format="%d", help=_("Visit threads in which a request or reminder was sent by the as-at date.")),
    "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE),
    "latest_request_on": st.column_config.DateColumn(_("Latest request"), format=DATE,
                                                     help=_("The latest request or reminder sent.")),
    "pending_requests": st.column_config.NumberColumn(_("Pending"), format="%d", help=ui.definition("pending")),
}
SECTIONS = {
    "no_request": (_("No request received"),
                   _("No visit has been requested of these States, nor has any been accepted."), COMMON | REQUESTS),
    "requests_not_accepted": (NEVER_VISITED_CATEGORIES["requests_not_accepted"],
                              _("Visits have been requested (a request or reminder sent), and none accepted."),
                              COMMON | REQUESTS),
    "accepted_not_yet_conducted": (
        NEVER_VISITED_CATEGORIES["accepted_not_yet_conducted"],
        _("A visit has been invited, accepted, given proposed dates or postponed: it may still happen."),
        # What was accepted comes first: it is what this category is about.
        {"name": _("State"), "regional_group": COMMON["regional_group"],
         "accepted_on": st.column_config.DateColumn(
             _("Accepted on"), format=DATE,
             help=_("The latest invitation, acceptance or proposal of dates.")),
         "accepted_mandates": st.column_config.TextColumn(_("Mandate(s) accepted"), width="large")} | COMMON | REQUESTS),
}

for category, (title, note, columns) in SECTIONS.items():
    frame = with_group(d.by_category[category])
    st.subheader(f"{title} ({frame.height})")
    st.caption(note)
    if frame.height == 0:
        ui.empty(_("No never-visited Member State in {groups} is in the category “{category}” as at {date}.").format(
            groups=view.groups_text, category=NEVER_VISITED_CATEGORIES[category].lower(), date=view.as_at_text))
    else:
        ui.table(view, frame, f"never-visited-{category.replace('_', '-')}", columns)
