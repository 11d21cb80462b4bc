"""The chapters where the book's users run them, each environment reproduced as closely as
this machine allows: a fresh venv built only from what that environment reads, the
package installed the way it installs it, every chapter executed from its own folder.

- Binder (repo2docker): reads runtime.txt and requirements.txt, and runs
  ``pip install -r requirements.txt`` in the repository; requirements.txt ends with
  ``-e .``, so the package is installed editable from the checkout.
- A course JupyterHub with nbgitpuller: the hub's image is built the same way from the
  repository, and nbgitpuller pulls another copy of it into the student's home; the
  chapters of that copy must read that copy's data.
- A reader's own environment, ``pip install .`` from a clone: tests/test_pip_install.py
  (a file of its own, so that `make test` runs it on another core at the same time).

The copies hold exactly the files git tracks, as a clone, repo2docker or nbgitpuller
would see them.  Colab is not offered (see book/instructors.md), so it is not tested.
"""

import sys
from pathlib import Path

import pytest
from environments import assert_every_chapter_ran, fresh_venv, pip_install, run_chapters, tracked_copy

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
