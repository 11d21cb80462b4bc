"""The evidence every chapter shares: why a claim that no fact settles stays open.

A chapter judges a claim against the facts of its theme table.  When none
settles it, the claim's row in ``data/unsettled-claims.csv`` says why: its
reason (``unsupported`` or ``unverifiable``, see :data:`claimcheck.verdicts.REASONS`)
and one sentence about the world ("OpenAI has not disclosed the size").  That
row is research, kept as data, so a new claim needs no code to be judged.
"""

from __future__ import annotations

import pandas as pd

from claimcheck.tables import DATA_DIR, load_table
from claimcheck.verdicts import Verdict, unsettled


def unsettled_claims(data_dir=DATA_DIR) -> pd.DataFrame:
    """The table of unsettled claims, indexed by claim_id."""
    return load_table("unsettled-claims", data_dir).set_index("claim_id")


def open_verdict(claim_id: str, table: pd.DataFrame) -> tuple[Verdict, str]:
    """(verdict, source_id) of a claim no fact settles, from its row in ``table`` (:func:`unsettled_claims`).

    A claim without a row is ``unchecked``: nobody has yet looked for its primary
    source.  The chapter still runs; the book's tests refuse to ship it.
    """
    if claim_id not in table.index:
        return Verdict("unchecked", "no fact settles this claim and unsettled-claims.csv does not say why: "
                                    "look for its primary source, then add a fact or a row there"), ""
    row = table.loc[claim_id]
    verdict = unsettled(row["reason"], row["note"])
    if pd.notna(row["searched"]):
        verdict = verdict.amended(note=f"{row['note']} (searched: {row['searched']})")
    return verdict, ("" if pd.isna(row["source_id"]) else row["source_id"])
