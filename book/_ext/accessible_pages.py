"""Fixes to the HTML that Sphinx and docutils write, for readers who use assistive technology.

* Bibliography entries: docutils marks each with the ARIA role ``doc-biblioentry``
  inside a ``role="list"`` element.  ARIA 1.2 deprecates that role, so screen readers
  (and axe-core, which the browser test runs) no longer see the entries as the list's
  items; ``listitem`` is the role the list requires.
* Hidden code cells: myst-nb names their toggle for screen readers in English
  ("Toggle hidden content"); the name is given in the page's language.
"""

HIDDEN_CELL_LABEL = 'aria-label="Toggle hidden content"'


def _fix_body(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if body and HIDDEN_CELL_LABEL in body:
        from sphinx.locale import _

        context["body"] = body.replace(HIDDEN_CELL_LABEL, f'aria-label="{_("Toggle hidden content")}"')


def setup(app):
    app.connect("html-page-context", _fix_body)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
