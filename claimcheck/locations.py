"""Where the book's files are: the repository and the data package.

Kept apart from :mod:`claimcheck.tables`, which loads pandas and Frictionless, so that the
build's light steps (a no-op build checking that the published data is current) can find
the data without them.
"""

from __future__ import annotations

import os
from pathlib import Path

# The repository this package sits in, when it is installed from a working copy
# (`pip install -e .`): the book's build tools read its notebooks/ and book/.
REPO_ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR = "datapackage.json"
# Points the whole book at another folder laid out like data/ (the tests build pages
# from a deliberately hostile copy; a reader may keep the data elsewhere).
DATA_VARIABLE = "CLAIMCHECK_DATA_DIR"


def find_data_dir() -> Path:
    """The folder of the data package that chapters, pages and tests read.

    In order: the folder ``$CLAIMCHECK_DATA_DIR`` names; the nearest ``data/`` holding a
    ``datapackage.json`` in the working directory or a folder above it (a chapter runs
    from ``notebooks/``, beside ``data/``, in a clone, on Binder, in a copy nbgitpuller
    pulled or an unzipped chapter); the ``data/`` beside this package.  When none holds a
    descriptor, the last: the first table read then says what to set.
    """
    named = os.environ.get(DATA_VARIABLE)
    if named:
        return Path(named).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    return (REPO_ROOT / "data").resolve()
