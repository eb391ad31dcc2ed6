"""Who may change the records: the sign-in provider configured, and the signed-in user on the list of editors."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sp_data.i18n import N_, _

# The settings an OpenID Connect provider needs (Streamlit's st.login), beside [auth]'s own.
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
AUTH_KEYS = ("redirect_uri", "cookie_secret")

NO_PROVIDER = N_("Changing the records needs an editor who has signed in, and sign-in is not set up on this "
                 "server. The administrator sets it up (README, “Sign-in for editors”); the records can still "
                 "be changed from the command line.")
SIGNED_OUT = N_("Changing the records needs an editor who has signed in: use “Sign in” in the sidebar.")
NO_EDITORS = N_("Changing the records needs an editor, and no editors are named on this server. The "
                "administrator names them (README, “Sign-in for editors”).")


@dataclass(frozen=True)
class Editor:
    """A signed-in editor: the name the history records, and the address they signed in with."""

    name: str
    email: str = ""

    @property
    def author(self) -> str:
        """How the history names the editor: 'A. Editor <a.editor@example.org>'."""
        if self.name and self.email and self.name != self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


def provider_name(auth: Mapping | None) -> str | None:
    """The provider st.login should use ('default' for one set directly under [auth]), None when none is complete."""
    if not auth or not all(auth.get(k) for k in AUTH_KEYS):
        return None
    if all(auth.get(k) for k in PROVIDER_KEYS):
        return "default"
    for name, section in auth.items():
        if isinstance(section, Mapping) and all(section.get(k) for k in PROVIDER_KEYS):
            return str(name)
    return None


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return [str(value)]


def identity(user: Mapping) -> Editor | None:
    """The signed-in user's name and e-mail address (None when not signed in or with neither)."""
    if not user.get("is_logged_in"):
        return None
    email = str(user.get("email") or "").strip()
    name = str(user.get("name") or "").strip() or email
    return Editor(name, email) if name else None


def is_editor(user: Mapping, editors: Mapping | None) -> bool:
    """Whether a signed-in user is an editor: their e-mail address on the list (any letter case, and
    not marked unverified by the provider), or one of their groups (the group claim) on the list."""
    if identity(user) is None or not editors:
        return False
    emails = {e.strip().lower() for e in _as_list(editors.get("emails")) if e.strip()}
    email = str(user.get("email") or "").strip().lower()
    if email and email in emails and user.get("email_verified") is not False:
        return True
    claim = editors.get("group_claim")
    groups = set(_as_list(editors.get("groups")))
    return bool(claim and groups and groups & set(_as_list(user.get(str(claim)))))


def editor(user: Mapping, auth: Mapping | None, editors: Mapping | None) -> Editor | None:
    """The editor who may change the records now: a provider configured and the user on the list."""
    if provider_name(auth) is None or not is_editor(user, editors):
        return None
    return identity(user)


def disabled_reason(user: Mapping, auth: Mapping | None, editors: Mapping | None) -> str | None:
    """Why this visitor cannot change the records, in plain words, in the reader's language (None: they can)."""
    if provider_name(auth) is None:
        return _(NO_PROVIDER)
    who = identity(user)
    if who is None:
        return _(SIGNED_OUT)
    if not editors or not (_as_list(editors.get("emails")) or _as_list(editors.get("groups"))):
        return _(NO_EDITORS)
    if not is_editor(user, editors):
        return _("You are signed in as {who}, who is not on this server's list of editors, so you can read "
                 "everything but change nothing. Ask the administrator to add you.").format(who=who.email or who.name)
    return None
