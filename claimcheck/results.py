"""How a notebook reports the verdicts it computed, and how the ledger's verdict table is made.

A notebook ends its checks with :func:`publish_verdicts`.  That prints the
"claims checked" table as plain text (which nbval compares on every test run),
shows readers the same verdicts with a badge and a plain explanation (HTML), and
stores the same rows, machine-readable, in the cell's output under
:data:`RESULTS_MIME`.  ``python -m claimcheck ledger`` (``make ledger``) writes
those rows into ``data/verdicts.csv``, one per claim; ``tests/test_ledger.py``
fails when the two disagree.  So a verdict in the data package is always one a
notebook computed, and nbval makes sure the notebook still computes it.
``data/claims.csv`` stays what the texts say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from claimcheck.verdicts import Verdict

RESULTS_MIME = "application/vnd.claimcheck.verdicts+json"
RESULT_COLUMNS = ["claim_id", "stated", "checked", "against", "source_id", "verdict", "basis", "reason", "verdict_note"]
# Parts a reader's explanation is made from (claimcheck.present); empty when a table lacks them.
READER_COLUMNS = ["kind", "finding", "checked_date"]
# The columns verdict_columns() gives a claims-checked table.
VERDICT_PARTS = ["verdict", "basis", "reason", "verdict_note", *READER_COLUMNS]
# The columns of data/verdicts.csv, in order (its schema is in data/datapackage.json).
VERDICT_TABLE_COLUMNS = ["claim_id", "verdict", "basis", "reason", "kind", "stated", "checked", "checked_date",
                         "source_id", "against", "finding", "note", "notebook"]


def verdict_columns(verdicts: list[Verdict]) -> dict[str, list[str]]:
    """The verdict columns of a claims-checked table: verdict, basis, reason, verdict_note and the reader's parts."""
    verdicts = list(verdicts)
    return {"verdict": [v.verdict for v in verdicts], "basis": [v.basis for v in verdicts],
            "reason": [v.reason for v in verdicts], "verdict_note": [v.note for v in verdicts],
            **{part: [getattr(v, part) for v in verdicts] for part in READER_COLUMNS}}


def verdict_table_text(results: pd.DataFrame) -> str:
    """The fixed-format text of a claims-checked table (what nbval compares).

    Shows every column but the note and the reader's parts, so a notebook may add labels (a model, a
    country) between claim_id and the numbers.
    """
    from claimcheck.verdicts import format_number

    shown = results.drop(columns=["verdict_note", *[c for c in READER_COLUMNS if c in results]]).copy()
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

    def text(value):
        return "" if value is None or pd.isna(value) else str(value)

    records = [
        {"claim_id": r.claim_id, "verdict": r.verdict, "basis": text(r.basis), "reason": text(r.reason),
         "stated": number(r.stated), "checked": number(r.checked), "source_id": text(r.source_id),
         "against": text(r.against), "note": r.verdict_note,
         **{part: text(getattr(r, part, "")) for part in READER_COLUMNS}}
        for r in results.itertuples()
    ]
    from claimcheck.present import verdicts_html

    display({"text/plain": verdict_table_text(results), "text/html": verdicts_html(results), RESULTS_MIME: records},
            raw=True)


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
    """claim_id -> the verdict record a notebook published (with its notebook), from the committed outputs."""
    found: dict[str, dict] = {}
    for notebook in sorted(Path(notebooks_dir).glob("*.ipynb")):
        for record in read_published_verdicts(notebook):
            earlier = found.get(record["claim_id"])
            if earlier is not None:
                raise ValueError(f"{record['claim_id']} is judged by both {earlier['notebook']} "
                                 f"and {record['notebook']}; one notebook must own each claim")
            found[record["claim_id"]] = record
    return found


def verdict_rows(claim_ids: list[str], verdicts: dict[str, dict]) -> list[dict]:
    """The rows of data/verdicts.csv: one per claim, in the ledger's order.

    A claim no notebook judged is ``unchecked``; a verdict for a claim id the
    ledger does not have is an error (a typo in a notebook must not vanish).
    """
    strangers = sorted(set(verdicts) - set(claim_ids))
    if strangers:
        raise ValueError(f"notebooks judge claims the ledger does not have: {strangers}")

    def cell(value):
        return "" if value is None else (repr(value) if isinstance(value, float) else str(value))

    rows = []
    for claim_id in claim_ids:
        record = verdicts.get(claim_id)
        if record is None:
            record = {"verdict": "unchecked", "note": "no notebook has judged this claim yet"}
        rows.append({column: cell(record.get(column)) for column in VERDICT_TABLE_COLUMNS} | {"claim_id": claim_id})
    return rows


def load_ledger(data_dir=None) -> pd.DataFrame:
    """The claims (what the texts say) with their verdicts (what the notebooks found), one row per claim.

    The verdict's note is the column ``verdict_note`` and its source ``evidence_source_id``
    (``source_id`` stays the text that makes the claim); a claim without a row in
    verdicts.csv has no verdict (NA), which the tests refuse.
    """
    from claimcheck.tables import DATA_DIR, load_table

    data_dir = DATA_DIR if data_dir is None else data_dir
    verdicts = load_table("verdicts", data_dir).rename(columns={"note": "verdict_note", "source_id": "evidence_source_id"})
    return load_table("claims", data_dir).merge(verdicts, on="claim_id", how="left", validate="one_to_one")
