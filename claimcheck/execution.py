"""Execute the book's notebooks and pages before Sphinx builds them, in parallel,
re-executing exactly those whose code or input files changed.

Jupyter Book's cache keys a notebook on its code alone, so an edited CSV would
leave stale outputs in the site (jupyter-book issue #1633).  Here every
execution records the files it actually read (``load_table`` reports each
table, and each table its foreign keys pull in, through :func:`record_read`),
and their hashes.  A cached notebook is reused only when its code matches (the
cache's own rule) *and* none of the files it read last time has changed.

Each worker process keeps one kernel for the documents it runs, reset before each to
a fresh kernel's state (claimcheck/kernels.py): a kernel's start-up and imports cost
about as much as a document's own cells.  A document that uses a library the reset
does not cover (the claims explorer's itables changes how pandas displays every
table) runs in a fresh kernel of its own.

The executed notebooks go into the same jupyter-cache that Jupyter Book reads
(``execute_notebooks: cache``), so the Sphinx build that follows executes nothing
itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / "_build" / ".jupyter_cache"
INPUTS_FILE = CACHE_DIR / "claimcheck-inputs.json"
# The documents executed by the last run, for book/_ext/reexecuted_pages.py to re-read.
EXECUTED_FILE = CACHE_DIR / "claimcheck-executed.json"
# The tables that passed validation in the last build (claimcheck.tables.validate_all).
VALIDATED_FILE = CACHE_DIR / "claimcheck-validated.json"
PACKAGE_DIR = Path(__file__).resolve().parent
READ_LOG_VARIABLE = "CLAIMCHECK_READ_LOG"


def record_read(path: Path) -> None:
    """Note that the running notebook read ``path`` (a no-op outside a build)."""
    log = os.environ.get(READ_LOG_VARIABLE)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).resolve()}\n")


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, or "missing"."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def package_hash() -> str:
    """A digest of the claimcheck package's code and word lists: what every output depends on."""
    digest = hashlib.sha256()
    # exercises/ included (the check cells import it), and the glossary (the words outputs use)
    for source in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("*.csv")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _code_digest(notebook) -> str:
    """A digest of a document's code cells (what it runs, not what it printed)."""
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(code).encode("utf-8")).hexdigest()


def _recorded_inputs() -> dict:
    return json.loads(INPUTS_FILE.read_text(encoding="utf-8")) if INPUTS_FILE.is_file() else {}


def _unchanged_since(record: dict | None, notebook, package: str) -> bool:
    """Whether the document's code, the data layer (hash ``package``) and every file it read
    are as when ``record`` was made."""
    return (record is not None and record["package"] == package
            and record.get("code") == _code_digest(notebook)
            and all(file_digest(Path(p)) == h for p, h in record["files"].items()))


def recorded_reads(path: Path) -> list[Path] | None:
    """The files ``path`` read when the build last executed it, or None if anything has changed since."""
    record = _recorded_inputs().get(str(path.resolve().relative_to(REPO_ROOT)))
    unchanged = _unchanged_since(record, read_document(path), package_hash())
    return sorted(Path(p) for p in record["files"]) if unchanged else None


def documents() -> list[Path]:
    """The executable documents of the table of contents: notebooks and MyST-NB pages."""
    import yaml

    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    found = []
    for name in names:
        notebook, page = REPO_ROOT / f"{name}.ipynb", REPO_ROOT / f"{name}.md"
        if notebook.is_file():
            found.append(notebook)
        elif page.is_file() and "file_format: mystnb" in page.read_text(encoding="utf-8")[:300]:
            found.append(page)
    return found


def read_document(path: Path):
    """The document as the notebook Jupyter Book will hash (MyST pages converted as myst-nb does)."""
    import nbformat
    from myst_nb.core.read import read_myst_markdown_notebook

    if path.suffix == ".ipynb":
        return nbformat.read(path, as_version=4)
    return read_myst_markdown_notebook(path.read_text("utf8"), add_source_map=True, path=str(path))


