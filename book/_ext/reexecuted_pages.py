"""Make Sphinx re-read every document that `python -m claimcheck execute` just re-executed.

Sphinx decides what to re-read from the source files' modification times, so a
notebook re-executed because a CSV it reads changed would keep its old page.
claimcheck/execution.py lists the documents it executed in this build, beside
the execution cache; this hook hands them to Sphinx as outdated.
"""

import json
from pathlib import Path

LIST_NAME = "claimcheck-executed.json"


def _outdated(app, env, added, changed, removed):
    # Jupyter Book leaves the setting empty and uses <output>/_build/.jupyter_cache
    cache = app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    listing = Path(cache) / LIST_NAME
    if not listing.is_file():
        return []
    executed = json.loads(listing.read_text(encoding="utf-8"))
    return [doc for doc in executed if doc in env.found_docs]


def setup(app):
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
