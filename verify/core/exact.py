"""Exact and high-precision truth of relations at exact points.

A relation between exact sympy numbers is decided by its difference: exact zero test for rationals,
otherwise 50-digit evaluation with sympy's error-controlled ``evalf(strict=True)``; a difference
too close to zero to separate is settled by ``equals(0)`` or left undecided (``None``).

A sympy ``Float`` is the exact binary number it stores: before anything is substituted or compared,
every ``Float`` (in the relation and in the point) becomes that rational (``exact_floats``), so no
step rounds (``x - 1e-17`` at ``x = 1`` is below 1, though float arithmetic says it is 1).
"""
from __future__ import annotations

import functools
import numbers
import sys
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from .domains import TOTAL, necessary
from .limits import TimeLimitExceeded, time_limit


def allow_long_integers() -> None:
    """Let ``str`` write integers of any length. Python refuses past 4300 digits (a guard against
    quadratic-time conversion of untrusted text), so a claim holding ``factorial(2000)`` could not be
    printed: not its relation, evidence, sides, report or console line. The shell's parser bounds the
    numbers it builds itself (``parsing.MAX_RESULT_DIGITS``)."""
    if hasattr(sys, "set_int_max_str_digits") and sys.get_int_max_str_digits() != 0:
        sys.set_int_max_str_digits(0)


allow_long_integers()  # on import: every path that prints an expression imports this module

DIGITS = 50
SIGN_SECONDS = 1.0  # past this, the sign is "not certified" (None), never guessed


class NotReal(ValueError):
    """A side of a relation is not a finite real number at the point."""


def exact_floats(value: Any) -> Any:
    """``value`` with every sympy ``Float`` replaced by the exact rational it stores (its binary value:
    ``Float(0.1)`` is ``3602879701896397/2**55``); anything without floats is returned unchanged."""
    if not isinstance(value, sp.Basic) or value.is_Atom and not value.is_Float:
        return value
    return _exact_floats(value)


@functools.lru_cache(maxsize=1024)  # the re-check asks about the same relation at many points
def _exact_floats(value: sp.Basic) -> sp.Basic:
    floats = value.atoms(sp.Float)
    if not floats:
        return value
    return value.xreplace({f: sp.Rational(f) for f in floats})


def exact_point(point: dict) -> dict:
    """The point with exact values: Python, numpy and sympy floats become the rationals they store
    (other values, such as matrices given as lists, are left as they are)."""
    return {sym: _exact_value(value) for sym, value in point.items()}


def _exact_value(value: Any) -> Any:
    if isinstance(value, sp.Basic):
        return exact_floats(value)
    if isinstance(value, numbers.Integral):
        return sp.Integer(int(value))
    if isinstance(value, numbers.Real):
        return to_exact(value)
    return value


def to_exact(value: Any) -> sp.Expr:
    """A float or int becomes the exact rational it denotes; a sympy expression has its floats made
    exact too (``exact_floats``), so that nothing evaluated from it rounds."""
    if isinstance(value, sp.Basic):
        return exact_floats(value)
    if isinstance(value, (int,)):
        return sp.Integer(value)
    f = Fraction(float(value))
    return sp.Rational(f.numerator, f.denominator)


