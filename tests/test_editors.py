"""Who may change the records: a sign-in provider configured, and the signed-in user on the list of editors."""
import pytest

from sp_data.editors import NO_EDITORS, NO_PROVIDER, SIGNED_OUT, Editor, disabled_reason, editor, is_editor, provider_name

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "c", "client_secret": "s", "server_metadata_url": "http://idp/.well-known/openid-configuration"}
EDITORS = {"emails": ["Ada.Editor@example.org"], "group_claim": "groups", "groups": ["sp-editors"]}
ADA = {"is_logged_in": True, "email": "ada.editor@EXAMPLE.org", "name": "Ada Editor"}


def test_the_provider_is_the_default_one_or_a_named_section_and_none_when_incomplete():
    assert provider_name(AUTH) == "default"
    named = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": AUTH["cookie_secret"],
             "intranet": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}}
    assert provider_name(named) == "intranet"
    assert provider_name({k: v for k, v in AUTH.items() if k != "cookie_secret"}) is None
    assert provider_name({k: v for k, v in AUTH.items() if k != "server_metadata_url"}) is None
    assert provider_name({}) is None and provider_name(None) is None


@pytest.mark.parametrize("user, expected", [
    (ADA, True),  # the address on the list, in any letter case
    ({**ADA, "email_verified": False}, False),  # an address the provider did not verify is not trusted
    ({**ADA, "is_logged_in": False}, False),
    ({"is_logged_in": True, "email": "bob@example.org", "groups": ["sp-editors", "staff"]}, True),
    ({"is_logged_in": True, "email": "bob@example.org", "groups": "sp-editors"}, True),
    ({"is_logged_in": True, "email": "bob@example.org", "groups": ["staff"]}, False),
    ({"is_logged_in": True, "email": "bob@example.org"}, False),
])
def test_an_editor_is_on_the_list_by_address_or_by_group(user, expected):
    assert is_editor(user, EDITORS) is expected


def test_no_group_claim_means_groups_are_not_read():
    user = {"is_logged_in": True, "email": "bob@example.org", "groups": ["sp-editors"]}
    assert not is_editor(user, {"emails": [], "groups": ["sp-editors"]})


def test_the_editor_is_named_as_the_history_records_them():
    assert editor(ADA, AUTH, EDITORS) == Editor("Ada Editor", "ada.editor@EXAMPLE.org")
    assert editor(ADA, AUTH, EDITORS).author == "Ada Editor <ada.editor@EXAMPLE.org>"
    assert Editor("", "x@example.org").author == "x@example.org"
    assert editor(ADA, {}, EDITORS) is None  # no provider: nobody is an editor, whatever st.user says


def test_each_reason_in_plain_words():
    assert disabled_reason(ADA, AUTH, EDITORS) is None
    assert disabled_reason(ADA, {}, EDITORS) == NO_PROVIDER
    assert disabled_reason({"is_logged_in": False}, AUTH, EDITORS) == SIGNED_OUT
    assert disabled_reason({}, AUTH, EDITORS) == SIGNED_OUT
    assert disabled_reason(ADA, AUTH, {}) == NO_EDITORS
    assert disabled_reason({"is_logged_in": True, "email": "bob@example.org", "name": "Bob"}, AUTH, EDITORS) == (
        "You are signed in as bob@example.org, who is not on this server's list of editors, so you can read "
        "everything but change nothing. Ask the administrator to add you.")
