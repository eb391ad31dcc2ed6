"""The reader's language: chosen in the sidebar, kept in the URL (?lang=fr), set for the whole run."""
from __future__ import annotations

import streamlit as st

from sp_data.i18n import ENGLISH, LANGUAGES, PSEUDO, _, known, language_name, pseudo_allowed, set_language
from ui.state import url_selectbox

# Screen readers pronounce the page in its language; Streamlit's page says lang="en" whatever it shows.
_HTML_LANG = "<script>window.parent.document.documentElement.lang = {lang!r};</script>"


def _expected(options: list[str]) -> str:
    """The language this run will speak, before its picker is drawn: the URL's when it just changed
    (a link, Back), else the picker's."""
    url = tuple(st.query_params.get_all("lang"))
    chosen = st.session_state.get("_url_lang")
    if chosen in options and st.session_state.get("_url_lang_seen") == url:
        return chosen
    return next((code for code in (known(url[0]) if url else None, chosen, st.session_state.get("_keep_lang"))
                 if code in options), ENGLISH)


def choose_language() -> str:
    """Draw the language picker at the top of the sidebar and speak its choice for the rest of the run."""
    options = list(LANGUAGES) + ([PSEUDO] if pseudo_allowed() else [])
    set_language(_expected(options))  # so that the picker's own label is in the language it will show
    with st.sidebar:
        # Each language is named in itself: a reader who does not read the current one still finds theirs.
        lang = url_selectbox(_("Language"), options, "lang", language_name,
                             what="Language", where="(English, French or Spanish)") or "en"
    set_language(lang)
    st.html(_HTML_LANG.format(lang=lang if lang != PSEUDO else "en"), unsafe_allow_javascript=True)
    return lang