def sign(expr: sp.Expr) -> int | None:
    """The sign (-1, 0, 1) of a closed real expression, or None if it cannot be certified."""
    expr = exact_floats(sp.sympify(expr))
    if expr.is_Rational:
        return (expr.p > 0) - (expr.p < 0)
    # (sympy's assumptions would expand a product of huge powers exactly: evalf decides those)
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or (not _has_huge_power(expr) and expr.is_finite is False):
        raise NotReal(f"{expr} is not a finite real number")
    val = None
    for digits, seconds in ((15, SIGN_SECONDS / 2), (DIGITS, SIGN_SECONDS)):
        try:
            with time_limit(seconds):
                val = sp.N(expr, digits, strict=True)
        except (sp.core.evalf.PrecisionExhausted, TimeLimitExceeded, ValueError, TypeError):
            val = None
            continue
        try:
            if not val.is_real:
                re, im = val.as_real_imag()
                if im != 0 and abs(im) > sp.Float(10) ** (-digits + 5):
                    raise NotReal(f"{expr} is not real (about {val})")
                val = re
            if not val.is_Number:
                raise TypeError(f"{val} is not a number")
        except TypeError:  # evalf left something unevaluated (a sum it could not write out): no sign here
            val = None
            continue
        if val != 0:
            return 1 if val > 0 else -1
    try:
        with time_limit(SIGN_SECONDS):
            if expr.equals(0):
                return 0
    except TimeLimitExceeded:
        return None
    return None


def holds(rel: Any, point: dict) -> bool | None:
    """Truth of a relation (or boolean combination) at an exact point; None when undecidable.

    Raises ``NotReal`` where a relation is undefined (``1/0``, ``sqrt(-1)``), unless a disjunction's
    value does not depend on it: ``Or(x <= 0, log(x) >= 1)`` holds at ``x = -1``; a conjunction with an
    undefined conjunct is undefined (as ``domains.necessary`` says). Floats in the
    relation or the point count as the exact rationals they store."""
    return _holds(exact_floats(rel), exact_point(point))


def _holds(rel: Any, point: dict) -> bool | None:
    if isinstance(rel, (sp.And, sp.Or, sp.Not, sp.Implies)):
        vals: list = []
        for a in rel.args:
            try:
                vals.append(_holds(a, point))
            except NotReal as exc:
                vals.append(exc)
        if isinstance(rel, sp.Not):
            vals = [v if not isinstance(v, bool) else not v for v in vals]
        elif isinstance(rel, sp.Implies):
            vals = [v if not isinstance(v, bool) else not v for v in vals[:1]] + vals[1:]
        decisive = False if isinstance(rel, sp.And) else True  # one such argument settles it
        undefined = next((v for v in vals if isinstance(v, NotReal)), None)
        if isinstance(rel, sp.And) and undefined is not None:
            # a conjunction is defined where every conjunct is (domains.necessary): And(sqrt(x) >= 0,
            # x >= 0) at x = -1 is no point of the claim, though its second conjunct is false there
            raise undefined
        if not isinstance(rel, sp.Not) and decisive in vals:
            return decisive
        for v in vals:
            if isinstance(v, NotReal):
                raise v
        if None in vals:
            return None
        return vals[0] if isinstance(rel, sp.Not) else (not decisive)
    return _truth(_substitute(rel, point))


POWER_BITS = 50_000  # a rational power whose exact value needs more bits than this stays unevaluated
DISPLAY_BITS = 256   # the same, for the sides shown in a report


def _huge_power(base: sp.Expr, exponent: sp.Expr, limit: int = POWER_BITS) -> bool:
    """Would sympy compute an enormous exact integer for ``base**exponent``? It expands the integer
    part of a rational exponent exactly, in C code that no time limit can interrupt."""
    if not (base.is_Rational and exponent.is_Rational) or base in (0, 1, -1):
        return False
    bits = max(abs(base.p).bit_length(), abs(base.q).bit_length())
    return abs(exponent.p) // exponent.q * bits > limit


def _has_huge_power(expr: sp.Basic, limit: int = POWER_BITS) -> bool:
    return any(isinstance(a, sp.Pow) and _huge_power(a.base, a.exp, limit) for a in sp.preorder_traversal(expr))


