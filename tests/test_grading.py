"""`make grade`: a folder of submissions in, a gradebook and feedback out (claimcheck/grading.py).

One run over a class of hostile and honest submissions of the compute chapter: the
instructor's solution, the untouched student edition, a student who redefines the
grader and deletes the check cells, one that raises, one that loops (interrupted at the
cell limit), one that ignores the interrupt (killed at the time limit), one that tries
to write outside its folder, to run a shell command and to delete a folder, one whose
kernel exits, a file that is not notebook JSON and an empty file.
"""

import copy
import csv

import nbformat
import pytest

from claimcheck.editions import instructor_edition, student_edition
from claimcheck.grading import grade_folder
from claimcheck.tables import REPO_ROOT

CHAPTER = "compute"


def _with_cell(notebook, source, at=6):
    changed = copy.deepcopy(notebook)
    changed.cells.insert(at, nbformat.v4.new_code_cell(source))
    return changed


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    outside = root / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.txt").write_text("the instructor's", encoding="utf-8")
    chapter = nbformat.read(REPO_ROOT / "notebooks" / f"{CHAPTER}.ipynb", as_version=4)
    solution, student = instructor_edition(chapter), student_edition(chapter)
    for edition in (solution, student):
        edition.metadata["claimcheck"] = {"chapter": CHAPTER}
    cheat = copy.deepcopy(student)
    cheat.cells = [c for c in cheat.cells if "check" not in c.metadata.get("tags", [])]
    cheat.cells.append(nbformat.v4.new_code_cell(
        "grader.check = lambda *args: print('passed')\n"
        "import claimcheck.exercises.compute as checks\n"
        "checks.q1 = checks.q2 = checks.q3 = checks.q4 = lambda answer: None\n"
        "import claimcheck.tables\n"
        "claimcheck.tables.load_table = lambda *args, **kwargs: None\n"
        "answer_q1 = answer_q2 = answer_q3 = 1.0\n"))
    submissions = {
        "solution.ipynb": solution,
        "untouched.ipynb": student,
        "cheat.ipynb": cheat,
        "raises.ipynb": _with_cell(solution, "raise ValueError('a bug')"),
        "loops.ipynb": _with_cell(solution, "while True:\n    pass"),
        "stubborn.ipynb": _with_cell(solution, "import time\nwhile True:\n    try:\n        time.sleep(0.2)\n"
                                               "    except KeyboardInterrupt:\n        pass"),
        "escapes.ipynb": _with_cell(_with_cell(_with_cell(
            solution, f"open({str(outside / 'written.txt')!r}, 'w').write('x')"),
            f"import os\nos.system('touch {outside / 'shell.txt'}')", at=7),
            f"import shutil\nshutil.rmtree({str(outside / 'keep')!r})", at=8),
        "exits.ipynb": _with_cell(solution, "import os\nos._exit(3)"),
    }
    folder = root / "submissions"
    folder.mkdir()
    for name, notebook in submissions.items():
        nbformat.write(notebook, folder / name)
    (folder / "not-json.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
    (folder / "empty.ipynb").write_bytes(b"")
    output = root / "grades"
    grade_folder(folder, output, time_limit=25, cell_timeout=8)
    with (output / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = {row["submission"]: row for row in csv.DictReader(handle)}
    return rows, output, outside


QUESTIONS = ["q1", "q2", "q3", "q4"]


def test_one_row_and_one_feedback_file_per_submission(graded):
    rows, output, _ = graded
    assert sorted(rows) == sorted(["solution.ipynb", "untouched.ipynb", "cheat.ipynb", "raises.ipynb", "loops.ipynb",
                                   "stubborn.ipynb", "escapes.ipynb", "exits.ipynb", "not-json.ipynb", "empty.ipynb"])
    assert sorted(p.stem for p in (output / "feedback").glob("*.md")) == sorted(name.rsplit(".", 1)[0] for name in rows)


def test_the_solution_passes_every_check_and_the_untouched_edition_none(graded):
    rows, output, _ = graded
    assert [rows["solution.ipynb"][q] for q in QUESTIONS] == ["1"] * 4 and rows["solution.ipynb"]["total"] == "4"
    assert [rows["untouched.ipynb"][q] for q in QUESTIONS] == ["0"] * 4
    feedback = (output / "feedback" / "untouched.md").read_text(encoding="utf-8")
    assert "q1: not yet" in feedback


def test_redefining_the_grader_or_the_checks_gains_nothing(graded):
    rows, _, _ = graded
    assert rows["cheat.ipynb"]["total"] == "0", rows["cheat.ipynb"]


def test_a_cell_that_raises_or_loops_leaves_the_rest_graded(graded):
    rows, _, _ = graded
    assert rows["raises.ipynb"]["total"] == "4" and "ValueError" in rows["raises.ipynb"]["status"]
    assert rows["loops.ipynb"]["total"] == "4" and "limit" in rows["loops.ipynb"]["status"]


def test_a_run_that_will_not_stop_is_killed_at_the_time_limit(graded):
    rows, _, _ = graded
    assert rows["stubborn.ipynb"]["total"] == "0" and "time limit" in rows["stubborn.ipynb"]["status"]


def test_a_submission_cannot_write_outside_its_folder_or_start_a_process(graded):
    rows, _, outside = graded
    assert not (outside / "written.txt").exists() and not (outside / "shell.txt").exists()
    assert (outside / "keep" / "file.txt").read_text(encoding="utf-8") == "the instructor's"
    status = rows["escapes.ipynb"]["status"]
    assert status.count("PermissionError") == 3, status
    assert rows["escapes.ipynb"]["total"] == "4"  # its answers still count


@pytest.mark.parametrize("name, words", [("exits.ipynb", "kernel"), ("not-json.ipynb", "not a valid notebook"),
                                         ("empty.ipynb", "empty")])
def test_a_broken_submission_gets_a_row_that_says_why(graded, name, words):
    rows, _, _ = graded
    assert words in rows[name]["status"] and rows[name]["total"] == "0", rows[name]
