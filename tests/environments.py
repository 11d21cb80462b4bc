"""Reproducing an environment the book's users run it in (tests/test_environments.py,
tests/test_pip_install.py): a copy of what git tracks, a fresh venv, every chapter run."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

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
