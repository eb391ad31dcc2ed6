"""The dashboard's entry point: page registry, shared sidebar filters, navigation."""
import streamlit as st

from sp_data.i18n import _
from ui.auth import sign_in_control
from ui.language import choose_language
from ui.state import nav, sidebar

# "auto": the sidebar starts closed on a phone, where it would cover three quarters of the first screen.
st.set_page_config(page_title="Special procedures: State cooperation", page_icon="static/icon.png",
                   layout="wide", initial_sidebar_state="auto")
# First, so that every text of the run, the page menu's included, is in the reader's language.
choose_language()
st.set_page_config(page_title=_("Special procedures: State cooperation"))

PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/dashboard:", url_path="overview"),
    st.Page("pages/profile.py", title=_("Cooperation profile"), icon=":material/person_search:", url_path="profile"),
    st.Page("pages/compare.py", title=_("Compare States"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/country_visits.py", title=_("Country visits"), icon=":material/flight_land:", url_path="country_visits"),
    st.Page("pages/never_visited.py", title=_("Never-visited States"), icon=":material/block:", url_path="never_visited"),
    st.Page("pages/pending_requests.py", title=_("Pending requests"), icon=":material/hourglass_top:", url_path="pending_requests"),
    st.Page("pages/communications.py", title=_("Communications and replies"), icon=":material/mail:",
            url_path="communications"),
    st.Page("pages/standing_invitations.py", title=_("Standing invitations"), icon=":material/how_to_reg:",
            url_path="standing_invitations"),
    st.Page("pages/mandate.py", title=_("Mandate profile"), icon=":material/badge:", url_path="mandate"),
    st.Page("pages/data.py", title=_("Data and definitions"), icon=":material/dataset:", url_path="data"),
    st.Page("pages/record.py", title=_("Record changes"), icon=":material/edit_note:", url_path="record"),
]

# Each url_path is its file's name: on a fresh server Streamlit first looks pages up by file name
# (its legacy pages/ mode), and a name that matched nothing would flash "Page not found".
# The default page is served at / but Streamlit does not route its own url_path to it, so the
# Overview is listed at /overview and also served, hidden, as the default at /.
HOME = st.Page("pages/overview.py", title=_("Overview"), url_path="home", default=True, visibility="hidden")
# Streamlit's own menu would drop the State, mandate and types on the way (they are not bound to
# sidebar widgets) and add a second history entry when the page put them back: the menu is ours.
page = st.navigation(PAGES + [HOME], position="hidden")
menu = st.sidebar.container()
sign_in_control()
# The shared filters are drawn once, here, so that they are the same widgets on every page.
st.session_state["view"] = sidebar()
try:
    page.run()
finally:
    # Drawn last, so that its links carry the choices this run made (a State picked on the profile).
    nav(menu, PAGES)
