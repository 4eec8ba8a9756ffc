"""Problem families with computed constants, for running the methods the theorems speak about.

A *finite-sum problem* is ``f(x) = (1/N) sum_i f_i(x)``. The family here is least squares,

    f_i(x) = (1/2) (a_i^T x - b_i)^2,   grad f_i(x) = a_i (a_i^T x - b_i),   H = (1/N) A^T A,

whose constants are computed, not assumed:

* ``L``      = lambda_max(H)                       (f is L-smooth: grad f(x) = H x - A^T b / N);
* ``L_i``    = ||a_i||^2                           (f_i is L_i-smooth);
* ``L_tilde``= max_i L_i; with interpolation (b in range A) ``||grad f_i||^2 = 2 L_i f_i <= 2 L_tilde f_i``;
* ``mu``     = smallest non-zero eigenvalue of H   (PL: ||grad f||^2 = e^T H^2 e >= 2 mu (f - f*),
                                                    e = x - x*, since f - f* = e^T H e / 2).

``N < d`` with generic data interpolates (``f* = 0``); ``N > d`` with generic ``b`` does not.
Data may be floats or ``fractions.Fraction`` (numpy object arrays); then every evaluation is exact.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np


def _as_array(values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == object:
        return arr
    if np.issubdtype(arr.dtype, np.integer):
        return np.vectorize(Fraction, otypes=[object])(arr)
    return arr.astype(float)


def is_exact(arr: np.ndarray) -> bool:
    """True when the array holds exact rationals (``Fraction`` or ``int``)."""
    return arr.dtype == object


@dataclass
class LeastSquares:
    """``f(x) = (1/(2N)) ||A x - b||^2`` as the finite sum of ``f_i = (a_i^T x - b_i)^2 / 2``.

    Integer or ``Fraction`` data keep exact rational arithmetic throughout.
    """

    A: np.ndarray
    b: np.ndarray
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.A = _as_array(self.A)
        self.b = _as_array(self.b)
        if self.A.ndim != 2 or self.b.shape != (self.A.shape[0],):
            raise ValueError(f"LeastSquares: A must be N x d and b of length N; got A {self.A.shape}, "
                             f"b {self.b.shape}")

    @property
    def N(self) -> int:
        return self.A.shape[0]

    @property
    def d(self) -> int:
        return self.A.shape[1]

    @property
    def exact(self) -> bool:
        return is_exact(self.A)

    # -- values and gradients -------------------------------------------------------------------------
    def residual(self, x: np.ndarray) -> np.ndarray:
        return self.A.dot(x) - self.b

    def f(self, x: np.ndarray) -> Any:
        r = self.residual(x)
        return r.dot(r) / (2 * self.N)

    def f_i(self, i: int, x: np.ndarray) -> Any:
        r = self.A[i].dot(x) - self.b[i]
        return r * r / 2

    def grad(self, x: np.ndarray) -> np.ndarray:
        return self.A.T.dot(self.residual(x)) / self.N

    def grad_i(self, i: int, x: np.ndarray) -> np.ndarray:
        return self.A[i] * (self.A[i].dot(x) - self.b[i])

    # -- constants (floats; use ``exact_constants`` for 50-digit values) ------------------------------
    @cached_property
    def H(self) -> np.ndarray:
        """``(1/N) A^T A`` (exact when the data are)."""
        return self.A.T.dot(self.A) / self.N

    @cached_property
    def spectrum(self) -> np.ndarray:
        return np.linalg.eigvalsh(self.H.astype(float))

    @property
    def L(self) -> float:
        """lambda_max(H): the smoothness constant of f."""
        return float(self.spectrum[-1])

    @property
    def L_i(self) -> np.ndarray:
        """||a_i||^2: the smoothness constant of each f_i."""
        return np.array([float(a.dot(a)) for a in self.A])

    @property
    def L_tilde(self) -> float:
        return float(self.L_i.max())

    @property
    def mu(self) -> float:
        """The smallest non-zero eigenvalue of H: the PL constant of f (relative tolerance 1e-9)."""
        ev = self.spectrum
        nonzero = ev[ev > 1e-9 * max(ev[-1], 1e-300)]
        if nonzero.size == 0:
            raise ValueError("LeastSquares.mu: H = 0, f is constant")
        return float(nonzero[0])

    @cached_property
    def x_star(self) -> np.ndarray:
        """The minimum-norm minimiser (float)."""
        return np.linalg.lstsq(self.A.astype(float), self.b.astype(float), rcond=None)[0]

    @property
    def f_star(self) -> float:
        return float(self.f(self.x_star.astype(float) if not self.exact else self.x_star))

    @property
    def interpolating(self) -> bool:
        """True when ``b`` lies in the range of ``A`` (checked exactly for exact data)."""
        if self.exact:
            return exact_minimiser(self)[1] == 0
        return self.f_star <= 1e-12 * max(1.0, float(self.b.astype(float).dot(self.b.astype(float))))


def exact_minimiser(problem: LeastSquares) -> tuple[np.ndarray, Fraction]:
    """An exact minimiser of least squares with rational data and the exact ``f*``.

    Solves the normal equations ``A^T A x = A^T b`` with sympy over the rationals (any solution
    minimises; ``f*`` does not depend on the choice).
    """
    import sympy as sp

    if not problem.exact:
        raise ValueError("exact_minimiser: the data are floats; build the problem from ints or Fractions")
    A = sp.Matrix(problem.A.tolist())
    b = sp.Matrix(problem.b.tolist())
    sol, params = (A.T * A).gauss_jordan_solve(A.T * b)
    sol = sol.subs({p: 0 for p in params})
    x = np.array([Fraction(int(sp.fraction(v)[0]), int(sp.fraction(v)[1])) for v in sol], dtype=object)
    return x, problem.f(x)


def random_least_squares(rng: np.random.Generator, N: int, d: int, *, interpolate: bool | None = None,
                         integer: bool = False, scale: int = 3) -> LeastSquares:
    """A random instance: Gaussian (or integer in ``[-scale, scale]``) ``A``.

    ``interpolate=True`` takes ``b = A x_true`` (so ``f* = 0``); ``False`` draws ``b`` independently
    (with ``N > d`` generically ``f* > 0``); ``None`` chooses by the regime (``N <= d`` interpolates).
    """
    if N < 1 or d < 1:
        raise ValueError(f"random_least_squares: N and d must be positive, got N={N}, d={d}")
    if interpolate is None:
        interpolate = N <= d
    if integer:
        A = rng.integers(-scale, scale + 1, size=(N, d))
        while not A.any():
            A = rng.integers(-scale, scale + 1, size=(N, d))
        b = A.dot(rng.integers(-scale, scale + 1, size=d)) if interpolate else rng.integers(-scale, scale + 1, N)
    else:
        A = rng.standard_normal((N, d))
        b = A.dot(rng.standard_normal(d)) if interpolate else rng.standard_normal(N)
    return LeastSquares(A, b, meta={"N": N, "d": d, "interpolate": interpolate})


__all__ = ["LeastSquares", "exact_minimiser", "random_least_squares", "is_exact", "high_precision_constants"]


def high_precision_constants(problem: LeastSquares, digits: int = 50) -> dict[str, Any]:
    """``L``, ``mu`` (smallest non-zero eigenvalue of H), ``L_tilde`` as ``mpmath.mpf`` with ``digits``
    digits, from exact rational data (eigenvalues of a rational symmetric matrix by ``mpmath.eigsy``;
    eigenvalues below ``10^(-digits/2)`` times the largest count as zero)."""
    import mpmath

    if not problem.exact:
        raise ValueError("high_precision_constants: the data are floats; build the problem from ints")
    with mpmath.workdps(digits):
        H = mpmath.matrix([[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in problem.H])
        ev = sorted(mpmath.eigsy(H, eigvals_only=True))
        top = ev[-1]
        nonzero = [v for v in ev if v > top * mpmath.mpf(10) ** (-digits // 2)]
        L_tilde = max(a.dot(a) for a in problem.A)
        return {"L": +top, "mu": +nonzero[0], "L_tilde": mpmath.mpf(L_tilde.numerator) / L_tilde.denominator,
                "rank": len(nonzero)}
