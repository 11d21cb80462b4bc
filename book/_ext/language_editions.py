"""One source, two editions: keep each page's own language, and link every page to its twin.

Code outputs that readers see in words (claim cards, findings, the explorer) carry both
languages (claimcheck.present.bilingual): the English between ``<!--lang:en-->`` markers,
the Chinese inert in a ``<template data-lang="zh">``.  Each edition's pages keep their
own: the English edition drops the templates, the Chinese one drops the English and
unwraps its template, so a page holds one language (and one ClaimReview per claim).

Every page also gets a link to the same page in the other edition: the English site is
the root, the Chinese one is under zh/ (scripts/build_site.py builds both); and the
captions of the table of contents follow the page's language.  Each edition's search
index holds the words of its own language (book/_ext/search_index.py makes them).

The words of the page's controls (the search box, the sidebar buttons, the launch and
download menus) come from Sphinx's and the themes' catalogs; the edition's own
catalogs of them (locales/zh_CN/LC_MESSAGES/sphinx.po and booktheme.po) supply what
those lack and come first.
"""

import hashlib
import re
from pathlib import Path

from sphinx import addnodes
from sphinx.transforms import SphinxTransform

ENGLISH = re.compile(r"<!--lang:en-->(.*?)<!--/lang:en-->", flags=re.S)
CHINESE = re.compile(r'<template data-lang="zh">(.*?)</template>', flags=re.S)
THEME_CATALOG = "booktheme"  # sphinx-book-theme's message domain
INTERFACE_CATALOGS = ("sphinx.po", f"{THEME_CATALOG}.po")  # the edition's words of the controls


def is_chinese(app) -> bool:
    return (app.config.language or "en").startswith("zh")


def keep_own_language(body: str, chinese: bool) -> str:
    if chinese:
        return CHINESE.sub(r"\1", ENGLISH.sub("", body))
    return ENGLISH.sub(r"\1", CHINESE.sub("", body))


def switch_html(pagename: str, chinese: bool) -> str:
    """The link to the same page in the other edition."""
    up = "../" * pagename.count("/")
    if chinese:
        return (f'<p class="language-switch"><a href="{up}../{pagename}.html" hreflang="en" lang="en">'
                "Read this page in English</a></p>")
    return (f'<p class="language-switch"><a href="{up}zh/{pagename}.html" hreflang="zh-Hans" lang="zh-Hans">'
            "阅读本页中文版</a></p>")


class TranslatedTocCaptions(SphinxTransform):
    """The captions of the table of contents (Reading the book, The claims...), in the page's language.

    sphinx-external-toc inserts the toctrees after Sphinx translated the page, so their
    captions would stay English; they are looked up here in the page's catalog.
    """

    default_priority = 110  # after sphinx_external_toc's InsertToctrees (100)

    def apply(self, **kwargs):
        if not is_chinese(self.app):
            return
        from sphinx.builders.gettext import docname_to_domain
        from sphinx.locale import init as init_locale

        dirs = [str(self.app.srcdir / folder) for folder in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, docname_to_domain(self.env.docname,
                                                                                  self.config.gettext_compact))
        if not found:
            return
        for toctree in self.document.findall(addnodes.toctree):
            if toctree.get("caption"):
                toctree["caption"] = toctree["rawcaption"] = catalog.gettext(toctree["caption"])


def _one_document(app, doctree):
    """Re-attach translated nodes to their page.

    Sphinx parses each translated message as a small document of its own, and the nodes
    it moves into the page keep a reference to it, whose settings hold the whole build
    environment: every translated page's doctree would pickle that environment (3 MB a
    page, where the English one is 60 kB), and every build would load it back."""
    for node in doctree.findall():
        if node.document is not doctree:
            node.document = doctree


def _own_language_outputs(app, doctree, docname):
    """Keep the page's own language in its HTML outputs before the page is indexed and written,
    so that each edition's search index holds the words of its own language only."""
    from docutils import nodes

    chinese = is_chinese(app)
    for raw in doctree.findall(nodes.raw):
        text = raw.astext()
        if "<!--lang:en-->" in text or '<template data-lang="zh">' in text:
            raw.children[0] = nodes.Text(keep_own_language(text, chinese))


def _page(app, pagename, templatename, context, doctree):
    from sphinx.locale import _

    if "theme_search_bar_text" in context:  # Jupyter Book's "Search this book...", a setting
        context["theme_search_bar_text"] = _(context["theme_search_bar_text"])
    body = context.get("body")
    if body is None:
        return
    chinese = is_chinese(app)
    context["body"] = switch_html(pagename, chinese) + keep_own_language(body, chinese)


def _messages_folder(app) -> Path:
    return app.srcdir / app.config.locale_dirs[0] / app.config.language / "LC_MESSAGES"


def _own_theme_catalog_first(app):
    """Read the edition's booktheme.po before sphinx-book-theme's own zh_CN catalog, which lacks
    some of its words and words others the Taiwanese way (列印成 PDF).  Sphinx's
    add_message_catalog would put it after the theme's, which the theme registered first.
    Sphinx compiles the edition's sphinx.po itself; this catalog is compiled here."""
    import gettext

    from sphinx.locale import translators
    from sphinx.util.i18n import CatalogInfo

    folder = app.srcdir / app.config.locale_dirs[0]
    catalog = CatalogInfo(str(_messages_folder(app)), THEME_CATALOG, "utf-8")
    if not Path(catalog.po_path).is_file():
        return
    if catalog.is_outdated():
        catalog.write_mo(app.config.language)
    ours = gettext.translation(THEME_CATALOG, str(folder), [app.config.language])
    theirs = translators.get(("general", THEME_CATALOG))
    if theirs is not None:
        ours.add_fallback(theirs)
    translators["general", THEME_CATALOG] = ours


def _interface_version(app) -> int:
    """A digest of the edition's catalogs of the controls' words.  Sphinx notes which page
    catalog a page reads, not these: declared as this extension's version, a change to them
    makes Sphinx find its saved environment "not current" and write every page again."""
    digest = hashlib.sha256()
    for name in INTERFACE_CATALOGS:
        path = _messages_folder(app) / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return int(digest.hexdigest()[:12], 16)


def setup(app):
    version = 0
    if is_chinese(app):
        _own_theme_catalog_first(app)
        version = _interface_version(app)
    app.add_transform(TranslatedTocCaptions)
    app.connect("doctree-read", _one_document)
    app.connect("doctree-resolved", _own_language_outputs)
    app.connect("html-page-context", _page, priority=600)  # after the theme has set its words
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
