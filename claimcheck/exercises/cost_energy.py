"""Checks for the exercises of the cost-energy chapter."""

import math

from claimcheck.exercises import assert_close
from claimcheck.tables import load_table

LBS_PER_TONNE = 2204.62262  # pounds in a metric tonne


def _fact(fact_id: str) -> float:
    return float(load_table("cost-energy").set_index("fact_id").loc[fact_id, "value"])


def q1(answer):
    """Years of an average American life that emit as much CO2e as the Transformer (big) with NAS."""
    expected = _fact("strubell-transformer-nas") / _fact("strubell-american-life")
    world = _fact("strubell-transformer-nas") / _fact("strubell-human-life")
    try:
        if math.isclose(float(answer), world, rel_tol=0.01):
            raise AssertionError("that is the average human's year, not the average American's")
        if math.isclose(float(answer), 1 / expected, rel_tol=0.01):
            raise AssertionError("your ratio is upside down: divide the training row by the yearly row")
    except (TypeError, ValueError):
        pass  # assert_close reports an answer that is not a number
    assert_close(answer, expected, rel=0.01, what="your number of years")


def q2(answer):
    """Carbon intensity of GPT-3's training electricity, in kg CO2e per kWh (Patterson et al.)."""
    expected = _fact("patterson-gpt3-co2") * 1000 / (_fact("patterson-gpt3-energy") * 1000)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        value = None
    if value is not None and value > 0:
        for factor in (1000, 1 / 1000, LBS_PER_TONNE / 1000):
            if math.isclose(value, expected * factor, rel_tol=0.01):
                raise AssertionError("check your units: the answer is in kg of CO2e per kWh "
                                     "(tonnes to kg, MWh to kWh, metric throughout)")
        if math.isclose(value, 1 / expected, rel_tol=0.01):
            raise AssertionError("your ratio is upside down: emissions per unit of energy, not energy per emission")
    assert_close(answer, expected, rel=0.01, what="your carbon intensity")


def _is_reference_line(line) -> bool:
    # an axvline/axhline (e.g. "one car lifetime") is a guide, not a plotted row
    xs, ys = list(line.get_xdata()), list(line.get_ydata())
    return len(xs) == 2 and (xs[0] == xs[1] or ys[0] == ys[1])


def q3(answer):
    """A log-scale chart of every CO2e row of Strubell et al.'s Table 1, returned as its Axes."""
    if not hasattr(answer, "get_yscale"):
        raise AssertionError("set answer_q3 to the matplotlib Axes of your plot (e.g. ax)")
    log_axes = [axis for axis, scale in (("x", answer.get_xscale()), ("y", answer.get_yscale())) if scale == "log"]
    if not log_axes:
        raise AssertionError("the emissions axis is not on a log scale (ax.set_xscale('log') or ax.set_yscale('log'))")
    facts = load_table("cost-energy")
    rows = facts[(facts["source_id"] == "strubell-2019") & (facts["unit"] == "lbs_CO2e")]
    plotted = (len(answer.patches)
               + sum(len(line.get_xdata()) for line in answer.get_lines() if not _is_reference_line(line))
               + sum(len(collection.get_offsets()) for collection in answer.collections))
    if plotted != len(rows):
        raise AssertionError(f"the plot shows {plotted} bars or points; Strubell et al.'s Table 1 has {len(rows)} "
                             "rows in lbs of CO2e in `facts`")
    label = answer.get_xlabel() if log_axes[0] == "x" else answer.get_ylabel()
    if not label:
        raise AssertionError("label the emissions axis, with its unit")
