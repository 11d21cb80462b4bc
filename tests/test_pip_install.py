"""A reader's own environment: ``pip install .`` from a clone (the dependencies that
pyproject.toml declares, resolved by pip), then every chapter opened from ``notebooks/``
(the other environments are in tests/test_environments.py)."""

from pathlib import Path

from environments import assert_every_chapter_ran, fresh_venv, pip_install, run_chapters, tracked_copy


def test_pip_install_from_a_clone_runs_every_chapter(tmp_path):
    clone = tracked_copy(tmp_path / "clone")
    python = fresh_venv(tmp_path / "env")
    pip_install(python, ".", cwd=clone)
    report = run_chapters(python, clone)
    assert_every_chapter_ran(report)
    assert not Path(report["claimcheck"]).is_relative_to(clone)  # installed, not read from the clone
    assert Path(report["data"]) == clone / "data"
