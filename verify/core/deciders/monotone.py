"""Monotone over a box: a difference nondecreasing in each variable is least at a corner.

The hypotheses ``x >= a``, ``x <= b`` (``a``, ``b`` numbers) and sign assumptions bound each variable;
their closure is a box. If ``g = lhs - rhs`` is, by the rules below, monotone in each variable on the
whole box, its least value there is at the corner where each variable sits at the bound its direction
points to, and ``g >= 0`` (``> 0``) holds on the box iff it holds at that corner, decided exactly
(``exp(x) > 10**434`` given ``x >= 1000``: ``exp(1000) > 10**434``). Where the corner is a point of the
hypotheses and ``g`` fails there, the corner is a candidate counterexample.

Rules (each a standard fact of real analysis, listed in the evidence): sums of functions monotone in
the same direction are monotone; a positive (negative) constant factor keeps (flips) the direction;
a product of non-negative nondecreasing factors is nondecreasing; ``t**p`` is nondecreasing on
``t >= 0`` for ``p > 0`` and on the reals for odd integers ``p > 0``, nonincreasing on ``t > 0`` for
``p < 0``; ``c**t`` is nondecreasing for ``c >= 1``; ``exp``, ``sinh``, ``asinh``, ``atan``, ``tanh``,
``erf`` are nondecreasing on the reals, ``log`` on ``t > 0``. A domain condition (a root's base
non-negative, a log's argument positive) is checked at the corner where that argument is least, so it
holds on the whole box.
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions import MatrixExpr

from ..exact import NotReal, holds
from ..verdicts import Evidence
from .base import NotApplicable, Outcome, goal_relations, normalise, plain_hypotheses

INCREASING = (sp.exp, sp.sinh, sp.asinh, sp.atan, sp.tanh, sp.erf)
FACTS = ("a sum of functions nondecreasing in a variable is nondecreasing in it; a positive constant factor "
         "keeps the direction, a negative one flips it; a product of non-negative nondecreasing factors is "
         "nondecreasing; t**p is nondecreasing on t >= 0 for p > 0 (on the reals for odd integers p), "
         "nonincreasing on t > 0 for p < 0; c**t is nondecreasing for c >= 1, nonincreasing for 0 < c <= 1; "
         "exp, sinh, asinh, atan, tanh, erf are nondecreasing, log on t > 0 (real analysis)")


class Box:
    """Closed bounds per variable (None where unbounded), from hypotheses and sign assumptions."""

    def __init__(self, variables: list[sp.Symbol], hyps: list) -> None:
        self.low: dict = {}
        self.high: dict = {}
        self.strict: set = set()  # (var, side) whose hypothesis is strict: the corner is outside the claim
        for v in variables:
            if v.is_nonnegative:
                self._tighten(v, "low", sp.Integer(0), bool(v.is_positive))
            if v.is_nonpositive:
                self._tighten(v, "high", sp.Integer(0), bool(v.is_negative))
        for h in plain_hypotheses(hyps):
            if h.rel_op not in ("<", "<=", ">", ">="):
                continue
            lhs, rhs = sp.sympify(h.lhs), sp.sympify(h.rhs)
            strict = h.rel_op in ("<", ">")
            upper = h.rel_op in ("<", "<=")  # lhs below rhs
            if isinstance(lhs, sp.Symbol) and lhs in variables and rhs.is_Rational:
                self._tighten(lhs, "high" if upper else "low", rhs, strict)
            elif isinstance(rhs, sp.Symbol) and rhs in variables and lhs.is_Rational:
                self._tighten(rhs, "low" if upper else "high", lhs, strict)

    def _tighten(self, v: sp.Symbol, side: str, value: sp.Rational, strict: bool) -> None:
        table = self.low if side == "low" else self.high
        old = table.get(v)
        if old is None or (value > old if side == "low" else value < old) or (value == old and strict):
            table[v] = value
            self.strict.discard((v, side))
            if strict:
                self.strict.add((v, side))

    def corner(self, directions: dict, least: bool = True) -> dict | None:
        """Where a function with these directions is least (``least``) or greatest; None if unbounded."""
        out = {}
        for v, d in directions.items():
            side = "low" if (d > 0) == least else "high"
            value = (self.low if side == "low" else self.high).get(v)
            if value is None:
                return None
            out[v] = value
        return out

    def corner_sides(self, directions: dict) -> list:
        return [(v, "low" if d > 0 else "high") for v, d in directions.items()]


def _merge(a: dict, b: dict) -> dict:
    out = dict(a)
    for v, d in b.items():
        if out.get(v, d) != d:
            raise NotApplicable(f"not monotone in {v}: terms pull in opposite directions")
        out[v] = d
    return out


def _flip(d: dict) -> dict:
    return {v: -s for v, s in d.items()}


def _certain(rel: sp.Basic, point: dict) -> bool:
    try:
        return holds(rel, point) is True
    except (NotReal, TypeError, ValueError, ZeroDivisionError):
        return False


def _bounded_below(e: sp.Expr, box: Box, strict: bool) -> bool:
    """``e >= 0`` (``> 0``) on the whole box: ``e`` is monotone and so at its least corner."""
    d = directions(e, box)
    at = box.corner(d, least=True)
    return at is not None and _certain(e > 0 if strict else e >= 0, at)


def _bounded_above(e: sp.Expr, box: Box, strict: bool) -> bool:
    d = directions(e, box)
    at = box.corner(d, least=False)
    return at is not None and _certain(e < 0 if strict else e <= 0, at)


def directions(e: sp.Expr, box: Box) -> dict:
    """Per variable: +1 if ``e`` is nondecreasing in it on the box, -1 if nonincreasing (absent: ``e``
    does not depend on it); raises NotApplicable when the rules do not establish monotonicity."""
    if not e.free_symbols:
        if e.is_number is not True or e.is_real is not True or e.is_finite is not True:
            raise NotApplicable(f"{e} is not a finite real constant")
        return {}
    if isinstance(e, sp.Symbol):
        return {e: 1}
    if isinstance(e, sp.Add):
        out: dict = {}
        for a in e.args:
            out = _merge(out, directions(a, box))
        return out
    if isinstance(e, sp.Mul):
        coeff, rest = e.as_coeff_Mul()
        if coeff != 1:
            if not coeff.is_Rational or coeff == 0:
                raise NotApplicable(f"the factor {coeff} is not a non-zero rational")
            d = directions(rest, box)
            return d if coeff > 0 else _flip(d)
        out = {}
        for f in e.args:
            d = directions(f, box)
            if any(s < 0 for s in d.values()) or not _bounded_below(f, box, False):
                raise NotApplicable(f"the factor {f} is not certainly non-negative and nondecreasing")
            out = _merge(out, d)
        return out
    if isinstance(e, sp.Pow):
        base, p = e.base, e.exp
        if not p.free_symbols:
            if not p.is_Rational:
                raise NotApplicable(f"the exponent {p} is not rational")
            d = directions(base, box)
            if p > 0 and p.is_integer and p % 2 == 1:
                return d
            if p > 0 and _bounded_below(base, box, False):
                return d
            if p < 0 and _bounded_below(base, box, True):
                return _flip(d)
            raise NotApplicable(f"{e}: the base's sign on the box is not certain")
        if not base.free_symbols and base.is_Rational and base > 0:
            d = directions(p, box)
            return d if base >= 1 else _flip(d)
        if base is sp.E:
            return directions(p, box)
        raise NotApplicable(f"{e}: a power with a variable exponent")
    if isinstance(e, INCREASING):
        return directions(e.args[0], box)
    if isinstance(e, sp.log) and len(e.args) == 1:
        if not _bounded_below(e.args[0], box, True):
            raise NotApplicable(f"{e}: the argument is not certainly positive on the box")
        return directions(e.args[0], box)
    raise NotApplicable(f"no monotonicity rule for {type(e).__name__}")


def decide_monotone(problem) -> Outcome | None:
    """Each conjunct ``g >= 0`` / ``g > 0`` holds at the least corner of the box of a ``g`` monotone in
    every variable; a failing corner that satisfies the hypotheses' bounds is a candidate."""
    rels = goal_relations(problem.goal)
    if any(isinstance(a, (MatrixExpr, AppliedUndef)) for a in sp.preorder_traversal(problem.goal)):
        raise NotApplicable("vectors, matrices or sequence terms")
    variables = sorted(problem.goal.free_symbols, key=str)
    box = Box(variables, problem.hyps)
    steps = []
    for rel in rels:
        (fact,) = normalise(rel)
        if fact.kind == "==":
            raise NotApplicable("an equation")
        g = sp.sympify(fact.expr)
        d = directions(g, box)
        at = box.corner(d, least=True)
        if at is None:
            raise NotApplicable(f"{g} is monotone but a variable is unbounded in the direction it decreases")
        if _certain(g > 0 if fact.kind == ">" else g >= 0, at):
            trend = ", ".join(f"{'nondecreasing' if s > 0 else 'nonincreasing'} in {v}" for v, s in sorted(
                d.items(), key=lambda t: str(t[0])))
            steps.append(f"{fact}: {g} is {trend or 'constant'} on the box, least at {at}, where it is {fact.kind} 0")
            continue
        closed = not any(key in box.strict for key in box.corner_sides(d))
        if closed and at:
            return Outcome("monotone", False, Evidence("monotone", f"{fact} fails at the corner {at} of the box"),
                           candidate=dict(at))
        return None
    return Outcome("monotone", True, Evidence("monotone", "; ".join(steps),
                                              {"facts": FACTS, "box": {str(v): [str(box.low.get(v)), str(box.high.get(v))]
                                                                       for v in variables}}))


__all__ = ["decide_monotone", "directions", "Box"]
