"""Partial dates ("2014", "2023-04", "2022-12-01") and the rule that compares them.

The texts date events to the day, the month or the year, and the sources do the
same.  A partial date is an interval (``2023-04`` is every day of April 2023); a
stated date and a reference date are compared at the coarser of their two
precisions, as whole numbers (the calendar year, months since January 2000, days
since 1 January 2000), with :func:`claimcheck.verdicts.judge` and a tolerance of
zero, except that a comparison to the day allows one day either way: an
announcement made in the United States in the afternoon falls on the next
calendar day in China.  The chapter on dates and events explains the rule with
examples; every chapter that checks a date uses it.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from claimcheck.verdicts import Verdict, judge

ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
EPOCH_2000 = dt.date(2000, 1, 1)
PRECISION = {1: "year", 2: "month", 3: "day"}
LEVEL_UNIT = {1: "calendar year", 2: "months since 2000-01", 3: "days since 2000-01-01"}


def parse_iso(text):
    """A partial ISO date at the start of a text -> (year, month or None, day or None), or None."""
    if text is None or pd.isna(text):
        return None
    found = ISO.match(str(text).strip())
    if not found:
        return None
    return tuple(int(g) if g else None for g in found.groups())


def precision(parts) -> int:
    """1 for a year, 2 for a month, 3 for a day."""
    return 1 + (parts[1] is not None) + (parts[2] is not None)


def interval(parts) -> tuple[dt.date, dt.date]:
    """First day and the day after the last day of a partial date."""
    year, month, day = parts
    if day is not None:
        start = dt.date(year, month, day)
        return start, start + dt.timedelta(days=1)
    if month is not None:
        return dt.date(year, month, 1), dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def as_number(parts, level: int) -> int:
    """A partial date as a whole number at a precision: year, months or days since 2000-01-01."""
    year, month, day = parts
    if level == 1:
        return year
    if level == 2:
        return (year - 2000) * 12 + (month - 1)
    return (dt.date(year, month, day) - EPOCH_2000).days


def iso(parts) -> str:
    year, month, day = parts
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def compare_dates(stated, reference, *, against: str, basis: str) -> tuple[Verdict, int, int]:
    """judge() for two partial dates at the coarser of their precisions: (verdict, stated number, reference number)."""
    level = min(precision(stated), precision(reference))
    s, r = as_number(stated, level), as_number(reference, level)
    slack = 1 if level == 3 else 0
    shift = 1_000_000 if s == 0 else 0  # January 2000 or 1 January 2000: judge's relative rule cannot scale
    verdict = judge(s + shift, r + shift, against=against, basis=basis,
                    tolerance=slack / abs(s + shift), wrong="wrong-date")
    detail = (f"compared to the {PRECISION[level]} ({LEVEL_UNIT[level]}{', ±1 day for time zones' if slack else ''}): "
              f"stated {iso(stated)}, {against} {iso(reference)}")
    return verdict.amended(note=f"{detail}; {verdict.note}", kind="date", checked_date=iso(reference)), s, r


def stated_date(claim):
    """The date a claim states, as parts, or None: the ISO date its wording gives (unit date), or its year (unit year)."""
    if claim["unit"] == "date":
        return parse_iso(claim["value_text"])
    if claim["unit"] == "year" and pd.notna(claim["value"]) and pd.isna(claim["value_high"]):
        return (int(claim["value"]), None, None)
    return None


def judge_date(stated, facts: pd.DataFrame) -> tuple[Verdict, int, int, pd.Series] | None:
    """A stated date against every published date of its event (rows of event-dates.csv).

    The claim agrees when it matches any of them; otherwise the nearest decides.
    The verdict's finding is the event as the fact row words it (its ``event`` column, where it has one).
    Returns (verdict, stated number, reference number, the fact row), or None when
    there is no fact.
    """
    outcomes = []
    for _, fact in facts.sort_values("date").iterrows():
        verdict, s, r = compare_dates(stated, parse_iso(fact["date"]), against=fact["source_id"], basis=fact["basis"])
        outcomes.append((verdict.amended(finding=fact.get("event", "")), s, r, fact))
    if not outcomes:
        return None
    agreeing = [o for o in outcomes if o[0].verdict == "reproduced"]
    return agreeing[0] if agreeing else min(outcomes, key=lambda o: abs(o[1] - o[2]))
