"""Every page read as people with other means read it: axe-core's accessibility rules, printed on A4, on a phone, by keyboard.

One server and one Chromium for the module (tests/test_browser.py's helpers). axe-core comes from
node_modules (package.json pins it; ./dev installs it with npm ci). The PDFs and the 390 px
screenshots go to test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import io
import os

import pytest
from test_browser import ARTIFACTS, READY, ROOT, Tab, browser, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SIMULATED = "Simulated demonstration data"
# Every page of app.py, with the choices that show every section: a State, a mandate. -> its title.
PAGES = {
    "overview": ("year=2023", "State cooperation with the special procedures"),
    "profile": ("state=IRN&year=2023", "Cooperation profile"),
    "compare": ("states=IRN,IND,PAK,TUR&year=2023", "Compare States"),
    "country_visits": ("year=2023", "Country visits"),
    "never_visited": ("year=2023", "Never-visited States"),
    "pending_requests": ("year=2023", "Pending requests"),
    "communications": ("year=2023", "Communications and replies"),
    "standing_invitations": ("year=2023", "Standing invitations"),
    "mandate": ("mandate=WG-AD&year=2023", "Mandate profile"),
    "data": ("year=2023", "Data and definitions"),
    "record": ("year=2023", "Record changes"),
}
# Texts of the sidebar only: a printed page leaves them out.
SIDEBAR_ONLY = ("Reporting year", "Regional groups")
# What a printed page leaves out: the sidebar, the header bar, buttons, links to other pages, toolbars.
PRINTS_NOT = ", ".join(f"[data-testid={t}]" for t in (
    "stSidebar", "stHeader", "stDownloadButton", "stButton", "stPageLink", "stElementToolbar"))
# axe's findings that live in Streamlit's own markup, which the app cannot change: rule id -> (CSS
# selector of the only element it may concern, why). Each is narrow: any other element still fails.
STREAMLIT_OWN: dict[str, tuple[str, str]] = {}


# Drawn: no skeleton left, and every chart on screen has its canvas (a chart a phone hides, as the profile's
# timeline, is never drawn there).
DRAWN_SHOWN = """() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0
    && [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
       .every(c => c.getClientRects().length === 0 || c.querySelector('canvas, svg'))"""


def _open(tab: Tab, url: str) -> None:
    """Open a page and wait until every chart is drawn, patiently: on a busy machine six charts take a while."""
    tab.page.goto(url)
    for _ in range(2):  # a rerun can follow the first run (URL-bound widgets)
        tab.page.wait_for_selector(READY, timeout=150_000)
        tab.page.wait_for_timeout(300)
    tab.page.wait_for_function(DRAWN_SHOWN, timeout=150_000)


def _axe_problems(tab: Tab) -> list[str]:
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE}): run npm ci (./dev test does)"
        if os.environ.get("SP_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    tab.page.add_script_tag(path=str(AXE))
    result = tab.page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({impact: n.impact, target: n.target.join(' '), html: n.html.slice(0, 160)}))}));
    }""")
    problems = []
    for v in result:
        for node in v["nodes"]:
            if (node["impact"] or v["impact"]) not in ("serious", "critical"):
                continue
            allowed = STREAMLIT_OWN.get(v["id"])
            if allowed and tab.page.locator(allowed[0]).evaluate_all(
                    "(els, t) => els.some(e => e.matches(t) || e.querySelector(t))", node["target"]):
                continue
            problems.append(f"{v['id']} ({node['impact'] or v['impact']}): {v['help']} | {node['target']} | {node['html']}")
    return problems


