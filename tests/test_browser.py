"""The whole app in a real browser: Playwright driving Debian's Chromium against a server started here.

Skipped with a message where /usr/bin/chromium is missing, unless SP_REQUIRE_BROWSER=1 (as in CI),
which turns the skip into a failure. Screenshots of every page go to test-artifacts/.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sp_data.tools.bench.browser import CHROMIUM, DRAWN, READY

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
# The Streamlit front end first probes health and host-config relative to the page's path
# (/profile/_stcore/health), then at the root; the first probe's 404 is expected, not an error.
SETTLE_PAUSE = 0.3
EXPECTED_CONSOLE = re.compile(r"/_stcore/(health|host-config)|status of 404 \(Not Found\)")

PAGES = {  # url path -> text the page must show
    "overview": "Facts and figures",
    "profile": "Iran (Islamic Republic of)",
    "compare": "Rank within the regional group",
    "country_visits": "Country visits",
    "mandate": "Working Group on Arbitrary Detention",
    "never_visited": "Never",
    "pending_requests": "Pending requests",
    "communications": "Communications",
    "standing_invitations": "Standing invitations",
    "data": "Definitions",
}

pytestmark = pytest.mark.browser


def _require_browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("SP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required but {message}")
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("SP_REQUIRE_BROWSER") == "1":
            pytest.fail("browser test required but playwright is not installed")
        pytest.skip("playwright is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """A freshly started dashboard on a free loopback port; nothing has requested any page yet."""
    yield from _serve()


@pytest.fixture
def fresh_server():
    """Another dashboard of its own, for a test whose first request must be the server's first."""
    yield from _serve()


def _serve():
    _require_browser()
    port = _free_port()
    log = open(ARTIFACTS.mkdir(exist_ok=True) or ARTIFACTS / "server.log", "w")
    env = {**os.environ, "SP_SNAPSHOT": "demo"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(ARTIFACTS / 'server.log').read_text()}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


class Tab:
    """One browser page with its console errors, failed requests and helpers."""

    def __init__(self, browser, height=1600):
        self.context = browser.new_context(viewport={"width": 1400, "height": height}, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        # A request the browser itself aborts because the page navigated away is not an error.
        self.page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "")
                     else self.errors.append(f"request failed: {r.url} ({r.failure})"))

    def open(self, url: str) -> float:
        """Open a URL and wait until the script has run and every chart is drawn; return seconds.

        The test's own pause for a possible second rerun (SETTLE_PAUSE) is not counted: a reader
        sees the page as soon as its last chart is drawn.
        """
        started = time.perf_counter()
        self.page.goto(url)
        self.settle()
        return time.perf_counter() - started - SETTLE_PAUSE

    def settle(self, timeout=45_000):
        self.page.wait_for_selector(READY, timeout=timeout)
        # A rerun can start right after the first render (URL-bound widgets): wait for it too.
        self.page.wait_for_timeout(int(SETTLE_PAUSE * 1000))
        self.page.wait_for_selector(READY, timeout=timeout)
        self.page.wait_for_function(DRAWN, timeout=timeout)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not EXPECTED_CONSOLE.search(e)]

    def exceptions(self) -> list[str]:
        return [e.inner_text() for e in self.page.locator("[data-testid=stException]").all()]

    def close(self):
        self.context.close()


def test_deep_link_as_first_request_to_a_fresh_server(server, browser):
    tab = Tab(browser)
    tab.open(f"{server}/profile?state=IRN&year=2022")
    assert tab.exceptions() == []
    main = tab.page.locator("[data-testid=stMain]").inner_text()
    assert "Iran (Islamic Republic of)" in main
    assert "2022" in main and "31 December 2022" in main
    assert "/profile" in tab.page.url and "state=IRN" in tab.page.url
    assert "Simulated demonstration data" in main
    tab.page.screenshot(path=str(ARTIFACTS / "first-request-profile.png"), full_page=True)
    assert tab.unexpected_errors() == []
    tab.close()


def test_mandate_deep_link_as_first_request_to_a_fresh_server(fresh_server, browser):
    tab = Tab(browser, height=2400)
    tab.open(f"{fresh_server}/mandate?mandate=IE-HAITI&year=2023")
    assert tab.exceptions() == []
    main = tab.page.locator("[data-testid=stMain]").inner_text()
    assert "Independent Expert on the situation of human rights in Haiti" in main
    assert "This mandate ended on 24 March 2017." in main
    assert "/mandate" in tab.page.url and "mandate=IE-HAITI" in tab.page.url
    assert "Simulated demonstration data" in main
    tab.page.screenshot(path=str(ARTIFACTS / "first-request-mandate.png"), full_page=True)
    assert tab.unexpected_errors() == []
    tab.close()


