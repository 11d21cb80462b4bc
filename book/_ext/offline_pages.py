"""Keep every page self-contained and free of script errors.

* Repeated <script> entries are dropped.  sphinx-thebe and sphinx-togglebutton
  register their inline scripts once per read of the environment, and Jupyter
  Book reads it twice, so every page declared ``const THEBE_JS_URL`` twice and
  the browser reported a SyntaxError.
* Scripts from other hosts are dropped.  myst-nb puts MathJax (from a CDN) on
  every page; the book has no mathematics, and a page must work offline.
"""


def _keep(script) -> bool:
    return not str(getattr(script, "filename", "") or "").startswith(("http://", "https://", "//"))


def _clean_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", None) or "", repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen and _keep(script):
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
