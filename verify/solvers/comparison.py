"""ODE families with closed-form solutions, for attacking the comparison lemmas of continuous time
(Gronwall's inequality, exponential decay of a kernel flow) with a solver and re-checking exactly.

* ``ScalarComparison``: ``u' = p(t) u - kappa e^{P(t)}`` with ``p(t) = alpha + beta sin(omega t)``,
  ``P(t) = int_0^t p = alpha t + beta (1 - cos(omega t))/omega`` and ``kappa >= 0``, so ``u' <= p u``;
  exactly ``u(t) = e^{P(t)} (u_0 - kappa t)``. Gronwall's bound is ``u_0 e^{P(t)}``.
* ``KernelFlow``: ``z' = -Q(t)(z - y)`` with ``Q(t) = U diag(alpha_k + beta_k sin^2(omega_k t)) U^T``
  (``U`` orthogonal, ``alpha_k > 0``, ``beta_k >= 0``), so ``lambda_min(Q(t)) >= min_k alpha_k``;
  exactly ``U^T (z(t) - y)`` has coordinates ``c_k e^{-A_k(t)}`` with
  ``A_k(t) = alpha_k t + beta_k (t/2 - sin(2 omega_k t)/(4 omega_k))``.

Each has ``solve(times)`` (``solve_ivp``, LSODA, tight tolerances) and ``exact(t)`` (mpmath, 50 digits,
from the exact rational data). ``scalar_comparisons`` and ``kernel_flows`` are hypothesis strategies,
with ``U`` a rotation by a Pythagorean angle so that it is exactly orthogonal in rationals.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import mpmath
import numpy as np
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from .flow import ATOL, RTOL
from .precision import DIGITS, mpf


@dataclass(frozen=True)
class ScalarComparison:
    """``u' = (alpha + beta sin(omega t)) u - kappa e^{P(t)}``, ``u(0) = u0`` (see the module docstring)."""

    alpha: Fraction
    beta: Fraction
    omega: Fraction
    kappa: Fraction
    u0: Fraction

    def P(self, t: float) -> float:
        a, b, w = float(self.alpha), float(self.beta), float(self.omega)
        return a * t + b * (1 - np.cos(w * t)) / w

    def solve(self, times: Sequence[float]) -> np.ndarray:
        """``u(t)`` at ``times`` by ``solve_ivp``."""
        a, b, w, k = float(self.alpha), float(self.beta), float(self.omega), float(self.kappa)
        rhs = lambda t, u: (a + b * np.sin(w * t)) * u - k * np.exp(self.P(t))
        sol = solve_ivp(rhs, (0.0, float(times[-1])), [float(self.u0)], method="LSODA", t_eval=times,
                        rtol=RTOL, atol=ATOL)
        if not sol.success:
            raise RuntimeError(f"ScalarComparison.solve: {sol.message}")
        return sol.y[0]

    def bound(self, t: float) -> float:
        """Gronwall's bound ``u(0) exp(int_0^t p)``."""
        return float(self.u0) * np.exp(self.P(t))

    def exact(self, t: Fraction, digits: int = DIGITS) -> tuple[mpmath.mpf, mpmath.mpf]:
        """``(u(t), u(0) e^{P(t)})`` at ``digits`` digits."""
        with mpmath.workdps(digits):
            tt, w = mpf(t), mpf(self.omega)
            P = mpf(self.alpha) * tt + mpf(self.beta) * (1 - mpmath.cos(w * tt)) / w
            return mpmath.exp(P) * (mpf(self.u0) - mpf(self.kappa) * tt), mpf(self.u0) * mpmath.exp(P)


def rotation(a: int, b: int) -> list[list[Fraction]]:
    """The rotation with ``cos = (a^2 - b^2)/(a^2 + b^2)``, ``sin = 2ab/(a^2 + b^2)``: exactly orthogonal."""
    h = a * a + b * b
    c, s = Fraction(a * a - b * b, h), Fraction(2 * a * b, h)
    return [[c, -s], [s, c]]


