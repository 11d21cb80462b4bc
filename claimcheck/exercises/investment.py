"""Checks for the exercises of the investment chapter."""

import math

from claimcheck.exercises import assert_close, first_by
from claimcheck.tables import load_table

CNY_PER_USD = 7.2  # the exchange rate the exercise gives (roughly the 2024 average)
CURRENCIES = {"USD", "CNY"}


def _number(answer, what):
    try:
        return float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"{what} should be a number, got {answer!r}") from None


def _private_2024(subject: str) -> tuple[float, str]:
    """The text's stated private AI investment of a country in 2024, and its unit."""
    claims = load_table("claims")
    rows = claims[(claims["category"] == "investment") & (claims["subject"] == subject)
                  & (claims["measure"] == "private AI investment")]
    row = first_by(rows, "claim_id", f"stated private AI investment of {subject}")
    return float(row["value"]), str(row["unit"])


def q1(answer):
    """The US/China ratio of 2024 the sentence implies if its 元 is read literally as yuan."""
    us, us_unit = _private_2024("United States")
    cn, cn_unit = _private_2024("China")
    to_usd = {"USD": 1.0, "CNY": 1 / CNY_PER_USD}
    expected = (us * to_usd[us_unit]) / (cn * to_usd[cn_unit])
    value = _number(answer, "your ratio")
    if math.isclose(value, us / cn, rel_tol=1e-3) and not math.isclose(expected, us / cn, rel_tol=1e-3):
        raise AssertionError("that is the ratio with both numbers read as US dollars; "
                             "convert the amount written in yuan to US dollars first")
    if math.isclose(value, us * CNY_PER_USD / cn, rel_tol=1e-3):
        raise AssertionError("you multiplied by the exchange rate: yuan to US dollars means dividing by "
                             "the number of yuan per dollar")
    if math.isclose(value, 1 / expected, rel_tol=1e-3):
        raise AssertionError("your ratio is upside down: the US amount over the Chinese one")
    assert_close(value, expected, what="your ratio")


def q2(answer):
    """Share of the AI Index's 2024 global corporate AI investment that the US and Chinese private investment make up."""
    facts = load_table("investment").set_index(["subject", "measure"])["value"]
    private = facts[("United States", "private AI investment")] + facts[("China", "private AI investment")]
    expected = private / facts[("global AI", "AI investment")]
    value = _number(answer, "your share")
    if value > 1 and math.isclose(value / 100, expected, rel_tol=1e-3):
        raise AssertionError("give the share as a fraction between 0 and 1, not as a percentage")
    if value > 1:
        raise AssertionError("a share of a total is at most 1: divide the part by the whole")
    assert_close(value, expected, what="your share")


def _compared_amounts():
    """Every investment claim with a stated amount and an independent amount, with its relative difference."""
    claims = load_table("claims")
    facts = load_table("investment")
    stated = claims[(claims["category"] == "investment") & claims["unit"].isin(CURRENCIES)
                    & claims["value"].notna()]
    merged = stated.merge(facts[facts["value"].notna()], on=["subject", "measure"], suffixes=("", "_source"))
    merged["difference"] = (merged["value"] - merged["value_source"]).abs() / merged["value_source"]
    return merged.set_index("claim_id")["difference"]


def q3(answer):
    """The claim_id of the stated amount furthest, relatively, from its independent amount."""
    difference = _compared_amounts()
    if not isinstance(answer, str):
        raise AssertionError(f"give the claim id as a string like 'S000-001', got {answer!r}")
    answer = answer.strip()
    if answer not in difference.index:
        raise AssertionError(f"{answer} is not an amount (in USD or CNY) that has an independent amount "
                             "to compare with; join the claims to the facts on subject and measure")
    if answer != difference.idxmax():
        raise AssertionError(f"{answer} is not the claim with the largest relative difference "
                             "|stated - source| / source")
