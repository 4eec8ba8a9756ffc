"""The nonconvex PL function ``f(x) = x^2 + 3 sin^2 x`` with derived constants.

* ``f* = 0`` at ``x = 0``; ``f'(x) = 2x + 3 sin 2x``, ``f''(x) = 2 + 6 cos 2x`` in ``[-4, 8]``, so f is
  nonconvex (``f''(pi/2) = -4``) and L-smooth with ``L = max |f''| = 8`` (attained at ``x = 0``).
* The only stationary point is 0: for ``x > 0``, ``f'(x) = 0`` needs ``sin 2x = -2x/3``, so
  ``x <= 3/2`` (|sin| <= 1) and ``2x > pi`` (sin 2x < 0 on ``(0, pi/2]``), impossible. f is even.
* The PL constant ``mu = inf_{x != 0} f'(x)^2 / (2 f(x))`` (000, Definition 1) is computed here with a
  certificate. On ``(0, 1/2]``: ``sin 2x >= 2x (1 - (2x)^2/6) >= 5x/3`` gives ``f' >= 7x`` and
  ``sin^2 x <= x^2`` gives ``f <= 4x^2``, so the ratio is ``>= 49/8``. On ``[R, oo)`` with ``R = 10``:
  ``|f'| >= 2x - 3`` and ``f <= x^2 + 3``, and ``(2x-3)^2 / (2(x^2+3))`` is increasing there
  (its derivative has the sign of ``(2x-3)(6x+12)``), so the ratio is ``>= 289/206``. On ``[1/2, R]``
  interval arithmetic (mpmath.iv) over an adaptive partition gives a rigorous lower bound.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

#: Bounds proved in the module docstring for the two unbounded / singular ends.
NEAR_ZERO_BOUND = Fraction(49, 8)
FAR_BOUND = Fraction(289, 206)
R_FAR = 10


def f(x):
    """``x^2 + 3 sin^2 x`` (numpy-vectorised)."""
    return x * x + 3 * np.sin(x) ** 2


def grad(x):
    """``2x + 3 sin 2x``."""
    return 2 * x + 3 * np.sin(2 * x)


def pl_ratio(x):
    """``f'(x)^2 / (2 f(x))`` for ``x != 0``."""
    return grad(x) ** 2 / (2 * f(x))


def _ratio_lower(lo: float, hi: float, iv) -> float:
    """A rigorous lower bound of the PL ratio on ``[lo, hi]`` (0 < lo), by interval arithmetic."""
    X = iv.mpf([lo, hi])
    g = 2 * X + 3 * iv.sin(2 * X)
    F = X * X + 3 * iv.sin(X) ** 2
    g_lo = g.a
    if g_lo <= 0:
        return 0.0
    return float((g_lo * g_lo / (2 * F.b)).a)


@lru_cache(maxsize=None)
def certified_pl_constant(rel_tol: float = 1e-3) -> tuple[float, float, float]:
    """``(mu_lower, mu_upper, argmin)``: ``mu_lower <= inf_x f'^2/(2f) <= mu_upper``.

    ``mu_upper`` is the ratio at a point found by a fine grid and bounded refinement; ``mu_lower`` is
    certified (interval arithmetic on ``[1/2, 10]``, the bounds of the docstring outside), within
    ``rel_tol`` of ``mu_upper``.
    """
    from mpmath import iv

    iv.prec = 80
    xs = np.linspace(0.5, R_FAR, 200001)
    r = pl_ratio(xs)
    k = int(r.argmin())
    from scipy.optimize import minimize_scalar

    res = minimize_scalar(pl_ratio, bounds=(xs[max(k - 1, 0)], xs[min(k + 1, xs.size - 1)]), method="bounded",
                          options={"xatol": 1e-12})
    mu_upper, argmin = float(res.fun), float(res.x)
    target = mu_upper * (1 - rel_tol)
    stack = [(0.5 + i * (R_FAR - 0.5) / 64, 0.5 + (i + 1) * (R_FAR - 0.5) / 64) for i in range(64)]
    lower = min(float(NEAR_ZERO_BOUND), float(FAR_BOUND))
    while stack:
        lo, hi = stack.pop()
        bound = _ratio_lower(lo, hi, iv)
        if bound >= target:
            lower = min(lower, bound)
            continue
        if hi - lo < 1e-9:
            lower = min(lower, bound)
            continue
        mid = (lo + hi) / 2
        stack += [(lo, mid), (mid, hi)]
    return lower, mu_upper, argmin


@dataclass(frozen=True)
class ScalarPL:
    """``x^2 + 3 sin^2 x`` as a one-term finite sum (``N = 1``) for the solvers."""

    N: int = 1
    d: int = 1
    L: float = 8.0
    f_star: float = 0.0

    @property
    def mu(self) -> float:
        """The certified lower bound of the PL constant (a valid mu)."""
        return certified_pl_constant()[0]

    def f(self, x):
        return float(f(np.asarray(x, dtype=float))[0])

    def grad(self, x):
        return grad(np.asarray(x, dtype=float))

    def grad_i(self, i, x):
        return self.grad(x)

    def f_i(self, i, x):
        return self.f(x)


__all__ = ["ScalarPL", "certified_pl_constant", "f", "grad", "pl_ratio", "NEAR_ZERO_BOUND", "FAR_BOUND"]
