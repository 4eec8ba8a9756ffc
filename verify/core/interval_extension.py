"""A point extended to whole functions on an interval: the check that they satisfy every ``during``.

A point of a claim with hypotheses on an interval names finitely many values (``R(0)``, ``R'(0)``,
``W(t)``); ``during(s, 0, t, ...)`` speaks of every ``s`` in ``[0, t]``. Such a point is a
counterexample only if some functions take its values and satisfy every interval hypothesis at every
``s`` (``R' <= -R`` on ``[0, 1]`` admits the values ``R(0) = R(1) = 1`` at the two points, but no function).

The adversary proposes the functions, one closed form per function (``sp.Lambda(s, expr)``) under the key
``FUNCTIONS`` of its point. The core accepts a closed form only if it is *entire*: built from real
constants and its variable by sums, products, non-negative integer powers, ``exp``, ``sin`` and ``cos``, so it
is differentiable on every interval (each ``differentiable=`` declaration holds). Then

* the point's values of the functions and their derivatives (``f(c)``, ``f'(c)``, at the point's ``c``) are
  the closed forms' values there, computed here (the adversary's own numbers for them are not used);
* each interval hypothesis on the closed forms (the point's scalars substituted) is one relation in its
  variable: a closed one is decided exactly, an open one becomes an ``IntervalObligation`` ("for every
  ``s`` with ``lower <= s <= upper``"), with the conditions that surely make it defined, to be proved by
  the caller's prover (the core's deciders); an interval with ``lower > upper`` is empty.

Anything not certified raises ``NotWitnessed`` naming the place: a rejection costs a refutation, never
makes one false.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

from . import domains
from .continuous import During
from .exact import NotReal, holds, in_domain, to_exact

#: the key of a proposed point that holds the functions: ``{function name: sp.Lambda(s, expr)}``
FUNCTIONS = "__functions__"
#: functions defined and differentiable on the whole real line, with every derivative
_ENTIRE = (sp.exp, sp.sin, sp.cos)


class NotWitnessed(ValueError):
    """The proposed functions are not certified to satisfy every interval hypothesis; the message says where."""


@dataclass(frozen=True)
class IntervalObligation:
    """``relation`` (in ``var`` only) must hold for every real ``var`` in ``[lower, upper]``: the interval
    hypothesis ``hypothesis`` on the proposed functions."""

    hypothesis: During
    var: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    relation: Any

    @property
    def hyps(self) -> tuple:
        return (sp.Le(self.lower, self.var), sp.Le(self.var, self.upper))

    @property
    def title(self) -> str:
        return f"{self.hypothesis} on the proposed functions"

    def __str__(self) -> str:
        return f"for all {self.var} in [{self.lower}, {self.upper}]: {self.relation}"


def functions_of(proposed: dict) -> dict[str, sp.Lambda]:
    """The proposed functions, each checked to be a closed, entire one-argument Lambda."""
    found = proposed.get(FUNCTIONS) or {}
    if not isinstance(found, dict):
        raise NotWitnessed(f"the proposed functions are a {type(found).__name__}, not a mapping")
    for name, f in found.items():
        if not (isinstance(name, str) and isinstance(f, sp.Lambda) and len(f.variables) == 1):
            raise NotWitnessed(f"the proposed function {name} is not a one-argument Lambda")
        if not entire(f.expr, f.variables[0]):
            raise NotWitnessed(f"the proposed {name}({f.variables[0]}) = {f.expr} is not built from real constants "
                               f"and {f.variables[0]} by +, *, integer powers >= 0, exp, sin, cos")
    return found


def entire(expr: sp.Basic, var: sp.Symbol) -> bool:
    """Is ``expr`` built from real constants and ``var`` by +, *, non-negative integer powers, exp, sin, cos?"""
    if expr == var:
        return True
    if not expr.free_symbols:  # a constant: a finite real number (sqrt(3), exp(-1/2))
        return bool(expr.is_number and expr.is_real is True and expr.is_finite is True)
    if isinstance(expr, (sp.Add, sp.Mul)):
        return all(entire(a, var) for a in expr.args)
    if isinstance(expr, sp.Pow):
        e = expr.exp
        return isinstance(e, sp.Integer) and e >= 0 and entire(expr.base, var)
    if isinstance(expr, _ENTIRE):
        return entire(expr.args[0], var)
    return False


def _base(func_name: str) -> tuple[str, int]:
    """``("R", 2)`` for ``R''``: the function and how many times it is differentiated."""
    stripped = func_name.rstrip("'")
    return stripped, len(func_name) - len(stripped)


def instantiate(expr: Any, functions: dict[str, sp.Lambda]) -> Any:
    """``expr`` with every ``f(c)`` and ``f'(c)`` of a proposed ``f`` replaced by the closed form's value,
    ``Derivative``s of them computed."""
    def value(a: AppliedUndef) -> sp.Expr:
        name, order = _base(a.func.__name__)
        f = functions[name]
        var = f.variables[0]
        body = sp.diff(f.expr, var, order) if order else f.expr
        return body.xreplace({var: a.args[0]})

    def known(e: sp.Basic) -> bool:
        return isinstance(e, AppliedUndef) and len(e.args) == 1 and _base(e.func.__name__)[0] in functions

    out = sp.sympify(expr).replace(known, value)
    return out.replace(lambda e: isinstance(e, sp.Derivative), lambda d: d.doit())


def atom_values(atoms: set, functions: dict[str, sp.Lambda], scalars: dict) -> dict:
    """The exact value of each ``f(c)`` / ``f'(c)`` in ``atoms`` on the proposed functions, ``c`` taken at
    the point's ``scalars``."""
    out = {}
    for a in atoms:
        name, _ = _base(a.func.__name__)
        if name not in functions:
            raise NotWitnessed(f"no function is proposed for {name}, which the claim reads at {a}")
        v = to_exact(instantiate(a, functions).xreplace(scalars))
        if not (v.is_number and v.is_real and v.is_finite):
            raise NotWitnessed(f"the proposed functions give {a} = {v}, not a finite real number")
        out[a] = v
    return out


