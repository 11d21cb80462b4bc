"""The verdict rule shared by every notebook."""

import math

import pytest

from claimcheck import judge, qualifier_of, rounding_tolerance


@pytest.mark.parametrize("stated, tolerance", [(1.75e11, 0.005 / 1.75), (1.2e9, 0.05 / 1.2), (1e12, 0.5), (5400e8, 0.05 / 5.4)])
def test_rounding_tolerance_is_half_a_unit_of_the_last_digit(stated, tolerance):
    assert math.isclose(rounding_tolerance(stated), tolerance)


def test_a_value_that_rounds_to_the_stated_figure_reproduces_it():
    assert judge(1.2e9, 1.18e9, against="Epoch AI").verdict == "reproduced"
    assert judge(5.4e11, 5.4035e11, against="Epoch AI").verdict == "reproduced"


def test_a_value_that_does_not_round_to_it_is_discrepant():
    verdict = judge(4.14e10, 4.11e10, against="Epoch AI")
    assert verdict.verdict == "discrepant"
    assert "-0.7%" in verdict.note and "Epoch AI" in verdict.note


def test_an_explicit_tolerance_widens_the_rule_and_says_so():
    verdict = judge(100, 104, against="X", tolerance=0.05)
    assert verdict.verdict == "reproduced" and "set by the notebook" in verdict.note


def test_bounds_and_orders_of_magnitude_follow_the_wording():
    assert judge(1e13, 1.2e13, against="X", qualifier=">").verdict == "reproduced"
    assert judge(1e13, 0.9e13, against="X", qualifier=">").verdict == "discrepant"
    assert judge(1e6, 0.9e6, against="X", qualifier="<").verdict == "reproduced"
    assert judge(1e11, 5e11, against="X", qualifier="order").verdict == "reproduced"
    assert judge(1e11, 1.0027e12, against="X", qualifier="order").verdict == "discrepant"


def test_no_checked_value_is_unverified_with_a_reason():
    assert judge(1.8e12, None, against="X", why_unverified="undisclosed").verdict == "unverified"
    assert judge(1.8e12, float("nan"), against="X", why_unverified="undisclosed").note == "undisclosed"
    with pytest.raises(ValueError):
        judge(1.8e12, None, against="X")


@pytest.mark.parametrize("text, qualifier", [("突破10万亿", ">"), ("超过10亿", ">"), ("1500 多万", ">"),
                                             ("不到一周", "<"), ("千亿级", "order"), ("约", ""), (None, "")])
def test_qualifier_of_reads_the_wording(text, qualifier):
    assert qualifier_of(text) == qualifier
