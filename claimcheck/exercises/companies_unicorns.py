"""Checks for the exercises of the companies-unicorns chapter."""

import math

from claimcheck.exercises import assert_close, assert_log_y_axes, first_by
from claimcheck.tables import load_table

CATEGORIES = ("companies-unicorns", "valuation")


def _number(answer, what):
    try:
        return float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"{what} should be a number, got {answer!r}") from None


def _fact(subject: str, measure: str, scope: str) -> float:
    facts = load_table("companies-unicorns")
    rows = facts[(facts["subject"] == subject) & (facts["measure"] == measure) & (facts["scope"] == scope)]
    return float(first_by(rows, "fact_id", f"{measure} of {subject} ({scope})")["value"])


def _selected():
    claims = load_table("claims")
    return claims[claims["category"].isin(CATEGORIES)]


def _stated_unicorns(subject: str, unit: str) -> float:
    """The text's stated unicorn count (unit 'companies') or total valuation (unit 'USD') of a country."""
    claims = _selected()
    rows = claims[(claims["subject"] == subject) & (claims["unit"] == unit)
                  & claims["measure"].str.lower().str.contains("unicorn")]
    return float(first_by(rows, "claim_id", f"stated unicorn figure of {subject} in {unit}")["value"])


def q1(answer):
    """Average valuation of China's AI unicorns without the largest, in USD billion."""
    total = _fact("China", "unicorn total valuation", "artificial intelligence")
    count = _fact("China", "unicorn count", "artificial intelligence")
    largest = _fact("China", "largest unicorn valuation", "artificial intelligence")
    expected = (total - largest) / (count - 1) / 1e9
    value = _number(answer, "your average")
    if math.isclose(value / 1e9, expected, rel_tol=1e-3):
        raise AssertionError("give the average in USD billion, not in USD")
    if math.isclose(value, total / count / 1e9, rel_tol=1e-3):
        raise AssertionError("that is the average of all of China's AI unicorns; leave the largest out, "
                             "from the total and from the count")
    if math.isclose(value, (total - largest) / count / 1e9, rel_tol=1e-3):
        raise AssertionError("you removed the largest unicorn from the total but not from the count")
    assert_close(value, expected, what="your average (USD billion)")


def q2(answer):
    """Stated US AIGC unicorn valuation over the valuation of all unicorns in the world."""
    expected = _stated_unicorns("United States", "USD") / _fact("World", "unicorn total valuation", "all industries")
    value = _number(answer, "your factor")
    if math.isclose(value, 1 / expected, rel_tol=1e-3):
        raise AssertionError("your ratio is upside down: the stated US figure over the world total")
    if math.isclose(value, expected * 100, rel_tol=1e-3):
        raise AssertionError("give a plain factor (like 0.5 or 2), not a percentage")
    assert_close(value, expected, what="your factor")


def q3(answer):
    """The claim_id of the founding-year claim furthest, in years, from the CB Insights founding year."""
    claims = _selected()
    stated = claims[claims["measure"].str.lower().str.contains("found") & (claims["unit"] == "year")]
    facts = load_table("companies-unicorns")
    years = facts[facts["measure"] == "founding year"].set_index("subject")["value"]
    compared = stated.assign(checked=stated["subject"].map(years)).dropna(subset=["value", "checked"])
    gap = (compared["value"] - compared["checked"]).abs()
    expected = compared.loc[gap.idxmax(), "claim_id"]
    if not isinstance(answer, str):
        raise AssertionError(f"give the claim id as a string like 'S000-001', got {answer!r}")
    if answer.strip() not in set(claims["claim_id"]):
        raise AssertionError(f"{answer!r} is not a claim of this chapter (categories companies-unicorns, valuation)")
    if answer.strip() not in set(compared["claim_id"]):
        raise AssertionError(f"{answer} is not a founding year that the CB Insights list can check")
    if answer.strip() != expected:
        raise AssertionError(f"{answer} is not the founding year furthest from the list's year")


def q4(answer):
    """A bar chart of every stated and CB Insights total valuation by country, on a log scale, as its Axes."""
    assert_log_y_axes(answer, "answer_q4")
    facts = load_table("companies-unicorns")
    totals = facts[(facts["measure"] == "unicorn total valuation") & (facts["subject"] != "World")]
    countries = set(totals["subject"])
    stated = _selected()
    stated = stated[stated["subject"].isin(countries) & (stated["unit"] == "USD")
                    & stated["measure"].str.lower().str.contains("unicorn") & stated["value"].notna()]
    expected = len(totals) + len(stated)
    bars = [p for p in answer.patches
            if hasattr(p, "get_height") and math.isfinite(p.get_height()) and p.get_height() > 0]
    if len(bars) != expected:
        raise AssertionError(f"the plot shows {len(bars)} bars; there are {expected} total valuations "
                             "(stated and CB Insights, AI industry and all industries, by country)")
    if not answer.get_ylabel():
        raise AssertionError("label the y axis, with its unit")
