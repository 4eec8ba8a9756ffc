"""Propose functions extending a point of a claim with hypotheses on an interval (the core decides).

A point found by sampling satisfies the ``during`` hypotheses only where the claim names them
(``R(0)``, ``R'(0)``); the core counts it only with functions that satisfy them at every point of
the interval (``verify.core.interval_extension``). The candidates per function are simple closed
forms: a constant (its value at the interval's start, or 0), the hypotheses' own bounds
(``N(s) <= N(0) exp(-lambda s)`` proposes ``N(s) = N(0) exp(-lambda s)``, ``R(s) = N(s)**2/2`` proposes
``R`` from ``N``), and the solution of a linear differential relation taken with equality
(``R' <= -2 lambda R`` proposes ``R(0) exp(-2 lambda s)``, ``W' <= c N`` proposes
``W(0) + int_0^s c N``). Combinations are tried in that order, each
screened by exact checks at sample points of the interval and of the claim at the point; the first that
passes is proposed, with the point's function values recomputed from it.
"""
from __future__ import annotations

import itertools
import time

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

from ..core.continuous import During
from ..core.exact import NotReal, holds, to_exact
from ..core.interval_extension import (FUNCTIONS, NotWitnessed, atom_values, entire, functions_of,
                                       interval_obligations)

MAX_COMBINATIONS = 64
START_VALUES = (1, -1, 2, sp.Rational(1, 2), 10, -10)
SAMPLES = 9  # points of each interval where a candidate is screened (its ends included)


def _base(name: str) -> str:
    return name.rstrip("'")


def extend(problem, point: dict, seconds: float = 0.5) -> dict | None:
    """The attack's ``point`` (names -> values) with proposed functions under ``FUNCTIONS`` and the
    function values they give, or None when no candidate passes the screening."""
    t0 = time.monotonic()
    intervals: list[During] = list(problem.intervals)
    exprs = [problem.goal, *problem.hyps]
    scalars = {}
    for s in {s for e in exprs for s in e.free_symbols} | {s for iv in intervals for s in iv.free_symbols()}:
        if s.name not in point:
            return None
        scalars[s] = to_exact(point[s.name])
    fixed = {a.xreplace(scalars): to_exact(point[str(a)]) for e in exprs for a in e.atoms(AppliedUndef)
             if str(a) in point}
    names = sorted({_base(f.__name__) for iv in intervals for f in iv.functions()}
                   | {_base(a.func.__name__) for a in fixed})
    var = sp.Symbol("s", real=True)
    for start in _starts(names, intervals, scalars, fixed):
        options = [_candidates(name, intervals, scalars, start, var) for name in names]
        for combo in itertools.islice(itertools.product(*options), MAX_COMBINATIONS):
            if time.monotonic() - t0 > seconds:
                return None
            functions = _resolved(dict(zip(names, combo)), var, start)
            if functions is None:
                continue
            proposed = _screened(problem, intervals, exprs, functions, scalars, point)
            if proposed is not None:
                return proposed
    return None


def _starts(names: list[str], intervals: list[During], scalars: dict, fixed: dict) -> list[dict]:
    """The point's values, then the same with every function's value at its interval's start set to one of
    ``START_VALUES`` (the closed forms recompute every value the claim reads: a point that only violates the
    claim where no function passes may have a neighbour that does)."""
    out = [fixed]
    starts = {sp.Function(name)(sp.sympify(iv.lower).xreplace(scalars)) for iv in intervals for name in names
              if any(_base(f.__name__) == name for f in iv.functions())}
    for value in START_VALUES:
        out.append({**fixed, **{a: sp.sympify(value) for a in starts}})
    return out