def _unevaluated(b: Any, functions: dict, scalars: dict) -> Any:
    if isinstance(b, Relational):
        side = lambda e: instantiate(e, functions).xreplace(scalars)  # noqa: E731
        return Relational(side(b.lhs), side(b.rhs), b.rel_op, evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return b.func(*[_unevaluated(a, functions, scalars) for a in b.args], evaluate=False)
    return instantiate(b, functions).xreplace(scalars)


def interval_obligations(intervals: list[During], functions: dict[str, sp.Lambda],
                         scalars: dict) -> list[IntervalObligation]:
    """Check every interval hypothesis on the proposed functions: closed relations exactly; return the open
    ones (with their domain conditions), each to be proved for every ``s`` of its interval."""
    out: list[IntervalObligation] = []
    for iv in intervals:
        lower, upper = (to_exact(sp.sympify(b).xreplace(scalars)) for b in (iv.lower, iv.upper))
        if not all(b.is_number and b.is_real and b.is_finite for b in (lower, upper)):
            raise NotWitnessed(f"{iv}: the bounds are not finite real numbers at the point ({lower}, {upper})")
        if holds(sp.Lt(upper, lower), {}) is True:
            continue  # an empty interval: nothing to satisfy
        for fn in iv.functions():
            if _base(fn.__name__)[0] not in functions:
                raise NotWitnessed(f"{iv}: no function is proposed for {fn.__name__}")
        for rel in iv.relations:
            r = _unevaluated(rel, functions, {k: v for k, v in scalars.items() if k != iv.var})
            loose = r.free_symbols - {iv.var}
            if loose or r.atoms(AppliedUndef):
                left = sorted(map(str, loose | r.atoms(AppliedUndef)))
                raise NotWitnessed(f"{iv}: on the proposed functions, {rel} still has {', '.join(left)}")
            if iv.var not in r.free_symbols:
                try:
                    ok = holds(r, {}) is True
                except (NotReal, TypeError, ValueError, ZeroDivisionError):
                    ok = False
                if not ok:
                    raise NotWitnessed(f"{iv}: {rel} fails on the proposed functions ({r})")
                continue
            conds = [c for c in domains.sufficient(r) if c is not sp.true]
            if sp.false in conds:
                raise NotWitnessed(f"{iv}: {rel} on the proposed functions is not certified to be defined ({r})")
            out += [IntervalObligation(iv, iv.var, lower, upper, c) for c in [r, *conds]]
    return out


def describe(functions: dict[str, sp.Lambda]) -> str:
    """``R(s) = exp(-2*s)/2; W(s) = 0``."""
    return "; ".join(f"{name}({f.variables[0]}) = {f.expr}" for name, f in sorted(functions.items()))


def extend(intervals: list[During], exprs: list, proposed: dict,
           prove: Callable[[IntervalObligation], str | None] | None) -> tuple[dict[str, Any], str]:
    """The values (by name) the proposed functions give the ``f(c)``, ``f'(c)`` of ``exprs`` (the claim's
    hypotheses at points and its goal), and the account of how every interval hypothesis holds on them;
    ``NotWitnessed`` otherwise. ``prove`` proves one obligation (the name of the procedure, or None)."""
    functions = functions_of(proposed)
    symbols = {s for e in exprs for s in e.free_symbols} | {s for iv in intervals for s in iv.free_symbols()}
    scalars = {}
    for s in symbols:
        if s.name not in proposed:
            raise NotWitnessed(f"the point leaves {s} unassigned")
        scalars[s] = to_exact(proposed[s.name])
    if not in_domain(scalars):
        raise NotWitnessed("a value lies outside its symbol's domain (sign or integer assumption)")
    atoms = {a for e in exprs for a in e.atoms(AppliedUndef)}
    values = atom_values(atoms, functions, scalars)
    proofs = []
    for ob in interval_obligations(intervals, functions, scalars):
        if prove is None:
            raise NotWitnessed(f"{ob}: a relation on an interval, and no prover is available here")
        how = prove(ob)
        if not how:
            raise NotWitnessed(f"{ob}: not proved")
        proofs.append(f"{ob} ({how})")
    text = (f"the point extends to functions on the interval ({describe(functions)}; each entire, so "
            f"differentiable) satisfying every hypothesis on an interval, and takes their values at the points "
            f"the claim names")
    return {str(a): v for a, v in values.items()}, text + (f"; proved: {'; '.join(proofs)}" if proofs else
                                                            "; every relation decided exactly")


__all__ = ["FUNCTIONS", "IntervalObligation", "NotWitnessed", "entire", "extend", "functions_of", "instantiate"]