def verdicts_with(data_dir: Path, chapters: list[str], timeout: int = 600) -> dict[str, dict]:
    """The verdicts the chapters give with the data of ``data_dir`` instead of data/: claim_id -> record.

    Each chapter runs in a fresh kernel from a copy of notebooks/ (its outputs are thrown
    away; the book's notebooks are not touched).  A chapter that raises raises here.
    This is how a new claim or fact, added to a copy of data/, is judged without editing
    a notebook (the page *Re-running the analyses* shows it; the tests add one of each).
    """
    import shutil

    import nbformat
    from nbclient import NotebookClient

    from claimcheck.results import RESULTS_MIME

    env = {k: v for k, v in os.environ.items() if k != READ_LOG_VARIABLE}
    env["CLAIMCHECK_DATA_DIR"] = str(Path(data_dir).resolve())
    found = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "notebooks"
        folder.mkdir()
        for chapter in chapters:
            source = REPO_ROOT / "notebooks" / f"{chapter}.ipynb"
            record_read(source)
            shutil.copyfile(source, folder / source.name)
            notebook = nbformat.read(folder / source.name, as_version=4)
            NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                           resources={"metadata": {"path": str(folder)}}).execute(env=env)
            for cell in notebook.cells:
                for output in cell.get("outputs", []):
                    for record in output.get("data", {}).get(RESULTS_MIME, []):
                        found[record["claim_id"]] = {**record, "notebook": source.name}
    return found


def errors_shown(notebook) -> str | None:
    """The tracebacks a run put in its outputs without failing the cell, or None.

    A cell whose code raises stops the run.  An error raised afterwards, while
    drawing the cell's chart or in a post-execute hook, only adds an error
    output: the page would show a traceback where a chart should be.
    """
    shown = [f"cell {index}: {output.ename}: {output.evalue}"
             for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
             for output in cell.get("outputs", []) if output.output_type == "error"]
    return "\n".join(shown) or None


def _execute(path: str, timeout: int, keep_kernel: bool = False):
    """Run one document (in a worker process); return what it read.

    In a fresh kernel, as a reader runs it; with ``keep_kernel``, in this process's kept
    kernel, put back into a fresh kernel's state first, unless the document uses a
    library the reset does not cover (claimcheck/kernels.py)."""
    from jupyter_cache.executors.utils import single_nb_execution

    from claimcheck.kernels import can_keep_kernel

    notebook = read_document(Path(path))
    folder = str(Path(path).parent)
    with tempfile.NamedTemporaryFile("r", suffix=".reads", delete=False) as log:
        try:
            if keep_kernel and can_keep_kernel(notebook):
                seconds, error = _execute_in_kept_kernel(notebook, folder, timeout, {READ_LOG_VARIABLE: log.name})
            else:
                os.environ[READ_LOG_VARIABLE] = log.name  # the kernel inherits it
                result = single_nb_execution(notebook, cwd=folder, timeout=timeout, allow_errors=False)
                seconds, error = result.time, result.exc_string if result.err is not None else None
            reads = sorted(set(Path(log.name).read_text(encoding="utf-8").split()))
        finally:
            os.environ.pop(READ_LOG_VARIABLE, None)
            os.unlink(log.name)
    return path, notebook, seconds, reads, error or errors_shown(notebook)


_kept = None  # this worker process's kernel (claimcheck.kernels.KeptKernel), once started


def _execute_in_kept_kernel(notebook, folder: str, timeout: int, variables: dict) -> tuple[float, str | None]:
    """Run ``notebook`` in this process's kept kernel, started on first use and stopped when the
    process ends; after a failure it is stopped, and the next document gets a new one."""
    import traceback
    from multiprocessing.util import Finalize

    from claimcheck.kernels import KeptKernel

    global _kept
    started = time.perf_counter()
    if _kept is None:
        _kept = KeptKernel(folder)
        Finalize(_kept, _kept.shutdown, exitpriority=10)  # run as a pool's worker exits
    try:
        _kept.run(notebook, folder, timeout, variables)
        error = None
    except Exception:  # a cell raised or timed out, or the kernel died
        error = traceback.format_exc()
        _kept.shutdown()
        _kept = None
    return time.perf_counter() - started, error


