"""Student and instructor editions of the chapters, and a zip per chapter.

Why a small tag filter and not otter-grader or nbgrader: the chapters are also
the book's pages and nbval's test oracle, so the exercise markup must render in
Jupyter Book (sphinx-exercise's gated ``solution-start``/``solution-end``) and
the checks must be plain Python that runs in the book build, in nbval and in a
student's Jupyter alike.  Both tools would add a second notebook dialect and a
large dependency tree for what is, here, three rules:

* a code cell tagged ``solution`` holds a solution; the student edition replaces
  it by a stub that sets the same ``answer_qN`` variables to ``...``;
* the markdown cells that open and close a gated solution are dropped from the
  student edition (the exercise text stays);
* cells tagged ``check`` call ``grader.check(...)`` and are kept in both.

Outputs are cleared in both editions.  Each edition of a chapter is also zipped
with the CSV tables the chapter reads (found by executing it), the data layer
and a short requirements file: unzip, open, run.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat

from claimcheck.tables import DATA_DIR, DESCRIPTOR, REPO_ROOT

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
OUTPUT_DIR = REPO_ROOT / "_build" / "assignments"
ANSWER = re.compile(r"^(answer_q\d+)\s*=", flags=re.M)
GATE = re.compile(r"^\s*```\{solution-(start|end)\}")
STUDENT_PACKAGES = ("pandas", "numpy", "matplotlib", "seaborn", "frictionless", "myst-nb", "ipykernel",
                    "PyYAML", "jupyter-cache", "nbformat", "nbclient")


def chapters() -> list[Path]:
    """The chapters that have exercises."""
    return [p for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
            if any("solution" in c.get("metadata", {}).get("tags", []) for c in nbformat.read(p, 4).cells)]


def _clear(cell) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None


def instructor_edition(notebook) -> nbformat.NotebookNode:
    edition = copy.deepcopy(notebook)
    for cell in edition.cells:
        _clear(cell)
    return edition


def student_edition(notebook) -> nbformat.NotebookNode:
    edition = copy.deepcopy(notebook)
    cells = []
    for cell in edition.cells:
        if cell.cell_type == "markdown" and GATE.match(cell.source):
            continue
        if "solution" in cell.get("metadata", {}).get("tags", []):
            answers = sorted(set(ANSWER.findall(cell.source)))
            if not answers:
                raise ValueError(f"a solution cell sets no answer_qN variable:\n{cell.source}")
            cell.source = "# Your code here. Set:\n" + "\n".join(f"{a} = ..." for a in answers)
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"] + ["answer"]
        _clear(cell)
        cells.append(cell)
    edition.cells = cells
    return edition


def _student_requirements() -> str:
    wanted = {name.lower() for name in STUDENT_PACKAGES}
    lines = [line for line in (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#") and line.split("==")[0].lower() in wanted]
    return "\n".join(lines) + "\n"


def _chapter_tables(notebook_path: Path) -> list[Path]:
    """The data files a chapter reads: as recorded by the last build if nothing changed since,
    else found by executing it with read recording on."""
    from claimcheck.execution import _execute, recorded_reads

    reads = recorded_reads(notebook_path)
    if reads is None:
        _, _, _, reads, error = _execute(str(notebook_path), timeout=600)
        if error:
            raise RuntimeError(f"{notebook_path.name} failed while finding its tables:\n{error}")
    return sorted({Path(p) for p in reads if Path(p).parent == DATA_DIR.resolve()})


def write_zip(name: str, notebook, tables: list[Path], target: Path) -> None:
    """A chapter folder, zipped: the notebook, the tables it reads, the data layer, requirements."""
    descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    kept = {p.name for p in tables}
    descriptor["resources"] = [r for r in descriptor["resources"] if r["path"] in kept]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}/{name}.ipynb", nbformat.writes(notebook))
        archive.writestr(f"{name}/data/{DESCRIPTOR}", json.dumps(descriptor, ensure_ascii=False, indent=2))
        for table in tables:
            if table.name != DESCRIPTOR:
                archive.write(table, f"{name}/data/{table.name}")
        for source in sorted([*(REPO_ROOT / "claimcheck").rglob("*.py"), REPO_ROOT / "claimcheck" / "glossary.csv"]):
            archive.write(source, f"{name}/{source.relative_to(REPO_ROOT)}")
        archive.writestr(f"{name}/requirements.txt", _student_requirements())
        archive.writestr(f"{name}/README.md", (
            f"# {name}\n\nOne chapter of the book, runnable on its own.\n\n"
            "    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
            f"    .venv/bin/jupyter lab {name}.ipynb   # or open it in any Jupyter\n\n"
            "Run the cells from the top. Each exercise ends with a check cell: run it to see\n"
            "whether your answer passes; the last cell says how many pass.\n"))


def make_assignments(output_dir: Path = OUTPUT_DIR) -> list[str]:
    """Write both editions of every chapter with exercises, and their zips; return the chapter names."""
    if output_dir.exists():
        shutil.rmtree(output_dir)
    for edition in ("student", "instructor"):
        (output_dir / edition).mkdir(parents=True)
        (output_dir / "zips" / edition).mkdir(parents=True)
    names = []
    for path in chapters():
        notebook = nbformat.read(path, as_version=4)
        editions = {"student": student_edition(notebook), "instructor": instructor_edition(notebook)}
        for edition, content in editions.items():  # what `make grade` reads to know the chapter of a submission
            content.metadata["claimcheck"] = {"chapter": path.stem, "edition": edition}
        tables = _chapter_tables(path)
        for edition, content in editions.items():
            nbformat.write(content, output_dir / edition / path.name)
            write_zip(path.stem, content, tables, output_dir / "zips" / edition / f"{path.stem}.zip")
        names.append(path.stem)
    return names
