"""Keep the site current with the book's own static files and extensions.

Sphinx copies static files only in a build that writes a page, so a build after an
edit to book/_static/claim-cards.css alone (nothing else changed) would keep the
old stylesheet.  After every HTML build this copies each file of html_static_path
whose bytes differ from the site's copy.

Sphinx does not notice an edit to an extension either: the pages it wrote (and
their search index) would stay as the old code made them.  The version this
extension declares is a digest of book/_ext/, so after any edit there Sphinx finds
its saved environment "not current" and reads and writes every page again.
"""

import hashlib
import shutil
from pathlib import Path

EXTENSIONS = Path(__file__).resolve().parent


def extensions_version() -> int:
    digest = hashlib.sha256()
    for source in sorted(EXTENSIONS.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return int(digest.hexdigest()[:12], 16)


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
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": extensions_version()}
