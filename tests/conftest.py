import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.execution import file_digest
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
SLOWEST_FIRST = ["test_environments.py", "test_pip_install.py", "test_grading.py", "test_editions.py", "test_new_claims.py", "test_site.py", "test_hostile_site.py", "test_hostile_inputs.py",
                 "test_execution.py", "test_tables.py"]


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the order within a file and among the rest is kept


# Nothing `make test` runs (tests, nbval kernels, student runs, the browser) may
# write into data/ or change a file git tracks: the controller compares the
# working tree before and after the session, and fails the run if it changed.
TREE_BEFORE = pytest.StashKey[dict]()


def _working_tree() -> dict[str, str]:
    """A digest of every file git tracks or would add; outside a git checkout, of data/."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                                cwd=REPO_ROOT, capture_output=True, check=True)
        paths = [REPO_ROOT / name for name in listed.stdout.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # no git, or not a checkout
        paths = [path for path in DATA_DIR.rglob("*") if path.is_file()]
    return {str(path.relative_to(REPO_ROOT)): file_digest(path) for path in paths}


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist's workers have it


def pytest_sessionstart(session):
    if _is_controller(session.config):
        session.config.stash[TREE_BEFORE] = _working_tree()


def pytest_sessionfinish(session):
    before = session.config.stash.get(TREE_BEFORE, None)
    if before is None:
        return
    after = _working_tree()
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if changed:
        message = f"the tests changed files they must not write: {', '.join(changed)}"
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("=", message, red=True, bold=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
