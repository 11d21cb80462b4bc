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

CJK = re.compile(r"[\u4e00-\u9fff]")

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
def test_the_controls_of_a_chinese_page_are_worded_in_chinese(page):
    """The search box, the sidebar and menu buttons, the permalinks and the names screen readers
    hear (title, placeholder, aria-label, alt), and the toggles' hints: Sphinx's and the themes'
    catalogs word them, the edition's own (locales/zh_CN/LC_MESSAGES/sphinx.po, booktheme.po)
    where those lack a word.  Inside the article only the permalinks and the code cells' toggles
    are controls (a citation's tooltip quotes its entry); the print-only contents are skipped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((SITE / "zh" / page).read_text(encoding="utf-8"), "html.parser")
    english = []
    for element in soup.find_all(True):
        in_article = element.find_parent("article") is not None
        if element.find_parent(class_="onlyprint") or (
                in_article and "headerlink" not in element.get("class", []) and element.name != "summary"):
            continue
        for attribute in ("title", "data-bs-title", "placeholder", "aria-label", "alt"):
            english += [f"{element.name} {attribute}={value!r}" for value in [element.get(attribute)]
                        if value and re.search("[A-Za-z]{3}", value) and not CJK.search(value)]
    for script in soup.find_all("script"):
        english += [f"script hint {hint!r}" for hint in re.findall(r"toggleHint\w*\s*=\s*'([^']*)'", script.text)
                    if not CJK.search(hint)]
    assert not english, sorted(set(english))


@built
def test_the_edition_s_words_for_the_theme_come_before_the_theme_s_own():
    """The theme's zh_CN catalog words "Print to PDF" as 列印成 PDF; the edition's booktheme.po rewords it."""
    ours = {m.id: m.string for m in catalogs._read(catalogs.CATALOGS / "booktheme.po") if m.id}
    chapter = (SITE / "zh" / "notebooks" / "compute.html").read_text(encoding="utf-8")
    assert f'title="{ours["Print to PDF"]}"' in chapter


@built
@pytest.mark.parametrize("page", [page for page in PAGES if page.parts[0] == "notebooks"], ids=str)
def test_chinese_exercise_titles_stand_in_full_width_parentheses(page):
    """sphinx-exercise sets an exercise's own title in " (…)"; the Chinese edition sets it in
    （…）, as its prose sets every parenthesis, and each solution's title names its exercise
    (book/_ext/translatable_exercises.py)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((SITE / "zh" / page).read_text(encoding="utf-8"), "html.parser")
    exercises = {div["id"]: div.select_one("p.admonition-title").get_text()
                 for div in soup.select("div.exercise[id]")}
    solutions = soup.select("div.solution p.admonition-title")
    assert len(solutions) == len(exercises) > 0
    for title in solutions:
        exercise = exercises[title.a["href"].removeprefix("#")]
        assert re.fullmatch(r"练习 \d+（[^()]+）", exercise), exercise
        assert title.get_text() == "解答：" + exercise, title.get_text()


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
