"""Propose whole sequences extending a grounded counterexample (the core decides whether they do).

A grounded point fixes ``D(0), ..., D(m)``; the core counts it only with tails for every sequence
on which each schema holds at every index (``verify.core.extension``). The candidates per sequence
are simple closed forms: its last fixed value held constant, zero, its other fixed values, its linear
continuation, a geometric decay, and the schemas' own bounds (``D(j) >= j`` proposes ``D(i) = i``).
Combinations are tried in that order; each is screened by the core's exact checks of the instances
that read fixed terms and by the relations beyond them at sample indices. The first that passes is
proposed; the core proves it for every index or rejects the point.
"""
from __future__ import annotations

import itertools
import time

import sympy as sp
from sympy.core.function import AppliedUndef

from ..core.exact import NotReal, holds, in_domain, to_exact
from ..core.extension import SEQUENCES, NotExtended, extension_obligations, fixed_terms
from ..core.rules import schema_relation

MAX_COMBINATIONS = 64
SAMPLE_T = (*range(0, 24), 50, 100, 1000)


def propose(problem, values: dict, seconds: float = 0.5) -> tuple[dict, dict] | None:
    """``(tails, extra scalars)`` extending ``values`` (index symbols, scalars and fixed terms, exact)
    so that every schema seems to hold at every index; None when no candidate does."""
    t0 = time.monotonic()
    extra = _extra_scalars(problem, values)
    values = {**values, **extra}
    fixed = fixed_terms(values)
    names = sorted({a.func.__name__ for s in problem.schemas for a in schema_relation(s).atoms(AppliedUndef)}
                   | set(fixed))
    i = sp.Symbol("i", integer=True)
    options = [_candidates(problem, name, fixed.get(name, {}), values, i) for name in names]
    for combo in itertools.islice(itertools.product(*options), MAX_COMBINATIONS):
        if time.monotonic() - t0 > seconds:
            return None
        tails = {name: sp.Lambda(i, expr) for name, expr in zip(names, combo)}
        if _passes(problem, values, tails):
            return tails, {s.name: v for s, v in extra.items()}
    return None


def _extra_scalars(problem, values: dict) -> dict:
    """A value in its domain for each symbol only the schemas read (0, else 1, else -1)."""
    out = {}
    for schema in problem.schemas:
        for s in sorted(schema_relation(schema).free_symbols - {schema.var}, key=lambda s: s.name):
            if s in values or s in out:
                continue
            out[s] = next((v for v in (sp.Integer(0), sp.Integer(1), sp.Integer(-1)) if in_domain({s: v})),
                          sp.Integer(1))
    return out


def _candidates(problem, name: str, fixed: dict[int, sp.Expr], values: dict, i: sp.Symbol) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    if fixed:
        top = max(fixed)
        last = fixed[top]
        out.append(last)
    out.append(sp.Integer(0))
    out += _bounds(problem, name, values, i)
    if fixed:
        out += [v for k, v in sorted(fixed.items()) if k != top][:3]
        if top - 1 in fixed:
            out.append(last + (last - fixed[top - 1]) * (i - top))
        out.append(last * sp.Rational(1, 2) ** (i - top))
    return list(dict.fromkeys(sp.sympify(e) for e in out))


def _bounds(problem, name: str, values: dict, i: sp.Symbol) -> list[sp.Expr]:
    """``D(j + c) REL e(j)`` with ``e`` free of sequences: the tail ``D(i) = e(i - c)``."""
    out = []
    for schema in problem.schemas:
        rel = schema_relation(schema)
        if not isinstance(rel, sp.core.relational.Relational):
            continue
        for side, other in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
            if not (isinstance(side, AppliedUndef) and side.func.__name__ == name and len(side.args) == 1):
                continue
            shift = sp.expand(side.args[0] - schema.var)
            if not shift.is_Integer or other.atoms(AppliedUndef):
                continue
            scalars = {s: v for s, v in values.items() if isinstance(s, sp.Symbol) and s != schema.var}
            out.append(other.xreplace(scalars).xreplace({schema.var: i - shift}))
    return out


def _passes(problem, values: dict, tails: dict) -> bool:
    try:
        obligations = extension_obligations(problem, values, tails)
    except (NotExtended, NotReal, TypeError, ValueError, ZeroDivisionError):
        return False
    for ob in obligations:
        for t in SAMPLE_T:
            try:
                if holds(ob.relation.xreplace({ob.t: sp.Integer(t)}), {}) is not True:
                    return False
            except (NotReal, TypeError, ValueError, ZeroDivisionError):
                return False
    return True


def extend(problem, sub: dict, hyps: list, goal, point: dict, seconds: float = 0.5) -> dict | None:
    """The attack's grounded ``point`` (names -> values) with proposed tails under ``SEQUENCES``, or None."""
    names = {}
    for e in (goal, *hyps):
        names.update({str(s): s for s in e.free_symbols})
        names.update({str(a): a for a in e.atoms(AppliedUndef)})
    values = dict(sub)
    for key, value in point.items():
        if key in names:
            values[names[key]] = to_exact(value)
    found = propose(problem, values, seconds)
    if found is None:
        return None
    tails, extra = found
    return {**point, **extra, SEQUENCES: tails}


__all__ = ["extend", "propose"]
