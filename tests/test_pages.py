"""The built pages link where they say: every verdict on a source page opens the
section of the chapter that computes it.  And the build keeps the theme's compiled
templates for the next one.  Needs `make book` first (make test runs it)."""

import re

import pytest

from claimcheck.tables import REPO_ROOT

SITE = REPO_ROOT / "_build" / "html"
SOURCE_PAGES = sorted((SITE / "book" / "sources").glob("*.html"))

pytestmark = pytest.mark.skipif(not SOURCE_PAGES, reason="the site is not built: run `make book` first")


@pytest.mark.parametrize("page", SOURCE_PAGES, ids=lambda p: p.stem)
def test_every_verdict_links_to_an_existing_section(page):
    links = re.findall(r'href="(\.\./\.\./notebooks/[^"]+)"', page.read_text(encoding="utf-8"))
    assert links, "no verdict links on the page"
    broken = []
    for link in sorted(set(links)):
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve()
        if not path.is_file() or (anchor and f'id="{anchor}"' not in path.read_text(encoding="utf-8")):
            broken.append(link)
    assert not broken, broken


def test_the_build_keeps_the_compiled_templates():
    """book/_ext/template_cache.py: an incremental build that writes a page loads them instead of compiling."""
    cached = list((REPO_ROOT / "_build" / ".doctrees" / "jinja-bytecode").glob("*/*.cache"))
    assert len(cached) >= 10, cached  # the page template and the theme's partials it includes
