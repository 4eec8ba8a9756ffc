"""Instances that satisfy a claim's hypotheses by construction, with a share made tight.

Each scalar hypothesis ``expr >= 0`` that is linear in one of its symbols ``s`` (coefficient ``c`` of
any sign, evaluated per instance) bounds ``s`` given the others: ``s >= -r/c`` or ``s <= -r/c``.
A plan orders the symbols so every bound depends on earlier ones; each instance then draws the
earlier symbols and puts ``s`` on one of its bounds (tight), strictly inside, or at an equality's
value. Every instance is recorded so that it can be rebuilt in exact arithmetic.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..core.deciders.base import Fact

TIGHT, INSIDE, FREE = 0, 1, 2
STRICT_OFFSET = 2.0 ** -20  # relative offset that keeps a strict bound strict when made "tight"


@dataclass
class Bound:
    """``var >= value`` (lower) or ``var <= value`` per instance, from ``fact`` = c*var + r KIND 0."""

    fact_index: int
    coeff: Any      # callable over ``args``
    rest: Any
    coeff_expr: sp.Expr
    rest_expr: sp.Expr
    kind: str       # >=, >, ==
    args: tuple = ()  # the earlier variables that coeff and rest depend on, in the callables' order

    def values(self, known: dict, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(coefficient, rest) on ``n`` instances from the earlier variables' columns in ``known``."""
        cols = [known[s] for s in self.args]
        return evaluate(self.coeff, cols, n), evaluate(self.rest, cols, n)


@dataclass
class VarPlan:
    var: sp.Symbol
    bounds: list[Bound] = field(default_factory=list)


def _lambdify(args: list[sp.Symbol], expr: sp.Expr):
    """``expr`` compiled to a numpy function of ``args``; compiled once per (args, expr) in a process."""
    try:
        return _compiled(tuple(args), expr)
    except TypeError:  # an unhashable part (a mutable Matrix): compiled without the cache
        return _compiled.__wrapped__(tuple(args), expr)


@functools.lru_cache(maxsize=4096)
def _compiled(args: tuple[sp.Basic, ...], expr: sp.Expr):
    # The arguments become plain symbols with safe names in one xreplace: lambdify would otherwise
    # replace each sequence term F(k) or oddly named symbol by a Dummy in an xreplace of its own, after
    # sorting the arguments, which cost more than the compilation. docstring_limit=0: no docstring
    # quoting str(expr), which costs more still.
    # (Dummy arguments would make lambdify replace every argument; a prefix no symbol of expr has, instead.)
    expr = sp.sympify(expr)
    taken = {str(s) for s in getattr(expr, "free_symbols", ())}
    prefix = "_arg"
    while any(name.startswith(prefix) for name in taken):
        prefix += "_"
    plain = [sp.Symbol(f"{prefix}{i}") for i in range(len(args))]
    body = expr.xreplace(dict(zip(args, plain)))
    return sp.lambdify(plain, body, modules=["numpy", "scipy"], docstring_limit=0, dummify=False)


def evaluate(fn, columns: list[np.ndarray], n: int) -> np.ndarray:
    """Call a lambdified function on columns; broadcast constants; complex or failing values give nan."""
    with np.errstate(all="ignore"):
        try:
            out = fn(*columns)
        except (ZeroDivisionError, OverflowError, ValueError, TypeError, FloatingPointError):
            return np.full(n, np.nan)
    out = np.asarray(out)
    if np.iscomplexobj(out):
        out = np.where(np.abs(out.imag) <= 1e-12 * (1 + np.abs(out.real)), out.real, np.nan)
    try:
        out = out.astype(float, copy=False)
    except (OverflowError, TypeError, ValueError):
        # an integer constant past the float range (10**435): +-inf, and the exact re-check decides
        out = np.array([_float_or_inf(v) for v in out.ravel()], dtype=float).reshape(out.shape)
    return np.broadcast_to(out, (n,)) if out.shape != (n,) else out


def _float_or_inf(v: Any) -> float:
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf
    except (TypeError, ValueError):
        return math.nan


def make_plan(variables: list[sp.Symbol], facts: list[Fact], order: list[sp.Symbol]) -> list[VarPlan]:
    """Assign each fact to its latest symbol in ``order`` when the fact is linear in that symbol."""
    position = {v: i for i, v in enumerate(order)}
    plans = {v: VarPlan(v) for v in order}
    for k, fact in enumerate(facts):
        syms = [s for s in fact.expr.free_symbols if s in position]
        if not syms or len(syms) != len(fact.expr.free_symbols):
            continue
        latest = max(syms, key=position.__getitem__)
        split = linear_split(fact.expr, latest)
        if split is None:
            continue
        coeff, rest = split
        # the callables take only the symbols they use, so that every order shares one compilation
        args = tuple(sorted(coeff.free_symbols | rest.free_symbols, key=str))
        plans[latest].bounds.append(Bound(k, _lambdify(list(args), coeff), _lambdify(list(args), rest),
                                          coeff, rest, fact.kind, args))
    return [plans[v] for v in order]


