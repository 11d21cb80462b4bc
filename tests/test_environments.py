"""The chapters where the book's users run them, each environment reproduced as closely as
this machine allows: a fresh venv built only from what that environment reads, the
package installed the way it installs it, every chapter executed from its own folder.

- Binder (repo2docker): reads runtime.txt and requirements.txt, and runs
  ``pip install -r requirements.txt`` in the repository; requirements.txt ends with
  ``-e .``, so the package is installed editable from the checkout.
- A course JupyterHub with nbgitpuller: the hub's image is built the same way from the
  repository, and nbgitpuller pulls another copy of it into the student's home; the
  chapters of that copy must read that copy's data.
- A reader's own environment: ``pip install .`` from a clone (the dependencies that
  pyproject.toml declares, resolved by pip), then a chapter opened from ``notebooks/``.

The copies hold exactly the files git tracks, as a clone, repo2docker or nbgitpuller
would see them.  Colab is not offered (see book/instructors.md), so it is not tested.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.tables import REPO_ROOT

CHAPTERS = sorted(p.name for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))

# Run by the environment's own python: every chapter from its folder, in a kernel of that
# environment; then where claimcheck and its data were found.
RUNNER = r"""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

folder = Path(sys.argv[1])
report = {}
for path in sorted(folder.glob("*.ipynb")):
    notebook = nbformat.read(path, as_version=4)
    try:
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        report[path.name] = None
    except Exception as error:
        report[path.name] = str(error)[-1500:]
probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    "import claimcheck, claimcheck.tables as t; print(claimcheck.__file__); print(t.DATA_DIR)")])
NotebookClient(probe, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
module, data = probe.cells[0].outputs[0]["text"].split()
report["claimcheck"], report["data"] = module, data
print(json.dumps(report))
"""


def tracked_copy(target: Path) -> Path:
    """The files git tracks, as they are in the working tree: what a clone would hold."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True)
    for name in listed.stdout.decode("utf-8").split("\0"):
        if name and (REPO_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, target / name)
    return target


def fresh_venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return path / "bin" / "python"


def pip_install(python: Path, *args: str, cwd: Path) -> None:
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def run_chapters(python: Path, repository: Path) -> dict:
    result = subprocess.run([str(python), "-c", RUNNER, str(repository / "notebooks")], cwd=repository / "notebooks",
                            capture_output=True, text=True, env={"PATH": str(python.parent) + ":/usr/bin:/bin",
                                                                  "HOME": str(repository.parent)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_every_chapter_ran(report: dict):
    failed = {name: error for name, error in report.items() if name in CHAPTERS and error}
    assert not failed, failed
    assert sorted(name for name in report if name in CHAPTERS) == CHAPTERS


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """The image repo2docker builds: the repository checked out, `pip install -r requirements.txt` in it."""
    root = tmp_path_factory.mktemp("binder")
    repository = tracked_copy(root / "repo")
    assert (repository / "runtime.txt").read_text().strip() == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    python = fresh_venv(root / "env")
    pip_install(python, "-r", "requirements.txt", cwd=repository)
    return python, repository


def test_binder_runs_every_chapter_from_its_first_cell(binder):
    python, repository = binder
    report = run_chapters(python, repository)
    assert_every_chapter_ran(report)
    assert Path(report["claimcheck"]).is_relative_to(repository)  # the checkout, installed editable
    assert Path(report["data"]) == repository / "data"


def test_a_jupyterhub_copy_pulled_by_nbgitpuller_runs_on_its_own_data(binder, tmp_path):
    python, _ = binder
    pulled = tracked_copy(tmp_path / "home" / "aigc-claims-book")
    report = run_chapters(python, pulled)
    assert_every_chapter_ran(report)
    assert Path(report["data"]) == pulled / "data"


def test_pip_install_from_a_clone_runs_every_chapter(tmp_path):
    clone = tracked_copy(tmp_path / "clone")
    python = fresh_venv(tmp_path / "env")
    pip_install(python, ".", cwd=clone)
    report = run_chapters(python, clone)
    assert_every_chapter_ran(report)
    assert not Path(report["claimcheck"]).is_relative_to(clone)  # installed, not read from the clone
    assert Path(report["data"]) == clone / "data"
