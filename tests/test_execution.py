"""The build's incremental rule: a document is executed again exactly when its code,
the data layer (claimcheck/) or a file it read last time has changed."""

from pathlib import Path

import nbformat
import pytest

from claimcheck import execution
from claimcheck.tables import DATA_DIR, REPO_ROOT

PACKAGE = execution.package_hash()


def _notebook(code: str):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell(code)]
    return notebook


@pytest.fixture
def recorded(tmp_path):
    """A document that read one table, and the record the build kept of that run."""
    table = tmp_path / "table.csv"
    table.write_text("a\n1\n", encoding="utf-8")
    notebook = _notebook("load_table('table')")
    record = {"package": PACKAGE, "code": execution._code_digest(notebook),
              "files": {str(table): execution.file_digest(table)}}
    assert execution._unchanged_since(record, notebook, PACKAGE)
    return table, notebook, record


def test_a_changed_table_makes_its_readers_stale(recorded):
    table, notebook, record = recorded
    table.write_bytes(b"a\r\n1\r\n")  # the same number, other bytes
    assert not execution._unchanged_since(record, notebook, PACKAGE)


def test_a_deleted_table_makes_its_readers_stale(recorded):
    table, notebook, record = recorded
    table.unlink()
    assert not execution._unchanged_since(record, notebook, PACKAGE)


def test_changed_code_or_data_layer_makes_a_document_stale(recorded):
    _, notebook, record = recorded
    assert not execution._unchanged_since(record, _notebook("load_table('other')"), PACKAGE)
    assert not execution._unchanged_since(record, notebook, "the hash of a newer claimcheck")
    assert not execution._unchanged_since(None, notebook, PACKAGE)


def test_outputs_and_prose_do_not_make_a_document_stale(recorded):
    _, notebook, record = recorded
    notebook.cells[0].source = "# A page, reworded"
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="printed\n")]
    assert execution._unchanged_since(record, notebook, PACKAGE)


@pytest.mark.skipif(not execution.INPUTS_FILE.is_file(), reason="the book is not built: run `make book` first")
def test_the_build_recorded_the_tables_a_chapter_reads():
    reads = execution.recorded_reads(REPO_ROOT / "notebooks" / "model-parameters.ipynb")
    assert reads is not None, "the build is out of date"
    assert DATA_DIR / "models.csv" in reads and DATA_DIR / "claims.csv" in reads
    assert DATA_DIR / "markets.csv" not in reads


@pytest.fixture
def kept_kernel_stopped():
    """Stops the kept kernel a test started in this process (the build's worker processes stop theirs as they exit)."""
    yield
    if execution._kept is not None:
        execution._kept.shutdown()
        execution._kept = None


@pytest.mark.parametrize("keep_kernel", [False, True], ids=["fresh kernel", "kept kernel"])
def test_a_chart_that_fails_to_draw_stops_the_build(tmp_path, keep_kernel, kept_kernel_stopped):
    """Drawing happens after the cell's code has finished, so the cell itself succeeds;
    the traceback only lands in its outputs, and the build must not publish it."""
    path = tmp_path / "chart.ipynb"
    nbformat.write(_notebook("import matplotlib.pyplot as plt\n"
                             "fig, ax = plt.subplots()\n"
                             "ax.xaxis.set_major_formatter(lambda x, pos: 1 / 0)"), path)
    *_, error = execution._execute(str(path), timeout=60, keep_kernel=keep_kernel)
    assert error and error.startswith("cell 1: ZeroDivisionError"), error


def test_after_a_cell_raises_the_next_document_gets_a_new_kernel(tmp_path, kept_kernel_stopped):
    failing, next_one = tmp_path / "failing.ipynb", tmp_path / "next.ipynb"
    nbformat.write(_notebook("raise ValueError('a bug')"), failing)
    nbformat.write(_notebook("1 + 1"), next_one)
    *_, error = execution._execute(str(failing), timeout=60, keep_kernel=True)
    assert "ValueError" in error and "a bug" in error
    assert execution._kept is None
    *_, error = execution._execute(str(next_one), timeout=60, keep_kernel=True)
    assert error is None and execution._kept is not None


def test_the_build_runs_a_document_using_another_library_in_a_fresh_kernel(tmp_path, kept_kernel_stopped):
    """itables changes how pandas displays every table: a kept kernel would pass that on."""
    path = tmp_path / "explorer.ipynb"
    nbformat.write(_notebook("import itables\nimport pandas as pd"), path)
    *_, error = execution._execute(str(path), timeout=60, keep_kernel=True)
    assert error is None
    assert execution._kept is None, "the document ran in a kept kernel"


THEME_TABLES = sorted(path.stem for path in DATA_DIR.glob("*.csv") if path.stem not in ("claims", "sources"))
# Data-layer helpers that load a table for the document that calls them.
LOADS_THROUGH = {"verdicts": ("load_ledger(", "show_source_page("), "unsettled-claims": ("unsettled_claims(",)}


@pytest.fixture(scope="module")
def current_build():
    """The build's execution cache and record, which `make test` brings up to date first."""
    from jupyter_cache import get_cache

    if not execution.INPUTS_FILE.is_file():
        pytest.skip("the book is not built: run `make book` first")
    return get_cache(str(execution.CACHE_DIR)), execution._recorded_inputs(), PACKAGE


def _stale(build) -> set[str]:
    return {str(path.relative_to(REPO_ROOT)) for path, _ in execution.stale_documents(*build)}


def test_an_unchanged_book_has_nothing_to_execute(current_build):
    assert _stale(current_build) == set(), "the build is out of date: run `make book`"


@pytest.mark.parametrize("table", THEME_TABLES)
def test_one_changed_table_makes_exactly_the_documents_that_load_it_stale(table, current_build, monkeypatch):
    """What `make book` would execute after ``table`` changed: the documents whose code loads
    it (read off their code here, not off the build's record), and nothing else."""
    changed, digest = DATA_DIR / f"{table}.csv", execution.file_digest
    monkeypatch.setattr(execution, "file_digest", lambda path: "edited" if Path(path) == changed else digest(path))
    calls = (f'load_table("{table}")', *LOADS_THROUGH.get(table, ()))
    loaders = {str(path.relative_to(REPO_ROOT)) for path in execution.documents()
               if any(call in path.read_text(encoding="utf-8").replace('\\"', '"') for call in calls)}
    assert loaders, f"no document loads {table}"
    assert _stale(current_build) == loaders
