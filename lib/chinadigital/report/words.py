"""Summary words chosen from numbers: one function per kind of word.

A finding that says "most", "the largest group", "rose", "fastest", "met" or
"tied" makes a claim about its numbers; a word picked by hand drifts from the
data as soon as the data change (a plurality read as "most", a 57th place
beside a list of 50). Each function here takes the numbers a finding records
and returns the word's *kind* (a stable key the tests recompute from the CSV
files on their own); the catalogues turn the kind into English or Korean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """How a whole splits among groups: `kind` is 'all', 'most' (more than half), 'half' (exactly half),
    'largest' (more than any other group but not half) or 'tied' (two or more share the largest count);
    `leaders` are the groups holding the largest count, sorted by name."""

    kind: str
    leaders: tuple
    count: int
    total: int


def share_of_whole(counts: dict) -> Group:
    """The word for the largest group of a whole ('most of them came from companies' only above one half)."""
    counts = {k: int(v) for k, v in counts.items() if int(v) > 0}
    if not counts:
        raise ValueError("share_of_whole needs at least one group with a positive count")
    total = sum(counts.values())
    top = max(counts.values())
    leaders = tuple(sorted(k for k, v in counts.items() if v == top))
    if len(leaders) > 1:
        kind = "tied"
    elif top == total:
        kind = "all"
    elif 2 * top > total:
        kind = "most"
    elif 2 * top == total:
        kind = "half"
    else:
        kind = "largest"
    return Group(kind, leaders, top, total)


def direction(first: float, last: float, rel_tol: float = 0.0) -> str:
    """'rose', 'fell' or 'flat' from two values (flat within `rel_tol` of the first)."""
    if first == 0:
        return "flat" if last == 0 else ("rose" if last > 0 else "fell")
    change = (last - first) / abs(first)
    if abs(change) <= rel_tol:
        return "flat"
    return "rose" if change > 0 else "fell"


def comparison(a: float, b: float, rel_tol: float = 0.0) -> str:
    """'larger', 'smaller' or 'equal': a against b."""
    if math.isclose(a, b, rel_tol=rel_tol, abs_tol=0.0) or a == b:
        return "equal"
    return "larger" if a > b else "smaller"


def extremes(values: dict, highest: bool = True) -> tuple:
    """The keys holding the highest (or lowest) value, sorted: more than one key is a tie the text must state
    ('fastest in 2014' only when 2014 alone holds the largest rate)."""
    if not values:
        return ()
    best = max(values.values()) if highest else min(values.values())
    return tuple(sorted(k for k, v in values.items() if v == best))


def goal_verdict(goal: float, goal_qualifier: str, outcome: float | None, outcome_qualifier: str = "",
                 due: bool = True, latest: float | None = None, higher_is_better: bool = True) -> dict:
    """A goal read against the outcome of its own year.

    Kinds: 'met' (the outcome reaches the goal; for a goal written as "more than" it must pass it),
    'missed' (with `short_pct`, how far below the goal in per cent of the goal), 'not_yet_due' (the goal year
    has not ended, with 'on_track' when the latest reading already reaches the goal),
    'no_outcome' (the data hold no outcome for the goal year), 'undecided' (the outcome is a bound that does not
    settle it). A bound outcome counts only in the direction it guarantees.
    """
    if not due:
        if latest is not None and _reaches(latest, goal, goal_qualifier, higher_is_better):
            return {"kind": "on_track"}
        return {"kind": "not_yet_due"}
    if outcome is None:
        return {"kind": "no_outcome"}
    reaches = _reaches(outcome, goal, goal_qualifier, higher_is_better)
    if outcome_qualifier in ("", "~"):
        if reaches:
            return {"kind": "met"}
        short = abs(goal - outcome) / abs(goal) * 100 if goal else math.inf
        return {"kind": "missed", "short_pct": short}
    lower_bound = outcome_qualifier in (">", ">=")
    if lower_bound == higher_is_better and reaches:
        return {"kind": "met"}
    if lower_bound != higher_is_better and not reaches:
        short = abs(goal - outcome) / abs(goal) * 100 if goal else math.inf
        return {"kind": "missed", "short_pct": short, "at_least": True}
    return {"kind": "undecided"}


def _reaches(value: float, goal: float, goal_qualifier: str, higher_is_better: bool) -> bool:
    if higher_is_better:
        return value > goal if goal_qualifier == ">" else value >= goal
    return value < goal if goal_qualifier == "<" else value <= goal


def goal_verdicts(goals, today=None):
    """The verdict of every goal of `chinadigital.dataset.goals.goal_rows` (columns verdict, short_pct): a goal
    whose year has not ended is not yet due (or on track, when the latest reading already reaches it)."""
    from datetime import date

    today = today or date.today()
    kinds, short = [], []
    for _, g in goals.iterrows():
        due = g["goal_end"].date() < today
        outcome = None if _missing(g["outcome"]) else float(g["outcome"])
        latest = None if _missing(g["latest"]) else float(g["latest"])
        v = goal_verdict(g["goal"], g["goal_qualifier"] or "", outcome, g["outcome_qualifier"] or "", due=due,
                         latest=latest)
        kinds.append(v["kind"])
        short.append(v.get("short_pct"))
    return goals.assign(verdict=kinds, short_pct=short)


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def claim_interval(value: float, qualifier: str, step: float = 0.0) -> tuple[float, float]:
    """What a stated figure allows: an exact figure to half a unit of its last stated digit, a bound one side
    open, 'about' within 10%, 'nearly' up to the figure from 10% below it."""
    inf = math.inf
    q = qualifier or ""
    if q in (">", ">="):
        return (value, inf)
    if q in ("<", "<="):
        return (-inf, value)
    if q == "~":
        return (value - abs(value) * 0.1, value + abs(value) * 0.1)
    if q == "~<":
        return (value - abs(value) * 0.1, value)
    return (value - step / 2, value + step / 2)


def claim_verdict(claim: float, claim_qualifier: str, measure: float | None, measure_qualifier: str = "",
                  claim_step: float = 0.0, measure_step: float = 0.0) -> str:
    """'consistent' when what the claim allows and what the independent measure allows overlap,
    'not_consistent' when they do not, 'no_measure' when the data hold no independent measure."""
    if measure is None:
        return "no_measure"
    lo, hi = claim_interval(claim, claim_qualifier, claim_step)
    mlo, mhi = claim_interval(measure, measure_qualifier, measure_step)
    return "consistent" if lo <= mhi and mlo <= hi else "not_consistent"
