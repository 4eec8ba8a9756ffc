"""The simplest counterexample on a fixed grid: a joint search over small integers, halves and simple
fractions, independent of where (and with which seed) the attack found its counterexample.

Each variable gets a list of values, simplest first (``0, 1, 2, 1/2, 3, 1/3, ...``, with negatives
interleaved when its sign allows them, integers only for an integer symbol). Points of the grid are
visited by the sum of their values' ranks, then lexicographically, so the first counterexample found
is the same for every seed. Each level is screened in floats (vectorised, ``ScalarModel.feasible``
and ``violation``) and the survivors are re-checked exactly, simplest first; a point is only ever
returned after the exact re-check (and the kernel re-checks it again with
``verify.core.counterexamples.confirm``). A point the floats cannot screen (NaN) is skipped.
"""
from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations
from typing import Any, Callable, Iterator

import numpy as np
import sympy as sp

from ..core.limits import TimeLimitExceeded, time_limit

#: non-negative values, simplest first
SIMPLE = (0, 1, 2, Fraction(1, 2), 3, Fraction(1, 3), Fraction(1, 4), Fraction(3, 2), 4, Fraction(2, 3), 5,
          Fraction(3, 4), Fraction(1, 5), 6, Fraction(5, 2), 8, 10, Fraction(1, 10))
SIMPLE_INTEGERS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20)
#: how many grid points are screened in floats, at most
MAX_POINTS = 150_000
#: how many screened points are re-checked exactly, at most
MAX_EXACT = 40
BATCH = 20_000

Check = Callable[[Any, dict], "tuple[str, Any] | None"]


def values_for(var: sp.Symbol) -> list[sp.Rational]:
    """The grid's values for ``var``, simplest first, respecting its sign and integrality."""
    base = SIMPLE_INTEGERS if var.is_integer else SIMPLE
    out: list[sp.Rational] = []
    for v in base:
        for signed in ((v,) if v == 0 else (v, -v)):
            value = sp.Rational(signed.numerator, signed.denominator) if isinstance(signed, Fraction) \
                else sp.Integer(signed)
            if _allowed(var, value):
                out.append(value)
    return out


def complexity(value: Any) -> tuple[int, int]:
    """How simple an exact number reads, smaller first: its place among the grid's values (0, 1, 2,
    1/2, 3, ..., a negative just after its positive), then anything else by its digits."""
    r = sp.Rational(value) if getattr(value, "is_Rational", False) or isinstance(value, (int, Fraction)) else None
    if r is None:
        return (2, 10 ** 9)
    mag = Fraction(abs(int(r.p)), int(r.q))
    for i, v in enumerate(SIMPLE):
        if mag == v:
            return (0, 2 * i + (1 if r < 0 else 0))
    return (1, len(str(abs(r.p))) + len(str(r.q)) + (1 if r < 0 else 0))


def _allowed(var: sp.Symbol, value: sp.Rational) -> bool:
    for assumption, test in (("positive", value > 0), ("nonnegative", value >= 0), ("negative", value < 0),
                             ("nonpositive", value <= 0), ("nonzero", value != 0)):
        if getattr(var, f"is_{assumption}") is True and not test:
            return False
    return True


def rank_tuples(n: int, total: int) -> Iterator[tuple[int, ...]]:
    """All ``n``-tuples of non-negative ranks summing to ``total``, in lexicographic order."""
    if n == 0:
        if total == 0:
            yield ()
        return
    # stars and bars: positions of n - 1 bars among total + n - 1 slots, lexicographic in the ranks
    for bars in combinations(range(total + n - 1), n - 1):
        ranks, last = [], -1
        for b in bars:
            ranks.append(b - last - 1)
            last = b
        ranks.append(total + n - 2 - last)
        yield tuple(ranks)


def simplest(model: Any, check: Check, deadline: float, *, max_points: int = MAX_POINTS,
             candidate_seconds: float = 0.25) -> tuple[dict, Any] | None:
    """The first exact counterexample of the grid in its fixed order, ``(point, found)``, or ``None``.

    ``model`` is a :class:`verify.attack.scalar.ScalarModel`; ``check(model, point)`` is the exact
    re-check (``('cx', sides)`` when every hypothesis holds and the claim fails there)."""
    variables = list(model.variables)
    if not variables:
        return None
    grids = [values_for(v) for v in variables]
    if any(not g for g in grids):
        return None
    floats = [np.array([float(x) for x in g]) for g in grids]
    longest = max(len(g) for g in grids)
    seen, exact = 0, 0
    for total in range(0, len(variables) * (longest - 1) + 1):
        level = [t for t in rank_tuples(len(variables), total)
                 if all(r < len(g) for r, g in zip(t, grids))] if seen < max_points else []
        if not level:
            if seen >= max_points:
                return None
            continue
        for start in range(0, len(level), BATCH):
            if time.monotonic() > deadline:
                return None
            chunk = np.array(level[start:start + BATCH], dtype=np.int64)
            seen += len(chunk)
            cols = [floats[j][chunk[:, j]] for j in range(len(variables))]
            ok = model.feasible(cols, len(chunk))
            viol, _ = model.violation(cols, len(chunk))
            for row in np.flatnonzero(ok & (viol > 0)):
                point = {v: grids[j][int(chunk[row, j])] for j, v in enumerate(variables)}
                exact += 1
                try:
                    with time_limit(max(min(candidate_seconds, deadline - time.monotonic()), 0.01)):
                        found = check(model, point)
                except TimeLimitExceeded:
                    found = None
                if found and found[0] == "cx":
                    return point, found
                if exact >= MAX_EXACT or time.monotonic() > deadline:
                    return None
            if seen >= max_points:
                return None
    return None


__all__ = ["simplest", "complexity", "values_for", "rank_tuples", "SIMPLE", "SIMPLE_INTEGERS"]
