"""A sympy rewrite is a candidate proof: re-check the original claim exactly at points of its domain.

``simplify``, sympy's assumptions and its closed forms for sums are not decision procedures (sympy
rewrites ``binomial(n, k)`` through gamma functions, wrong at negative integers; a closed form for a sum
may be wrong at the least allowed bound). Before such a rewrite counts as a proof, the claim as written
is evaluated exactly at a grid covering the domain: for an integer symbol every value from the least
one allowed (by its domain or a hypothesis ``n >= c``) up to ``INTEGER_WINDOW`` above it (``0, -1, 1,
...`` when unbounded), for a real one simple values of its sign. A point where every hypothesis holds
and the claim fails refutes the rewrite. A cross-check at points does not make a right rewrite of a
wrong one; it catches the wrong rewrites that fail somewhere small.
"""
from __future__ import annotations

import itertools
import time
from typing import Iterator

import sympy as sp

from ..exact import NotReal, holds, in_domain
from ..limits import TimeLimitExceeded, remaining, time_limit
from ..problem import integer_bounds

INTEGER_WINDOW = 64      # an integer symbol: every value from its least allowed one up to this far above
MAX_POINTS = 150         # points of a grid over several symbols
SECONDS = 0.4            # budget of one cross-check (at most half of what the enclosing limit leaves)
POINT_SECONDS = 0.1      # budget of one point's exact evaluation
_REAL_VALUES = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Integer(-2), sp.Rational(1, 2),
                sp.Rational(-1, 2), sp.Integer(3), sp.Integer(-3), sp.Rational(1, 3), sp.Integer(10),
                sp.Integer(-10), sp.Rational(7, 3), sp.Rational(-7, 3), sp.Rational(1, 10), sp.Integer(100)]


def integer_values(problem, s: sp.Symbol, window: int = INTEGER_WINDOW) -> list[sp.Integer]:
    """Values of the integer ``s``, simplest first: from its least allowed value up (``low, ..., low +
    window``), down from its greatest one, or ``0, -1, 1, -2, 2, ...`` when it is unbounded."""
    low, high = integer_bounds(problem, s)
    if low is not None:
        top = low + window if high is None else min(high, low + window)
        values = list(range(low, top + 1))
    elif high is not None:
        values = list(range(high, high - window - 1, -1))
    else:
        values = [0] + [v for m in range(1, window // 2 + 1) for v in (-m, m)]
    return [sp.Integer(v) for v in values]


def real_values(s: sp.Symbol) -> list[sp.Rational]:
    """Simple exact values in the domain of the real symbol ``s``."""
    return [v for v in _REAL_VALUES if in_domain({s: v})]


def grid(problem, symbols: list[sp.Symbol], most: int = MAX_POINTS) -> Iterator[dict]:
    """Points over ``symbols``: all values of one symbol, or the product of the simplest few of each."""
    lists = [integer_values(problem, s) if s.is_integer else real_values(s) for s in symbols]
    if not lists:
        yield {}
        return
    if any(not values for values in lists):
        return
    width = max(2, int(most ** (1 / len(lists))))
    for values in itertools.islice(itertools.product(*[v[:width] for v in lists]), most):
        yield dict(zip(symbols, values))


def _fails_at(problem, point: dict) -> bool | None:
    """True: every hypothesis holds exactly and the goal fails; False: it holds; None: not settled
    (a hypothesis fails or is undecided, the claim is undefined there, or time ran out)."""
    try:
        with time_limit(POINT_SECONDS):
            for h in problem.hyps:
                if holds(h, point) is not True:
                    return None
            truth = holds(problem.goal, point)
    except (NotReal, TimeLimitExceeded, TypeError, ValueError, ZeroDivisionError):
        return None
    return None if truth is None else not truth


def cross_check(problem, seconds: float = SECONDS) -> tuple[int, dict | None]:
    """(points where the claim was confirmed exactly, a point where it fails or None)."""
    outer = remaining()
    budget = seconds if outer is None else min(seconds, outer / 2)
    deadline = time.monotonic() + budget
    symbols = sorted((s for s in problem.symbols if isinstance(s, sp.Symbol)), key=str)
    confirmed = 0
    for point in grid(problem, symbols):
        if time.monotonic() > deadline:
            break
        verdict = _fails_at(problem, point)
        if verdict is True:
            return confirmed, point
        if verdict is False:
            confirmed += 1
    return confirmed, None


def describe(confirmed: int) -> str:
    """The evidence's account of a cross-check that found nothing."""
    return f"cross-checked exactly at {confirmed} points of the domain"