def substitute_values(expr: sp.Basic, point: dict, limit: int = POWER_BITS) -> sp.Basic:
    """``expr.xreplace(point)``, except that huge rational powers (``(1 + 10**-9)**(10**9 + 1/2)``) are
    left unevaluated for ``evalf`` to approximate rather than expanded exactly."""
    if not any(isinstance(a, sp.Pow) and not a.exp.is_number for a in sp.preorder_traversal(expr)):
        return expr.xreplace(point)

    def rebuild(e: sp.Basic) -> sp.Basic:
        if e in point:
            return point[e]
        if not e.args or not (e.free_symbols & set(point)):
            return e
        args = [rebuild(a) for a in e.args]
        if isinstance(e, sp.Pow) and _huge_power(*args, limit):
            return sp.Pow(*args, evaluate=False)
        if isinstance(e, (sp.Add, sp.Mul, sp.Pow)) and any(_has_huge_power(a, limit) for a in args):
            # evaluating would combine them again: a**x * a**y is a**(x + y), expanded exactly
            return e.func(*args, evaluate=False)
        return e.func(*args)

    return rebuild(expr)


def _substitute(b: Any, point: dict) -> Any:
    """Substitute into the sides of each relation without letting sympy evaluate the relation
    (its own evaluation calls evalf without a time limit)."""
    if isinstance(b, sp.core.relational.Relational):
        _check_partial_terms(b, point)
        _check_domain(b, point)
        lhs, rhs = substitute_values(sp.sympify(b.lhs), point), substitute_values(sp.sympify(b.rhs), point)
        for side in (lhs, rhs):
            if side.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                raise NotReal(f"{b} is undefined at {point}")
        if lhs.has(sp.Sum, sp.Product) or rhs.has(sp.Sum, sp.Product):
            lhs, rhs = lhs.doit(), rhs.doit()
        return sp.core.relational.Relational(lhs, rhs, b.rel_op, evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return b.func(*[_substitute(a, point) for a in b.args], evaluate=False)
    return b.xreplace(point) if isinstance(b, sp.Basic) else b


def _is_partial(e: sp.Basic) -> bool:
    """A term that may be real only on part of the real line: a function application (log, asin,
    acosh, ...; an undefined function's value is a free real) or a power with a non-integer exponent
    (the terms ``domains.py`` puts conditions on)."""
    if isinstance(e, sp.Function):
        # total functions (exp, erf, Abs, ...) and the engine's own are real wherever their arguments are
        return not isinstance(e, (AppliedUndef, *TOTAL)) and type(e).__module__.startswith("sympy")
    return isinstance(e, sp.Pow) and e.exp.is_integer is not True


@functools.lru_cache(maxsize=4096)
def _partial_terms(rel: sp.Basic) -> tuple:
    """The partial terms of a relation outside any Piecewise (a branch's terms count only where the
    branch is selected)."""
    found: list = []

    def walk(e: sp.Basic) -> None:
        if isinstance(e, sp.Piecewise):
            return
        if _is_partial(e) and e.free_symbols:
            found.append(e)
        for a in e.args:
            if isinstance(a, sp.Basic):
                walk(a)

    walk(rel)
    return tuple(found)


def _check_partial_terms(rel: sp.Basic, point: dict) -> None:
    """Raise ``NotReal`` where a partial term of ``rel`` is not real, even if the whole is: the claim
    is about the points where its terms are defined (``domains.py``): ``log(x)**2 = -pi**2`` at
    ``x = -1`` is not a point of ``log(x)**2 >= 0``."""
    for term in _partial_terms(rel):
        if not term.free_symbols <= set(point):
            continue  # a summation index or an unassigned symbol: the whole relation settles it
        value = substitute_values(term, point)
        if value.has(sp.I) or value.is_extended_real is False:
            raise NotReal(f"{term} is not real at {point}")


@functools.lru_cache(maxsize=4096)
def _domain_conditions(rel: sp.Basic) -> tuple:
    return tuple(necessary(rel))


def _check_domain(rel: sp.Basic, point: dict) -> None:
    """Raise ``NotReal`` where a condition of ``rel``'s domain (``domains.necessary``: a log's argument
    positive, a root's base non-negative, a Piecewise's selected branch defined) is false at the point,
    even if the relation's value is real there: ``Piecewise((log(x - 2)**2, x > 0), (0, True))`` is
    ``-pi**2`` at ``x = 1``, yet not defined there."""
    for cond in _domain_conditions(rel):
        if not (cond.free_symbols | cond.atoms(AppliedUndef)) <= set(point):
            continue  # a summation index or an unassigned symbol: the whole relation settles it
        try:
            truth = _holds(cond, point)
        except NotReal as exc:
            raise NotReal(f"{rel} is undefined at {point}: its domain condition {cond} is undefined") from exc
        if truth is False:
            raise NotReal(f"{rel} is undefined at {point}: its domain condition {cond} fails")


def in_domain(point: dict) -> bool:
    """Every value satisfies its symbol's assumptions (positive, nonnegative, integer, ...)."""
    for sym, value in exact_point(point).items():
        if not isinstance(sym, sp.Symbol):
            continue
        value = sp.sympify(value)
        if sym.is_integer and value.is_integer is not True:
            return False
        checks = (("is_positive", value > 0), ("is_nonnegative", value >= 0), ("is_negative", value < 0),
                  ("is_nonpositive", value <= 0))
        for attr, rel in checks:
            if getattr(sym, attr) and _truth(rel) is not True:
                return False
        if not _has_declared_facts(sym, value):
            return False
    return True


def _has_declared_facts(sym: sp.Symbol, value: sp.Basic) -> bool:
    """Every fact the symbol's assumptions make true (rational, even, odd, prime, nonzero, ...) is
    certified for the value by sympy; an uncertain fact (None) rejects the value."""
    for fact, expected in sym.assumptions0.items():
        if expected is True and getattr(value, "is_" + fact, None) is not True:
            return False
    return True


def _truth(expr: Any) -> bool | None:
    if isinstance(expr, (bool, BooleanTrue, BooleanFalse)):
        return bool(expr)
    if isinstance(expr, sp.And):
        vals = [_truth(a) for a in expr.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(expr, sp.Or):
        vals = [_truth(a) for a in expr.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(expr, sp.Not):
        v = _truth(expr.args[0])
        return None if v is None else not v
    if isinstance(expr, sp.Implies):
        a, b = _truth(expr.args[0]), _truth(expr.args[1])
        if a is False or b is True:
            return True
        return None if None in (a, b) else False
    if isinstance(expr, sp.core.relational.Relational):
        lhs, rhs = sp.sympify(expr.lhs), sp.sympify(expr.rhs)
        for side in (lhs, rhs):
            if side.free_symbols:
                return None
        if _has_huge_power(lhs) or _has_huge_power(rhs):  # sympy's own subtraction would expand it
            s = sign(sp.Add(lhs, sp.Mul(-1, rhs, evaluate=False), evaluate=False))
        else:
            s = sign(lhs - rhs)
        if s is None:
            return None
        return {"==": s == 0, "!=": s != 0, "<=": s <= 0, "<": s < 0, ">=": s >= 0, ">": s > 0}[expr.rel_op]
    if isinstance(expr, Boolean):
        return None
    raise TypeError(f"not a relation: {expr!r}")


def sides(rel: Any, point: dict) -> tuple[Any, Any] | None:
    """The two sides of a relation evaluated exactly (simplified) at the point, for the report."""
    if not isinstance(rel, sp.core.relational.Relational):
        return None
    point = exact_point(point)
    out = []
    for side in (rel.lhs, rel.rhs):
        # a float is the binary number it stores: 0.1 + 0.2 is 10808639105689191/2**55, exactly
        value = substitute_values(exact_floats(sp.sympify(side)), point, DISPLAY_BITS)  # (1001/1000)**1000 stays so
        if not _has_huge_power(value, DISPLAY_BITS):
            try:
                with time_limit(2):
                    value = sp.simplify(value)
            except (TimeLimitExceeded, Exception):
                pass
        out.append(value)
    return tuple(out)
