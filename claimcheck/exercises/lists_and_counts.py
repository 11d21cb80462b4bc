"""Checks for the exercises of the lists-and-counts chapter."""

import math

import pandas as pd

from claimcheck.exercises import assert_close, first_by
from claimcheck.tables import load_table

# The chapter's selection rule (its text, "Rule"): these are definitions, not results.
CATEGORIES = ("policy-date", "other", "content-production")
DATE_UNITS = ("date", "year", "years", "months", "days", "hours", "rank")
PLANETS = "S004-102"  # the No Man's Sky claim the first two exercises are about
YI = 1e8  # 亿


def _number(answer) -> float | None:
    try:
        return float(answer)
    except (TypeError, ValueError):
        return None


def _planets() -> tuple[float, float]:
    """The stated planet count of the claim and its independent count."""
    claims = load_table("claims").set_index("claim_id")
    facts = load_table("lists-and-counts-facts")
    fact = facts[(facts["claim_id"] == PLANETS) & facts["value"].notna()]
    return float(claims.loc[PLANETS, "value"]), float(first_by(fact, "source_id", "independent planet count")["value"])


def q1(answer):
    """The whole power of ten n with independent ≈ stated × 10**n, for the No Man's Sky planets."""
    stated, independent = _planets()
    expected = round(math.log10(independent / stated))
    value = _number(answer)
    if value is None:
        raise AssertionError(f"the answer should be a whole number (a power of ten), got {answer!r}")
    if not value.is_integer():
        raise AssertionError(f"{value:.4g} is not a whole number: round the power of ten to the nearest integer")
    if value == -expected:
        raise AssertionError("check the direction: by how much must the stated figure be multiplied?")
    if value != expected:
        raise AssertionError(f"10**{value:.0f} is not the factor between the stated and the independent count "
                             "(compare the two counts' orders of magnitude, e.g. with math.log10)")


def q2(answer):
    """(independent - corrected) / corrected, with the stated 1840亿 read as 1840亿亿."""
    stated, independent = _planets()
    corrected = stated * YI
    expected = (independent - corrected) / corrected
    value = _number(answer)
    if value is not None:
        if math.isclose(value, 100 * expected, rel_tol=1e-2):
            raise AssertionError("give the difference as a fraction (0.05 for 5%), not in percent")
        if math.isclose(value, -expected, rel_tol=1e-2):
            raise AssertionError("check the sign: independent minus corrected, over corrected")
        if math.isclose(value, (independent - corrected) / independent, rel_tol=1e-3):
            raise AssertionError("divide by the corrected stated figure, not by the independent count")
        if math.isclose(value, (independent - stated) / stated, rel_tol=1e-2):
            raise AssertionError("that is the gap of the figure as printed; correct it by one 亿 first")
    assert_close(answer, expected, rel=1e-2, what="your relative difference")


def q3(answer):
    """Per source text, the share of its announced lists (with items to count) that give as many as announced."""
    claims = load_table("claims")
    lists = load_table("list-items")
    mine = claims[claims["category"].isin(CATEGORIES) & ~claims["unit"].isin(DATE_UNITS)]
    countable = mine.merge(lists.drop(columns="source_id"), on="claim_id").dropna(subset=["value", "items_counted"])
    expected = (countable["value"] == countable["items_counted"].astype(float)).groupby(countable["source_id"]).mean()
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        raise AssertionError(f"give a pandas Series (or a dict) indexed by source_id, got {type(answer).__name__}")
    shown = {str(key) for key in answer.index}
    if shown != set(expected.index):
        missing, extra = sorted(set(expected.index) - shown), sorted(shown - set(expected.index))
        raise AssertionError("the index should be the source_id of every text with an announced list to count"
                             + (f"; missing {', '.join(missing)}" if missing else "")
                             + (f"; not expected {', '.join(extra)}" if extra else ""))
    answer = answer.copy()
    answer.index = answer.index.map(str)
    for source, share in expected.items():
        value = _number(answer[source])
        if value is not None and share and math.isclose(value, 100 * share, rel_tol=1e-3):
            raise AssertionError("give each share as a fraction (0.5 for half), not in percent")
        if value is None or not math.isclose(value, share, rel_tol=1e-3, abs_tol=1e-9):
            raise AssertionError(f"the share for {source} is not right (count only lists with both an announced "
                                 "number and items to count, and compare the two)")
