"""Checks for the exercises of the model-parameters chapter."""

import pandas as pd

from claimcheck.exercises import assert_close, assert_log_y_axes
from claimcheck.tables import load_table


def _independent(model: str) -> float:
    return load_table("models").set_index("model").loc[model, "parameters"]


def q1(answer):
    """GPT-1 to GPT-3 growth factor, from the independent counts."""
    assert_close(answer, _independent("GPT-3") / _independent("GPT-1"), what="your growth factor")


def q2(answer):
    """The claim_id of the stated count furthest from its independent count (by ratio)."""
    claims = load_table("claims")
    models = load_table("models")
    stated = claims[(claims["unit"] == "parameters")].merge(models, left_on="subject", right_on="model")
    stated = stated.dropna(subset=["value", "parameters"])
    ratio = (stated["value"] / stated["parameters"]).map(lambda r: max(r, 1 / r))
    expected = stated.loc[ratio.idxmax(), "claim_id"]
    if not isinstance(answer, str):
        raise AssertionError(f"give the claim id as a string like 'S000-001', got {answer!r}")
    if answer.strip() != expected:
        raise AssertionError(f"{answer} is not the claim with the largest stated/independent ratio")


def q3(answer):
    """A log-scale plot of the independent counts over time, returned as its Axes."""
    assert_log_y_axes(answer, "answer_q3")
    models = load_table("models").dropna(subset=["parameters", "release_date"])
    plotted = sum(len(line.get_xdata()) for line in answer.get_lines()) + sum(
        len(collection.get_offsets()) for collection in answer.collections)
    if plotted != len(models):
        raise AssertionError(f"the plot shows {plotted} points; there are {len(models)} models with a date and a count")
    if not answer.get_ylabel():
        raise AssertionError("label the y axis, with its unit")
