"""Keep the site's copies of the book's own static files current.

Sphinx copies static files only in a build that writes a page, so a build after an
edit to book/_static/claim-cards.css alone (nothing else changed) would keep the
old stylesheet.  After every HTML build this copies each file of html_static_path
whose bytes differ from the site's copy.
"""

import shutil
from pathlib import Path


def _refresh(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for path in sorted(source.rglob("*")):
            target = Path(app.outdir) / "_static" / path.relative_to(source)
            if path.is_file() and (not target.is_file() or target.read_bytes() != path.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def setup(app):
    app.connect("build-finished", _refresh)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
