"""The claims ledger: complete, quoted verbatim, and in step with the notebooks."""

import re

import pytest

from claimcheck import load_table
from claimcheck.results import ledger_rows_with_verdicts, verdicts_from_notebooks
from claimcheck.tables import REPO_ROOT

from conftest import SHARED

NOTEBOOKS = REPO_ROOT / "notebooks"


@pytest.fixture(scope="module")
def claims():
    return load_table("claims")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_claim_ids_are_unique_and_belong_to_their_source(claims):
    assert claims["claim_id"].is_unique
    assert (claims["claim_id"].str[:4] == claims["source_id"]).all()


def test_every_source_text_has_claims(claims):
    texts = set(load_table("sources").query("kind == 'text'")["source_id"])
    assert texts == set(claims["source_id"])


def test_every_claim_has_a_number_or_a_wording(claims):
    assert (claims["value"].notna() | claims["value_text"].notna()).all()


def test_ranges_run_upwards(claims):
    ranged = claims[claims["value_high"].notna()]
    assert (ranged["value_high"] >= ranged["value"]).all()


def test_every_named_notebook_exists(claims):
    named = set(claims["notebook"].dropna())
    assert named, "no claim is checked by a notebook yet"
    missing = sorted(n for n in named if not (NOTEBOOKS / n).is_file())
    assert not missing


def test_the_ledger_holds_exactly_the_verdicts_the_notebooks_published():
    """nbval makes the committed outputs match a fresh run; this makes the ledger match them."""
    import csv

    with (REPO_ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = ledger_rows_with_verdicts(rows, verdicts_from_notebooks(NOTEBOOKS))
    stale = [row["claim_id"] for row, want in zip(rows, expected) if row != want]
    assert not stale, f"run `make ledger`: the ledger disagrees with the notebooks on {stale[:10]}"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not present: quotes not checked")
def test_every_quote_occurs_verbatim_in_its_text(claims):
    sources = load_table("sources").set_index("source_id")
    texts = {sid: squash((SHARED / "seeds" / sources.loc[sid, "file"]).read_text(encoding="utf-8"))
             for sid in claims["source_id"].unique()}
    missing = [row.claim_id for row in claims.itertuples() if squash(row.quote_zh) not in texts[row.source_id]]
    assert not missing, f"quotes not found verbatim: {missing}"


def test_no_claim_is_left_unchecked(claims):
    unchecked = claims.loc[claims["verdict"] == "unchecked", "claim_id"].tolist()
    assert not unchecked, f"claims no notebook judges: {unchecked[:10]}"


def test_every_verdict_has_a_note(claims):
    judged = claims[claims["verdict"] != "unchecked"]
    assert judged["verdict_note"].notna().all()
