"""Checks for the exercises of the dates-events chapter.

The expected answers are recomputed here from ``claims`` and ``event-dates``
with the chapter's rules: its selection of claims, partial dates compared at the
coarser of the two precisions, and one day of slack for a comparison to the day.
"""

import datetime as dt
import math
import re

import pandas as pd

from claimcheck.dates import as_number as _number
from claimcheck.dates import parse_iso as _parse
from claimcheck.dates import precision as _precision
from claimcheck.dates import stated_date as _stated
from claimcheck.exercises import assert_close
from claimcheck.tables import load_table

CATEGORIES = ("policy-date", "other", "content-production")
UNITS = ("date", "year", "years", "months", "days", "hours", "rank")


def _comparisons() -> pd.DataFrame:
    """Every dated claim of the chapter that has an independent date, compared as the chapter does:
    against each published date of its event, keeping the best match."""
    claims = load_table("claims")
    mine = claims[claims["category"].isin(CATEGORIES) & claims["unit"].isin(UNITS)].copy()
    mine["parts"] = mine.apply(_stated, axis=1)
    spans = (mine["unit"] == "year") & mine["value"].notna() & mine["value_high"].notna()
    mine = mine[mine["parts"].notna() | spans]
    both = mine.merge(load_table("event-dates"), on=["subject", "measure"], how="inner")
    rows = []
    for _, c in both.iterrows():
        reference = _parse(c["date"])
        if c["parts"] is None:  # a span of years holds when the independent year lies inside it
            level = 1
            gap = max(int(c["value"]) - reference[0], reference[0] - int(c["value_high"]), 0)
            same_year = gap == 0
        else:
            stated = c["parts"]
            level = min(_precision(stated), _precision(reference))
            gap = abs(_number(stated, level) - _number(reference, level))
            same_year = stated[0] == reference[0]
        rows.append(dict(claim_id=c["claim_id"], level=level, gap=gap,
                         discrepant=gap > (1 if level == 3 else 0), same_year=same_year))
    compared = pd.DataFrame(rows, columns=["claim_id", "level", "gap", "discrepant", "same_year"])
    # a claim agrees when any published date of its event agrees; otherwise the nearest one counts
    best = compared.sort_values(["claim_id", "discrepant", "gap"]).drop_duplicates("claim_id")
    return best.reset_index(drop=True)


def _ids(answer, what: str) -> set:
    """A student's collection of claim ids as a set of strings."""
    if isinstance(answer, str):
        answer = [answer]
    try:
        ids = {str(a).strip() for a in answer}
    except TypeError:
        raise AssertionError(f"give {what} as a list of claim ids like ['S000-001'], got {answer!r}") from None
    if not all(re.fullmatch(r"S\d{3}-\d{3}", i) for i in ids):
        raise AssertionError(f"every item should be a claim id like 'S000-001', got {sorted(ids)}")
    return ids


def _compare_ids(ids: set, expected: set) -> None:
    missing, extra = expected - ids, ids - expected
    if extra:
        raise AssertionError(f"{len(extra)} of your claims should not be there: {', '.join(sorted(extra))}")
    if missing:
        raise AssertionError(f"your list is right as far as it goes, but {len(missing)} claim(s) are missing")


def q1(answer):
    """Days between the independent release dates of DALL-E and DALL-E 2."""
    facts = load_table("event-dates")
    # an event with several published dates was released on the first
    first, second = (dt.date.fromisoformat(facts.loc[(facts["subject"] == model) & (facts["measure"] == "release date"),
                                                     "date"].min()) for model in ("DALL-E", "DALL-E 2"))
    expected = (second - first).days
    try:
        value = float(answer)
    except (TypeError, ValueError):
        value = None
    if value is not None:
        if math.isclose(value, expected / 365.25, rel_tol=0.01) or math.isclose(value, expected / 365, rel_tol=0.01):
            raise AssertionError("that looks like years; the question asks for days")
        if math.isclose(abs(value), expected, rel_tol=1e-9) and value < 0:
            raise AssertionError("your gap is negative: subtract the earlier date from the later one")
        if math.isclose(value, expected, abs_tol=1.5) and value != expected:
            raise AssertionError("off by a day: count the days from one date to the other (date2 - date1)")
    assert_close(answer, expected, rel=1e-9, what="your number of days")


def q2(answer):
    """The discrepant claims that a comparison to the year alone would reproduce."""
    table = _comparisons()
    expected = set(table.loc[table["discrepant"] & table["same_year"], "claim_id"])
    ids = _ids(answer, "the claims")
    reproduced = set(table.loc[~table["discrepant"], "claim_id"])
    if ids & reproduced:
        raise AssertionError("some of your claims are already reproduced; list only discrepant ones")
    _compare_ids(ids, expected)


def q3(answer):
    """The claims that are reproduced only thanks to the one-day allowance for time zones."""
    table = _comparisons()
    expected = set(table.loc[(table["level"] == 3) & (table["gap"] == 1), "claim_id"])
    ids = _ids(answer, "the claims")
    discrepant = set(table.loc[table["discrepant"], "claim_id"])
    if ids & discrepant:
        raise AssertionError("some of your claims are discrepant even with the allowance; list reproduced ones")
    _compare_ids(ids, expected)


def q4(answer):
    """A bar chart of how far each discrepant claim is from its independent date, on a log scale."""
    if not hasattr(answer, "get_yscale"):
        raise AssertionError("set answer_q4 to the matplotlib Axes of your plot (e.g. ax)")
    scales = {"x": answer.get_xscale(), "y": answer.get_yscale()}
    log_axes = [axis for axis, scale in scales.items() if scale == "log"]
    if not log_axes:
        raise AssertionError("the days axis is not on a log scale (ax.set_xscale('log') or ax.set_yscale('log'))")
    table = _comparisons()
    n = int(table["discrepant"].sum())
    bars = [p for p in answer.patches if hasattr(p, "get_width") and p.get_width() and p.get_height()]
    if len(bars) != n:
        raise AssertionError(f"the plot has {len(bars)} bars; there should be one per discrepant claim")
    label = answer.get_xlabel() if log_axes[0] == "x" else answer.get_ylabel()
    if not label:
        raise AssertionError("label the log-scale axis, with its unit (days)")
    if "day" not in label.lower():
        raise AssertionError("the log-scale axis label should say its unit (days)")
