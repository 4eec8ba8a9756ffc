"""Continuous-time rules: hypotheses on an interval, and the two cited rules that use them.

* ``during(s, a, b, relations, differentiable=[f(s)])``: for every real ``s`` in ``[a, b]`` the relations
  hold, and each listed ``f(s)`` is differentiable on ``[a, b]`` (a hypothesis, like ``forall`` for an index).
  Among the relations, ``use(lemma, {t: s})`` is the lemma's conclusion at every ``s`` of ``[a, b]`` where the
  instance is in the lemma's domain; its hypotheses there are obligations (``Throughout``).
* ``nonincreasing(phi, s, a, b)``: the mean value theorem. ``phi`` differentiable on ``[a, b]`` with
  ``phi'(s) <= 0`` on ``(a, b)`` gives ``phi(b) <= phi(a)``; ``phi'`` is computed by sympy's ``diff``.
* ``gronwall(u, s, a, b, rate=p)``: Gronwall's comparison. ``u`` differentiable and ``p`` continuous on
  ``[a, b]``, ``u'(s) <= p(s) u(s)`` on ``(a, b)``, give ``u(b) <= u(a) exp(int_a^b p)``.

These are *what is asked*; ``continuous_proof`` decides them (the hypotheses of each rule are obligations).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import sympy as sp
from sympy.core.function import AppliedUndef


@dataclass(frozen=True)
class Axiom:
    """A cited fact a rule rests on: shown in the evidence and in the assumption base."""

    name: str
    statement: str
    source: str

    def to_json(self) -> dict:
        return {"name": self.name, "statement": self.statement, "source": self.source}


MEAN_VALUE = Axiom(
    "mean value theorem", "phi differentiable on [a, b] and phi' <= 0 on (a, b) => phi(b) <= phi(a)",
    "Rudin, Principles of Mathematical Analysis, 3rd ed., Theorem 5.10 (mean value theorem) and 5.11(b)")
GRONWALL = Axiom(
    "Gronwall's comparison", "u differentiable on [a, b], p continuous on [a, b], u' <= p u on (a, b) => "
    "u(b) <= u(a) exp(int_a^b p)",
    "Gronwall 1919; Hartman, Ordinary Differential Equations, Theorem III.1.1 (differential form)")


@dataclass(frozen=True)
class During:
    """Hypothesis: for every real ``var`` in ``[lower, upper]``, each relation holds and each expression
    of ``differentiable`` (an ``f(var)``) is differentiable on the interval; each lemma instance of ``uses``
    (a ``rules.Use`` whose substitution may mention ``var``) gives its conclusion there, its hypotheses
    being obligations (the relations are what is stated, the uses what is derived from them)."""

    var: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    relations: tuple = ()
    differentiable: tuple = ()
    uses: tuple = ()

    def at(self, point: sp.Expr) -> list:
        """The relations at ``var = point``, ``f'(var)`` written as the function ``f'`` at ``point``."""
        return [at_point(r, self.var, point) for r in self.relations]

    def guarded_at(self, point: sp.Expr) -> list:
        """The relations at ``point``, each guarded by ``lower <= point <= upper`` unless sympy knows it."""
        guard = sp.And(sp.Le(self.lower, point), sp.Le(point, self.upper))
        if guard is sp.false:
            return []
        return [r if guard is sp.true else sp.Implies(guard, r) for r in self.at(point) if r is not sp.true]

    def stated(self) -> "During":
        """The hypothesis without its lemma instances: what it states, not what is derived from it."""
        return During(self.var, self.lower, self.upper, self.relations, self.differentiable) if self.uses else self

    def free_symbols(self) -> set:
        out = set(sp.sympify(self.lower).free_symbols) | set(sp.sympify(self.upper).free_symbols)
        for item in (*self.relations, *self.differentiable, *(u.conclusion() for u in self.uses)):
            out |= item.free_symbols
        return out - {self.var}

    def functions(self) -> set:
        """The undefined functions the hypothesis speaks about."""
        return {a.func for item in (*self.relations, *self.differentiable) for a in item.atoms(AppliedUndef)}

    def replaced(self, replace) -> "During":
        """This hypothesis with ``replace`` (an instantiation) applied to its bounds and relations (its lemma
        instances are kept as they are: instantiate ``stated()`` to drop them)."""
        return During(self.var, replace(sp.sympify(self.lower)), replace(sp.sympify(self.upper)),
                      tuple(replace(r) for r in self.relations), tuple(replace(e) for e in self.differentiable),
                      self.uses)

    def renamed(self, var: sp.Symbol) -> "During":
        """The same hypothesis with its bound variable called ``var`` (to keep it apart from a value that
        mentions the old name)."""
        move = lambda e: sp.sympify(e).xreplace({self.var: var})  # noqa: E731
        if self.uses:
            raise Unsupported(f"{self}: a hypothesis with lemma instances is renamed through stated()")
        return During(var, self.lower, self.upper, tuple(move(r) for r in self.relations),
                      tuple(move(e) for e in self.differentiable))

    def __str__(self) -> str:
        parts = ([str(r) for r in self.relations] + [str(u) for u in self.uses]
                 + [f"{e} differentiable" for e in self.differentiable])
        return f"for all {self.var} in [{self.lower}, {self.upper}]: " + "; ".join(parts)


def _is_lemma_instance(item: object) -> bool:
    """Is ``item`` a ``rules.Use`` (told by its interface: this module sits below ``rules``)?"""
    return hasattr(item, "lemma_claim") and callable(getattr(item, "hypotheses", None)) \
        and callable(getattr(item, "conclusion", None))


def during(var: sp.Symbol, lower: sp.Expr, upper: sp.Expr, relations: "sp.Basic | Iterable" = (),
           differentiable: Iterable = ()) -> During:
    """``during(s, 0, t, [Derivative(u(s), s) <= -c*u(s)], differentiable=[u(s)])``: for all s in [0, t].

    A relation may be ``use(lemma, {t: s})``: the lemma's conclusion at every ``s`` in ``[0, t]`` (where the
    instance is in its domain), its hypotheses at every such ``s`` obligations of the claim."""
    if not isinstance(var, sp.Symbol) or var.is_real is False:
        raise TypeError(f"during: the variable must be a real sympy Symbol, got {var!r}")
    items = (relations,) if isinstance(relations, sp.Basic) or _is_lemma_instance(relations) else tuple(relations)
    rels = tuple(r for r in items if not _is_lemma_instance(r))
    uses = tuple(r for r in items if _is_lemma_instance(r))
    for r in rels:
        if not isinstance(r, sp.logic.boolalg.Boolean):
            raise TypeError(f"during({var}): {r!r} is not a relation (nor a use(...) of a lemma)")
    diffs = tuple(sp.sympify(e) for e in differentiable)
    for e in diffs:
        if not (isinstance(e, AppliedUndef) and e.args == (var,)):
            raise ValueError(f"during({var}): differentiable= lists applications f({var}) of undefined "
                             f"functions, got {e}")
    lower, upper = sp.sympify(lower), sp.sympify(upper)
    if var in lower.free_symbols | upper.free_symbols:
        raise ValueError(f"during({var}): the bounds [{lower}, {upper}] must not mention {var}")
    return During(var, lower, upper, rels, diffs, uses)


@dataclass(frozen=True)
class Throughout:
    """Obligation: for every real ``var`` in ``[lower, upper]`` where each relation of ``guard`` holds,
    ``item`` holds: a relation in ``var``, or a ``During`` whose bounds may mention ``var`` (a lemma's
    hypothesis on ``[0, s]`` for every ``s`` of the claim's interval)."""

    var: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    guard: tuple
    item: "sp.Basic | During"

    def __str__(self) -> str:
        where = f"for all {self.var} in [{self.lower}, {self.upper}]"
        if self.guard:
            where += " with " + ", ".join(str(g) for g in self.guard)
        return f"{where}: {self.item}"


def prime(function: sp.core.function.UndefinedFunction) -> sp.core.function.UndefinedFunction:
    """The derivative of an undefined function ``f``, as the undefined function ``f'``."""
    return sp.Function(f"{function.__name__}'")


class Unsupported(ValueError):
    """An expression the continuous-time rules do not handle (said, never guessed)."""


def at_point(expr: sp.Basic, var: sp.Symbol, point: sp.Expr) -> sp.Basic:
    """``expr`` at ``var = point``: each ``Derivative(f(var), var)`` becomes ``f'(point)`` first."""
    def swap(d: sp.Derivative) -> sp.Basic:
        inner = d.expr
        if not (isinstance(inner, AppliedUndef) and inner.args == (var,) and d.variables == (var,)):
            raise Unsupported(f"{d}: only first derivatives d/d{var} f({var}) of undefined functions are handled")
        return prime(inner.func)(point)

    return sp.sympify(expr).replace(lambda e: isinstance(e, sp.Derivative), swap).xreplace({var: point})


@dataclass(frozen=True)
class Nonincreasing:
    """Mean value theorem: ``function`` (of ``var``) differentiable with derivative ``<= 0`` on
    ``[lower, upper]`` gives ``function(upper) <= function(lower)``."""

    function: sp.Expr
    var: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    axiom = MEAN_VALUE

    def derivative(self) -> sp.Expr:
        """``d/dvar function``, by sympy's ``diff`` (product and chain rule)."""
        return sp.diff(self.function, self.var)

    def conclusion(self) -> sp.Basic:
        return sp.Le(self.function.xreplace({self.var: self.upper}), self.function.xreplace({self.var: self.lower}))

    def __str__(self) -> str:
        return f"{self.function} is non-increasing in {self.var} on [{self.lower}, {self.upper}] (mean value theorem)"


@dataclass(frozen=True)
class Gronwall:
    """Gronwall's comparison: ``u' <= rate * u`` on ``[lower, upper]`` gives
    ``u(upper) <= u(lower) exp(int_lower^upper rate)``."""

    function: sp.Expr
    var: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    rate: sp.Expr
    axiom = GRONWALL

    def integral(self) -> sp.Expr:
        return sp.integrate(self.rate, (self.var, self.lower, self.upper))

    def conclusion(self, integral: sp.Expr | None = None) -> sp.Basic:
        integral = self.integral() if integral is None else integral
        return sp.Le(self.function.xreplace({self.var: self.upper}),
                     self.function.xreplace({self.var: self.lower}) * sp.exp(integral))

    def __str__(self) -> str:
        return (f"Gronwall: {self.function}' <= ({self.rate}) {self.function} on [{self.lower}, {self.upper}]")


def _check_rule(kind: str, function, var, lower, upper) -> tuple:
    if not isinstance(var, sp.Symbol) or var.is_real is False:
        raise TypeError(f"{kind}: the variable must be a real sympy Symbol, got {var!r}")
    function, lower, upper = sp.sympify(function), sp.sympify(lower), sp.sympify(upper)
    if not isinstance(function, sp.Expr):
        raise TypeError(f"{kind}: the function must be a sympy expression in {var}, got {function!r}")
    if var in lower.free_symbols | upper.free_symbols:
        raise ValueError(f"{kind}: the bounds [{lower}, {upper}] must not mention {var}")
    return function, lower, upper


def nonincreasing(function: sp.Expr, var: sp.Symbol, lower: sp.Expr, upper: sp.Expr) -> Nonincreasing:
    """Prove ``function(upper) <= function(lower)`` from ``d/dvar function <= 0`` on the interval."""
    return Nonincreasing(*_reorder(_check_rule("nonincreasing", function, var, lower, upper), var))


def gronwall(function: sp.Expr, var: sp.Symbol, lower: sp.Expr, upper: sp.Expr, rate: sp.Expr) -> Gronwall:
    """Prove ``u(upper) <= u(lower) exp(int rate)`` from ``u' <= rate u`` on the interval."""
    function, lower, upper = _check_rule("gronwall", function, var, lower, upper)
    return Gronwall(function, var, lower, upper, sp.sympify(rate))


def _reorder(checked: tuple, var: sp.Symbol) -> tuple:
    function, lower, upper = checked
    return function, var, lower, upper


ContinuousRule = Nonincreasing | Gronwall
CONTINUOUS_RULES = (Nonincreasing, Gronwall)

__all__ = ["Axiom", "MEAN_VALUE", "GRONWALL", "During", "during", "Throughout", "prime", "at_point", "Unsupported",
           "Nonincreasing", "nonincreasing", "Gronwall", "gronwall", "ContinuousRule", "CONTINUOUS_RULES"]
