import shutil
from pathlib import Path

import pytest

from claimcheck.tables import DATA_DIR, REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/, so tests can break it without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
