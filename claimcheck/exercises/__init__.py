"""Self-checks for the exercises at the end of each chapter.

A chapter's checks live in ``claimcheck/exercises/<chapter>.py`` as functions
``q1``, ``q2`` … that take the student's answer and raise ``AssertionError``
with a hint when it is wrong.  They compute the right answer from the book's
data, never from a stored number, so they stay right when the data changes.

In a notebook::

    grader = Grader("model-parameters")
    ...
    grader.check("q1", answer)   # prints "q1: passed" or "q1: not yet — <hint>"
    grader.summary()             # "2 of 3 exercises pass: q1, q2"
"""

from __future__ import annotations

import importlib
import math


class Grader:
    def __init__(self, chapter: str):
        self.chapter = chapter
        self.module = importlib.import_module(f"claimcheck.exercises.{chapter.replace('-', '_')}")
        self.results: dict[str, bool] = {}

    @property
    def questions(self) -> list[str]:
        return sorted((name for name in dir(self.module) if name[0] == "q" and name[1:].isdigit()),
                      key=lambda name: int(name[1:]))

    def check(self, question: str, answer) -> None:
        """Run one check; print and remember whether the answer passes.  Never raises."""
        test = getattr(self.module, question)
        try:
            if answer is None or answer is Ellipsis:
                raise AssertionError("no answer yet")
            test(answer)
        except Exception as problem:  # a wrong answer of any shape is a failed check, not a crash
            self.results[question] = False
            print(f"{question}: not yet — {problem}")
            return
        self.results[question] = True
        print(f"{question}: passed")

    def summary(self) -> None:
        """Print how many exercises pass, and which."""
        passed = [q for q in self.questions if self.results.get(q)]
        print(f"{len(passed)} of {len(self.questions)} exercises pass" + (f": {', '.join(passed)}" if passed else ""))


def first_by(rows, column: str, what: str):
    """The row of ``rows`` a check uses when several match: the first by ``column`` (a claim the
    text states twice counts by its first statement, the lowest claim_id; a fact by its fact_id).
    Raises when nothing matches: the check cannot be computed from the data."""
    if rows.empty:
        raise RuntimeError(f"the data holds no {what}")
    return rows.sort_values(column).iloc[0]


def assert_close(answer, expected: float, *, rel: float = 1e-3, what: str = "the answer") -> None:
    """A numeric check with a helpful message (relative tolerance)."""
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"{what} should be a number, got {answer!r}") from None
    if not math.isclose(value, expected, rel_tol=rel):
        raise AssertionError(f"{what} is {value:.4g}; that is not it (check units and which rows you used)")


def assert_log_y_axes(answer, variable: str) -> None:
    """The answer must be a matplotlib Axes whose y axis is on a log scale."""
    if not hasattr(answer, "get_yscale"):
        raise AssertionError(f"set {variable} to the matplotlib Axes of your plot (e.g. ax)")
    if answer.get_yscale() != "log":
        raise AssertionError("the y axis is not on a log scale (ax.set_yscale('log'))")