TIMINGS: dict[str, dict[str, float]] = {}
# Charts each page draws on a deep link with the default filters (the profile of Iran, 2023).
CHARTS_ON_FIRST_SCREEN = {"overview": 6, "profile": 7, "compare": 3, "country_visits": 5, "mandate": 5,
                          "never_visited": 0,
                          "pending_requests": 1, "communications": 4, "standing_invitations": 2, "data": 0}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_by_deep_link(server, browser, path):
    query = {"profile": "state=IRN&year=2023", "mandate": "mandate=WG-AD&year=2023",
             "compare": "states=IRN,IND,PAK&year=2023"}.get(path, "year=2023")
    tab = Tab(browser, height=3200)
    cold = tab.open(f"{server}/{path}?{query}")  # this view's queries run for the first time
    assert tab.exceptions() == []
    main = tab.page.locator("[data-testid=stMain]").inner_text()
    assert PAGES[path] in main
    assert "Simulated demonstration data" in main
    tab.page.screenshot(path=str(ARTIFACTS / f"page-{path}.png"), full_page=True)
    # Opened and timed with every chart drawn, not while skeletons stood in for them.
    assert tab.page.locator("[data-testid=stVegaLiteChart]").count() == CHARTS_ON_FIRST_SCREEN[path]
    assert tab.unexpected_errors() == []
    tab.close()
    repeats = []
    for _ in range(2):  # later readers of the same link: results are cached
        again = Tab(browser, height=3200)
        repeats.append(again.open(f"{server}/{path}?{query}"))
        assert again.exceptions() == [] and again.unexpected_errors() == []
        again.close()
    TIMINGS[path] = {"first_open_s": round(cold, 2), "again_s": [round(r, 2) for r in repeats]}
    (ARTIFACTS / "deep-link-timings.json").write_text(__import__("json").dumps(TIMINGS, indent=2))
    # From opening the link to the last chart drawn. The timing target (3 s) is the benchmark's
    # (`python -m sp_data bench --check`), which measures it on a quiet machine; on a busy shared
    # machine a page took 4-19 s, so a unit test asserts only that a page opens, not how fast.
    # The figures land in test-artifacts/deep-link-timings.json.
    assert max(cold, *repeats) < 60.0, f"{path}: openings took {cold:.2f}, {repeats[0]:.2f} and {repeats[1]:.2f} s"


def test_changing_a_filter_updates_the_chart_and_the_url(server, browser):
    tab = Tab(browser)
    tab.open(f"{server}/overview")
    chart = tab.page.locator("[data-testid=stVegaLiteChart]").first
    before = chart.inner_html()
    tiles_before = tab.page.locator("[data-testid=stMetricValue]").first.inner_text()
    groups = tab.page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
    groups.click()
    tab.page.get_by_role("option", name="EEG").click()
    tab.page.keyboard.press("Escape")
    tab.settle()
    assert "groups=EEG" in tab.page.url
    assert tab.page.locator("[data-testid=stMetricValue]").first.inner_text() != tiles_before
    assert tab.page.locator("[data-testid=stVegaLiteChart]").first.inner_html() != before
    # Moving to another page keeps the filter.
    menu(tab, "Pending requests").click()
    tab.settle()
    assert "/pending_requests" in tab.page.url and "groups=EEG" in tab.page.url
    assert tab.exceptions() == []
    assert tab.unexpected_errors() == []
    tab.close()


# Streamlit's own ways to save what a chart or table shows: they carry no notice, source or date.
UNLABELLED_EXPORTS = re.compile(r"^(Download as|Copy Vega-Lite spec|Copied)")


def _toolbar_labels(tab, element) -> list[str]:
    """The labels of the toolbar buttons visible while the mouse is over an element."""
    element.scroll_into_view_if_needed()
    element.hover()
    tab.page.wait_for_timeout(150)
    container = element.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
    buttons = container.locator("[data-testid=stElementToolbarButton] button")
    return [b.get_attribute("aria-label") or "" for b in buttons.all() if b.is_visible()]


