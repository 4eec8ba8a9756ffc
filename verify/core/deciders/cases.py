"""Proofs by cases: exhaustion of an integer symbol, and the branches of ``Min``/``Max``/``Abs``.

* ``cases`` (exhaustion): if the hypotheses (or the domain) bound an integer symbol ``n`` between
  numbers (``2 <= n <= 58``), the claim is the conjunction of its instances ``n = 2, ..., 58``. Each
  instance is decided by the scalar deciders (an instance with no symbol left is evaluated exactly).
* ``minmax`` (branches): a ``Min(a_1, ..., a_k)`` whose arguments are not polynomials (norms, spectral
  terms, roots) equals ``a_i`` where ``a_i <= a_j`` for every ``j``; these k cases cover every point, so
  the claim holds iff it holds in each case with ``Min(...)`` replaced by ``a_i`` (``Max`` likewise with
  ``>=``, ``Abs(a)`` with the cases ``a >= 0`` and ``a <= 0``). A case condition between two non-negative
  terms is stated squared (``a_i^2 <= a_j^2``, equivalent there), the form the entrywise decider reads.
  Each case is decided by the other registered deciders, splitting again up to ``MAX_DEPTH`` times.

The claim is proved when every instance (case) is; one with a candidate counterexample gives that
candidate (with ``n``'s value), which the kernel re-checks exactly on the original claim.
"""
from __future__ import annotations

import sympy as sp

from ..verdicts import Evidence
from ..problem import Problem, integer_bounds
from .base import NotApplicable, Outcome, attempt
from .scalar import SCALAR_DECIDERS

MAX_CASES = 64
MAX_DEPTH = 3
#: deciders not run inside a case (this module's own, which call the others)
_OWN = ("cases", "minmax")


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


def _polynomial(e: sp.Expr) -> bool:
    return bool(e.is_polynomial(*sorted(e.free_symbols, key=str))) if e.free_symbols else e.is_number


def splittable(exprs: list) -> sp.Expr | None:
    """The first ``Min``/``Max``/``Abs`` (by size, then text) with an argument that is not a polynomial."""
    found = set()
    for e in exprs:
        found |= {m for m in e.atoms(sp.Min, sp.Max, sp.Abs) if not all(_polynomial(a) for a in m.args)}
    return min(found, key=lambda m: (sp.count_ops(m), str(m))) if found else None


def _condition(a: sp.Expr, b: sp.Expr) -> sp.Basic:
    """``a <= b``, squared when both sides are non-negative (an equivalent form)."""
    if a.is_nonnegative and b.is_nonnegative:
        return sp.Le(a ** 2, b ** 2)
    return sp.Le(a, b)


def branches(term: sp.Expr) -> list[tuple[list, sp.Expr]]:
    """The cases of ``term``: (conditions, the value of ``term`` under them); together they cover every point."""
    if isinstance(term, sp.Abs):
        (a,) = term.args
        return [([a >= 0], a), ([a <= 0], -a)]
    out = []
    for i, a in enumerate(term.args):
        others = [b for j, b in enumerate(term.args) if j != i]
        conds = [_condition(a, b) if isinstance(term, sp.Min) else _condition(b, a) for b in others]
        out.append((conds, a))
    return out


def decide_minmax(problem) -> Outcome | None:
    """Split on a ``Min``/``Max``/``Abs`` of non-polynomial terms and decide every case (module docstring)."""
    term = splittable([problem.goal, *problem.hyps])
    if term is None:
        raise NotApplicable("no Min, Max or Abs of non-polynomial terms")
    return _split(problem, term, 1)


def _split(problem, term: sp.Expr, depth: int) -> Outcome | None:
    steps, cited = [], []
    for conds, value in branches(term):
        at = {term: value}
        hyps = [h.xreplace(at) for h in problem.hyps] + conds
        goal = problem.goal.xreplace(at)
        shown = " and ".join(str(c) for c in conds)
        if goal is sp.true:
            steps.append(f"if {shown}: sympy evaluates the conclusion to True")
            continue
        if sp.false in hyps:
            steps.append(f"if {shown}: vacuous")
            continue
        # schemas are dropped: fewer hypotheses can only make a case harder to prove
        case = Problem(f"{problem.name} (case {shown})", [h for h in hyps if h is not sp.true], goal)
        outcome = _decide_case(case, depth)
        if outcome is None:
            return None
        if not outcome.proved:
            if outcome.candidate is None or problem.schemas:
                return None
            return Outcome("minmax", False, Evidence("minmax", f"case {shown}: candidate counterexample"),
                           candidate=outcome.candidate)
        steps.append(f"if {shown}: {outcome.decider}: {outcome.evidence.detail}")
        cited += outcome.evidence.data.get("cited_facts", [])
    return Outcome("minmax", True, Evidence(
        "minmax", f"case split on {term} ({len(steps)} cases covering every point): " + "; ".join(steps),
        {"term": str(term), "cases": len(steps), "cited_facts": cited}))


def _decide_case(case: Problem, depth: int) -> Outcome | None:
    """The first proof of the case by the other registered deciders (or by splitting again), else a
    candidate counterexample, else None."""
    from . import DECIDERS  # the registry imports this module: look it up when deciding

    candidate = None
    for name, decider, seconds in DECIDERS:
        if name in _OWN:
            continue
        try:
            outcome, _ = attempt(name, decider, case, seconds)
        except Exception:  # noqa: BLE001 - a decider's bug must not end the split: the next one runs
            continue
        if outcome is not None and outcome.proved:
            return outcome
        candidate = candidate or outcome
    if depth < MAX_DEPTH:
        term = splittable([case.goal, *case.hyps])
        if term is not None:
            deeper = _split(case, term, depth + 1)
            if deeper is not None and deeper.proved:
                return deeper
    return candidate