@dataclass(frozen=True)
class KernelFlow:
    """``z' = -Q(t)(z - y)`` in dimension 2 (see the module docstring)."""

    U: tuple[tuple[Fraction, ...], ...]
    alpha: tuple[Fraction, ...]
    beta: tuple[Fraction, ...]
    omega: tuple[Fraction, ...]
    z0: tuple[Fraction, ...]
    y: tuple[Fraction, ...]

    @property
    def lam(self) -> Fraction:
        """``min_k alpha_k``: a lower bound on ``lambda_min(Q(t))`` for every ``t``."""
        return min(self.alpha)

    def Q(self, t: float) -> np.ndarray:
        U = np.array(self.U, dtype=float)
        q = [float(a) + float(b) * np.sin(float(w) * t) ** 2 for a, b, w in zip(self.alpha, self.beta, self.omega)]
        return U.dot(np.diag(q)).dot(U.T)

    def solve(self, times: Sequence[float]) -> np.ndarray:
        """``z(t) - y`` at ``times`` (rows) by ``solve_ivp``."""
        y = np.array(self.y, dtype=float)
        sol = solve_ivp(lambda t, z: -self.Q(t).dot(z - y), (0.0, float(times[-1])),
                        np.array(self.z0, dtype=float), method="LSODA", t_eval=times, rtol=RTOL, atol=ATOL,
                        jac=lambda t, z: -self.Q(t))
        if not sol.success:
            raise RuntimeError(f"KernelFlow.solve: {sol.message}")
        return sol.y.T - y

    def exact(self, t: Fraction, digits: int = DIGITS) -> list[mpmath.mpf]:
        """``z(t) - y`` at ``digits`` digits from the closed form."""
        with mpmath.workdps(digits):
            tt = mpf(t)
            U = [[mpf(x) for x in row] for row in self.U]
            e0 = [mpf(a) - mpf(b) for a, b in zip(self.z0, self.y)]
            c = [sum(U[i][k] * e0[i] for i in range(2)) for k in range(2)]   # U^T e0
            decay = []
            for a, b, w in zip(self.alpha, self.beta, self.omega):
                w = mpf(w)
                A = mpf(a) * tt + mpf(b) * (tt / 2 - mpmath.sin(2 * w * tt) / (4 * w))
                decay.append(mpmath.exp(-A))
            return [sum(U[i][k] * c[k] * decay[k] for k in range(2)) for i in range(2)]


_rationals = lambda lo, hi: st.fractions(min_value=lo, max_value=hi, max_denominator=16)


def scalar_comparisons() -> st.SearchStrategy:
    """``ScalarComparison`` instances: rates of either sign, ``kappa`` from 0 (the tight case) up."""
    return st.builds(ScalarComparison, alpha=_rationals(-2, 2), beta=_rationals(-2, 2), omega=_rationals(1, 4),
                     kappa=st.one_of(st.just(Fraction(0)), _rationals(0, 3)), u0=_rationals(-3, 3))


def kernel_flows() -> st.SearchStrategy:
    """``KernelFlow`` instances: a Pythagorean rotation, rates in ``[1/16, 3]``, some constant (``beta = 0``)."""
    pair = lambda s: st.tuples(s, s)
    return st.builds(
        KernelFlow,
        U=st.tuples(st.integers(1, 4), st.integers(0, 4)).map(lambda ab: tuple(map(tuple, rotation(*ab)))),
        alpha=pair(_rationals(Fraction(1, 16), 3)), beta=pair(st.one_of(st.just(Fraction(0)), _rationals(0, 3))),
        omega=pair(_rationals(1, 4)), z0=pair(_rationals(-3, 3)), y=pair(_rationals(-3, 3)))


__all__ = ["ScalarComparison", "KernelFlow", "rotation", "scalar_comparisons", "kernel_flows"]
