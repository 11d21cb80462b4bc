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
    page.locator(".dtsp-searchPane tbody tr", has_text="Wrong").first.click()
    page.wait_for_function("(b) => document.querySelector('.dt-info').innerText !== b", arg=before)
    after = info.inner_text()
    assert after != before and "filtered" in after, (before, after)
    # the table has the window's width; only the table, never the page, scrolls sideways
    assert page.evaluate("() => document.querySelector('.dt-container').getBoundingClientRect().width") > 900
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # each claim id links to its card
    link = page.locator(".dt-scroll-body tbody a").first.get_attribute("href")
    assert link.startswith("sources/S") and "#S" in link, link
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


def test_a_claim_permalink_opens_its_card(page, site):
    page.goto(f"{site}/book/sources/S003.html#S003-082")
    card = page.locator("article#S003-082")
    card.wait_for()
    assert card.is_visible() and page.evaluate(
        "() => { const r = document.getElementById('S003-082').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"), "the card is not in view"
    assert card.locator("a.claim-permalink").get_attribute("href") == "#S003-082"
    assert card.locator(".verdict-badge").inner_text().strip()  # a word, not a colour alone
    assert card.locator(".claim-explanation").inner_text().strip()
    # the page uses the window's width and never scrolls sideways
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate("() => document.querySelector('.claim-cards').getBoundingClientRect().width") > 900
    shoot(page, "permalink-S003-082")
    assert page.errors == []


def test_the_verdict_filter_shows_the_cards_of_one_verdict(page, site):
    page.goto(f"{site}/book/sources/S003.html")
    cards = page.locator("article.claim-card")
    total = cards.count()
    page.locator(".claim-filter button[data-verdict='discrepant']").click()
    shown = page.locator("article.claim-card:visible")
    assert 0 < shown.count() < total
    assert all(v == "discrepant" for v in shown.evaluate_all("cards => cards.map(c => c.dataset.verdict)"))
    assert page.locator(".claim-filter button[data-verdict='discrepant']").get_attribute("aria-pressed") == "true"
    # a permalink to a card the filter hides shows every card again
    hidden = page.locator("article.claim-card[data-verdict='reproduced']").first.get_attribute("id")
    page.evaluate(f"() => {{ location.hash = '{hidden}'; }}")
    page.locator(f"article#{hidden}").wait_for(state="visible")
    assert page.locator("article.claim-card:visible").count() == total
    assert page.errors == []


def test_a_chapter_leads_with_its_findings(page, site):
    page.goto(f"{site}/notebooks/model-parameters.html")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("What this chapter found"), headings[:3]
    findings = page.locator("table.chapter-findings")
    assert findings.count() == 1 and findings.locator(".verdict-badge").count() >= 1
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for alt in page.evaluate("() => Array.from(document.querySelectorAll('article img')).map(i => i.alt)"):
        assert alt.strip(), "a chart without alt text"
    shoot(page, "findings-model-parameters")
    assert page.errors == []



def serious_accessibility_violations(page):
    """axe-core's violations of impact serious or critical on the open page."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    page.add_script_tag(path=str(script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path, ready", [
    ("book/intro.html", "article h1"),
    ("book/claims-explorer.html", ".dt-info"),
    ("book/sources/S003.html", "article.claim-card"),
    ("notebooks/model-parameters.html", "table.chapter-findings"),
    ("search.html?q=Gopher", "#search-results li a"),
    ("book/bibliography.html", "div.citation"),
    ("zh/book/intro.html", "article h1"),
    ("zh/book/sources/S003.html", "article.claim-card"),
])
def test_pages_have_no_serious_accessibility_violations(page, site, path, ready):
    page.goto(f"{site}/{path}")
    page.locator(ready).first.wait_for(timeout=15000)
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("path, words", [
    ("zh/book/intro.html", "论断"),
    ("zh/book/sources/S003.html", "原文数字"),
    ("zh/notebooks/model-parameters.html", "条论断"),
])
def test_the_chinese_edition_reads_in_chinese_and_switches_language_both_ways(page, site, path, words):
    page.goto(f"{site}/{path}")
    assert page.evaluate("() => document.documentElement.lang").startswith("zh")
    assert words in page.locator("article.bd-article").inner_text()
    shoot(page, "zh-" + path.removeprefix("zh/").replace("/", "_").removesuffix(".html"))
    page.locator(".language-switch a").click()
    page.wait_for_url(f"**/{path.removeprefix('zh/')}")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator(".language-switch a").click()
    page.wait_for_url(f"**/{path}")
    assert page.errors == []


@pytest.mark.parametrize("search, chapter, shot", [
    ("search.html?q=Gopher", "notebooks/model-parameters", "search-gopher"),
    # "supercomputer": in the compute chapter's text, in no title (a title would match without an index)
    ("zh/search.html?q=超级计算机", "notebooks/compute", "zh-search-supercomputer"),
])
def test_search_finds_the_chapter(page, site, search, chapter, shot):
    page.goto(f"{site}/{search}")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    targets = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(chapter in t for t in targets), targets
    shoot(page, shot)
    assert page.errors == []
