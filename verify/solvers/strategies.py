"""Hypothesis strategies for solver instances: small integer least-squares problems (exact data),
in a chosen regime, with an integer starting point. Shrinking moves toward small N, d and entries."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .problems import LeastSquares


def _check_range(name: str, lo: int, hi: int) -> None:
    if not (isinstance(lo, int) and isinstance(hi, int)) or lo < 1 or hi < lo:
        raise InvalidArgument(f"{name}: need integers 1 <= min <= max, got ({lo}, {hi})")


def least_squares_instances(N: tuple[int, int] = (1, 3), d: tuple[int, int] = (1, 3), *,
                            regime: str = "interpolating", entries: int = 3) -> st.SearchStrategy:
    """``(problem, x0)`` with integer ``A`` (entries in ``[-entries, entries]``, no zero row) and
    ``x0`` in the same range.

    ``regime``: ``"interpolating"`` draws ``b = A z`` for an integer ``z`` (so ``f* = 0``);
    ``"noisy"`` draws ``b`` freely (``f* > 0`` when ``N > rank A`` generically); ``"any"`` either.
    """
    _check_range("least_squares_instances N", *N)
    _check_range("least_squares_instances d", *d)
    if regime not in ("interpolating", "noisy", "any"):
        raise InvalidArgument(f"least_squares_instances: regime must be interpolating, noisy or any, got {regime!r}")
    if not isinstance(entries, int) or entries < 1:
        raise InvalidArgument(f"least_squares_instances: entries must be a positive int, got {entries!r}")
    return _instances(N, d, regime, entries)


@st.composite
def _instances(draw, N, d, regime, entries):
    n = draw(st.integers(*N))
    m = draw(st.integers(*d))
    ints = st.integers(-entries, entries)
    rows = [draw(st.lists(ints, min_size=m, max_size=m).filter(any)) for _ in range(n)]
    A = np.array(rows, dtype=np.int64)
    interp = regime == "interpolating" or (regime == "any" and draw(st.booleans()))
    if interp:
        z = np.array(draw(st.lists(ints, min_size=m, max_size=m)), dtype=np.int64)
        b = A.dot(z)
    else:
        b = np.array(draw(st.lists(ints, min_size=n, max_size=n)), dtype=np.int64)
    x0 = np.array(draw(st.lists(ints, min_size=m, max_size=m)), dtype=np.int64)
    problem = LeastSquares(A, b, meta={"regime": "interpolating" if interp else "noisy"})
    return problem, np.array([Fraction(int(v)) for v in x0], dtype=object)


__all__ = ["least_squares_instances"]
