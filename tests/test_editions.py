"""Student and instructor editions: solutions gone, checks real, zips self-contained."""

import re
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

from claimcheck.editions import chapters, make_assignments, student_edition

CHAPTERS = chapters()


def _printed(cells):
    return "\n".join(o.get("text", "") for c in cells for o in c.outputs)


def _summary(printed):
    line = next(l for l in printed.splitlines() if "exercises pass" in l)
    passed, total = line.split(" exercises pass")[0].split(" of ")
    return int(passed), int(total)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """`make assignments` into a scratch folder, with every student zip unzipped in `unzipped/`."""
    out = tmp_path_factory.mktemp("assignments")
    make_assignments(out)
    for path in CHAPTERS:
        with zipfile.ZipFile(out / "zips" / "student" / f"{path.stem}.zip") as archive:
            archive.extractall(out / "unzipped")
    return out


def test_every_chapter_with_exercises_has_two_to_four():
    assert CHAPTERS, "no chapter has exercises"
    for path in CHAPTERS:
        solutions = [c for c in nbformat.read(path, 4).cells if "solution" in c.metadata.get("tags", [])]
        assert 2 <= len(solutions) <= 4, path.name


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_student_edition_contains_no_solution_code(path):
    original = nbformat.read(path, 4)
    student = student_edition(original)
    solutions = [c.source for c in original.cells if "solution" in c.metadata.get("tags", [])]
    stubs = [c.source for c in student.cells if "answer" in c.metadata.get("tags", [])]
    assert len(stubs) == len(solutions)
    for stub in stubs:  # a stub is comments and `answer_qN = ...`, nothing else
        assert all(line.startswith("#") or re.fullmatch(r"answer_q\d+ = \.\.\.", line)
                   for line in stub.splitlines()), stub
    text = "\n".join(c.source for c in student.cells)
    assert not any(solution in text for solution in solutions)
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    assert "solution-start" not in text and "solution-end" not in text
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")


# nbval, in the same `make test`, re-executes each chapter and fails unless every
# output matches the committed one; these tags would exempt a cell from that.
NBVAL_EXEMPTIONS = {"nbval-ignore-output", "nbval-skip", "raises-exception", "skip-execution"}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_instructor_edition_passes_every_check(path, editions):
    """The instructor edition is the chapter's own cells with outputs cleared.  The chapter's
    committed summary says every exercise passes, and nbval proves a fresh run prints the same,
    so running the instructor edition a second time would prove nothing more."""
    chapter = nbformat.read(path, 4)
    instructor = nbformat.read(editions / "instructor" / path.name, 4)
    assert [(c.cell_type, c.source) for c in instructor.cells] == [(c.cell_type, c.source) for c in chapter.cells]
    checks = [c for c in chapter.cells if "check" in c.metadata.get("tags", [])]
    assert not [c.source for c in checks if NBVAL_EXEMPTIONS & set(c.metadata.get("tags", []))]
    committed = _printed(checks)
    passed, total = _summary(committed)
    assert passed == total > 0
    assert committed.count(": passed") == total and "not yet" not in committed


# Run before each chapter: a fresh namespace in the chapter's unzipped folder, its own
# copy of the data layer (none of the repository's), and figures built but not
# rasterised (rendering the same plotting cells is what nbval checks in the chapter).
FRESH_START = """\
%reset -f
import os
import sys
import warnings
os.chdir({folder!r})
for module in [m for m in sys.modules if m == "claimcheck" or m.startswith("claimcheck.")]:
    del sys.modules[module]
import matplotlib
import matplotlib.pyplot as plt
plt.close("all")
plt.rcdefaults()
matplotlib.use("agg")
warnings.filterwarnings("ignore", "FigureCanvasAgg is non-interactive")
"""
WHERE_FROM = "import claimcheck.tables; print(claimcheck.tables.__file__, claimcheck.tables.DATA_DIR)"


@pytest.fixture(scope="module")
def student_runs(editions):
    """Every student zip, unzipped, its notebook run top to bottom; all in one kernel, each
    chapter from a fresh start in its own folder (starting a kernel and importing pandas
    and matplotlib cost as much as a chapter's own cells).  Returns, per chapter, its code
    cells after the run, then a cell that printed where `claimcheck` came from."""
    combined = nbformat.v4.new_notebook()
    spans = {}
    for path in CHAPTERS:
        folder = editions / "unzipped" / path.stem
        combined.cells.append(nbformat.v4.new_code_cell(FRESH_START.format(folder=str(folder))))
        cells = [c for c in nbformat.read(folder / path.name, 4).cells if c.cell_type == "code"]
        cells.append(nbformat.v4.new_code_cell(WHERE_FROM))
        spans[path.stem] = slice(len(combined.cells), len(combined.cells) + len(cells))
        combined.cells.extend(cells)
    NotebookClient(combined, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(editions)}}).execute()
    return {stem: combined.cells[span] for stem, span in spans.items()}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_unmodified_student_edition_fails_every_check(path, student_runs):
    cells = student_runs[path.stem]
    errors = [f"{o.ename}: {o.evalue} in\n{c.source}" for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors, "the student edition does not run:\n" + "\n".join(errors)
    printed = _printed(cells[:-1])
    passed, total = _summary(printed)
    assert passed == 0 and total > 0
    assert printed.count("not yet") == total


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_student_zip_runs_on_its_own(path, student_runs, editions):
    """The run above used the zip's own data layer and tables, none of the repository's."""
    folder = editions / "unzipped" / path.stem
    assert _printed(student_runs[path.stem][-1:]).split() == [str(folder / "claimcheck" / "tables.py"),
                                                             str(folder / "data")]


WRONG_ANSWERS = [123456.789, -1, 0, "S999-999", "", [], {}, object()]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_check_rejects_wrong_answers(path, monkeypatch):
    """A check that accepted anything would pass the instructor edition too; these must all fail."""
    import functools

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from claimcheck.exercises import Grader
    from claimcheck.tables import load_table

    grader = Grader(path.stem)
    if hasattr(grader.module, "load_table"):  # validate each table once, not once per call
        cached = functools.lru_cache(maxsize=None)(load_table)
        monkeypatch.setattr(grader.module, "load_table", lambda name: cached(name).copy())
    empty_axes = plt.figure().add_subplot()
    for question in grader.questions:
        check = getattr(grader.module, question)
        for wrong in WRONG_ANSWERS + [empty_axes]:
            with pytest.raises(Exception):
                check(wrong)
    plt.close("all")
