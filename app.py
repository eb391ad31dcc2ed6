"""The dashboard's entry point: page registry, shared sidebar filters, navigation."""
import streamlit as st

from ui.auth import sign_in_control
from ui.state import nav, sidebar

# "auto": the sidebar starts closed on a phone, where it would cover three quarters of the first screen.
st.set_page_config(page_title="Special procedures: State cooperation", page_icon="static/icon.png",
                   layout="wide", initial_sidebar_state="auto")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview"),
    st.Page("pages/profile.py", title="Cooperation profile", icon=":material/person_search:", url_path="profile"),
    st.Page("pages/country_visits.py", title="Country visits", icon=":material/flight_land:", url_path="country_visits"),
    st.Page("pages/never_visited.py", title="Never-visited States", icon=":material/block:", url_path="never_visited"),
    st.Page("pages/pending_requests.py", title="Pending requests", icon=":material/hourglass_top:", url_path="pending_requests"),
    st.Page("pages/communications.py", title="Communications and replies", icon=":material/mail:",
            url_path="communications"),
    st.Page("pages/standing_invitations.py", title="Standing invitations", icon=":material/how_to_reg:",
            url_path="standing_invitations"),
    st.Page("pages/mandate.py", title="Mandate profile", icon=":material/badge:", url_path="mandate"),
    st.Page("pages/data.py", title="Data and definitions", icon=":material/dataset:", url_path="data"),
    st.Page("pages/record.py", title="Record changes", icon=":material/edit_note:", url_path="record"),
]

# Each url_path is its file's name: on a fresh server Streamlit first looks pages up by file name
# (its legacy pages/ mode), and a name that matched nothing would flash "Page not found".
# The default page is served at / but Streamlit does not route its own url_path to it, so the
# Overview is listed at /overview and also served, hidden, as the default at /.
HOME = st.Page("pages/overview.py", title="Overview", url_path="home", default=True, visibility="hidden")
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
