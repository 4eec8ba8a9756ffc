"""Where an expression is defined: the conditions under which it has a finite real value.

"Defined" is what exact evaluation (``verify.core.exact``) means by it: denominators are non-zero, a
non-integer rational power (``sqrt``, ``x**(1/3)``) has a non-negative base (a positive one for a negative
exponent: sympy's ``(-8)**(1/3)`` is complex), ``log`` has a positive argument, a ``Piecewise`` has a
selected branch that is itself defined.

Two directions, because a claim is about the points where it is defined:

* ``sufficient(e)``: conditions that guarantee ``e`` is defined (an under-approximation of its domain);
  a construct whose domain is not known here gives ``false``. Use it for what must be defined
  (the links of a chain, a used lemma's conclusion).
* ``necessary(e)``: conditions every point of ``e``'s domain satisfies (an over-approximation; an
  unknown construct adds nothing). Use it for the points a claim is about (a chain's conclusion).

Only sympy is imported.
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational
from sympy.matrices.expressions import MatrixExpr
from sympy.matrices.expressions.matexpr import MatrixElement

#: real functions defined on the whole real line (their domain is their argument's)
TOTAL = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.asinh, sp.erf, sp.erfc, sp.Abs,
         sp.Max, sp.Min, sp.sign, sp.floor, sp.ceiling, sp.Heaviside, sp.re, sp.im)

SUFFICIENT, NECESSARY = "sufficient", "necessary"


def sufficient(expr: sp.Basic) -> list[sp.Basic]:
    """Conditions under which ``expr`` (an expression or a relation) is surely defined and real."""
    try:
        return _clean(_conditions(sp.sympify(expr), SUFFICIENT))
    except (TypeError, ValueError, AttributeError, RecursionError):
        return [sp.false]  # not understood: nothing is sure


def necessary(expr: sp.Basic) -> list[sp.Basic]:
    """Conditions that hold wherever ``expr`` (an expression or a relation) is defined and real."""
    try:
        return _clean(_conditions(sp.sympify(expr), NECESSARY))
    except (TypeError, ValueError, AttributeError, RecursionError):
        return []  # not understood: nothing is known


def _clean(conds: list) -> list:
    """Without conditions that are already true, each once; ``[false]`` if one is false."""
    out: list = []
    for c in conds:
        if c is sp.true or c in out:
            continue
        if c is sp.false:
            return [sp.false]
        out.append(c)
    return out


def _conditions(e: sp.Basic, mode: str) -> list:
    if isinstance(e, Relational):
        return _conditions(e.lhs, mode) + _conditions(e.rhs, mode)
    if isinstance(e, sp.And):
        return [c for a in e.args for c in _conditions(a, mode)]
    if isinstance(e, (sp.Or, sp.Not, sp.Implies)):
        # a term needs to be defined only where its alternative counts: every term defined is enough
        return [c for a in e.args for c in _conditions(a, mode)] if mode == SUFFICIENT else []
    if isinstance(e, (sp.Symbol, sp.Number, sp.NumberSymbol)) or e in (sp.true, sp.false):
        return []
    if not e.free_symbols:
        return []  # a closed constant: checked for being real and finite where the claim is prepared
    if isinstance(e, (sp.Add, sp.Mul, AppliedUndef, *TOTAL)):
        return _of_args(e, mode)
    if isinstance(e, sp.Pow):
        return _of_args(e, mode) + _power(e.base, e.exp, mode)
    if isinstance(e, sp.log):
        return _of_args(e, mode) + [e.args[0] > 0]
    if isinstance(e, (sp.asin, sp.acos)):
        return _of_args(e, mode) + [e.args[0] >= -1, e.args[0] <= 1]
    if isinstance(e, sp.Piecewise):
        return _piecewise(e, mode)
    if isinstance(e, (sp.Sum, sp.Product)):
        return _sum(e, mode)
    if isinstance(e, (sp.Inverse,)) or (isinstance(e, sp.MatPow) and not e.exp.is_nonnegative):
        return [sp.false] if mode == SUFFICIENT else _of_args(e, mode)
    if isinstance(e, (MatrixExpr, MatrixElement)) or (isinstance(e, sp.Function)
                                                      and not type(e).__module__.startswith("sympy")):
        # matrices and the engine's own functions of them (norms, eigenvalues, traces) are total
        return _of_args(e, mode)
    return [sp.false] if mode == SUFFICIENT else _of_args(e, mode)


def _of_args(e: sp.Basic, mode: str) -> list:
    return [c for a in e.args if isinstance(a, sp.Basic) for c in _conditions(a, mode)]


def _power(base: sp.Expr, exp: sp.Expr, mode: str) -> list:
    """``base**exp`` is real and finite: no zero base under a negative exponent, no negative base
    under a non-integer one (sympy's roots of negative numbers are complex)."""
    if exp.is_integer:
        if exp.is_nonnegative:
            return []
        if exp.is_negative:
            return [sp.Ne(base, 0)]
        return [sp.Or(sp.Ne(base, 0), exp >= 0)]
    if exp.is_Rational:
        return [base >= 0] if exp > 0 else [base > 0]
    if mode == NECESSARY:
        return [sp.Or(sp.Ne(base, 0), exp >= 0)]  # a negative base with an integer value of exp is real
    return [sp.Or(base > 0, sp.And(sp.Eq(base, 0), exp >= 0))]


def _piecewise(e: sp.Piecewise, mode: str) -> list:
    """Defined where some branch is selected (the earlier conditions false, its own true) and its value
    is defined there."""
    branches, earlier = [], []
    simple = True
    for value, cond in e.args:
        inner = _clean(_conditions(value, mode))
        if mode == SUFFICIENT:
            inner += _clean(_conditions(cond, mode))
        simple = simple and not inner
        branches.append(sp.And(*[sp.Not(c) for c in earlier], cond, *inner))
        earlier.append(cond)
    if simple and e.args[-1][1] is sp.true:
        return []
    return [sp.Or(*branches)]


def _sum(e: sp.Basic, mode: str) -> list:
    """A sum or product is defined where its bounds are and its term is at every index it runs over.
    Conditions on the index itself are not stated here: unknown (``false``) when sufficient is asked,
    dropped when necessary is (an empty sum is defined whatever its term)."""
    indices = {lim[0] for lim in e.limits}
    out = [c for lim in e.limits for bound in lim[1:] for c in _conditions(bound, mode)]
    if mode == NECESSARY:
        return out
    for c in _clean(_conditions(e.function, mode)):
        if c.free_symbols & indices:
            c = sp.true if all(holds_at_every_index(c, lim) for lim in e.limits if c.has(lim[0])) else sp.false
        out.append(c)
    return out


def holds_at_every_index(cond: sp.Basic, limit: tuple) -> bool:
    """``cond`` holds at every index of a range ``(i, lo, hi)`` that surely runs upwards (``hi >= lo - 1``
    from the symbols' assumptions): sympy decides it at ``i = lo + m`` for an integer ``m >= 0``."""
    i, lo, hi = limit
    if (hi - lo + 1).is_nonnegative is not True:
        return False  # possibly reversed: sympy's sum then runs over hi + 1, ..., lo - 1
    m = sp.Dummy("m", integer=True, nonnegative=True)
    return cond.xreplace({i: lo + m}) is sp.true


def _normal(rel: sp.Basic) -> tuple[sp.Expr, str] | None:
    """``a REL b`` as ``(a - b, op)`` with op one of ``>``, ``>=``, ``==``, ``!=``."""
    if not isinstance(rel, Relational):
        return None
    d = sp.sympify(rel.lhs) - sp.sympify(rel.rhs)
    flip = {"<": ">", "<=": ">="}
    if rel.rel_op in flip:
        return sp.expand(-d), flip[rel.rel_op]
    return sp.expand(d), rel.rel_op


def implied_by(cond: sp.Basic, facts: list) -> bool:
    """``cond`` follows from one of the relations ``facts`` by a sign argument on the same difference
    (``t > 0`` gives ``t != 0`` and ``t >= 0``; ``t < 0`` gives ``t != 0``). Never guesses: False when unsure."""
    if cond is sp.true or cond in facts:
        return True
    c = _normal(cond)
    if c is None:
        return False
    gives = {">": {">", ">=", "!="}, ">=": {">="}, "==": {"==", ">="}, "!=": {"!="}}  # on d = lhs - rhs
    gives_negated = {">": {"!="}, ">=": set(), "==": {"==", ">="}, "!=": {"!="}}  # a fact on -d
    for f in facts:
        n = _normal(f)
        if n is None:
            continue
        if (n[0] == c[0] and c[1] in gives[n[1]]) or (n[0] == -c[0] and c[1] in gives_negated[n[1]]):
            return True
    return False


__all__ = ["sufficient", "necessary", "implied_by", "holds_at_every_index", "TOTAL"]
