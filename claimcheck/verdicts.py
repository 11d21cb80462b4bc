"""The one rule that turns a stated and a checked number into a verdict.

Every notebook calls :func:`judge`; no verdict in the book is typed by hand.

The default tolerance is the rounding of the stated figure: a text that says
"1750亿" (three significant digits) is reproduced by any value that rounds to
1.75e11, i.e. within half a unit of its last significant digit.  A notebook
may pass a wider tolerance when the comparison needs one (for example a
snapshot taken at a different date), and must then say why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

VERDICTS = ("reproduced", "discrepant", "unverified", "unchecked")


@dataclass(frozen=True)
class Verdict:
    verdict: str
    note: str


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


def judge(stated: float, checked: float | None, *, against: str,
          tolerance: float | None = None, qualifier: str = "",
          why_unverified: str = "") -> Verdict:
    """Compare a stated number with a recomputed or independent one.

    ``against`` names what ``checked`` is (e.g. "Epoch AI" or "the text's own
    Table 4").  ``qualifier`` is ">" when the text says "more than", "<" for
    "less than", "order" for an order of magnitude ("千亿级"); otherwise the two must agree within ``tolerance`` (relative;
    the rounding of the stated figure by default).  With no checked value the
    verdict is ``unverified`` and ``why_unverified`` must say why.
    """
    if checked is None or pd.isna(checked):
        if not why_unverified:
            raise ValueError("an unverified verdict needs a reason (why_unverified)")
        return Verdict("unverified", why_unverified)
    if stated is None or pd.isna(stated):
        raise ValueError("judge() needs a stated number")
    stated, checked = float(stated), float(checked)
    shown = f"stated {format_number(stated)}, {against} {format_number(checked)}"
    if qualifier in (">", "<"):
        holds = checked > stated if qualifier == ">" else checked < stated
        rule = f"the text says {'more' if qualifier == '>' else 'less'} than the stated figure"
        return Verdict("reproduced" if holds else "discrepant", f"{shown}; {rule}")
    if qualifier == "order":
        holds = stated <= checked < 10 * stated
        rule = f"the text gives an order of magnitude, [{format_number(stated)}, {format_number(10 * stated)})"
        return Verdict("reproduced" if holds else "discrepant", f"{shown}; {rule}")
    if qualifier:
        raise ValueError(f"unknown qualifier {qualifier!r}; use '>', '<', 'order' or ''")
    if tolerance is None:
        tolerance = rounding_tolerance(stated)
        why = "rounding of the stated figure"
    else:
        why = "tolerance set by the notebook"
    difference = (checked - stated) / abs(stated) if stated else (0.0 if checked == 0 else math.inf)
    # a hair of slack so that 1.75e11 vs 1.745e11 (exactly half a unit) is not lost to float error
    agrees = abs(difference) <= tolerance * (1 + 1e-9)
    note = f"{shown}; differs by {difference:+.1%} (tolerance ±{tolerance:.2%}, {why})"
    return Verdict("reproduced" if agrees else "discrepant", note)


# How the texts word a bound or a magnitude, in the ledger's value_text column.
_MORE_THAN = ("超过", "超", "逾", "突破", "以上", "多", ">")
_LESS_THAN = ("不到", "不足", "低于", "以下", "<")


def qualifier_of(value_text: str | None) -> str:
    """The judge() qualifier implied by a claim's wording: '>', '<', 'order' or ''."""
    text = "" if value_text is None or pd.isna(value_text) else str(value_text)
    if any(word in text for word in _LESS_THAN):
        return "<"
    if any(word in text for word in _MORE_THAN):
        return ">"
    if "级" in text:
        return "order"
    return ""
