"""Proof by exhaustion: an integer symbol that the hypotheses confine to a few values.

If the hypotheses (or the domain) bound an integer symbol ``n`` between numbers (``2 <= n <= 58``),
the claim is the conjunction of its instances ``n = 2, ..., 58``. Each instance is decided by the
other deciders (an instance with no symbol left is evaluated exactly). The claim is proved when
every instance is; an instance with a candidate counterexample gives that candidate, with ``n``'s value.
"""
from __future__ import annotations

import sympy as sp

from ..verdicts import Evidence
from ..problem import Problem, integer_bounds
from .base import NotApplicable, Outcome, attempt
from .scalar import SCALAR_DECIDERS

MAX_CASES = 64




def confined_symbol(problem) -> tuple[sp.Symbol, int, int] | None:
    """An integer symbol of the problem with at most ``MAX_CASES`` values, and its range."""
    for s in sorted(problem.symbols, key=str):
        if isinstance(s, sp.Symbol) and s.is_integer:
            low, high = integer_bounds(problem, s)
            if low is not None and high is not None and high - low + 1 <= MAX_CASES:
                return s, low, high
    return None


def decide_cases(problem) -> Outcome | None:
    """Decide each instance with the other deciders; proved if all are."""
    found = confined_symbol(problem)
    if found is None:
        raise NotApplicable("no integer symbol confined to a few values")
    s, low, high = found
    used: dict[str, int] = {}
    for value in range(low, high + 1):
        at = {s: sp.Integer(value)}
        hyps = [h.xreplace(at) for h in problem.hyps]
        if sp.false in hyps:
            used["vacuous"] = used.get("vacuous", 0) + 1
            continue
        goal = problem.goal.xreplace(at)
        if goal is sp.true:
            used["sympy"] = used.get("sympy", 0) + 1
            continue
        # schemas are dropped: fewer hypotheses can only make an instance harder to prove
        instance = Problem(f"{problem.name} ({s} = {value})", [h for h in hyps if h is not sp.true], goal)
        outcome = None
        for name, decider, seconds in SCALAR_DECIDERS:
            outcome, _ = attempt(name, decider, instance, seconds)
            if outcome is not None:
                break
        if outcome is None:
            return None
        if not outcome.proved:
            if outcome.candidate is None or problem.schemas:
                return None  # a candidate of the instance may violate a dropped schema
            point = {**outcome.candidate, s: sp.Integer(value)}
            return Outcome("cases", False, Evidence("cases", f"instance {s} = {value}: candidate counterexample"),
                           candidate=point)
        used[outcome.decider] = used.get(outcome.decider, 0) + 1
    how = ", ".join(f"{name} x{count}" for name, count in sorted(used.items()))
    return Outcome("cases", True, Evidence(
        "cases", f"proof by exhaustion: {s} = {low}, ..., {high} ({high - low + 1} instances; {how})",
        {"symbol": str(s), "low": low, "high": high, "deciders": used}))
