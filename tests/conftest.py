import shutil
from pathlib import Path

import pytest

from claimcheck.tables import DATA_DIR, REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def data_copy(tmp_path_factory) -> Path:
    """A writable copy of data/, so tests can break it without touching the real one.

    Restored before every test, always at the same path: the validator builds its
    Frictionless package once per descriptor path and content, so the hundreds of
    corruption tests then share one package instead of building one each.
    """
    target = tmp_path_factory.getbasetemp() / "data-copy" / "data"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(DATA_DIR, target)
    return target


# `make test` spreads whole files over the cores (pytest-xdist, --dist loadfile,
# --no-loadscope-reorder), taking them in collection order.  Starting with the
# slowest files lets the cores finish together instead of one waiting on the
# last long file.
SLOWEST_FIRST = ["test_editions.py", "test_site.py", "test_hostile_site.py", "test_hostile_inputs.py",
                 "test_execution.py", "test_tables.py"]


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the order within a file and among the rest is kept