@functools.lru_cache(maxsize=4096)
def linear_split(expr: sp.Expr, var: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """``(c, r)`` with ``expr = c*var + r`` and neither depending on ``var``; None if ``expr`` is not
    linear in ``var``."""
    try:
        poly = sp.Poly(expr, var)
    except sp.PolynomialError:
        return None
    if poly.degree() != 1:
        return None
    coeff, rest = poly.coeff_monomial(var), poly.coeff_monomial(1)
    if coeff.has(var) or rest.has(var):
        return None
    return coeff, rest


def _base(var: sp.Symbol, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draw values from the symbol's domain: log-uniform magnitudes, small integers, special values."""
    if var.is_integer:
        lo = 1 if var.is_positive else 0 if var.is_nonnegative else -8
        hi = -1 if var.is_negative else 0 if var.is_nonpositive else 12
        small = rng.integers(lo, hi + 1, size=n).astype(float)
        big = np.sign(small + 0.5) * np.floor(10 ** rng.uniform(1, 3, size=n))
        if lo >= 0:
            big = np.abs(big)
        if hi <= 0:
            big = -np.abs(big)
        return np.where(rng.random(n) < 0.85, small, big)
    # mostly 1e-3..1e3; a tenth from 1e-9..1e9, where thin regions near 0 and far-out crossings live
    mag = np.where(rng.random(n) < 0.9, 10.0 ** rng.uniform(-3, 3, size=n), 10.0 ** rng.uniform(-9, 9, size=n))
    special = rng.choice(np.array([1.0, 2.0, 0.5, 3.0, 0.25, 10.0, 1e-3]), size=n)
    unif = rng.uniform(0, 3, size=n)
    which = rng.random(n)
    vals = np.where(which < 0.5, mag, np.where(which < 0.75, special, unif))
    if var.is_positive:
        return vals
    if var.is_negative:
        return -vals
    zero = rng.random(n) < 0.1
    if var.is_nonnegative:
        return np.where(zero, 0.0, vals)
    if var.is_nonpositive:
        return np.where(zero, 0.0, -vals)
    signs = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    return np.where(zero, 0.0, signs * vals)


@dataclass
class Batch:
    """Sampled instances: ``values[var]`` floats, and how each was made (``mode``, ``bound``)."""

    values: dict[sp.Symbol, np.ndarray]
    mode: dict[sp.Symbol, np.ndarray]
    bound: dict[sp.Symbol, np.ndarray]
    n: int


def sample(plan: list[VarPlan], n: int, rng: np.random.Generator, tight_share: float = 0.35) -> Batch:
    """Draw ``n`` instances following the plan; infeasible bound intervals give nan."""
    values: dict[sp.Symbol, np.ndarray] = {}
    mode: dict[sp.Symbol, np.ndarray] = {}
    which: dict[sp.Symbol, np.ndarray] = {}
    for vp in plan:
        var = vp.var
        base = _base(var, n, rng)
        val = base.copy()
        m = np.full(n, FREE, dtype=np.int8)
        b_idx = np.full(n, -1, dtype=np.int16)
        if vp.bounds:
            lo = np.full(n, -np.inf)
            hi = np.full(n, np.inf)
            lo_idx = np.full(n, -1, dtype=np.int16)
            hi_idx = np.full(n, -1, dtype=np.int16)
            eq_val = np.full(n, np.nan)
            eq_idx = np.full(n, -1, dtype=np.int16)
            for j, b in enumerate(vp.bounds):
                c, r = b.values(values, n)
                with np.errstate(all="ignore"):
                    bound = -r / c
                if b.kind == "==":
                    take = np.isnan(eq_val) & (c != 0)
                    eq_val = np.where(take, bound, eq_val)
                    eq_idx = np.where(take, j, eq_idx)
                    continue
                is_lo = c > 0
                is_hi = c < 0
                new_lo = is_lo & (bound > lo)
                new_hi = is_hi & (bound < hi)
                lo = np.where(new_lo, bound, lo)
                lo_idx = np.where(new_lo, j, lo_idx)
                hi = np.where(new_hi, bound, hi)
                hi_idx = np.where(new_hi, j, hi_idx)
            if var.is_positive or var.is_nonnegative:
                lo = np.maximum(lo, 0.0)
            if var.is_negative or var.is_nonpositive:
                hi = np.minimum(hi, 0.0)
            u = rng.random(n)
            has_lo, has_hi = np.isfinite(lo) & (lo_idx >= 0), np.isfinite(hi) & (hi_idx >= 0)
            tight_lo = has_lo & (u < tight_share / (1 + has_hi))
            tight_hi = has_hi & ~tight_lo & (u < tight_share)
            mag = np.abs(base) + 1e-3
            with np.errstate(all="ignore"):
                width = hi - lo
                inside = np.where(np.isfinite(width), lo + rng.random(n) * width,
                                  np.where(np.isfinite(lo), lo + mag, np.where(np.isfinite(hi), hi - mag, base)))
            bounded = np.isfinite(lo) | np.isfinite(hi)
            val = np.where(bounded, inside, base)
            m = np.where(bounded, INSIDE, FREE).astype(np.int8)
            strict_lo = np.array([vp.bounds[j].kind == ">" for j in range(len(vp.bounds))] + [False])
            off_lo = np.where(strict_lo[lo_idx], STRICT_OFFSET * np.maximum(np.abs(lo), 1.0), 0.0)
            off_hi = np.where(strict_lo[hi_idx], STRICT_OFFSET * np.maximum(np.abs(hi), 1.0), 0.0)
            val = np.where(tight_lo, lo + off_lo, np.where(tight_hi, hi - off_hi, val))
            m = np.where(tight_lo | tight_hi, TIGHT, m).astype(np.int8)
            b_idx = np.where(tight_lo, lo_idx, np.where(tight_hi, hi_idx, -1)).astype(np.int16)
            has_eq = ~np.isnan(eq_val)
            val = np.where(has_eq, eq_val, val)
            m = np.where(has_eq, TIGHT, m).astype(np.int8)
            b_idx = np.where(has_eq, eq_idx, b_idx).astype(np.int16)
            val = np.where(lo > hi, np.nan, val)
            if var.is_integer:
                val = np.where(tight_hi, np.floor(val), np.ceil(val))
                m = np.where(m == TIGHT, m, FREE).astype(np.int8)
        values[var], mode[var], which[var] = val, m, b_idx
    return Batch(values, mode, which, n)


def exact_value(x: float) -> sp.Rational:
    f = Fraction(float(x))
    return sp.Rational(f.numerator, f.denominator)


def snap(x: float, level: int | None) -> sp.Rational:
    """``x`` as an exact rational: itself (level None) or the nearest with denominator <= level;
    a value too small for that denominator keeps its magnitude instead, rounded to as many
    significant digits as ``level`` has (``1.15e-9`` at level 12 becomes ``11/10**10``)."""
    if level is None:
        return exact_value(x)
    x = float(x)
    if x != 0 and abs(x) * level < 1:
        digits = len(str(level))
        exponent = math.floor(math.log10(abs(x))) - digits + 1
        mantissa = round(x / 10.0 ** exponent)
        return sp.Rational(mantissa) * sp.Rational(10) ** exponent
    f = Fraction(x).limit_denominator(level)
    return sp.Rational(f.numerator, f.denominator)


def _tidy(value: sp.Expr) -> sp.Expr:
    """``value`` simplified for display if that is quick (a tight value may hold exp, sqrt, ...)."""
    from ..core.limits import call_with_limit

    done, simpler = call_with_limit(0.05, sp.simplify, value)
    return simpler if done else value


def rebuild(plan: list[VarPlan], batch: Batch, i: int, level: int | None = None) -> dict[sp.Symbol, sp.Expr] | None:
    """Instance ``i`` in exact arithmetic: free values as rationals (snapped to denominators <= level),
    tight values recomputed exactly from their bound."""
    point: dict[sp.Symbol, sp.Expr] = {}
    for vp in plan:
        var = vp.var
        v = batch.values[var][i]
        if not math.isfinite(v):
            return None
        if batch.mode[var][i] == TIGHT and batch.bound[var][i] >= 0:
            b = vp.bounds[int(batch.bound[var][i])]
            coeff = b.coeff_expr.xreplace(point)
            if coeff == 0:
                return None
            exact = _tidy(-b.rest_expr.xreplace(point) / coeff) if coeff.free_symbols == set() else None
            if exact is None:
                return None
            if b.kind == ">":
                off = STRICT_OFFSET * max(abs(float(exact)), 1.0)
                exact = exact + (exact_value(off) if coeff > 0 else -exact_value(off))
            if var.is_integer:
                exact = sp.ceiling(exact) if coeff > 0 else sp.floor(exact)
            point[var] = exact
        else:
            point[var] = sp.Integer(round(v)) if var.is_integer else snap(v, level)
    return point
