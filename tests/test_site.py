"""The built site in a real browser: headless Chromium driven by Playwright.

Needs `make book` first (make test runs it).  Screenshots go to _build/screenshots/.
"""

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from claimcheck.tables import REPO_ROOT

SITE = REPO_ROOT / "_build" / "html"
SHOTS = REPO_ROOT / "_build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (scripts/install-system-deps.sh installs it as root)"),
    pytest.mark.skipif(not (SITE / "index.html").exists(), reason="the site is not built: run `make book` first"),
]


def chapters():
    return sorted(p.stem for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the whole module, as a reader would browse (a new tab per test costs more
    than the page it loads).  Each test navigates, so nothing of the previous page remains."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


@pytest.fixture
def page(tab):
    tab.errors.clear()
    return tab


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_front_page_opens_on_the_introduction(page, site):
    page.goto(f"{site}/index.html")
    page.wait_for_url("**/book/intro.html")
    assert page.locator("h1").first.inner_text().startswith("Checking the numbers")
    assert page.get_by_text("What the checks have found").count() >= 1
    shoot(page, "front-page")
    assert page.errors == []


def test_claims_explorer_filters_by_verdict(page, site):
    page.goto(f"{site}/book/claims-explorer.html")
    info = page.locator(".dt-info").first
    info.wait_for()
    before = info.inner_text()
    page.locator(".dtsp-searchPane tbody tr", has_text="discrepant").first.click()
    page.wait_for_function("(b) => document.querySelector('.dt-info').innerText !== b", arg=before)
    after = info.inner_text()
    assert after != before and "filtered" in after, (before, after)
    # ten columns do not fit the page: the table scrolls sideways instead of squeezing them
    assert page.evaluate("() => { const bodies = Array.from(document.querySelectorAll('.dt-scroll-body'))"
                         ".filter(b => !b.closest('.dtsp-searchPanes'));"
                         " return bodies.length === 1 && bodies[0].scrollWidth > bodies[0].clientWidth; }")
    shoot(page, "claims-explorer-discrepant")
    assert page.errors == []


@pytest.mark.parametrize("chapter", chapters())
def test_chapter_chart_loads(page, site, chapter):
    page.goto(f"{site}/notebooks/{chapter}.html")
    images = page.locator("article img")
    assert images.count() >= 1, "no chart on the page"
    loaded = page.evaluate("() => Array.from(document.querySelectorAll('article img'))"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    assert loaded, "a chart image did not load"
    shoot(page, f"chapter-{chapter}")
    assert page.errors == []


def test_search_finds_a_model_in_its_chapter(page, site):
    page.goto(f"{site}/search.html?q=Gopher")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    targets = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("model-parameters" in t for t in targets), targets
    shoot(page, "search-gopher")
