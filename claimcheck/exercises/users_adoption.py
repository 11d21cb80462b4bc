"""Checks for the exercises of the users-adoption chapter."""

from claimcheck.exercises import assert_close, assert_log_y_axes, first_by
from claimcheck.tables import load_table

GENAI = "China generative AI products"


def _genai_users(as_of: str) -> float:
    facts = load_table("users-adoption")
    rows = facts[(facts["subject"] == GENAI) & (facts["unit"] == "persons") & (facts["as_of"] == as_of)]
    return float(first_by(rows, "fact_id", f"count of {GENAI} users as of {as_of}")["value"])


def q1(answer):
    """Growth factor of China's generative-AI users, CNNIC December 2024 -> December 2025."""
    expected = _genai_users("2025-12") / _genai_users("2024-12")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"your growth factor should be a number, got {answer!r}") from None
    if value < 1:
        raise AssertionError("the users grew, so the factor is above 1: divide the later count by the earlier one")
    if abs(value - (expected - 1)) < 1e-3 * expected:
        raise AssertionError("that is the growth rate (later/earlier - 1); give the factor later/earlier")
    assert_close(value, expected, what="your growth factor")


def q2(answer):
    """The text's generative-AI users as a share of the latest official population in the data."""
    claims = load_table("claims")
    users = float(claims.set_index("claim_id").loc["S001-009", "value"])
    facts = load_table("users-adoption")
    population = facts[facts["measure"] == "population"]
    latest = population[population["as_of"] == population["as_of"].max()]
    expected = users / float(first_by(latest, "fact_id", "official population")["value"])
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"your share should be a number, got {answer!r}") from None
    if value > 1:
        raise AssertionError("give the share as a fraction (0.5 for 50 %), not as a percentage")
    assert_close(value, expected, rel=1e-4, what="your share")


def q3(answer):
    """A log-scale plot of CNNIC's user counts (internet and generative AI) over time, returned as its Axes."""
    assert_log_y_axes(answer, "answer_q3")
    facts = load_table("users-adoption")
    counts = facts[facts["source_id"].str.startswith("cnnic") & (facts["unit"] == "persons")]
    plotted = sum(len(line.get_xdata()) for line in answer.get_lines()) + sum(
        len(collection.get_offsets()) for collection in answer.collections)
    if plotted != len(counts):
        raise AssertionError(f"the plot shows {plotted} points; CNNIC gives {len(counts)} user counts "
                             "(internet and generative AI together)")
    if not answer.get_ylabel():
        raise AssertionError("label the y axis, with its unit")
