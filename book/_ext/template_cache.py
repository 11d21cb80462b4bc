"""Keep the HTML theme's compiled templates between builds.

Sphinx compiles the theme's Jinja templates afresh in every build that writes a
page: after one CSV changed, that is a good part of the time Sphinx spends on
the one re-executed chapter.  Jinja's own bytecode cache keeps them in
_build/.doctrees/jinja-bytecode/.  Jinja checks each template's source and the
Python version before it uses a compiled one; the folder is named after the
Sphinx and Jinja versions, which decide how templates compile.  So an edited
template or an upgrade compiles again.  `make clean` removes the cache with the
rest of _build/.
"""

from pathlib import Path

import jinja2
import sphinx
from jinja2 import FileSystemBytecodeCache


def _use_bytecode_cache(app):
    templates = getattr(app.builder, "templates", None)  # only the HTML builders render templates
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    folder = Path(app.doctreedir) / "jinja-bytecode" / f"sphinx-{sphinx.__version__}-jinja-{jinja2.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app):
    app.connect("builder-inited", _use_bytecode_cache)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
