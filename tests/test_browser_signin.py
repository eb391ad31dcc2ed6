"""Sign-in end to end: a real OpenID Connect provider (oidc-provider-mock) on loopback, the dashboard started
with its own secrets file (--secrets.files; the repository's .streamlit/secrets.toml is never written) on a copy
of the bundled snapshot ($SP_PARQUET_DIR), and Chromium signing in as an editor, a reader and nobody."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The provider, the dashboard and the snapshots folder they share with the test."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    pytest.importorskip("playwright.sync_api")
    provider = pytest.importorskip("oidc_provider_mock")
    tmp = tmp_path_factory.mktemp("signin")
    root = tmp / "parquet"
    shutil.copytree(ROOT / "parquet" / "demo", root / "demo")
    users = [provider.User(sub="ada", claims={"email": "ada.editor@example.org", "name": "Ada Editor"}),
             provider.User(sub="rex", claims={"email": "rex.reader@example.org", "name": "Rex Reader"})]
    with provider.run_server_in_thread(port=_free_port(), user_claims=users) as idp:
        port = _free_port()
        secrets = tmp / "secrets.toml"
        secrets.write_text(f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "browser-test-cookie-secret-0123456789abcdef"
client_id = "dashboard"
client_secret = "dashboard-secret"
server_metadata_url = "http://localhost:{idp.server_port}/.well-known/openid-configuration"

[editors]
emails = ["ada.editor@example.org"]
""", encoding="utf-8")
        env = {**os.environ, "SP_PARQUET_DIR": str(root)}
        env.pop("SP_SNAPSHOT", None)
        ARTIFACTS.mkdir(exist_ok=True)
        log = open(ARTIFACTS / "signin-server.log", "w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "localhost", "--secrets.files", str(secrets),
             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    socket.create_connection(("localhost", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.3)
            yield {"url": f"http://localhost:{port}", "root": root}
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            log.close()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def _page(browser, width=1400, height=1100):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def sign_in(page, url: str, sub: str):
    page.goto(f"{url}/record?state=IRN")
    page.get_by_role("button", name="Sign in").click()
    page.locator(f"button[name=sub][value={sub}]").click()  # the provider's one-click user
    page.wait_for_url(f"{url}/**")
    page.locator("[data-testid=stSidebar]").get_by_text("Signed in as").wait_for()  # Streamlit returns to the home page after signing in
    page.goto(f"{url}/record?state=IRN")
    page.locator("[data-testid=stSidebar]").get_by_text("Signed in as").wait_for()


def pending(page, url: str) -> str:
    page.goto(f"{url}/profile?state=IRN&year=2024")
    metric = page.locator('[data-testid="stMetric"]', has_text="Pending requests").first
    metric.wait_for()
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def set_date(page, label: str, text: str):
    """Type DD/MM/YYYY into Streamlit's date field, one segment (spinbutton) after the other."""
    day, month, year = text.split("/")
    page.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(day + month + year, delay=50)
    page.keyboard.press("Tab")
    if page.locator("#stFloatingOverlayPortal header").count():  # on a phone the calendar opens too: close it
        page.keyboard.press("Escape")


def choose(page, label: str, option: str):
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()


def stage(page, event: str, date: str, staged: str):
    choose(page, "What happened", event)
    set_date(page, "Date of the letter or event (for a visit, its first day)", date)
    page.get_by_role("button", name="Stage this change").click()
    try:
        page.get_by_text(staged).first.wait_for()
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "record-failed.png"), full_page=True)
        raise


def test_an_editor_signs_in_records_a_reminder_and_an_acceptance_and_the_profile_moves(world, browser):
    url, root = world["url"], world["root"]
    page = _page(browser, height=2600)  # tall, so that the screenshots show the whole review
    before = pending(page, url)
    sign_in(page, url, "ada")
    page.get_by_text("You are recording as").wait_for()
    stage(page, "A reminder was sent", "02/05/2024", "Reminder, 2 May 2024.")
    stage(page, "The State accepted the visit", "03/06/2024", "Acceptance, 3 June 2024.")
    page.get_by_text("The figures it moves").wait_for()
    page.screenshot(path=str(ARTIFACTS / "record-desktop.png"), full_page=True)
    note = page.get_by_label("Note for the history (required): what these changes are, and from which letters")
    note.fill("Letters of May and June")
    note.press("Enter")
    page.get_by_role("button", name="Commit").click()
    page.get_by_text("committed as snapshot").wait_for()
    page.screenshot(path=str(ARTIFACTS / "record-desktop-committed.png"))
    committed = (root / "CURRENT").read_text().strip()
    assert committed.startswith("rec-")
    assert (before, pending(page, url)) == ("8", "7")
    page.set_viewport_size({"width": 390, "height": 2600})  # a phone: the sidebar (and Sign in) starts closed
    page.goto(f"{url}/record?state=IRN")
    page.get_by_text("You are recording as").wait_for()
    stage(page, "A reminder was sent", "04/06/2024", "Reminder, 4 June 2024.")
    page.get_by_text("The figures it moves").wait_for()
    page.screenshot(path=str(ARTIFACTS / "record-phone.png"))


@pytest.mark.parametrize("sub, reason", [
    (None, "use “Sign in” in the sidebar"),
    ("rex", "You are signed in as rex.reader@example.org, who is not on this server's list of editors"),
])
def test_a_reader_and_an_anonymous_visitor_see_recording_disabled(world, browser, sub, reason):
    page = _page(browser)
    if sub:
        sign_in(page, world["url"], sub)
    else:
        page.goto(f"{world['url']}/record?state=IRN")
    page.get_by_text(reason).wait_for()
    assert page.get_by_role("button", name="Stage this change").is_disabled()
    assert page.get_by_text("What do you want to record?").count() == 0


def test_a_forged_identity_cookie_is_not_an_editor(world, browser):
    """A crafted request: the identity cookie written by hand, not signed with the server's secret."""
    page = _page(browser)
    page.context.add_cookies([{"name": "_streamlit_user", "value": '{"is_logged_in": true, '
                               '"email": "ada.editor@example.org", "name": "Ada Editor"}', "url": world["url"]}])
    page.goto(f"{world['url']}/record?state=IRN")
    page.get_by_text("use “Sign in” in the sidebar").wait_for()
    assert page.get_by_role("button", name="Stage this change").is_disabled()
    assert page.locator("[data-testid=stSidebar]").get_by_text("Signed in as").count() == 0  # Streamlit ignores a cookie its secret did not sign