@pytest.mark.parametrize("path", list(PAGES))
def test_no_chart_or_table_offers_its_own_download(server, browser, path):
    query = "state=SAU&year=2023" if path == "profile" else "year=2023"
    tab = Tab(browser, height=3200)
    tab.open(f"{server}/{path}?{query}")
    for summary in tab.page.locator("[data-testid=stMain] [data-testid=stExpander] summary").all():
        summary.click()  # tables inside expanders too
    tab.page.wait_for_timeout(300)
    charts = tab.page.locator("[data-testid=stVegaLiteChart]").all()
    tables = [t for t in tab.page.locator("[data-testid=stDataFrame]").all() if t.is_visible()]
    html_tables = tab.page.locator("[data-testid=stMain] table.sp-table").count()  # short lists (no toolbar)
    assert len(charts) == CHARTS_ON_FIRST_SCREEN[path] and len(charts) + len(tables) + html_tables >= 1
    assert tab.page.locator(".vega-embed .vega-actions, .vega-embed details").count() == 0  # no vega menu
    for kind, elements in (("chart", charts), ("table", tables)):
        for i, element in enumerate(elements):
            labels = _toolbar_labels(tab, element)
            assert labels, f"{path}: hovering {kind} {i} showed no toolbar"  # the hover did reach it
            assert not [l for l in labels if UNLABELLED_EXPORTS.match(l)], f"{path}: {kind} {i} offers {labels}"
    # A chart's "Show data" view is a table: it offers no download either.
    if charts:
        labels = _toolbar_labels(tab, charts[0])
        show = [l for l in labels if l.startswith("Show data")]
        if show:
            container = charts[0].locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
            container.get_by_role("button", name=show[0]).click()
            tab.page.wait_for_function(f"document.querySelectorAll('[data-testid=stDataFrame]').length > {len(tables)}",
                                       timeout=10_000)
            for table in [t for t in tab.page.locator("[data-testid=stDataFrame]").all() if t.is_visible()]:
                inside = _toolbar_labels(tab, table)
                assert inside and not [l for l in inside if UNLABELLED_EXPORTS.match(l)], inside
    assert tab.exceptions() == [] and tab.unexpected_errors() == []
    tab.close()


def menu(tab: Tab, title: str):
    """A link of the page menu in the sidebar (the app's own, whose links carry every filter)."""
    return tab.page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").get_by_text(title, exact=True)


def test_choices_survive_moving_between_pages_and_back_and_forward_walk_the_views(server, browser):
    tab = Tab(browser)
    tab.open(f"{server}/profile?state=IRN&year=2022")
    first = tab.page.url
    menu(tab, "Overview").click()
    tab.settle()
    assert "/overview" in tab.page.url and "state=IRN" in tab.page.url and "year=2022" in tab.page.url
    # Every tile's "Details" link carries every filter, for a new tab too.
    hrefs = [a.get_attribute("href") for a in tab.page.locator("[data-testid=stMain] [data-testid=stPageLink] a").all()]
    assert len(hrefs) >= 20 and all("year=2022" in h and "state=IRN" in h for h in hrefs), hrefs[:3]
    overview = tab.page.url
    menu(tab, "Cooperation profile").click()
    tab.settle()
    main = tab.page.locator("[data-testid=stMain]")
    assert main.locator("h2").first.inner_text() == "Iran (Islamic Republic of)"
    assert "/profile" in tab.page.url and "state=IRN" in tab.page.url and "year=2022" in tab.page.url
    profile = tab.page.url
    # Back and Forward walk the views seen, one press each, and each shows what it showed.
    tab.page.go_back()
    tab.settle()
    assert tab.page.url == overview
    assert "Facts and figures, 2022" in main.inner_text()
    tab.page.go_back()
    tab.settle()
    assert tab.page.url == first
    assert main.locator("h2").first.inner_text() == "Iran (Islamic Republic of)"
    tab.page.go_forward()
    tab.settle()
    assert tab.page.url == overview
    tab.page.go_forward()
    tab.settle()
    assert tab.page.url == profile
    assert main.locator("h2").first.inner_text() == "Iran (Islamic Republic of)"
    # A State picked here is one more step in the history, and Back returns to Iran.
    picker = main.locator("[data-testid=stSelectbox]").first
    picker.click()
    tab.page.keyboard.type("France")
    tab.page.keyboard.press("Enter")
    tab.settle()
    assert "state=FRA" in tab.page.url and main.locator("h2").first.inner_text() == "France"
    tab.page.go_back()
    tab.settle()
    assert tab.page.url == profile and main.locator("h2").first.inner_text() == "Iran (Islamic Republic of)"
    assert tab.exceptions() == [] and tab.unexpected_errors() == []
    tab.close()


def test_a_link_value_that_cannot_be_used_says_so(server, browser):
    tab = Tab(browser)
    tab.open(f"{server}/profile?state=XXX&year=1800&groups=FOO")
    text = tab.page.locator("[data-testid=stMain]").inner_text()
    assert "State 'XXX' is not in this snapshot; showing Afghanistan." in text
    assert "Year 1800 is not in this snapshot" in text and "Regional group 'FOO' is not a regional group" in text
    tab.open(f"{server}/profile?state=irn")
    assert tab.page.locator("[data-testid=stMain] h2").first.inner_text() == "Iran (Islamic Republic of)"
    tab.close()