def stale_documents(cache, inputs: dict, package: str) -> list[tuple[Path, object]]:
    """The documents to execute, each with its outdated cache record (or None).

    A document is stale when the cache holds no run of its code, or when the data
    layer (hash ``package``) or a file it read (``inputs``, the build's record) has
    changed since its last run.
    """
    stale = []
    for path in documents():
        notebook = read_document(path)
        try:
            record = cache.match_cache_notebook(notebook)
        except KeyError:
            record = None
        if record is None or not _unchanged_since(inputs.get(str(path.relative_to(REPO_ROOT))), notebook, package):
            stale.append((path, record))
    return stale


def execute_book(check_data: Callable[[], bool], jobs: int | None = None, timeout: int = 600) -> int:
    """Bring the execution cache up to date; return the number of documents executed.

    ``check_data()`` validates the data; it runs while the first kernels start up,
    which hides its time when few documents are stale.  When it returns False the
    build stops (after the kernels already running finish) and nothing from this
    run is cached.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(CACHE_DIR))
    inputs = _recorded_inputs()
    package = package_hash()

    stale = []
    for path, outdated in stale_documents(cache, inputs, package):
        if outdated is not None:
            cache.remove_cache(outdated.pk)
        stale.append(path)
    # Longest first (by the last run's time), so the workers finish together.
    stale.sort(key=lambda path: -inputs.get(str(path.relative_to(REPO_ROOT)), {}).get("seconds", float("inf")))

    started = time.perf_counter()
    failures = []
    jobs = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(stale) or 1))) as pool:
        runs = pool.map(_execute, map(str, stale), [timeout] * len(stale), [True] * len(stale))
        if not check_data():
            pool.shutdown(cancel_futures=True)
            raise SystemExit("the data is not valid (see above); nothing from this run is cached")
        for path, notebook, seconds, reads, error in runs:
            key = str(Path(path).relative_to(REPO_ROOT))
            if error:
                failures.append(key)
                print(f"\n{key} failed:\n{error}", file=sys.stderr)
                continue
            cache.cache_notebook_bundle(CacheBundleIn(notebook, path, data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            inputs[key] = {"package": package, "code": _code_digest(notebook), "seconds": round(seconds, 1),
                           "files": {p: file_digest(Path(p)) for p in reads}}
            print(f"executed {key} in {seconds:.1f} s (read {len(reads)} files)")
    INPUTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    INPUTS_FILE.write_text(json.dumps(inputs, indent=1, sort_keys=True), encoding="utf-8")
    executed = sorted(str(p.relative_to(REPO_ROOT).with_suffix("")) for p in stale)
    EXECUTED_FILE.write_text(json.dumps(executed, indent=1), encoding="utf-8")
    if failures:
        raise SystemExit(f"execution failed: {', '.join(failures)}")
    print(f"{len(stale)} of {len(documents())} documents executed in "
          f"{time.perf_counter() - started:.1f} s; the rest were up to date")
    return len(stale)


def _execute_in_place(path: str, timeout: int) -> str | None:
    """Re-execute one committed notebook and save it; return the error, if any.

    No timing metadata is recorded, so re-executing unchanged code on unchanged
    data leaves the file byte-for-byte the same (and `git diff` empty).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return str(error)
    shown = errors_shown(notebook)
    if shown:
        return shown
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
    nbformat.write(notebook, path)
    return None


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks: how a print is split depends on timing."""
    joined = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def execute_notebooks_in_place(jobs: int | None = None, timeout: int = 600, paths: list[str] | None = None) -> None:
    """Re-execute every notebook of notebooks/ (or those of ``paths``) in place, in parallel (``make notebooks``)."""
    paths = sorted(str(Path(p).resolve()) for p in paths) if paths else sorted(
        str(p) for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        errors = dict(zip(paths, pool.map(_execute_in_place, paths, [timeout] * len(paths))))
    for path, error in errors.items():
        print(f"{Path(path).name}: {'FAILED' if error else 'executed'}")
        if error:
            print(error, file=sys.stderr)
    if any(errors.values()):
        raise SystemExit("some notebooks failed; the others were saved")
