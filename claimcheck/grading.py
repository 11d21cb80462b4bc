"""Grade a class: every submitted notebook run in a fresh kernel, checked with the instructor's checks.

``python -m claimcheck grade SUBMISSIONS`` (``make grade SUBMISSIONS=dir``) takes every file
of a folder as one student's submission of a chapter and writes, into the output folder,
``gradebook.csv`` (one row per submission: each question passed or not, the total, and
what happened) and ``feedback/<submission>.md`` (the same, with each check's hint).

How a submission is graded, and why it cannot game the grade:

1. Its code cells run in a fresh kernel, in a scratch folder of its own holding a copy of
   the data (cells tagged ``check`` are dropped: the student's checks are not used).  A
   first cell, the grader's, installs an audit hook (:pep:`578`) that refuses, for the rest
   of the kernel's life, any write outside the scratch folder, any new process and
   ``ctypes``; a hook cannot be removed once installed.  The run has a time limit: a cell
   that loops forever is interrupted, and a kernel that will not stop is killed.
2. A last cell, also the grader's, writes the values of the ``answer_qN`` variables to
   ``answers.json`` as plain data (numbers, text, tables as records, a chart as what it
   draws).
3. The checks of ``claimcheck/exercises/<chapter>.py`` then run in the grading process,
   never in the student's kernel, on those values and on the instructor's data.  So a
   student who redefines ``grader.check``, deletes the check cells, or patches the checks
   or the data layer in their kernel changes nothing the grade depends on.

A submission that is empty, is not notebook JSON, raises, or runs out of time still gets
its row; nothing a submission does stops the run.  The audit hook guards against accidents
and simple tampering; it is not a security boundary against a determined attacker with
native code (that is what a container per submission is for, as otter-grader does).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.tables import DATA_DIR, REPO_ROOT

GRADES_DIR = REPO_ROOT / "_build" / "grades"
ANSWERS_FILE = "answers.json"
CHAPTER_IN_SOURCE = re.compile(r"""Grader\(\s*["']([a-z0-9-]+)["']\s*\)""")

# The grader's first cell: confine the kernel to its scratch folder for the rest of its life.
SANDBOX_CELL = r'''
import os as _os, sys as _sys
# The libraries a chapter uses, loaded (and matplotlib's font cache built) before the hook.
import matplotlib as _mpl
_mpl.use("agg")
import matplotlib.pyplot, numpy, pandas, seaborn
_SCRATCH = _os.path.realpath(_os.getcwd())
_WRITE_FLAGS = _os.O_WRONLY | _os.O_RDWR | _os.O_CREAT | _os.O_APPEND | _os.O_TRUNC
# event -> which of its arguments are paths it changes (a copy only changes its destination)
_PATH_EVENTS = {"os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.chmod": (0,), "os.chown": (0,),
                "os.truncate": (0,), "os.utime": (0,), "os.rename": (0, 1), "os.symlink": (1,),
                "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (0, 1),
                "shutil.chown": (0,), "shutil.make_archive": (0,), "shutil.unpack_archive": (1,)}
_FORBIDDEN = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
              "os.kill", "os.killpg", "os.link", "pty.spawn", "ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata",
              "ctypes.call_function", "socket.connect", "socket.bind", "sys.addaudithook"}

def _inside(path):
    if isinstance(path, int) or path is None:
        return True  # a file descriptor already open
    path = _os.fsdecode(path)
    if path in ("/dev/null", "/dev/urandom", "/dev/random"):
        return True
    real = _os.path.realpath(path)
    return real == _SCRATCH or real.startswith(_SCRATCH + _os.sep)

def _confine(event, args):
    if event in _FORBIDDEN:
        raise PermissionError(f"grading: {event} is not allowed in a submission")
    if event == "open":
        path, mode, flags = args
        writing = (mode is not None and any(c in mode for c in "wax+")) or (flags is not None and flags & _WRITE_FLAGS)
        if writing and not _inside(path):
            raise PermissionError(f"grading: a submission may write only in its own folder, not {path}")
    elif event in _PATH_EVENTS:
        paths = [args[i] for i in _PATH_EVENTS[event] if i < len(args) and isinstance(args[i], (str, bytes, _os.PathLike))]
        if not all(_inside(p) for p in paths):
            raise PermissionError(f"grading: a submission may change files only in its own folder ({event})")

_sys.addaudithook(_confine)
del _confine
'''

# The grader's last cell: the answers as plain data.
EXTRACT_CELL = r'''
def _plain(value):
    import numbers
    import numpy as np
    import pandas as pd
    if value is None or value is Ellipsis or isinstance(value, (str, bool)):
        return {"kind": "value", "value": None if value is Ellipsis else value}
    if isinstance(value, numbers.Number):
        return {"kind": "value", "value": value.item() if hasattr(value, "item") else value}
    if isinstance(value, pd.Series):
        return {"kind": "series", "index": [str(i) for i in value.index], "values": _plain(list(value))["value"],
                "name": None if value.name is None else str(value.name)}
    if isinstance(value, pd.DataFrame):
        return {"kind": "frame", "columns": [str(c) for c in value.columns], "index": [str(i) for i in value.index],
                "rows": [_plain(list(row))["value"] for row in value.itertuples(index=False)]}
    if isinstance(value, (list, tuple)):
        return {"kind": "value", "value": [_plain(v)["value"] for v in value]}
    if isinstance(value, dict):
        return {"kind": "value", "value": {str(k): _plain(v)["value"] for k, v in value.items()}}
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if hasattr(value, "get_yscale") and hasattr(value, "get_lines"):
        import matplotlib.dates as mdates
        def numbers_of(values):
            out = []
            for v in values:
                try:
                    out.append(float(v))
                except (TypeError, ValueError):
                    out.append(float(mdates.date2num(v)))
            return out
        return {"kind": "axes", "xscale": value.get_xscale(), "yscale": value.get_yscale(),
                "xlabel": value.get_xlabel(), "ylabel": value.get_ylabel(),
                "patches": [{"width": float(p.get_width()), "height": float(p.get_height())}
                            if hasattr(p, "get_height") and hasattr(p, "get_width") else {} for p in value.patches],
                "lines": [{"xdata": numbers_of(l.get_xdata()), "ydata": numbers_of(l.get_ydata()),
                           "label": str(l.get_label()), "linestyle": str(l.get_linestyle())} for l in value.get_lines()],
                "collections": [{"offsets": [[float(x), float(y)] for x, y in c.get_offsets()]}
                                for c in value.collections]}
    return {"kind": "unsupported", "type": type(value).__name__}

import json as _json
_answers = {}
for _q in __QUESTIONS__:
    try:
        _answers[_q] = _plain(globals().get("answer_" + _q))
    except Exception as _problem:
        _answers[_q] = {"kind": "unsupported", "type": f"{type(_problem).__name__}: {_problem}"}
with open(__ANSWERS__, "w", encoding="utf-8") as _handle:
    _json.dump(_answers, _handle)
'''


@dataclass
class Outcome:
    """What happened to one submission."""
    submission: str
    chapter: str = ""
    status: str = "graded"
    results: dict[str, tuple[bool, str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(passed for passed, _ in self.results.values())


# -- Answers as the checks expect them ------------------------------------------------------------

class Drawn:
    """A stand-in for a matplotlib artist or Axes, rebuilt from what it drew: ``get_<part>()``
    returns the recorded part (``get_yscale``, ``get_xdata``, ``get_height``...), so the checks
    read it as they read the real thing."""

    def __init__(self, parts: dict, **attributes):
        self._parts = parts
        self.__dict__.update(attributes)

    def __getattr__(self, name):
        if name.startswith("get_") and name[4:] in self._parts:
            return lambda: self._parts[name[4:]]
        raise AttributeError(name)


def drawn_axes(record: dict) -> Drawn:
    """A student's chart as the checks see it: scales, labels, bars (patches), lines, points (collections)."""
    lines = [Drawn(line) for line in record["lines"]]
    return Drawn({"xscale": record["xscale"], "yscale": record["yscale"], "xlabel": record["xlabel"],
                  "ylabel": record["ylabel"], "lines": lines},
                 patches=[Drawn(patch) for patch in record["patches"]],
                 collections=[Drawn(collection) for collection in record["collections"]])


class Unsupported:
    """An answer of a type the grader cannot carry out of the kernel: every check fails on it, saying so."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self):
        return f"<an answer of type {self.kind}>"


def rebuild(record: dict):
    """An answer from its plain record in answers.json."""
    import pandas as pd

    kind = record.get("kind")
    if kind == "value":
        return record["value"]
    if kind == "series":
        return pd.Series(record["values"], index=record["index"], name=record["name"], dtype=object).infer_objects()
    if kind == "frame":
        return pd.DataFrame(record["rows"], columns=record["columns"], index=record["index"]).infer_objects()
    if kind == "axes":
        return drawn_axes(record)
    return Unsupported(str(record.get("type")))


# -- One submission ------------------------------------------------------------------------------

def chapter_of(notebook, override: str | None = None) -> str:
    """The chapter a submission answers: the instructor's choice, else the edition's metadata, else its Grader(...)."""
    if override:
        return override
    chapter = notebook.metadata.get("claimcheck", {}).get("chapter")
    if chapter:
        return chapter
    for cell in notebook.cells:
        found = CHAPTER_IN_SOURCE.search(cell.source)
        if found:
            return found.group(1)
    return ""


def questions_of(chapter: str) -> list[str]:
    from claimcheck.exercises import Grader

    return Grader(chapter).questions


def graded_notebook(notebook, questions: list[str]):
    """The notebook the kernel runs: the grader's sandbox cell, the student's code cells (not the checks),
    the grader's extraction cell."""
    import nbformat

    cells = [nbformat.v4.new_code_cell(SANDBOX_CELL)]
    for cell in notebook.cells:
        if cell.cell_type == "code" and "check" not in cell.get("metadata", {}).get("tags", []):
            cells.append(nbformat.v4.new_code_cell(cell.source))
    extract = EXTRACT_CELL.replace("__QUESTIONS__", repr(questions)).replace("__ANSWERS__", repr(ANSWERS_FILE))
    cells.append(nbformat.v4.new_code_cell(extract))
    graded = nbformat.v4.new_notebook()
    graded.cells = cells
    graded.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return graded


def run_in_scratch(scratch: Path, cell_timeout: int) -> None:
    """Execute scratch/graded.ipynb in a fresh kernel whose working folder is scratch (in this process)."""
    import nbformat
    from nbclient import NotebookClient

    path = scratch / "graded.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, record_timing=False,
                            resources={"metadata": {"path": str(scratch)}})
    try:
        client.execute()
    finally:
        nbformat.write(notebook, path)


def _kernel_environment(scratch: Path) -> dict:
    """The student's kernel reads the scratch copy of the data and keeps its caches in the scratch folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMCHECK_")}
    env.update({"CLAIMCHECK_DATA_DIR": str(scratch / "data"), "HOME": str(scratch), "MPLCONFIGDIR": str(scratch / ".mpl"),
                "IPYTHONDIR": str(scratch / ".ipython"), "TMPDIR": str(scratch / "tmp"), "MPLBACKEND": "agg"})
    return env


def _errors_in(scratch: Path, cell_timeout: int) -> list[str]:
    """The errors the student's cells raised, as 'code cell N: Error: message' (N counts the student's code cells)."""
    import nbformat

    notebook = nbformat.read(scratch / "graded.ipynb", as_version=4)
    errors = []
    for number, cell in enumerate(notebook.cells[1:-1], start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            if output.get("ename") == "KeyboardInterrupt":  # how nbclient stops a cell at its time limit
                errors.append(f"code cell {number}: ran past the {cell_timeout} s limit and was stopped")
            else:
                errors.append(f"code cell {number}: {output.get('ename')}: {str(output.get('evalue'))[:200]}")
    return errors


def grade_one(path: Path, scratch: Path, *, chapter: str | None = None, time_limit: int = 300,
              cell_timeout: int = 60) -> Outcome:
    """Grade one submission in its own scratch folder; never raises for anything the submission does."""
    import nbformat

    outcome = Outcome(submission=path.name)
    raw = path.read_bytes()
    if not raw.strip():
        outcome.status = "empty file"
        return outcome
    try:
        notebook = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as problem:  # any way a file can fail to be a notebook
        outcome.status = f"not a valid notebook ({type(problem).__name__})"
        return outcome
    outcome.chapter = chapter_of(notebook, chapter)
    try:
        questions = questions_of(outcome.chapter)
    except ModuleNotFoundError:
        outcome.status = "cannot tell which chapter this answers (pass CHAPTER=...)"
        return outcome
    if not any(cell.cell_type == "code" and cell.source.strip() for cell in notebook.cells):
        outcome.status = "no code to run"
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "tmp").mkdir(parents=True)
    shutil.copytree(DATA_DIR, scratch / "data")
    nbformat.write(graded_notebook(notebook, questions), scratch / "graded.ipynb")

    # The run is a child process in a session of its own: at the time limit the whole session
    # (the child and the kernel it started) is killed, whatever the submission does.
    child = subprocess.Popen([sys.executable, "-m", "claimcheck.grading", str(scratch), str(cell_timeout)],
                             cwd=scratch, env=_kernel_environment(scratch), start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        log, _ = child.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        outcome.status = f"stopped at the time limit ({time_limit} s)"
    else:
        if child.returncode != 0 and outcome.status == "graded":
            last = log.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
            outcome.status = f"the kernel stopped ({last[0][:200]})"

    answers_path = scratch / ANSWERS_FILE
    answers = json.loads(answers_path.read_text(encoding="utf-8")) if answers_path.is_file() else {}
    if outcome.status == "graded" and (scratch / "graded.ipynb").is_file():
        errors = _errors_in(scratch, cell_timeout)
        if errors:
            outcome.status = f"graded; {len(errors)} cell(s) raised: " + "; ".join(errors[:3])
    outcome.results = check_answers(outcome.chapter, questions, answers)
    return outcome


def check_answers(chapter: str, questions: list[str], answers: dict) -> dict[str, tuple[bool, str]]:
    """Run the instructor's checks (claimcheck/exercises/<chapter>.py) on the answers, in this process."""
    import importlib

    module = importlib.import_module(f"claimcheck.exercises.{chapter.replace('-', '_')}")
    results = {}
    for question in questions:
        record = answers.get(question)
        if record is None:
            results[question] = (False, "no answer was found (the notebook did not reach it)")
            continue
        answer = rebuild(record)
        try:
            if answer is None:
                raise AssertionError("no answer yet")
            getattr(module, question)(answer)
        except Exception as problem:  # a wrong answer of any shape fails its check, with the check's hint
            hint = str(problem) or type(problem).__name__
            if isinstance(answer, Unsupported):
                hint = f"the answer is {answer!r}, which the grader cannot read; {hint}"
            results[question] = (False, hint)
        else:
            results[question] = (True, "passed")
    return results


# -- A class -------------------------------------------------------------------------------------

def grade_folder(submissions: Path, output: Path = GRADES_DIR, *, chapter: str | None = None,
                 time_limit: int = 300, cell_timeout: int = 60) -> list[Outcome]:
    """Grade every file of ``submissions``; write gradebook.csv and one feedback file per submission."""
    files = sorted(p for p in Path(submissions).iterdir() if p.is_file() and not p.name.startswith("."))
    if output.exists():
        shutil.rmtree(output)
    (output / "feedback").mkdir(parents=True)
    outcomes = []
    for number, path in enumerate(files, start=1):
        scratch = output / "scratch" / f"{number:03d}-{_safe(path.stem)}"
        outcome = grade_one(path, scratch, chapter=chapter, time_limit=time_limit, cell_timeout=cell_timeout)
        outcomes.append(outcome)
        (output / "feedback" / f"{_safe(path.stem)}.md").write_text(feedback(outcome), encoding="utf-8")
        print(f"{path.name}: {outcome.total} of {len(outcome.results)} ({outcome.status})", flush=True)
    write_gradebook(outcomes, output / "gradebook.csv")
    return outcomes


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80] or "submission"


def write_gradebook(outcomes: list[Outcome], path: Path) -> None:
    questions = sorted({q for o in outcomes for q in o.results}, key=lambda q: int(q[1:]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["submission", "chapter", *questions, "total", "out_of", "status"])
        for outcome in outcomes:
            marks = [("1" if outcome.results[q][0] else "0") if q in outcome.results else "" for q in questions]
            writer.writerow([outcome.submission, outcome.chapter, *marks, outcome.total, len(outcome.results),
                             outcome.status])


def feedback(outcome: Outcome) -> str:
    lines = [f"# Feedback on {outcome.submission}", ""]
    if outcome.chapter:
        lines.append(f"Chapter: {outcome.chapter}")
    lines += [f"Result: {outcome.total} of {len(outcome.results)} exercises pass", f"Run: {outcome.status}", ""]
    for question, (passed, hint) in outcome.results.items():
        lines.append(f"- {question}: {'passed' if passed else 'not yet — ' + hint}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # the child process of grade_one: run one scratch folder's notebook
    run_in_scratch(Path(sys.argv[1]), int(sys.argv[2]))
