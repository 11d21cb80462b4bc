"""The data layer: the real data validates, and bad input fails with file, row and column."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claimcheck import DataError, load_table, resource_names, validate_all
from claimcheck.__main__ import main
from claimcheck.tables import DATA_DIR, REPO_ROOT


def test_the_real_data_validates():
    assert validate_all(DATA_DIR) == []


@pytest.mark.parametrize("name", resource_names())
def test_tables_load_with_schema_dtypes(name):
    table = load_table(name)
    assert len(table) > 0
    assert table.dtypes.astype(str).isin(["string", "float64", "Int64", "boolean"]).all()


def test_numbers_load_as_numbers():
    models = load_table("models")
    assert models["parameters"].dtype == "float64"
    assert models.set_index("model").loc["GPT-3", "parameters"] == 1.75e11


def _replace_cell(path: Path, row: int, column: str, new: str) -> None:
    """Set one cell of a CSV (row numbers as in error messages: header = 1)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[row - 2, column] = new
    table.to_csv(path, index=False)


def _break(data: Path, table: str, how):
    path = data / f"{table}.csv"
    how(path)
    return path


# (table, how to break it, expected row, expected column, words the message must contain)
CORRUPTIONS = {
    "unparseable number": ("models", lambda p: _replace_cell(p, 3, "parameters", "1.2亿"), 3, "parameters", "not a number"),
    "wrong type": ("sources", lambda p: _replace_cell(p, 2, "year", "twenty"), 2, "year", "not an integer"),
    "negative count": ("models", lambda p: _replace_cell(p, 4, "parameters", "-5"), 4, "parameters", "minimum"),
    "out-of-range share": ("claims", lambda p: _replace_cell(p, 6, "unit", "percent"), 6, "unit", "enum"),
    "duplicate key": ("models", lambda p: _replace_cell(p, 5, "model", "GPT-1"), 5, "model", "duplicate"),
    "unknown source_id": ("claims", lambda p: _replace_cell(p, 10, "source_id", "S999"), 10, "source_id", "S999"),
    "missing required value": ("claims", lambda p: _replace_cell(p, 8, "quote_zh", ""), 8, "quote_zh", "required"),
    "unknown verdict": ("verdicts", lambda p: _replace_cell(p, 7, "verdict", "plausible"), 7, "verdict", "enum"),
    "missing column": ("models", lambda p: pd.read_csv(p, dtype=str).drop(columns="country").to_csv(p, index=False), 1, "country", "missing from the header"),
    "empty file": ("models", lambda p: p.write_bytes(b""), 1, "model", "empty"),
    "wrong delimiter": ("models", lambda p: pd.read_csv(p, dtype=str).to_csv(p, index=False, sep=";"), 1, "model", "';'"),
    "non-UTF-8 bytes": ("models", lambda p: p.write_bytes(p.read_bytes().replace("Google".encode(), "谷歌".encode("gbk"), 1)), None, "organisation", "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_bad_input_names_file_row_and_column(case, data_copy):
    table, how, row, column, words = CORRUPTIONS[case]
    _break(data_copy, table, how)
    with pytest.raises(DataError) as caught:
        load_table(table, data_copy)
    message = str(caught.value)
    assert message.startswith(f"{data_copy / table}.csv, row "), message
    if row is not None:
        assert f", row {row}," in message, message
    assert re.search(rf"column [^:]*\b{re.escape(column)}\b", message), message
    assert words in message, message
    assert "\n" not in message


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_spreadsheet_variants_load(variant, data_copy):
    path = data_copy / "models.csv"
    text = path.read_text(encoding="utf-8")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if "bom" in variant:
        raw = b"\xef\xbb\xbf" + raw
    path.write_bytes(raw)
    assert load_table("models", data_copy).equals(load_table("models"))


def test_validate_command_fails_on_a_broken_copy(data_copy):
    _replace_cell(data_copy / "models.csv", 7, "parameters", "1.2亿")
    result = subprocess.run([sys.executable, "-m", "claimcheck", "validate", str(data_copy)],
                            capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{data_copy}/models.csv, row 7, column parameters: '1.2亿' is not a number"]


def test_validate_command_passes_on_the_real_data(capsys):  # in-process: no second interpreter
    assert main(["validate"]) == 0, capsys.readouterr().err


def test_a_broken_descriptor_is_one_clear_line(data_copy, capsys):
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 1
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and "not valid UTF-8 JSON" in stderr, stderr


def test_a_table_edited_after_loading_is_validated_again(data_copy):
    """Validation is remembered per file content, so a notebook that reloads a table it
    already loaded once still sees a corruption made in between."""
    load_table("models", data_copy)
    _replace_cell(data_copy / "models.csv", 4, "parameters", "1,000")
    with pytest.raises(DataError, match=r"models.csv, row 4, column parameters"):
        load_table("models", data_copy)


def test_a_rule_added_to_the_descriptor_applies_at_once(data_copy):
    load_table("models", data_copy)
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    models = next(r for r in descriptor["resources"] if r["name"] == "models")
    parameters = next(f for f in models["schema"]["fields"] if f["name"] == "parameters")
    parameters["constraints"]["minimum"] = 1e15  # more than any model has
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match=r"models.csv, row 2, column parameters: .* breaks the rule"):
        load_table("models", data_copy)


def test_the_build_remembers_passes_and_revalidates_only_what_changed(data_copy, tmp_path, monkeypatch):
    """The build's record lets an unchanged table skip validation in the next build; a
    table edited since is validated again (with the tables whose foreign keys point to it),
    and its error still names file, row and column."""
    from claimcheck import tables

    record = tmp_path / "validated.json"
    assert validate_all(data_copy, record) == []
    assert len(json.loads(record.read_text(encoding="utf-8"))) == len(resource_names(data_copy))

    validated = []
    monkeypatch.setattr(tables, "_PASSED", set())  # a new build: only the record remembers
    monkeypatch.setattr(tables, "_check_raw_file", lambda path, entry: validated.append(path.name))
    _replace_cell(data_copy / "models.csv", 7, "parameters", "1.2亿")
    problems = validate_all(data_copy, record)
    assert validated == ["models.csv", "institution-models.csv"]  # institution-models.csv refers to models.csv
    assert problems[0] == f"{data_copy}/models.csv, row 7, column parameters: '1.2亿' is not a number"
    passed = len(json.loads(record.read_text(encoding="utf-8")))
    assert passed == len(resource_names(data_copy)) - len(problems)


def test_a_notebook_trusts_the_build_record_for_unchanged_bytes_only(data_copy, tmp_path, monkeypatch):
    """A kernel the build starts reads the build's record: a table that passed with these
    exact bytes is not validated again, an edited one is."""
    from claimcheck import tables

    record = tmp_path / "validated.json"
    assert validate_all(data_copy, record) == []
    validated = []
    monkeypatch.setattr(tables, "_PASSED", set())  # a new process
    monkeypatch.setattr(tables, "_RECORDS_READ", set())
    monkeypatch.setattr(tables, "VALIDATED_FILE", record)
    monkeypatch.setattr(tables, "_check_raw_file", lambda path, entry: validated.append(path.name))
    load_table("sources", data_copy)
    assert validated == []
    _replace_cell(data_copy / "models.csv", 7, "parameters", "1.2亿")
    with pytest.raises(DataError, match="row 7, column parameters"):
        load_table("models", data_copy)
    assert validated == ["models.csv"]


def test_a_damaged_record_means_validating_everything(data_copy, tmp_path, monkeypatch):
    from claimcheck import tables

    record = tmp_path / "validated.json"
    record.write_text('["cut sho', encoding="utf-8")
    validated = []
    monkeypatch.setattr(tables, "_PASSED", set())
    monkeypatch.setattr(tables, "_check_raw_file", lambda path, entry: validated.append(path.name))
    assert validate_all(data_copy, record) == []
    assert len(validated) == len(resource_names(data_copy))


def test_the_build_stops_on_invalid_data_and_caches_nothing(data_copy, tmp_path, monkeypatch, capsys):
    """`make book` runs `python -m claimcheck execute`, which validates data/ first."""
    from claimcheck import __main__ as cli
    from claimcheck import execution

    _replace_cell(data_copy / "models.csv", 7, "parameters", "1.2亿")
    monkeypatch.setattr(cli, "DATA_DIR", data_copy)
    monkeypatch.setattr(execution, "documents", lambda: [])  # no kernels: the stop is what is tested
    for name in ("CACHE_DIR", "INPUTS_FILE", "EXECUTED_FILE", "VALIDATED_FILE"):
        monkeypatch.setattr(execution, name, tmp_path / "cache" / getattr(execution, name).name)
    with pytest.raises(SystemExit, match="the data is not valid"):
        main(["execute"])
    assert "models.csv, row 7, column parameters: '1.2亿' is not a number" in capsys.readouterr().err
    assert not execution.INPUTS_FILE.exists() and not execution.EXECUTED_FILE.exists()


def test_when_the_execution_fails_no_edition_is_built(tmp_path):
    """`make book` starts the editions' Sphinx while the notebooks run (scripts/build_site.py,
    --execute-first): when the run fails, no edition builds, and the build fails with its status."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_site", REPO_ROOT / "scripts" / "build_site.py")
    build_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_site)
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    assert build_site.build_all(["en", "zh"], tmp_path, execute=False, first=failing) == 3
    assert not any(tmp_path.rglob("*.html"))
