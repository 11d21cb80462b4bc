"""The rule that turns evidence into a verdict, and the closed vocabularies of verdicts.

Every notebook calls :func:`judge` (two numbers compared) or :func:`unsettled`
(no evidence settles the claim); no verdict in the book is typed by hand.

A verdict has four parts, the same everywhere (ledger, pages, exercises):

- ``verdict``: ``reproduced`` or ``discrepant`` when evidence settles the claim;
  ``unsupported`` (stated as fact, but no public primary source establishes it) or
  ``unverifiable`` (not a checkable fact) when nothing can;
- ``basis`` of a settled verdict: what the claim was compared with (:data:`BASES`);
- ``reason`` of every verdict but ``reproduced``: why it is wrong, or why nothing
  settles it (:data:`REASONS`);
- ``note``: the numbers compared, the tolerance, the source's exact entry.

Three more parts let :mod:`claimcheck.present` explain a verdict to a reader in
one plain sentence: ``kind`` (how the two values were compared, :data:`KINDS`),
``finding`` (what the evidence says, in words: the event a date belongs to, what
a misattributed figure really measures, why nothing settles a claim) and, for
dates, ``checked_date`` (the evidence's date, ISO, as precise as it is).

The default tolerance is the rounding of the stated figure: a text that says
"1750亿" (three significant digits) is reproduced by any value that rounds to
1.75e11, i.e. within half a unit of its last significant digit.  A notebook
may pass a wider tolerance when the comparison needs one (for example a
snapshot taken at a different date), and must then say why.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

import pandas as pd

# ``unchecked`` is the ledger's state for a claim no chapter has judged; the book never ships one.
VERDICTS = ("reproduced", "discrepant", "unsupported", "unverifiable", "unchecked")
SETTLED = ("reproduced", "discrepant")

BASES = {
    "independent": "an independent primary source: a paper, an official statistic, a court record, "
                   "a dataset, a dated announcement by a party other than the one the claim is about",
    "footnote": "the source the text itself cites, consulted",
    "self-reported": "the party the claim is about, in its own dated statement (a company's figure for its own product)",
    "arithmetic": "recomputed from the text's own figures: a sum, a ratio, a date difference, "
                  "the items of a list it announces",
}

# reason -> (the verdict it belongs to, what it means)
REASONS = {
    "wrong-value": ("discrepant", "the figure differs from the evidence"),
    "wrong-date": ("discrepant", "the date differs from the evidence"),
    "wrong-unit": ("discrepant", "the number is right but its unit or currency is wrong"),
    "misattributed": ("discrepant", "the number belongs to something else (another model, another measure)"),
    "outdated": ("discrepant", "true once, stated as current"),
    "contradicts-same-text": ("discrepant", "the text's own figures contradict it"),
    "earlier-case": ("discrepant", "a 'first' or 'only' that a documented earlier case disproves"),
    "undisclosed": ("unsupported", "the only party who could know has not disclosed it"),
    "rumour": ("unsupported", "it goes back to a leak or a rumour, not to a primary source"),
    "source-silent": ("unsupported", "the source the text cites does not say it"),
    "no-record": ("unsupported", "no public primary source records it"),
    "future-forecast": ("unverifiable", "a forecast whose date has not yet come"),
    "opinion": ("unverifiable", "an opinion, a characterisation or a label, not a checkable fact"),
    "vague": ("unverifiable", "a vague magnitude or an undefined group: no figure to check"),
    "never-published": ("unverifiable", "the data it would need were never published"),
    "definition": ("unverifiable", "a definition, not a statement of fact"),
}

# How a stated value was compared with the evidence (a judge() qualifier, or a date).
KINDS = {
    "figure": "the two figures agree within the rounding of the stated one (or a tolerance the chapter gives)",
    "more than": "the text says more than its figure",
    "at least": "the text says its figure was reached",
    "less than": "the text says less than its figure",
    "order": "the text gives an order of magnitude",
    "date": "two dates compared at the coarser of their precisions",
}
_QUALIFIER_KINDS = {"": "figure", ">": "more than", ">=": "at least", "<": "less than", "order": "order"}

# "Not in our tables" is a task, not a reason: an unsettled verdict may not blame the book's own data.
BOOK_DATA_EXCUSE = re.compile(r"\bthe book'?s?\b[^.;]*\b(data|sources|tables)\b|\bin the book\b|\bthe book (holds|has)\b",
                              flags=re.I)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    note: str
    basis: str = ""
    reason: str = ""
    kind: str = ""
    finding: str = ""
    checked_date: str = ""

    def amended(self, **changes) -> "Verdict":
        """The same verdict with some parts changed (``verdict=``, ``reason=``, ``note=``...)."""
        return dataclasses.replace(self, **changes)


def significant_digits(value: float) -> int:
    """Significant digits of a stated figure, trailing zeros not counted (1.75e11 -> 3, 1e12 -> 1)."""
    if value == 0 or not math.isfinite(value):
        return 1
    mantissa = f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0")
    return max(len(mantissa), 1)


def rounding_tolerance(stated: float) -> float:
    """Half a unit in the last significant digit of ``stated``, relative to it."""
    if stated == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(stated)))
    half_unit = 0.5 * 10 ** (exponent - significant_digits(stated) + 1)
    return half_unit / abs(stated)


def format_number(value: float) -> str:
    """A compact, fixed-format rendering used in notes and tables (4 significant digits)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.4g}"


