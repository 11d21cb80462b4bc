"""How a notebook reports the verdicts it computed, and how the ledger reads them back.

A notebook ends its checks with :func:`publish_verdicts`.  That prints the
"claims checked" table as plain text (which nbval compares on every test run)
and stores the same rows, machine-readable, in the cell's output under
:data:`RESULTS_MIME`.  ``python -m claimcheck ledger`` copies those rows into
the verdict columns of ``data/claims.csv``; ``tests/test_ledger.py`` fails when
the two disagree.  So a verdict in the ledger is always one a notebook computed,
and nbval makes sure the notebook still computes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

RESULTS_MIME = "application/vnd.claimcheck.verdicts+json"
RESULT_COLUMNS = ["claim_id", "stated", "checked", "against", "verdict", "verdict_note"]


def verdict_table_text(results: pd.DataFrame) -> str:
    """The fixed-format text of a claims-checked table (what nbval compares).

    Shows every column but the note, so a notebook may add labels (a model, a
    country) between claim_id and the numbers.
    """
    from claimcheck.verdicts import format_number

    shown = results.drop(columns="verdict_note").copy()
    for column in ("stated", "checked"):
        shown[column] = shown[column].map(format_number)
    return shown.astype("string").fillna("").to_string(index=False)


def publish_verdicts(results: pd.DataFrame) -> None:
    """Display the verdicts of a notebook, as text and as data for the ledger."""
    from IPython.display import display

    missing = [c for c in RESULT_COLUMNS if c not in results.columns]
    if missing:
        raise ValueError(f"publish_verdicts needs the columns {RESULT_COLUMNS}; missing {missing}")
    if results["claim_id"].duplicated().any():
        raise ValueError(f"claims judged twice: {sorted(results.loc[results.claim_id.duplicated(), 'claim_id'])}")
    def number(value):
        return None if pd.isna(value) else float(value)

    # stated and checked travel with the verdict so the front page can rank discrepancies
    records = [
        {"claim_id": r.claim_id, "verdict": r.verdict, "verdict_note": r.verdict_note,
         "stated": number(r.stated), "checked": number(r.checked)}
        for r in results.itertuples()
    ]
    display({"text/plain": verdict_table_text(results), RESULTS_MIME: records}, raw=True)


def read_published_verdicts(notebook: Path) -> list[dict]:
    """The verdict records stored in a notebook's committed outputs."""
    from claimcheck.execution import record_read

    record_read(notebook)
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    records = []
    for cell in cells:
        for output in cell.get("outputs", []):
            for record in output.get("data", {}).get(RESULTS_MIME, []):
                records.append({**record, "notebook": Path(notebook).name})
    return records


def verdicts_from_notebooks(notebooks_dir: Path) -> dict[str, dict]:
    """claim_id -> {verdict, verdict_note, notebook}, from every notebook's committed outputs."""
    found: dict[str, dict] = {}
    for notebook in sorted(Path(notebooks_dir).glob("*.ipynb")):
        for record in read_published_verdicts(notebook):
            earlier = found.get(record["claim_id"])
            if earlier is not None:
                raise ValueError(f"{record['claim_id']} is judged by both {earlier['notebook']} "
                                 f"and {record['notebook']}; one notebook must own each claim")
            found[record["claim_id"]] = record
    return found


def ledger_rows_with_verdicts(rows: list[dict], verdicts: dict[str, dict]) -> list[dict]:
    """The ledger's rows with verdict, verdict_note and notebook set from the notebooks.

    A claim no notebook judged is ``unchecked``; a verdict for a claim id the
    ledger does not have is an error (a typo in a notebook must not vanish).
    """
    known = {row["claim_id"] for row in rows}
    strangers = sorted(set(verdicts) - known)
    if strangers:
        raise ValueError(f"notebooks judge claims the ledger does not have: {strangers}")
    updated = []
    for row in rows:
        record = verdicts.get(row["claim_id"])
        updated.append({**row,
                        "verdict": record["verdict"] if record else "unchecked",
                        "verdict_note": record["verdict_note"] if record else "",
                        "notebook": record["notebook"] if record else ""})
    return updated