def _candidates(name: str, intervals: list[During], scalars: dict, fixed: dict, var: sp.Symbol) -> list:
    """Closed forms in ``var`` for the function ``name`` (they may read other functions at ``var``)."""
    values = {a.args[0]: v for a, v in fixed.items() if a.func.__name__ == name}
    out: list = []
    for iv in intervals:
        if not any(f.__name__ == name for f in iv.functions()):
            continue
        lower = sp.sympify(iv.lower).xreplace(scalars)
        start = values.get(lower, sp.Integer(1))
        sub = {k: v for k, v in scalars.items() if k != iv.var}
        for rel in iv.relations:
            if isinstance(rel, sp.Implies):  # a guarded relation (a used lemma's conclusion where it applies)
                rel = rel.args[1]
            if not isinstance(rel, Relational):
                continue
            rel = rel.xreplace(sub).xreplace({iv.var: var})
            for side, other in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
                if isinstance(side, AppliedUndef) and side.func.__name__ == name and side.args == (var,):
                    out.append(other)  # a bound or a definition, with equality
                elif isinstance(side, sp.Derivative) and isinstance(side.expr, AppliedUndef) \
                        and side.expr.func.__name__ == name and side.variables == (var,):
                    out += _linear_solution(side.expr, other, var, lower, start)
    out = [values[k] for k in sorted(values, key=str)][:1] + out + [sp.Integer(0)]
    return list(dict.fromkeys(sp.sympify(e) for e in out))


def _linear_solution(f: AppliedUndef, rhs: sp.Expr, var: sp.Symbol, lower: sp.Expr, start: sp.Expr) -> list:
    """``f' = a f + b`` (``a``, ``b`` constants) with ``f(lower) = start``, solved."""
    rhs = sp.expand(rhs)
    a, b = rhs.coeff(f, 1), rhs.coeff(f, 0)
    if (a * f + b - rhs).expand() != 0 or a.free_symbols or a.atoms(AppliedUndef) or f in b.atoms(AppliedUndef):
        return []
    if a == 0 and (b.free_symbols or b.atoms(AppliedUndef)):  # f' = b(s), other functions read at s
        u = sp.Dummy("u", real=True)
        return [start + sp.Integral(b.xreplace({var: u}), (u, lower, var))]
    if b.free_symbols or b.atoms(AppliedUndef):
        return []
    if a == 0:
        return [start + b * (var - lower)]
    return [(start + b / a) * sp.exp(a * (var - lower)) - b / a]


def _resolved(chosen: dict, var: sp.Symbol, fixed: dict) -> dict | None:
    """Each function's closed form with the other functions it reads substituted (values at fixed points
    taken from the point), as Lambdas; None when they read each other in a cycle."""
    exprs = dict(chosen)
    for _ in range(len(exprs) + 1):
        pending = False
        for name, e in exprs.items():
            new = e.replace(lambda a: isinstance(a, AppliedUndef) and a.func.__name__ in exprs
                            and len(a.args) == 1 and a.func.__name__ != name,
                            lambda a: exprs[a.func.__name__].xreplace({var: a.args[0]}))
            new = new.xreplace({a: v for a, v in fixed.items() if a in new.atoms(AppliedUndef)})
            exprs[name] = new
            pending = pending or bool(new.atoms(AppliedUndef))
        if not pending:
            break
    if any(e.atoms(AppliedUndef) for e in exprs.values()):
        return None
    out = {}
    for name, e in exprs.items():
        e = sp.powsimp(sp.expand(e.doit()), force=True)
        if not entire(e, var):
            return None
        out[name] = sp.Lambda(var, e)
    return out


def _screened(problem, intervals: list[During], exprs: list, functions: dict, scalars: dict,
              point: dict) -> dict | None:
    """The point with ``functions`` if they seem to satisfy everything (exactly at sample points), else None."""
    try:
        functions_of({FUNCTIONS: functions})
        values = atom_values({a for e in exprs for a in e.atoms(AppliedUndef)}, functions, scalars)
        full = {**scalars, **values}
        if any(holds(h, full) is not True for h in problem.hyps) or holds(problem.goal, full) is not False:
            return None
        for ob in interval_obligations(intervals, functions, scalars):
            width = ob.upper - ob.lower
            for k in range(SAMPLES):
                at = ob.lower + width * sp.Rational(k, SAMPLES - 1)
                if holds(ob.relation.xreplace({ob.var: at}), {}) is not True:
                    return None
    except (NotWitnessed, NotReal, TypeError, ValueError, ZeroDivisionError, KeyError):
        return None
    return {**point, **{str(a): v for a, v in values.items()}, FUNCTIONS: functions}


__all__ = ["extend"]
