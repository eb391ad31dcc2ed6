"""Sign-in for editors with Streamlit's st.login (OpenID Connect, [auth] in .streamlit/secrets.toml) and the
list of editors ([editors] in the same file); reading needs neither."""
from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from sp_data import editors
from sp_data.editors import Editor
from sp_data.i18n import _

__all__ = ["Editor", "editor", "disabled_reason", "sign_in_control"]


def _section(name: str) -> Mapping:
    try:
        value = st.secrets.get(name)
    except Exception:  # no secrets file at all: sign-in is simply not configured
        return {}
    return value if isinstance(value, Mapping) else {}


def _user() -> dict:
    """The signed-in user's claims as st.user holds them (is_logged_in False or absent: nobody)."""
    try:
        return dict(st.user.to_dict())
    except Exception:  # st.user outside a session (command line, bare script): nobody is signed in
        return {}


def editor() -> Editor | None:
    """The signed-in editor, read afresh on every call (a commit calls it again as it commits)."""
    return editors.editor(_user(), _section("auth"), _section("editors"))


def disabled_reason() -> str:
    """Why changing the records is disabled for this visitor, in plain words ('' when it is not)."""
    return editors.disabled_reason(_user(), _section("auth"), _section("editors")) or ""


def sign_in_control() -> None:
    """Sign in or out, in the sidebar; nothing when no provider is configured (reading needs no sign-in)."""
    provider = editors.provider_name(_section("auth"))
    if provider is None:
        return
    user = _user()
    who = editors.identity(user)
    with st.sidebar:
        if who is None:
            st.caption(_("Editors sign in to record changes; reading needs no sign-in."))
            if st.button(_("Sign in"), key="auth_sign_in", icon=":material/login:"):
                st.login(provider)
            return
        name = f"**{who.name}**" + (f" ({who.email})" if who.email and who.email != who.name else "")
        if editors.is_editor(user, _section("editors")):
            st.caption(_("Signed in as {name}, editor.").format(name=name))
        else:
            st.caption(_("Signed in as {name}, reading only.").format(name=name))
        if st.button(_("Sign out"), key="auth_sign_out", icon=":material/logout:"):
            st.logout()
