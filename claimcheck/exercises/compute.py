"""Checks for the exercises of the compute chapter."""

from claimcheck.exercises import assert_close, first_by
from claimcheck.tables import load_table


def _fact(fact_id: str) -> float:
    return float(load_table("compute").set_index("fact_id").loc[fact_id, "value"])


def _stated_gap(kind: str) -> float:
    claims = load_table("claims")
    gaps = claims[(claims["category"] == "compute") & (claims["unit"] == "percentage_points")]
    match = gaps[gaps["measure"].str.contains(kind, case=False, na=False)]
    return float(first_by(match, "claim_id", f"stated {kind} compute gap")["value"])


def q1(answer):
    """The overall US lead implied by the stated basic and intelligent gaps, weighted by CAICT's June 2025 mix."""
    weight = _fact("caict-global-intelligent-2025-06") / _fact("caict-global-total-2025-06")
    expected = (1 - weight) * _stated_gap("basic") + weight * _stated_gap("intelligent")
    try:
        if abs(float(answer) / 100 - expected) <= 1e-3 * expected:
            raise AssertionError("that looks like percentage points; give the gap as a fraction, "
                                 "as the ledger does (0.07 for 7 points)")
    except (TypeError, ValueError):
        pass
    assert_close(answer, expected, what="your implied overall gap")


def q2(answer):
    """How many times the average US system on the TOP500 outperforms the average Chinese one (Rmax per system)."""
    us = _fact("top500-rmax-us") / _fact("top500-systems-us")
    cn = _fact("top500-rmax-cn") / _fact("top500-systems-cn")
    try:
        if abs(float(answer) - cn / us) <= 1e-3 * cn / us:
            raise AssertionError("your ratio is upside down: divide the US average by China's")
    except (TypeError, ValueError):
        pass
    assert_close(answer, us / cn, what="your ratio of average Rmax per system")


def q3(answer):
    """China's intelligent compute (June 2025) as a multiple of the whole TOP500's Rmax (November 2024)."""
    expected = _fact("china-intelligent-2025-06") / _fact("top500-rmax-all")
    assert_close(answer, expected, what="your multiple")


def q4(answer):
    """A log-scale chart of every FLOP/s figure in the compute table, returned as its Axes."""
    if not hasattr(answer, "get_yscale"):
        raise AssertionError("set answer_q4 to the matplotlib Axes of your plot (e.g. ax)")
    if "log" not in (answer.get_xscale(), answer.get_yscale()):
        raise AssertionError("the value axis is not on a log scale (ax.set_xscale('log') or ax.set_yscale('log'))")
    facts = load_table("compute")
    wanted = int((facts["unit"] == "FLOP/s").sum())
    plotted = (len(answer.patches) + sum(len(line.get_xdata()) for line in answer.get_lines())
               + sum(len(collection.get_offsets()) for collection in answer.collections))
    if plotted != wanted:
        raise AssertionError(f"the plot shows {plotted} bars or points; the table has {wanted} figures in FLOP/s")
    log_axis_label = answer.get_xlabel() if answer.get_xscale() == "log" else answer.get_ylabel()
    if not log_axis_label:
        raise AssertionError("label the log-scale axis, with its unit")