@pytest.mark.parametrize("path", list(PAGES))
def test_axe_finds_nothing_serious_and_the_page_prints_on_a4(server, browser, path):  # noqa: F811
    query, title = PAGES[path]
    tab = Tab(browser, height=1400)
    _open(tab, f"{server}/{path}?{query}")
    assert tab.exceptions() == []
    problems = _axe_problems(tab)
    assert problems == [], f"{path}: axe-core found\n" + "\n".join(problems)
    # Printed: the page's heading, its filters and the simulated notice; no sidebar, no buttons.
    from pypdf import PdfReader

    tab.page.emulate_media(media="print")
    shown = tab.page.locator(PRINTS_NOT).evaluate_all(
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.getAttribute('data-testid'))")
    assert shown == [], f"{path}: printed {shown}"
    pdf = tab.page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"print-{path}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert title in text and SIMULATED in text, f"{path}: {text[:300]}"
    assert "Figures for" in text and "version of the records" in text  # the filters, in words
    if path != "data":  # the Data page defines the reporting year in its own text
        assert not [t for t in SIDEBAR_ONLY if t in text], f"{path}: the sidebar was printed"
    assert 1 <= len(reader.pages) <= 25, f"{path}: {len(reader.pages)} pages"
    assert tab.unexpected_errors() == []
    tab.close()


def _full_height(tab: Tab) -> int:
    """The page's height: Streamlit scrolls its main part itself, so a screenshot needs a viewport that tall."""
    return tab.page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")


@pytest.mark.parametrize("path", list(PAGES))
def test_on_a_phone(server, browser, path):  # noqa: F811
    query, title = PAGES[path]
    tab = Tab(browser, height=844)
    tab.page.set_viewport_size({"width": 390, "height": 844})
    _open(tab, f"{server}/{path}?{query}")
    assert tab.exceptions() == []
    # The sidebar starts closed: the first screen is the page's.
    sidebar = tab.page.locator("[data-testid=stSidebar]")
    assert sidebar.get_attribute("aria-expanded") == "false" or not sidebar.is_visible()
    main = tab.page.locator("[data-testid=stMain]")
    assert title in main.inner_text()
    # Nothing wider than the screen but what scrolls in its own box (a table, a grid); a select box's
    # text input is wider than the box that clips it, by Streamlit's design.
    wide = tab.page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.offsetParent && e.tagName !== 'INPUT'
                     && !e.closest('.sp-table-scroll, [data-testid=stDataFrame], [data-testid=stTooltipContent]'))
        .map(e => e.tagName + '.' + (e.getAttribute('data-testid') || e.className) + ' ' + e.innerText.slice(0, 60))
        .slice(0, 5)""")
    assert wide == [], f"{path}: cut on a phone: {wide}"
    if path == "overview":  # tiles two per row
        boxes = [m.bounding_box() for m in tab.page.locator("[data-testid=stMetric]").all()[:2]]
        assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"] + 100, boxes
    if path == "profile":  # the threads as a list, not the timeline
        assert tab.page.locator(".st-key-sp-narrow-IRN-visit-threads li").count() >= 1
        assert not tab.page.locator(".st-key-sp-chart-IRN-visit-threads").is_visible()
    tab.page.set_viewport_size({"width": 390, "height": min(_full_height(tab) + 120, 16_000)})
    tab.page.wait_for_timeout(500)
    tab.page.screenshot(path=str(ARTIFACTS / f"phone-{path}.png"), full_page=True)
    assert tab.unexpected_errors() == []
    tab.close()


@pytest.mark.parametrize("path", ["overview", "profile", "mandate", "data"])
def test_no_tile_is_cut_beside_the_sidebar(server, browser, path):  # noqa: F811
    """Four tiles beside the open sidebar leave a date ("3 May 2012") or a long label little room: they wrap."""
    query, _title = PAGES[path]
    tab = Tab(browser, height=1400)
    tab.page.set_viewport_size({"width": 1280, "height": 1400})
    _open(tab, f"{server}/{path}?{query}")
    cut = tab.page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid=stMetricLabel] *, [data-testid=stMetricValue], [data-testid=stMetricValue] *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
        .map(e => e.innerText.slice(0, 40))""")
    assert cut == [], f"{path}: cut tiles: {cut}"
    # A row's tiles are of one height (one that wraps its label does not stand taller than the others).
    uneven = tab.page.evaluate("""() => [...document.querySelectorAll('[data-testid=stHorizontalBlock]')]
        .map(row => [...row.querySelectorAll(':scope > [data-testid=stColumn] [data-testid=stMetric]')]
            .map(m => Math.round(m.getBoundingClientRect().height)))
        .filter(heights => heights.length > 1 && Math.max(...heights) - Math.min(...heights) > 1)""")
    assert uneven == [], f"{path}: rows of tiles of uneven heights (px): {uneven}"
    if path == "profile":
        assert "3 May 2012" in " ".join(tab.page.locator("[data-testid=stMetricValue]").all_inner_texts()).replace(
            "\n", " ")
    assert tab.unexpected_errors() == []
    tab.close()