def _check_reason(reason: str, verdicts: tuple[str, ...]) -> None:
    if reason not in REASONS or REASONS[reason][0] not in verdicts:
        allowed = sorted(r for r, (v, _) in REASONS.items() if v in verdicts)
        raise ValueError(f"unknown reason {reason!r} for a {'/'.join(verdicts)} verdict; use one of {allowed}")


def judge(stated: float, checked: float, *, against: str, basis: str,
          tolerance: float | None = None, qualifier: str = "", wrong: str = "wrong-value") -> Verdict:
    """Compare a stated number with a recomputed or independent one.

    ``against`` names what ``checked`` is (e.g. "Epoch AI" or "the text's own
    Table 4"); ``basis`` says what kind of evidence it is (:data:`BASES`).
    ``qualifier`` is ">" when the text says "more than", ">=" for "reached,
    broke through" (突破), "<" for "less than", "order" for an order of magnitude
    ("千亿级", "数千"); otherwise the two must agree
    within ``tolerance`` (relative; the rounding of the stated figure by
    default).  ``wrong`` is the reason a disagreement gets (:data:`REASONS`,
    e.g. "wrong-date" for dates).  A claim with nothing to compare has no
    ``checked`` value: use :func:`unsettled`.
    """
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}; use one of {sorted(BASES)}")
    _check_reason(wrong, ("discrepant",))
    if checked is None or pd.isna(checked):
        raise ValueError("judge() needs a checked number; a claim nothing settles gets unsettled(reason, why)")
    if stated is None or pd.isna(stated):
        raise ValueError("judge() needs a stated number")
    stated, checked = float(stated), float(checked)
    shown = f"stated {format_number(stated)}, {against} {format_number(checked)}"

    kind = _QUALIFIER_KINDS.get(qualifier, "figure")

    def verdict(holds: bool, note: str) -> Verdict:
        return Verdict("reproduced" if holds else "discrepant", note, basis, "" if holds else wrong, kind)

    if qualifier in (">", "<", ">="):
        holds = {">": checked > stated, "<": checked < stated, ">=": checked >= stated}[qualifier]
        words = {">": "more than", "<": "less than", ">=": "at least"}[qualifier]
        return verdict(holds, f"{shown}; the text says {words} the stated figure")
    if qualifier == "order":
        holds = stated <= checked < 10 * stated
        return verdict(holds, f"{shown}; the text gives an order of magnitude, "
                              f"[{format_number(stated)}, {format_number(10 * stated)})")
    if qualifier:
        raise ValueError(f"unknown qualifier {qualifier!r}; use '>', '>=', '<', 'order' or ''")
    if tolerance is None:
        tolerance = rounding_tolerance(stated)
        why = "rounding of the stated figure"
    else:
        why = "tolerance set by the notebook"
    difference = (checked - stated) / abs(stated) if stated else (0.0 if checked == 0 else math.inf)
    # a hair of slack so that 1.75e11 vs 1.745e11 (exactly half a unit) is not lost to float error
    agrees = abs(difference) <= tolerance * (1 + 1e-9)
    return verdict(agrees, f"{shown}; differs by {difference:+.1%} (tolerance ±{tolerance:.2%}, {why})")


def unsettled(reason: str, why: str) -> Verdict:
    """The verdict of a claim no evidence settles: ``unsupported`` or ``unverifiable``, by ``reason``.

    ``why`` is the one sentence that says why, in terms of the world (who has not
    disclosed what, which forecast has not come due), never of the book's own tables.
    """
    _check_reason(reason, ("unsupported", "unverifiable"))
    if not why or not str(why).strip():
        raise ValueError(f"an unsettled verdict ({reason}) needs a sentence saying why")
    if BOOK_DATA_EXCUSE.search(why):
        raise ValueError(f"'the book's data has no figure' is not a reason: {why!r}")
    return Verdict(REASONS[reason][0], why, "", reason, finding=why)


def with_note(verdict: Verdict, extra: str) -> Verdict:
    """The same verdict with ``extra`` added to its (technical) note."""
    note = f"{verdict.note.rstrip('. ')}; {extra}" if extra else verdict.note
    return verdict.amended(note=note)


def with_finding(verdict: Verdict, finding) -> Verdict:
    """The same verdict with ``finding``, the evidence in words, for readers (no change when empty or NA)."""
    if finding is None or pd.isna(finding) or not str(finding).strip():
        return verdict
    return verdict.amended(finding=str(finding).strip())


# How the texts word a bound or a magnitude, in the ledger's value_text column.
_AT_LEAST = ("突破",)  # "broke through": reached the figure
_MORE_THAN = ("超过", "超", "逾", "以上", "多", ">")
_LESS_THAN = ("不到", "不足", "低于", "以下", "<")
_MAGNITUDE = re.compile(r"级|数[十百千万亿]")  # "千亿级", "数千家": an order of magnitude


def qualifier_of(value_text: str | None) -> str:
    """The judge() qualifier implied by a claim's wording: '>', '>=', '<', 'order' or ''."""
    text = "" if value_text is None or pd.isna(value_text) else str(value_text)
    if any(word in text for word in _LESS_THAN):
        return "<"
    if any(word in text for word in _AT_LEAST):
        return ">="
    if any(word in text for word in _MORE_THAN):
        return ">"
    if _MAGNITUDE.search(text):
        return "order"
    return ""
