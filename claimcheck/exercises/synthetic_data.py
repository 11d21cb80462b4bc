"""Checks for the exercises of the synthetic-data chapter."""

import math

from claimcheck.exercises import assert_close, assert_log_y_axes, first_by
from claimcheck.tables import load_table


def _claim(subject: str, measure: str):
    claims = load_table("claims")
    rows = claims[(claims["subject"] == subject) & (claims["measure"] == measure)]
    return first_by(rows, "claim_id", f"claim for {subject!r} / {measure!r}")


def _market():
    """(start year, start value, end year, end value, CAGR) of the stated synthetic-data market."""
    start = _claim("global synthetic data market", "market size")
    end = _claim("global synthetic data market", "market size forecast")
    y0, y1 = int(str(start["as_of"])[:4]), int(str(end["as_of"])[:4])
    cagr = (end["value"] / start["value"]) ** (1 / (y1 - y0)) - 1
    return y0, float(start["value"]), y1, float(end["value"]), cagr


def _training_market():
    """(year, value) of Grand View Research's forecast for the whole AI-training-data market."""
    row = _claim("global AI training data market", "market size forecast")
    return int(str(row["as_of"])[:4]), float(row["value"])


def q1(answer):
    """Like-for-like increase: the 18-month total scaled to 12 months, minus the implied 2020 funding (USD)."""
    total = _claim("synthetic data companies", "total funding raised")["value"]
    months = _claim("synthetic data companies", "funding period length")["value"]
    increase = _claim("synthetic data companies", "funding increase over 2020")["value"]
    baseline = total - increase
    expected = total * 12 / months - baseline
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"your increase should be a number, got {answer!r}") from None
    if math.isclose(value * 1e6, expected, rel_tol=1e-3):
        raise AssertionError("give the increase in US dollars, not in millions")
    if math.isclose(value, increase, rel_tol=1e-3):
        raise AssertionError("that is the increase the text states; scale the 18-month total to 12 months first")
    assert_close(value, expected, what="your like-for-like increase")


def q2(answer):
    """First year in which the extrapolated synthetic-data market exceeds Grand View's AI-training-data forecast."""
    _, _, y1, end, cagr = _market()
    _, target = _training_market()
    year = y1
    while end * (1 + cagr) ** (year - y1) <= target:
        year += 1
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"give a calendar year as a number, got {answer!r}") from None
    if value != int(value) or not 1900 < value < 2200:
        raise AssertionError(f"give a whole calendar year such as 2040, got {answer!r}")
    if int(value) != year:
        raise AssertionError(f"{int(value)} is not the first year in which the extrapolated market exceeds the "
                             "forecast (use the growth rate implied by the two Cognilytica figures, compounded "
                             "yearly from the last stated year)")


def _points(ax):
    """Every (x, y) drawn as a line vertex or a scatter point."""
    points = []
    for line in ax.get_lines():
        points += list(zip(line.get_xdata(), line.get_ydata()))
    for collection in ax.collections:
        points += [tuple(p) for p in collection.get_offsets()]
    return points


def q3(answer):
    """A log-scale plot of the extrapolated market path and Grand View's forecast, returned as its Axes."""
    assert_log_y_axes(answer, "answer_q3")
    if not answer.get_ylabel():
        raise AssertionError("label the y axis, with its unit")
    y0, _, _, _, cagr = _market()
    year, target = _training_market()
    paths = []
    for line in answer.get_lines():
        try:
            xs = [float(x) for x in line.get_xdata()]
            ys = [float(y) for y in line.get_ydata()]
        except (TypeError, ValueError):
            continue
        if y0 in xs and year in xs:
            paths.append(dict(zip(xs, ys)))
    if not paths:
        raise AssertionError(f"draw the path as a line with one vertex per year, from {y0} to {year}, "
                             "with plain years (numbers) on the x axis")
    growth = (1 + cagr) ** (year - y0)
    path = next((p for p in paths if p[y0] > 0 and math.isclose(p[year] / p[y0], growth, rel_tol=1e-2)), None)
    if path is None:
        raise AssertionError(f"your line does not grow at the rate implied by the two Cognilytica figures "
                             f"between {y0} and {year}")
    try:
        marked = [(float(x), float(y)) for x, y in _points(answer)]
    except (TypeError, ValueError):
        marked = []
    scale = path[y0] / _market()[1]  # the line's unit: plotted value per US dollar
    if not any(x == year and math.isclose(y, target * scale, rel_tol=1e-2) for x, y in marked):
        raise AssertionError(f"mark Grand View Research's {year} forecast as a point, in the same unit as your line")
