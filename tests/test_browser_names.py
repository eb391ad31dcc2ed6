"""Any State by any name in a real browser: the profile's picker takes a typed name, the sidebar finds Türkiye."""
from __future__ import annotations

import pytest

from test_browser import ARTIFACTS, Tab, browser, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _type_into_picker(tab: Tab, text: str) -> list[str]:
    """Type text into the profile's State picker and press Enter; return the options the box offered."""
    tab.page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first.click()
    tab.page.keyboard.type(text)
    tab.page.wait_for_timeout(300)
    offered = tab.page.get_by_role("option").all_inner_texts()
    tab.page.keyboard.press("Enter")
    tab.settle()
    return offered


def test_the_profile_picker_takes_names_it_does_not_list(server, browser):  # noqa: F811
    tab = Tab(browser)
    tab.open(f"{server}/profile?state=IRN")
    offered = _type_into_picker(tab, "Turkey")
    assert offered == ["Add: Turkey"]  # Streamlit's own filter finds no label holding it
    assert "state=TUR" in tab.page.url
    assert tab.page.locator("[data-testid=stMain] h2").first.inner_text() == "Türkiye"
    _type_into_picker(tab, "civ")
    assert "state=CIV" in tab.page.url
    _type_into_picker(tab, "Atlantis")
    assert "state=CIV" in tab.page.url  # the State shown stays, and the page says why
    alerts = tab.page.locator("[data-testid=stAlert]").all_inner_texts()
    assert any("No State is called “Atlantis”. The closest names:" in a for a in alerts), alerts
    assert tab.exceptions() == [] and tab.unexpected_errors() == []
    tab.close()


def test_the_sidebar_finds_turkiye_by_typing_turkey_and_opens_its_profile(server, browser):  # noqa: F811
    tab = Tab(browser)
    tab.open(f"{server}/overview?year=2022")
    search = tab.page.locator("[data-testid=stSidebar] [data-testid=stTextInput] input").first
    search.fill("Turkey")
    search.press("Enter")
    tab.settle()
    link = tab.page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").filter(has_text="Türkiye (Turkey)")
    assert link.count() == 1
    tab.page.screenshot(path=str(ARTIFACTS / "find-a-state.png"))
    link.first.click()
    tab.settle()
    assert "/profile" in tab.page.url and "state=TUR" in tab.page.url and "year=2022" in tab.page.url
    assert tab.page.locator("[data-testid=stMain] h2").first.inner_text() == "Türkiye"
    assert tab.exceptions() == [] and tab.unexpected_errors() == []
    tab.close()
