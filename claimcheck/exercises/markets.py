"""Checks for the exercises of the markets chapter."""

import math

import pandas as pd

from claimcheck.exercises import assert_close, assert_log_y_axes
from claimcheck.tables import load_table


def _levels() -> pd.DataFrame:
    """The market-size figures of the ledger that are levels (not growth rates), with a value and a year."""
    claims = load_table("claims")
    selected = claims[claims["category"] == "market-size"].copy()
    is_rate = selected["measure"].str.contains("growth|CAGR", case=False) & selected["unit"].isin(["share", "factor"])
    selected = selected[~is_rate & selected["value"].notna() & selected["as_of"].notna()]
    selected["year"] = selected["as_of"].map(lambda as_of: int(str(as_of)[:4]))
    return selected.sort_values(["year", "claim_id"])


def _figures(market: str) -> pd.DataFrame:
    return _levels()[lambda df: df["subject"] == market].drop_duplicates(["unit", "year"])


def _not_percent(answer, expected: float, what: str) -> None:
    """A hint for a rate given in percent instead of as a fraction."""
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return
    if expected and math.isclose(value, 100 * expected, rel_tol=1e-3):
        raise AssertionError(f"give {what} as a fraction (0.05 for 5%), not in percent")


def q1(answer):
    """(published - stated) / stated for the 2030 global AIGC market forecast."""
    stated = _figures("global AIGC market")
    stated = stated[stated["year"] == 2030].iloc[0]
    markets = load_table("markets")
    published = markets[(markets["market"] == "global AIGC market") & (markets["year"] == 2030)
                        & (markets["unit"] == stated["unit"])].sort_values("fact_id").iloc[0]
    expected = (published["value"] - stated["value"]) / stated["value"]
    _not_percent(answer, expected, "the difference")
    try:
        if math.isclose(float(answer), -expected, rel_tol=1e-3):
            raise AssertionError("check the sign: published minus stated, over stated")
        if math.isclose(float(answer), (published["value"] - stated["value"]) / published["value"], rel_tol=1e-3):
            raise AssertionError("divide by the stated figure, not by the published one")
    except (TypeError, ValueError):
        pass
    assert_close(answer, expected, what="your relative difference")


def q2(answer):
    """The 2030 conversational-AI market, extrapolated at the CAGR of the text's first and last figures."""
    figures = _figures("global conversational AI market")
    figures = figures[figures["unit"] == "USD"]
    first, last = figures.iloc[0], figures.iloc[-1]
    rate = (last["value"] / first["value"]) ** (1 / (last["year"] - first["year"])) - 1
    expected = last["value"] * (1 + rate) ** (2030 - last["year"])
    try:
        if math.isclose(float(answer) * 1e9, expected, rel_tol=1e-3):
            raise AssertionError("give the amount in US dollars, not in billions")
    except (TypeError, ValueError):
        pass
    assert_close(answer, expected, what="your 2030 market size")


def q3(answer):
    """The constant growth rate at which the synthetic-data market reaches the training-data market."""
    part = _figures("global synthetic data market").iloc[-1]
    whole = _figures("global AI training data market").iloc[-1]
    if part["unit"] != whole["unit"]:
        raise AssertionError("the two figures are in different currencies; this exercise needs one")
    expected = (whole["value"] / part["value"]) ** (1 / (whole["year"] - part["year"])) - 1
    _not_percent(answer, expected, "the rate")
    assert_close(answer, expected, what="your break-even growth rate")


def q4(answer):
    """A log-scale plot of each USD market's constant-growth path to 2030, returned as its Axes."""
    assert_log_y_axes(answer, "answer_q4")
    if not answer.get_ylabel():
        raise AssertionError("label the y axis, with its unit")
    levels = _levels()
    levels = levels[levels["unit"] == "USD"].drop_duplicates(["subject", "year"])
    lines = [(list(map(float, line.get_xdata())), list(map(float, line.get_ydata()))) for line in answer.get_lines()]
    for market, group in levels.groupby("subject", sort=True):
        if len(group) < 2:
            continue
        first, last = group.iloc[0], group.iloc[-1]
        rate = (last["value"] / first["value"]) ** (1 / (last["year"] - first["year"])) - 1
        wanted = [float(year) for year in range(int(first["year"]), 2031)]

        def fits(line, first=first, rate=rate, wanted=wanted):
            xs, ys = line
            return sorted(xs) == wanted and all(
                math.isclose(y, first["value"] * (1 + rate) ** (x - first["year"]), rel_tol=1e-3)
                for x, y in zip(xs, ys))
        if not any(fits(line) for line in lines):
            raise AssertionError(f"no line shows the {market} growing at its implied constant rate, "
                                 "year by year from its first figure to 2030 (in US dollars)")
