"""The verdict rule shared by every notebook, and its closed vocabularies."""

import json
import math

import pytest

from claimcheck import judge, qualifier_of, rounding_tolerance
from claimcheck.tables import DATA_DIR
from claimcheck.verdicts import BASES, KINDS, REASONS, VERDICTS, unsettled, with_finding, with_note


@pytest.mark.parametrize("stated, tolerance", [(1.75e11, 0.005 / 1.75), (1.2e9, 0.05 / 1.2), (1e12, 0.5), (5400e8, 0.05 / 5.4)])
def test_rounding_tolerance_is_half_a_unit_of_the_last_digit(stated, tolerance):
    assert math.isclose(rounding_tolerance(stated), tolerance)


def test_a_value_that_rounds_to_the_stated_figure_reproduces_it():
    verdict = judge(1.2e9, 1.18e9, against="Epoch AI", basis="independent")
    assert (verdict.verdict, verdict.basis, verdict.reason) == ("reproduced", "independent", "")
    assert judge(5.4e11, 5.4035e11, against="Epoch AI", basis="independent").verdict == "reproduced"


def test_a_value_that_does_not_round_to_it_is_discrepant_for_the_reason_given():
    verdict = judge(4.14e10, 4.11e10, against="Epoch AI", basis="independent")
    assert (verdict.verdict, verdict.reason) == ("discrepant", "wrong-value")
    assert "-0.7%" in verdict.note and "Epoch AI" in verdict.note
    assert judge(2020, 2019, against="X", basis="footnote", tolerance=0, wrong="wrong-date").reason == "wrong-date"


def test_an_explicit_tolerance_widens_the_rule_and_says_so():
    verdict = judge(100, 104, against="X", basis="independent", tolerance=0.05)
    assert verdict.verdict == "reproduced" and "set by the notebook" in verdict.note


def test_bounds_and_orders_of_magnitude_follow_the_wording():
    def outcome(stated, checked, qualifier):
        return judge(stated, checked, against="X", basis="independent", qualifier=qualifier).verdict
    assert outcome(1e13, 1.2e13, ">") == "reproduced"
    assert outcome(1e13, 1e13, ">") == "discrepant"
    assert outcome(1e13, 1e13, ">=") == "reproduced"
    assert outcome(1e13, 0.9e13, ">") == "discrepant"
    assert outcome(1e6, 0.9e6, "<") == "reproduced"
    assert outcome(1e11, 5e11, "order") == "reproduced"
    assert outcome(1e11, 1.0027e12, "order") == "discrepant"


def test_a_settled_verdict_needs_a_basis_and_a_checked_value():
    with pytest.raises(ValueError):
        judge(1.8e12, 1e12, against="X", basis="another text")
    with pytest.raises(ValueError):
        judge(1.8e12, None, against="X", basis="independent")
    with pytest.raises(ValueError):
        judge(1.8e12, 1e12, against="X", basis="independent", wrong="undisclosed")  # not a reason for a discrepancy


def test_an_unsettled_verdict_takes_its_kind_from_its_reason():
    assert unsettled("undisclosed", "OpenAI has not disclosed it").verdict == "unsupported"
    assert unsettled("future-forecast", "the year has not come").verdict == "unverifiable"
    with pytest.raises(ValueError):
        unsettled("wrong-value", "a discrepancy is not a reason to leave a claim open")
    with pytest.raises(ValueError):
        unsettled("no-record", "")


@pytest.mark.parametrize("excuse", ["no independent figure in the book's data",
                                    "not in the book's sources", "the book holds no record of it"])
def test_the_books_own_data_is_never_a_reason(excuse):
    with pytest.raises(ValueError, match="not a reason"):
        unsettled("no-record", excuse)


def test_with_note_keeps_the_verdict_and_adds_to_the_note():
    verdict = with_note(judge(1, 1, against="X", basis="independent"), "more.")
    assert verdict.verdict == "reproduced" and verdict.note.endswith("; more.")


def test_the_descriptor_holds_the_same_vocabularies():
    resources = {r["name"]: r for r in json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    fields = {f["name"]: f for f in resources["verdicts"]["schema"]["fields"]}
    assert fields["verdict"]["constraints"]["enum"] == list(VERDICTS)
    assert fields["basis"]["constraints"]["enum"] == list(BASES)
    assert fields["reason"]["constraints"]["enum"] == list(REASONS)
    assert fields["kind"]["constraints"]["enum"] == list(KINDS)
    open_reasons = {f["name"]: f for f in resources["unsettled-claims"]["schema"]["fields"]}["reason"]["constraints"]["enum"]
    assert open_reasons == [r for r, (v, _) in REASONS.items() if v in ("unsupported", "unverifiable")]


@pytest.mark.parametrize("text, qualifier", [("突破10万亿", ">="), ("超过10亿", ">"), ("1500 多万", ">"),
                                             ("不到一周", "<"), ("千亿级", "order"), ("数千家", "order"),
                                             ("约", ""), (None, "")])
def test_qualifier_of_reads_the_wording(text, qualifier):
    assert qualifier_of(text) == qualifier


@pytest.mark.parametrize("qualifier, kind", [("", "figure"), (">", "more than"), (">=", "at least"), ("<", "less than"),
                                             ("order", "order")])
def test_a_verdict_says_how_it_compared(qualifier, kind):
    assert judge(1e9, 2e9, against="X", basis="independent", qualifier=qualifier).kind == kind


def test_a_finding_travels_with_the_verdict_and_notes_do_not_replace_it():
    verdict = with_finding(judge(2020, 2019, against="X", basis="independent", tolerance=0, wrong="wrong-date"),
                           "The court ruled in December 2019.")
    assert with_note(verdict, "more").finding == "The court ruled in December 2019."
    assert with_finding(verdict, float("nan")).finding == verdict.finding  # an empty cell changes nothing
    assert unsettled("undisclosed", "OpenAI has not disclosed it.").finding == "OpenAI has not disclosed it."
