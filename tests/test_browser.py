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

from sp_data.bench import CHROMIUM, DRAWN, READY

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
# The Streamlit front end first probes health and host-config relative to the page's path
# (/profile/_stcore/health), then at the root; the first probe's 404 is expected, not an error.
SETTLE_PAUSE = 0.3
EXPECTED_CONSOLE = re.compile(r"/_stcore/(health|host-config)|status of 404 \(Not Found\)")

PAGES = {  # url path -> text the page must show
    "overview": "Facts and figures",
    "profile": "Iran (Islamic Republic of)",
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
CHARTS_ON_FIRST_SCREEN = {"overview": 6, "profile": 3, "country_visits": 5, "mandate": 5, "never_visited": 0,
                          "pending_requests": 1, "communications": 4, "standing_invitations": 2, "data": 0}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_by_deep_link(server, browser, path):
    query = {"profile": "state=IRN&year=2023", "mandate": "mandate=WG-AD&year=2023"}.get(path, "year=2023")
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
    # From opening the link to the last chart drawn. The target is 3 s; the README records the
    # measured figures. The gate is the median of three openings under 4 s, so that a stall of a
    # shared two-core machine does not block a landing while a real regression still does.
    typical = sorted([cold, *repeats])[1]
    assert typical < 4.0, f"{path}: openings took {cold:.2f}, {repeats[0]:.2f} and {repeats[1]:.2f} s"
    assert cold < 12.0, f"{path}: {cold:.2f} s on first opening"


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
    tab.page.locator("[data-testid=stSidebarNav]").get_by_text("Pending requests").click()
    tab.settle()
    assert "/pending_requests" in tab.page.url and "groups=EEG" in tab.page.url
    assert tab.exceptions() == []
    assert tab.unexpected_errors() == []
    tab.close()
