"""Proof by exhaustion: an integer symbol that the hypotheses confine to a few values.

If the hypotheses (or the domain) bound an integer symbol ``n`` between numbers (``2 <= n <= 58``),
the claim is the conjunction of its instances ``n = 2, ..., 58``. Each instance is decided by the
other deciders (an instance with no symbol left is evaluated exactly). The claim is proved when
every instance is; an instance with a candidate counterexample gives that candidate, with ``n``'s value.
"""
from __future__ import annotations

import sympy as sp

from ..verdicts import Evidence
from .base import NotApplicable, Outcome

MAX_CASES = 64


def integer_bounds(problem, s: sp.Symbol) -> tuple[int | None, int | None]:
    """The least and greatest integer values of ``s`` that its domain and the hypotheses of the form
    ``s >= c``, ``s > c``, ``s <= c``, ``s < c`` (``c`` a number) allow; None where unbounded."""
    low = 1 if s.is_positive else 0 if s.is_nonnegative else None
    high = -1 if s.is_negative else 0 if s.is_nonpositive else None
    for h in problem.hyps:
        if not isinstance(h, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
            continue
        # write it as  s >= c  or  s <= c  with a number c
        if h.lhs == s and h.rhs.is_number:
            c, upper = h.rhs, isinstance(h, (sp.Le, sp.Lt))
        elif h.rhs == s and h.lhs.is_number:
            c, upper = h.lhs, isinstance(h, (sp.Ge, sp.Gt))
        else:
            continue
        strict = isinstance(h, (sp.Gt, sp.Lt))
        if upper:
            value = int(sp.floor(c)) - (1 if strict and c.is_integer else 0)
            high = value if high is None else min(high, value)
        else:
            value = int(sp.ceiling(c)) + (1 if strict and c.is_integer else 0)
            low = value if low is None else max(low, value)
    return low, high


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
    from . import DECIDERS
    from ..problem import Problem

    found = confined_symbol(problem)
    if found is None:
        raise NotApplicable("no integer symbol confined to a few values")
    s, low, high = found
    others = [(n, d) for n, d, _ in DECIDERS if d is not decide_cases]
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
        for name, decider in others:
            try:
                outcome = decider(instance)
            except (NotApplicable, sp.PolynomialError, NotImplementedError):
                continue
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