def test_everything_is_reached_by_keyboard(server, browser):  # noqa: F811
    """Tab walks the sidebar and then every table, link and button of the page."""
    tab = Tab(browser, height=1400)
    _open(tab, f"{server}/never_visited?year=2023")
    # The page's own controls: its tables (HTML and grids), downloads, links to other pages, help icons.
    controls = ", ".join(f"[data-testid=stMain] {c}" for c in (
        ".sp-table-scroll", "[data-testid=stDownloadButton] button", "[data-testid=stPageLink] a",
        "[data-testid=stTooltipHoverTarget] button"))
    targets = tab.page.locator(controls).evaluate_all("""els => els.filter(e => e.getClientRects().length > 0)
        .map((e, i) => { e.setAttribute('data-sp-tab', i); return i; }).length""")
    assert targets >= 5
    reached, visible = set(), True
    for _ in range(targets + 150):
        tab.page.keyboard.press("Tab")
        mark, shown = tab.page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return [e.getAttribute('data-sp-tab'), r.width > 0 && r.height > 0]; }""")
        if mark is not None:
            reached.add(int(mark))
            visible = visible and shown
        if len(reached) == targets:
            break
    missing = tab.page.evaluate("(r) => [...document.querySelectorAll('[data-sp-tab]')].filter(e => !r.includes(+e.getAttribute('data-sp-tab'))).map(e => e.outerHTML.slice(0, 100))", sorted(reached))
    assert missing == [], f"{len(reached)} of {targets} reached by Tab; not: {missing}"
    assert visible  # what has the focus is on screen
    tab.close()


# Each language on the pages a francophone or hispanophone colleague opens from a shared link.
IN_OTHER_LANGUAGES = [("fr", "compare", "Comparer des États"), ("fr", "profile", "Profil de coopération"),
                      ("es", "overview", "La cooperación de los Estados"), ("es", "never_visited", "Estados nunca visitados")]


@pytest.mark.parametrize(("lang", "path", "title"), IN_OTHER_LANGUAGES)
def test_a_link_in_french_or_spanish(server, browser, lang, path, title):  # noqa: F811
    """The page in the link's language, its document said to be in it (screen readers pronounce it so), axe
    finding nothing serious, at desktop and phone width (screenshots in test-artifacts/)."""
    query, _ = PAGES[path]
    tab = Tab(browser, height=1400)
    _open(tab, f"{server}/{path}?{query}&lang={lang}")
    assert tab.exceptions() == []
    assert title in tab.page.locator("[data-testid=stMain]").inner_text()
    assert tab.page.evaluate("() => document.documentElement.lang") == lang
    problems = _axe_problems(tab)
    assert problems == [], f"{lang} {path}: axe-core found\n" + "\n".join(problems)
    for width, name in ((1400, "desktop"), (390, "phone")):
        tab.page.set_viewport_size({"width": width, "height": 900})
        tab.page.wait_for_timeout(500)
        tab.page.set_viewport_size({"width": width, "height": min(_full_height(tab) + 120, 16_000)})
        tab.page.wait_for_timeout(500)
        tab.page.screenshot(path=str(ARTIFACTS / f"{lang}-{name}-{path}.png"), full_page=True)
    assert tab.unexpected_errors() == []
    tab.close()
