"""Load the book's CSV tables, validated against the Frictionless descriptor.

Every notebook, page and test reads data through :func:`load_table`.  It checks
the table against ``datapackage.json`` (types, constraints, primary and foreign
keys) before pandas sees it, and turns the first problem into one
:class:`DataError` that names the file, the row and the column, e.g.::

    data/models.csv, row 7, column parameters: '1.2亿' is not a number

Rows are counted as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from claimcheck.execution import VALIDATED_FILE, file_digest, record_read
# the repository and the data folder: names other modules take from here too
from claimcheck.locations import DATA_VARIABLE, DESCRIPTOR, REPO_ROOT, find_data_dir  # noqa: F401

DATA_DIR = find_data_dir()

# Frictionless field types -> pandas dtypes.  Dates stay text: the tables hold
# partial dates ("2023", "2023-03") that a datetime column would distort.
PANDAS_DTYPES = {
    "string": "string",
    "number": "float64",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "string",
    "year": "Int64",
}


class DataError(ValueError):
    """A table in the data folder breaks its schema.  The message says where."""


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _read_descriptor(data_dir: Path) -> dict:
    path = data_dir / DESCRIPTOR
    if not path.is_file():
        raise DataError(f"{_display_path(path)}: the data package descriptor is missing. claimcheck looks for "
                        f"data/{DESCRIPTOR} in the working directory and the folders above it: run the notebook "
                        f"from the book's repository (its notebooks/ folder), or set {DATA_VARIABLE} to the "
                        f"folder that holds {DESCRIPTOR}")
    return _parse_descriptor(path.read_bytes(), _display_path(path))


@lru_cache(maxsize=16)  # keyed on the bytes, so an edited descriptor is re-read
def _parse_descriptor(raw: bytes, shown: str) -> dict:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(f"{shown}: not valid UTF-8 JSON ({err})") from None


def resource_names(data_dir: Path | str = DATA_DIR) -> list[str]:
    """The names of all tables the descriptor declares, in its order."""
    return [r["name"] for r in _read_descriptor(Path(data_dir).resolve())["resources"]]


def resource(name: str, data_dir: Path | str = DATA_DIR) -> dict:
    """The descriptor entry of one table."""
    for entry in _read_descriptor(Path(data_dir).resolve())["resources"]:
        if entry["name"] == name:
            return entry
    raise KeyError(f"no table named {name!r} in {DESCRIPTOR}; known: {resource_names(data_dir)}")


def _field_names(entry: dict) -> list[str]:
    return [f["name"] for f in entry["schema"]["fields"]]


def _check_raw_file(path: Path, entry: dict) -> None:
    """Problems Frictionless reports without a row or column, or not at all.

    Frictionless would guess the encoding and the delimiter; the book's files
    must be UTF-8 and comma-separated, so those are checked here first.
    """
    shown = _display_path(path)
    fields = _field_names(entry)
    if not path.is_file():
        raise DataError(f"{shown}, row 1, column {fields[0]}: the file is missing")
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(f"{shown}, row 1, column {fields[0]}: the file is empty; "
                        f"expected the header {','.join(fields)}")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw.count(b"\n", 0, err.start) + 1
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        before = raw[line_start:err.start].decode("utf-8", errors="replace")
        column = next(csv.reader([before + "x"]), [""])
        position = max(len(column) - 1, 0)
        name = fields[position] if position < len(fields) else f"#{position + 1}"
        raise DataError(f"{shown}, row {row}, column {name}: bytes {raw[err.start:err.start + 2]!r} "
                        "are not UTF-8 (save the file as UTF-8)")
    header = raw.decode("utf-8").lstrip("\ufeff").splitlines()[0]
    if "," not in header and len(fields) > 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in header:
                raise DataError(f"{shown}, row 1, column {fields[0]}: the file is separated by "
                                f"{delimiter!r}, not by commas")
    labels = next(csv.reader([header]))
    if labels != fields:
        missing = [f for f in fields if f not in labels]
        unknown = [label for label in labels if label not in fields]
        if missing:
            problem, column = "is missing from the header", missing[0]
        elif unknown:
            problem, column = "is in the header but not in the schema", unknown[0]
        else:
            problem, column = "is out of order in the header", next(
                f for f, label in zip(fields, labels) if f != label)
        raise DataError(f"{shown}, row 1, column {column}: the column {problem}; "
                        f"expected {','.join(fields)}")
    _check_rows(raw.decode("utf-8").lstrip("\ufeff"), entry, shown)


# Plain ASCII decimals only: Python's float() would also take '1_000', 'inf' or
# full-width digits, which a spreadsheet user never means as a number.
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_INTEGER = re.compile(r"[+-]?[0-9]+")


def _check_rows(text: str, entry: dict, shown: str) -> None:
    """Row shape and number syntax, which Frictionless is too lenient about."""
    schema_fields = entry["schema"]["fields"]
    records = list(csv.reader(io.StringIO(text, newline="")))
    if len(records) < 2:
        raise DataError(f"{shown}, row 2, column {schema_fields[0]['name']}: the table has no data rows")
    for row_number, record in enumerate(records[1:], start=2):
        if len(record) > len(schema_fields):
            raise DataError(f"{shown}, row {row_number}, column #{len(schema_fields) + 1} (after "
                            f"{schema_fields[-1]['name']}): the row has {len(record)} fields, the header "
                            f"{len(schema_fields)}; is there an unquoted comma?")
        if len(record) < len(schema_fields):
            missing = schema_fields[len(record)]["name"]
            raise DataError(f"{shown}, row {row_number}, column {missing}: the row has {len(record)} "
                            f"fields, the header {len(schema_fields)}")
        for field, cell in zip(schema_fields, record):
            pattern = {"number": _NUMBER, "integer": _INTEGER}.get(field["type"])
            if pattern and cell != "" and not pattern.fullmatch(cell):
                article = "an" if field["type"][0] in "aeiou" else "a"
                raise DataError(f"{shown}, row {row_number}, column {field['name']}: "
                                f"{cell!r} is not {article} {field['type']}")
            if field.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
                _check_calendar(cell, f"{shown}, row {row_number}, column {field['name']}")


# The tables give dates to the precision their source supports: YYYY, YYYY-MM or YYYY-MM-DD.
PARTIAL_DATE_PATTERN = "^\\d{4}(-\\d{2}(-\\d{2})?)?$"
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _check_calendar(text: str, where: str) -> None:
    """A partial date that has the right shape must also be a day, month or year that exists."""
    found = _PARTIAL_DATE.fullmatch(text)
    if not found:
        return  # the descriptor's pattern reports the shape
    month, day = found.group(2), found.group(3)
    if month and not 1 <= int(month) <= 12:
        raise DataError(f"{where}: {text!r} has no month {month} (months run 01-12)")
    if day and not 1 <= int(day) <= calendar.monthrange(int(found.group(1)), int(month))[1]:
        raise DataError(f"{where}: {text!r} is not a day of the calendar")


def _describe(error: dict, entry: dict, shown: str) -> str:
    """One line for one Frictionless error."""
    kind = error["type"]
    row = error.get("rowNumber") or 1
    field = error.get("fieldName")
    cell = error.get("cell")
    schema = entry["schema"]
    if kind == "type-error":
        wanted = next(f for f in schema["fields"] if f["name"] == field)["type"]
        return f"{shown}, row {row}, column {field}: {cell!r} is not a{'n' if wanted[0] in 'aeiou' else ''} {wanted}"
    if kind == "constraint-error":
        return f"{shown}, row {row}, column {field}: {cell!r} breaks the rule {error['note']}"
    if kind == "unique-error":
        return f"{shown}, row {row}, column {field}: duplicate value {cell!r}, {error['note']}"
    if kind == "primary-key":
        key = ", ".join(schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]])
        return f"{shown}, row {row}, column {key}: duplicate key, {error['note']}"
    if kind == "foreign-key":
        columns = ", ".join(k for fk in schema.get("foreignKeys", []) for k in fk["fields"]
                            if k in error["note"])
        return f"{shown}, row {row}, column {columns or '?'}: {error['note']}"
    if kind in ("missing-label", "incorrect-label", "blank-label", "duplicate-label", "extra-label"):
        return f"{shown}, row 1, column {field or '?'}: the header is wrong ({kind}); expected {','.join(_field_names(entry))}"
    if kind == "extra-cell":
        return f"{shown}, row {row}, column #{error.get('fieldNumber', '?')}: the row has more fields than the header"
    if kind == "missing-cell":
        return f"{shown}, row {row}, column {field}: the row has fewer fields than the header"
    return f"{shown}, row {row}, column {field or '?'}: {error['message']}"


def _check_notebooks_exist(table: pd.DataFrame, shown: str) -> None:
    """A verdict's notebook must be one of the book's notebooks.

    Skipped outside the book (a chapter unzipped on its own has no notebooks/ folder).
    """
    if not (REPO_ROOT / "notebooks").is_dir():
        return
    for row_number, notebook in enumerate(table["notebook"], start=2):
        if pd.notna(notebook) and not (REPO_ROOT / "notebooks" / notebook).is_file():
            raise DataError(f"{shown}, row {row_number}, column notebook: "
                            f"{notebook!r} is not a notebook in notebooks/")


def _check_claim_values(table: pd.DataFrame, shown: str) -> None:
    """Values that parse but cannot be true: a range running downwards, a stated date that is no day."""
    for row_number, claim in enumerate(table.itertuples(), start=2):
        if pd.notna(claim.value_high) and (pd.isna(claim.value) or claim.value_high < claim.value):
            raise DataError(f"{shown}, row {row_number}, column value_high: the range's upper end "
                            f"{claim.value_high:g} is below its lower end {claim.value!r} (or the lower end is missing)")
        if claim.unit == "date" and pd.notna(claim.value_text):
            stated = re.match(r"\d{4}(-\d{2}){1,2}(?!\d)", str(claim.value_text))
            if stated:
                _check_calendar(stated.group(0), f"{shown}, row {row_number}, column value_text")


def _check_verdict_parts(table: pd.DataFrame, shown: str) -> None:
    """A verdict's parts fit together: a settled verdict has a basis, a source and a kind of comparison
    (a date comparison its evidence's date), every other verdict a reason of its kind."""
    from claimcheck.verdicts import REASONS, SETTLED

    for row_number, row in enumerate(table.itertuples(), start=2):
        where = f"{shown}, row {row_number}, column"
        settled = row.verdict in SETTLED
        if settled and (pd.isna(row.basis) or pd.isna(row.source_id)):
            missing = "basis" if pd.isna(row.basis) else "source_id"
            raise DataError(f"{where} {missing}: a {row.verdict} verdict must say what evidence it rests on")
        if not settled and pd.notna(row.basis):
            raise DataError(f"{where} basis: a {row.verdict} verdict rests on no evidence, so it has no basis")
        if settled and pd.isna(row.kind):
            raise DataError(f"{where} kind: a {row.verdict} verdict must say how the two values were compared")
        if not settled and pd.notna(row.kind):
            raise DataError(f"{where} kind: a {row.verdict} verdict compared nothing, so it has no kind")
        if (pd.notna(row.kind) and row.kind == "date") != pd.notna(row.checked_date):
            raise DataError(f"{where} checked_date: a date comparison (kind date), and only one, has the evidence's date")
        wanted = None if row.verdict in ("reproduced", "unchecked") else row.verdict
        found = REASONS[row.reason][0] if pd.notna(row.reason) else None
        if found != wanted:
            kind = f"a reason for a {wanted} verdict" if wanted else "no reason"
            raise DataError(f"{where} reason: a {row.verdict} verdict takes {kind}, not {row.reason!r}")


def _check_unsettled_reasons(table: pd.DataFrame, shown: str) -> None:
    """Why a claim stays open is said about the world, never about the book's own tables."""
    from claimcheck.verdicts import BOOK_DATA_EXCUSE

    for row_number, row in enumerate(table.itertuples(), start=2):
        if BOOK_DATA_EXCUSE.search(row.note):
            raise DataError(f"{shown}, row {row_number}, column note: 'the book's data has no figure' is not a "
                            "reason; say why no public source settles the claim, or add the fact")


# Rules that span rows or files and so do not fit the descriptor.
_TABLE_RULES = {"claims": [_check_claim_values], "verdicts": [_check_verdict_parts, _check_notebooks_exist],
                "unsettled-claims": [_check_unsettled_reasons]}


# A notebook loads the same tables many times (its exercise checks reload them),
# and every build validates the data again, so a table that passed is not
# validated again while its bytes, its foreign tables' bytes, the descriptor's
# bytes and the validator (this module and Frictionless) are unchanged.  The
# build keeps the passes of its last run in a record under _build/ (`validate_all`).
_PASSED: set[str] = set()
_RECORDS_READ: set[Path] = set()


def _remember_passes(record: Path) -> None:
    """Take in the passes a build recorded.  A pass is a fingerprint of the exact bytes and
    validator, so it holds in any process: the notebooks the build executes (and nbval's
    kernels) read the build's record instead of validating every table again."""
    _RECORDS_READ.add(record)
    if record.is_file():
        try:
            _PASSED.update(json.loads(record.read_text(encoding="utf-8")))
        except (ValueError, TypeError):  # a damaged record: validate everything
            pass


@lru_cache(maxsize=1)
def _validator_version() -> str:
    from importlib.metadata import version

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest() + " frictionless " + version("frictionless")


def _fingerprint(name: str, inputs: list[Path], digests: list[str]) -> str:
    parts = [_validator_version(), name, *(f"{path} {digest}" for path, digest in zip(inputs, digests))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _package(descriptor: str, descriptor_digest: str):
    """The Frictionless package, built once per descriptor content (building it is the slow part)."""
    import frictionless  # imported here: it is slow to import and only validation needs it

    return frictionless.Package(descriptor)


def validate_table(name: str, data_dir: Path | str = DATA_DIR) -> str:
    """Raise DataError on the first problem in one table (foreign keys included); return
    the fingerprint under which it passed."""
    data_dir = Path(data_dir).resolve()
    entry = resource(name, data_dir)
    path = data_dir / entry["path"]
    inputs = [data_dir / DESCRIPTOR, path] + [
        data_dir / resource(fk["reference"]["resource"], data_dir)["path"]
        for fk in entry["schema"].get("foreignKeys", [])]
    for read in inputs:
        record_read(read)
    digests = [file_digest(f) for f in inputs]
    fingerprint = _fingerprint(name, inputs, digests)
    if fingerprint not in _PASSED and VALIDATED_FILE not in _RECORDS_READ:
        _remember_passes(VALIDATED_FILE)
    if fingerprint not in _PASSED:
        _check_raw_file(path, entry)
        report = _package(str(inputs[0]), digests[0]).get_resource(name).validate()
        if not report.valid:
            errors = report.tasks[0].errors if report.tasks else report.errors
            raise DataError(_describe(errors[0].to_dict(), entry, _display_path(path)))
        _PASSED.add(fingerprint)
    if name in _TABLE_RULES:  # always: the notebook rule reads files that are not among the inputs
        table = _read(entry, data_dir)
        for rule in _TABLE_RULES[name]:
            rule(table, _display_path(path))
    return fingerprint


def _read(entry: dict, data_dir: Path) -> pd.DataFrame:
    dtypes = {f["name"]: PANDAS_DTYPES[f["type"]] for f in entry["schema"]["fields"]}
    return pd.read_csv(data_dir / entry["path"], dtype=dtypes, encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def load_table(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Validate one table, then read it with the dtypes its schema declares."""
    data_dir = Path(data_dir).resolve()
    validate_table(name, data_dir)
    return _read(resource(name, data_dir), data_dir)


def validate_all(data_dir: Path | str = DATA_DIR, record: Path | None = None) -> list[str]:
    """Validate every table; return one message per broken table (empty when all is well).

    With ``record`` (the build's, under _build/), the tables that passed in the run
    that wrote it and have not changed since are not validated again; the record is
    then rewritten with this run's passes.
    """
    if record is not None:
        _remember_passes(record)
    problems, passed = [], []
    for name in resource_names(data_dir):
        try:
            passed.append(validate_table(name, data_dir))
        except DataError as err:
            problems.append(str(err))
    if record is not None:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(sorted(passed), indent=0), encoding="utf-8")
    return problems
