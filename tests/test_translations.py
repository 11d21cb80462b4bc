"""The Chinese edition: complete, consistent with the glossary, built from the same numbers.

The message catalogs must cover every message of the current English prose (a change
to the English without its translation fails here, naming the file and the message),
follow the glossary, and keep the English's markup (scripts/catalogs.py).  The built
Chinese pages must show no raw markup, carry exactly the numbers the English pages
glue, and each hold one language.  Needs `make book` (make test runs it).
"""

import re
import sys
from pathlib import Path

import pytest

from claimcheck.tables import REPO_ROOT
from claimcheck.wording import glossary

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import catalogs  # noqa: E402  (scripts/ is not a package)

SITE = REPO_ROOT / "_build" / "html"
PAGES = sorted(p.relative_to(SITE) for p in SITE.glob("*/**/*.html")
               if p.relative_to(SITE).parts[0] in ("book", "notebooks"))

built = pytest.mark.skipif(not (SITE / "zh" / "index.html").exists(), reason="the site is not built: run `make book`")


def test_the_catalogs_translate_every_message_of_the_english():
    problems = catalogs.problems()
    assert not problems, "\n".join(problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


def test_the_glossary_gives_each_term_one_chinese_form():
    terms = glossary()
    assert len(terms) == len(set(terms)), "a term is listed twice"
    assert all(chinese.strip() for chinese in terms.values())


def _text(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup
    for hidden in article.find_all(["pre", "script", "style", "template"]):
        hidden.decompose()
    return article.get_text(" ", strip=True)


@built
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_chinese_page_shows_no_raw_markup(page):
    text = _text(SITE / "zh" / page)
    left = re.findall(r".{0,30}(?:\*\*|\{(?:cite|doc|glue|ref)[^}]*\}`).{0,30}", text)
    assert not left, left[:5]


@built
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_both_editions_paste_every_glued_value(page):
    """Glue renders as span.pasted-text: a Chinese page pastes as many values as its English twin
    (the same values, or their Chinese twins such as 1200万美元 for 12.0 million); that no number is
    typed instead of pasted is checked on the catalogs (scripts/catalogs.py)."""
    from bs4 import BeautifulSoup

    def pasted(path):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return len(soup.select("article span.pasted-text"))

    assert pasted(SITE / "zh" / page) == pasted(SITE / page)


@built
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_each_edition_keeps_its_own_language_and_links_the_other(page):
    english, chinese = (SITE / page).read_text(encoding="utf-8"), (SITE / "zh" / page).read_text(encoding="utf-8")
    for html in (english, chinese):
        assert "<!--lang:en-->" not in html and 'data-lang="zh"' not in html
    up = "../" * (len(page.parts) - 1)
    assert f'href="{up}zh/{page.as_posix()}"' in english
    assert f'href="{up}../{page.as_posix()}"' in chinese


@built
def test_a_translated_page_keeps_no_copy_of_the_build_environment():
    """Sphinx parses each translation as a small document whose settings hold the whole build
    environment; a node that kept a reference to it would make every Chinese doctree carry
    that environment (book/_ext/language_editions.py re-attaches them), and every build slow."""
    english, chinese = REPO_ROOT / "_build" / ".doctrees", REPO_ROOT / "_build" / ".doctrees-zh"
    for twin in sorted(chinese.rglob("*.doctree")):
        original = english / twin.relative_to(chinese)
        assert twin.stat().st_size < 2 * original.stat().st_size + 50_000, twin.relative_to(chinese)


@built
def test_the_chinese_search_index_holds_chinese_words():
    """Sphinx indexes Chinese only when jieba splits it into words; without it a search in the
    Chinese edition finds nothing (book/_ext/search_index.py, ChineseSearch)."""
    import json

    script = (SITE / "zh" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1:script.rindex(")")])
    found = index["terms"].get("超级计算机")  # "supercomputer": documents, as an index or a list of them
    assert found is not None, "no Chinese word in the Chinese edition's search index"
    documents = [index["docnames"][i] for i in ([found] if isinstance(found, int) else found)]
    assert "notebooks/compute" in documents, documents


@built
def test_the_published_site_holds_no_build_outputs_of_the_chinese_edition():
    """myst-nb writes the Chinese edition's notebook outputs beside zh/, inside the English site;
    scripts/build_site.py keeps them in _build between builds.  The theme still offers each
    page's notebook for download, in the edition's own _sources/."""
    assert not (SITE / "jupyter_execute").exists()
    assert (SITE / "zh" / "_sources" / "book" / "intro.ipynb").is_file()
