"""Command line.

``python -m claimcheck validate [DATA_DIR]``
    Validate every table; exit 1 with one line per broken table.
``python -m claimcheck execute``
    Validate data/ as ``validate`` does (and stop if it fails), then execute,
    in parallel, the notebooks and pages whose code or input data changed
    since the last build (see claimcheck/execution.py).
``python -m claimcheck assignments``
    Student and instructor editions of every chapter, and a zip of each, in
    _build/assignments (see claimcheck/editions.py).
``python -m claimcheck ledger``
    Write the verdicts the notebooks published into data/verdicts.csv (the only
    command that writes into data/; run it after re-executing a notebook).
"""

import argparse
import csv
import sys
from pathlib import Path

from claimcheck.results import VERDICT_TABLE_COLUMNS, verdict_rows, verdicts_from_notebooks
from claimcheck.tables import DATA_DIR, REPO_ROOT, DataError, resource_names, validate_all

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"


def update_ledger(data_dir: Path = DATA_DIR, notebooks_dir: Path = NOTEBOOKS_DIR) -> int:
    with (data_dir / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claim_ids = [row["claim_id"] for row in csv.DictReader(handle)]
    rows = verdict_rows(claim_ids, verdicts_from_notebooks(notebooks_dir))
    path = data_dir / "verdicts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, VERDICT_TABLE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    judged = sum(row["verdict"] != "unchecked" for row in rows)
    print(f"{path}: {judged} of {len(rows)} claims have a verdict from a notebook")
    return 0


def validate_data(data_dir: Path, record: Path | None = None) -> int:
    """Validate every table of ``data_dir``: print one line per broken table and return 1, or 0.
    (``record``: see :func:`claimcheck.tables.validate_all`.)"""
    try:
        problems = validate_all(data_dir, record)
        tables = resource_names(data_dir)
    except DataError as err:
        problems, tables = [str(err)], []
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{data_dir}: {len(tables)} tables valid ({', '.join(tables)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="validate every table of a data folder")
    validate.add_argument("data_dir", nargs="?", default=str(DATA_DIR),
                          help="a folder laid out like data/ (default: the book's data/)")
    commands.add_parser("ledger", help="write the notebooks' verdicts into data/verdicts.csv")
    execute = commands.add_parser("execute", help="validate data/, then execute the notebooks and pages whose code or data changed")
    execute.add_argument("--jobs", type=int, default=None, help="parallel kernels (default: one per core)")
    execute.add_argument("--in-place", action="store_true",
                         help="re-execute the notebooks of notebooks/ and save their outputs (make notebooks)")
    execute.add_argument("notebooks", nargs="*",
                         help="with --in-place: only these notebooks (paths), e.g. notebooks/compute.ipynb")
    commands.add_parser("assignments", help="write student and instructor editions into _build/assignments")
    grade = commands.add_parser("grade", help="grade a folder of submitted notebooks: a gradebook and feedback")
    grade.add_argument("submissions", help="a folder holding one submitted notebook per student")
    grade.add_argument("--out", default=None, help="where to write gradebook.csv and feedback/ (default: _build/grades)")
    grade.add_argument("--chapter", default=None, help="the chapter graded (default: read from each submission)")
    grade.add_argument("--time-limit", type=int, default=300, help="seconds a submission may run in all")
    grade.add_argument("--cell-timeout", type=int, default=60, help="seconds one cell may run")
    args = parser.parse_args(argv)
    if args.command == "assignments":
        from claimcheck.editions import OUTPUT_DIR, make_assignments

        names = make_assignments()
        print(f"{len(names)} chapters written to {OUTPUT_DIR}: {', '.join(names)}")
        return 0
    if args.command == "grade":
        from claimcheck.grading import GRADES_DIR, grade_folder

        output = Path(args.out) if args.out else GRADES_DIR
        if not Path(args.submissions).is_dir():
            print(f"error: {args.submissions} is not a folder of submissions", file=sys.stderr)
            return 2
        outcomes = grade_folder(Path(args.submissions), output, chapter=args.chapter, time_limit=args.time_limit,
                                cell_timeout=args.cell_timeout)
        print(f"{len(outcomes)} submissions graded: {output / 'gradebook.csv'}, feedback in {output / 'feedback'}")
        return 0
    if args.command == "execute":
        from claimcheck.execution import VALIDATED_FILE, execute_book, execute_notebooks_in_place

        # Validation is part of this command, not a command of its own, so that the build
        # imports pandas once and validates while the kernels start.
        if args.in_place:
            if validate_data(DATA_DIR) != 0:
                return 1
            execute_notebooks_in_place(jobs=args.jobs, paths=args.notebooks or None)
        else:
            execute_book(lambda: validate_data(DATA_DIR, VALIDATED_FILE) == 0, jobs=args.jobs)
        return 0
    if args.command == "ledger":
        return update_ledger()
    return validate_data(Path(args.data_dir))


if __name__ == "__main__":
    sys.exit(main())
