"""The claims ledger and its verdicts: complete, quoted verbatim, in step with the notebooks,
and held to a fact-checker's standard (a source for every settled verdict, a real reason
for every unsettled one, one verdict for one statement)."""

import csv
import re

import pandas as pd
import pytest

from claimcheck import load_table
from claimcheck.results import VERDICT_TABLE_COLUMNS, load_ledger, verdict_rows, verdicts_from_notebooks
from claimcheck.tables import REPO_ROOT
from claimcheck.verdicts import BOOK_DATA_EXCUSE, REASONS, SETTLED, qualifier_of

from conftest import SHARED

NOTEBOOKS = REPO_ROOT / "notebooks"


@pytest.fixture(scope="module")
def claims():
    return load_table("claims")


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


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


def test_the_verdict_table_holds_exactly_the_verdicts_the_notebooks_published(claims):
    """nbval makes the committed outputs match a fresh run; this makes data/verdicts.csv match them."""
    with (REPO_ROOT / "data" / "verdicts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = verdict_rows(list(claims["claim_id"]), verdicts_from_notebooks(NOTEBOOKS))
    assert [list(row) for row in rows[:1]] == [VERDICT_TABLE_COLUMNS]
    stale = [want["claim_id"] for row, want in zip(rows, expected) if row != want]
    assert len(rows) == len(expected) and not stale, f"run `make ledger`: verdicts.csv disagrees on {stale[:10]}"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not present: quotes not checked")
def test_every_quote_occurs_verbatim_in_its_text(claims):
    sources = load_table("sources").set_index("source_id")
    texts = {sid: squash((SHARED / "seeds" / sources.loc[sid, "file"]).read_text(encoding="utf-8"))
             for sid in claims["source_id"].unique()}
    missing = [row.claim_id for row in claims.itertuples() if squash(row.quote_zh) not in texts[row.source_id]]
    assert not missing, f"quotes not found verbatim: {missing}"


def test_no_claim_is_left_unchecked(ledger):
    unchecked = ledger.loc[ledger["verdict"].isna() | (ledger["verdict"] == "unchecked"), "claim_id"].tolist()
    assert not unchecked, f"claims no notebook judges, or no one has said why they stay open: {unchecked[:10]}"


def test_every_settled_verdict_names_a_source_a_reader_can_follow(ledger):
    sources = load_table("sources").set_index("source_id")
    settled = ledger[ledger["verdict"].isin(SETTLED)]
    assert settled["evidence_source_id"].notna().all()
    unknown = sorted(set(settled["evidence_source_id"]) - set(sources.index))
    assert not unknown, unknown
    # arithmetic rests on the text itself, which the bibliography cites as fully as it can be
    arithmetic = settled["basis"] == "arithmetic"
    assert (settled.loc[arithmetic, "evidence_source_id"] == settled.loc[arithmetic, "source_id"]).all()
    evidence = settled.loc[~arithmetic, "evidence_source_id"]
    unfollowable = [s for s in sorted(set(evidence)) if pd.isna(sources.loc[s, "url"]) and pd.isna(sources.loc[s, "doi"])]
    assert not unfollowable, f"sources of settled verdicts without a URL or DOI: {unfollowable}"


def test_no_unsettled_verdict_blames_the_books_own_data(ledger):
    unsettled = ledger[ledger["verdict"].isin(["unsupported", "unverifiable"])]
    excuses = [c for c, note in zip(unsettled["claim_id"], unsettled["verdict_note"]) if BOOK_DATA_EXCUSE.search(note)]
    assert not excuses, f"'not in the book's data' is not a reason: {excuses}"


def test_every_unsettled_claim_row_is_the_reason_of_an_open_verdict(ledger):
    """A row of unsettled-claims.csv for a claim that evidence now settles is stale research."""
    rows = load_table("unsettled-claims").merge(ledger[["claim_id", "verdict", "reason"]], on="claim_id",
                                                suffixes=("", "_given"))
    stale = rows[rows["reason"] != rows["reason_given"].fillna("")]
    assert stale.empty, f"unsettled-claims.csv rows that no longer decide the verdict: {list(stale['claim_id'])}"


def test_one_statement_gets_one_verdict_across_the_texts(ledger):
    """Claims of different texts with the same subject, measure and stated value are judged alike,
    unless each note names the other claims (and so says why not)."""
    ledger = ledger.assign(qualifier=ledger["value_text"].map(qualifier_of))
    key = ["subject", "measure", "unit", "value", "value_high", "qualifier"]
    groups = ledger[ledger["value"].notna()].groupby(key, dropna=False)
    unexplained = []
    for _, group in groups:
        if group["source_id"].nunique() < 2 or group["verdict"].nunique() < 2:
            continue
        for row in group.itertuples():
            others = set(group["claim_id"]) - {row.claim_id}
            if not any(other in row.verdict_note for other in others):
                unexplained.append(row.claim_id)
    assert not unexplained, f"the same statement is judged differently without saying why: {unexplained}"


def test_reasons_belong_to_their_verdicts(ledger):
    for row in ledger.itertuples():
        if row.verdict == "reproduced":
            assert pd.isna(row.reason), row.claim_id
        else:
            assert REASONS[row.reason][0] == row.verdict, row.claim_id


def test_at_most_three_in_ten_claims_stay_unsettled(ledger):
    """The standard the book holds itself to: a claim a public source can settle is settled."""
    share = ledger["verdict"].isin(["unsupported", "unverifiable"]).mean()
    assert share <= 0.30, f"{share:.0%} of the claims are unsupported or unverifiable"
