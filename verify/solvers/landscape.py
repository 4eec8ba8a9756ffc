"""Nonconvex landscapes: the PCA and rank-1 matrix-completion objectives, their exact gradients and
Hessians (numpy, exact rationals and sympy at small dimension), GD and perturbed GD, enumeration and
Hessian classification of stationary points, sampling masks and incoherent ground truths.

Conventions: ``g(x) = (1/2)||M - x x^T||_F^2`` (PCA) and ``f(x) = (1/2)||P_Omega(M - x x^T)||_F^2``
(matrix completion) with ``P_Omega(A) = Omega * A`` entrywise for a 0/1 mask ``Omega``. General: knows
no theorem of the notes.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

import numpy as np
import sympy as sp

from ..core.verdicts import Evidence, Status, Verdict

Array = np.ndarray


# -- objectives, gradients, Hessians (numpy) -----------------------------------------------------------

def pca_value(M: Array, x: Array) -> float:
    """``g(x) = (1/2)||M - x x^T||_F^2``."""
    R = M - np.outer(x, x)
    return 0.5 * float(np.sum(R * R))


def pca_gradient(M: Array, x: Array) -> Array:
    """``grad g(x) = -2 (M - x x^T) x`` for symmetric ``M``."""
    return -2.0 * (M - np.outer(x, x)) @ x


def pca_hessian(M: Array, x: Array) -> Array:
    """``hess g(x) = 2 (2 x x^T + ||x||^2 I - M)`` for symmetric ``M``."""
    d = len(x)
    return 2.0 * (2.0 * np.outer(x, x) + float(x @ x) * np.eye(d) - M)


def completion_value(mask: Array, M: Array, x: Array) -> float:
    """``f(x) = (1/2)||P_Omega(M - x x^T)||_F^2``."""
    R = mask * (M - np.outer(x, x))
    return 0.5 * float(np.sum(R * R))


def completion_gradient(mask: Array, M: Array, x: Array) -> Array:
    """``grad f(x) = -(P + P^T) x`` with ``P = P_Omega(M - x x^T)`` (any mask, symmetric or not)."""
    P = mask * (M - np.outer(x, x))
    return -(P + P.T) @ x


def completion_hessian(mask: Array, M: Array, x: Array) -> Array:
    """``hess f(x) = diag((Omega + Omega^T) x^2) + (Omega + Omega^T) * x x^T - (P + P^T)``,
    ``P = P_Omega(M - x x^T)``, ``x^2`` entrywise."""
    S = mask + mask.T
    P = mask * (M - np.outer(x, x))
    return np.diag(S @ (x * x)) + S * np.outer(x, x) - (P + P.T)


# -- the same objectives in exact arithmetic ---------------------------------------------------------

def exact_outer_residual(M: Sequence[Sequence[Fraction]], x: Sequence[Fraction]) -> list[list[Fraction]]:
    """``M - x x^T`` in rationals."""
    return [[Fraction(M[i][j]) - Fraction(x[i]) * Fraction(x[j]) for j in range(len(x))] for i in range(len(x))]


def exact_completion_value(mask: Sequence[Sequence[int]], M: Sequence[Sequence[Fraction]],
                           x: Sequence[Fraction]) -> Fraction:
    """``f(x)`` exactly (``mask`` all ones gives the PCA objective ``g``)."""
    R = exact_outer_residual(M, x)
    return sum((Fraction(mask[i][j]) * R[i][j] ** 2 for i in range(len(x)) for j in range(len(x))),
               Fraction(0)) / 2


# -- the objectives as sympy expressions in the entries (for checking the formulas at small d) -------

def pca_symbolic(d: int) -> tuple[sp.Expr, list[sp.Symbol], sp.Matrix]:
    """``(g, [x_1..x_d], M)`` with ``M`` a symmetric matrix of symbols ``m_ij`` (i <= j)."""
    xs = list(sp.symbols(f"x1:{d + 1}", real=True))
    M = sp.Matrix(d, d, lambda i, j: sp.Symbol(f"m{min(i, j) + 1}{max(i, j) + 1}", real=True))
    X = sp.Matrix(xs)
    R = M - X * X.T
    return sp.Rational(1, 2) * sum(R[i, j] ** 2 for i in range(d) for j in range(d)), xs, M


def completion_symbolic(d: int) -> tuple[sp.Expr, list[sp.Symbol], sp.Matrix, sp.Matrix]:
    """``(f, xs, M, W)``: ``f = (1/2) sum_ij w_ij (m_ij - x_i x_j)^2`` with mask entries ``w_ij``
    (0/1 for a mask; the formulas below hold for any real weights once ``w_ij^2`` is read as ``w_ij``)."""
    _, xs, M = pca_symbolic(d)
    W = sp.Matrix(d, d, lambda i, j: sp.Symbol(f"w{i + 1}{j + 1}", real=True))
    f = sp.Rational(1, 2) * sum(W[i, j] * (M[i, j] - xs[i] * xs[j]) ** 2 for i in range(d) for j in range(d))
    return f, xs, M, W


def gradient(expr: sp.Expr, xs: Sequence[sp.Symbol]) -> sp.Matrix:
    """The gradient of ``expr`` in ``xs`` by sympy's ``diff``."""
    return sp.Matrix([sp.diff(expr, v) for v in xs])


def hessian(expr: sp.Expr, xs: Sequence[sp.Symbol]) -> sp.Matrix:
    """The Hessian of ``expr`` in ``xs`` by sympy."""
    return sp.hessian(expr, xs)


# -- algorithms -------------------------------------------------------------------------------------

def gd_path(grad: Callable[[Array], Array], x0: Array, step: float, iters: int) -> Array:
    """GD iterates ``x_{k+1} = x_k - step * grad(x_k)``, ``k < iters``; the last one."""
    x = np.array(x0, dtype=float)
    for _ in range(iters):
        x = x - step * grad(x)
    return x


def perturbed_gd(grad: Callable[[Array], Array], x0: Array, step: float, iters: int,
                 rng: np.random.Generator, radius: float = 1e-3, threshold: float = 1e-4) -> Array:
    """GD that adds a uniform perturbation of size ``radius`` whenever ``||grad|| < threshold``
    (Jin et al. 2017, simplified): it escapes strict saddles; a final plain GD phase polishes."""
    x = np.array(x0, dtype=float)
    for k in range(iters):
        g = grad(x)
        if np.linalg.norm(g) < threshold and k < iters // 2:
            x = x + radius * rng.uniform(-1.0, 1.0, size=x.shape)
            g = grad(x)
        x = x - step * g
    return x


def newton_stationary(grad: Callable[[Array], Array], hess: Callable[[Array], Array], x0: Array,
                      iters: int = 60, tol: float = 1e-12) -> Array | None:
    """A zero of ``grad`` by Newton's method from ``x0`` (least-squares steps), or None if it fails."""
    x = np.array(x0, dtype=float)
    with np.errstate(all="ignore"):
        for _ in range(iters):
            g = grad(x)
            if not np.all(np.isfinite(g)):
                return None
            if np.linalg.norm(g) < tol:
                return x
            try:
                step, *_ = np.linalg.lstsq(hess(x), g, rcond=None)
            except np.linalg.LinAlgError:
                return None
            x = x - step
        g = grad(x)
    return x if np.all(np.isfinite(g)) and np.linalg.norm(g) < 1e-9 else None


def stationary_points(grad: Callable[[Array], Array], hess: Callable[[Array], Array], d: int,
                      rng: np.random.Generator, starts: int = 200, scale: float = 2.0) -> list[Array]:
    """Distinct stationary points found by Newton from ``starts`` random points (numeric enumeration)."""
    found: list[Array] = []
    for _ in range(starts):
        x = newton_stationary(grad, hess, rng.uniform(-scale, scale, size=d))
        if x is not None and all(np.linalg.norm(x - y) > 1e-6 for y in found):
            found.append(x)
    return found


def classify(H: Array, tol: float = 1e-9) -> str:
    """``minimum`` (Hessian PD), ``saddle`` (eigenvalues of both signs), ``maximum`` (ND), or
    ``degenerate`` (semi-definite with a zero eigenvalue: second order does not decide)."""
    ev = np.linalg.eigvalsh((H + H.T) / 2)
    lo, hi = ev[0], ev[-1]
    if lo > tol:
        return "minimum"
    if hi < -tol:
        return "maximum"
    if lo < -tol and hi > tol:
        return "saddle"
    return "degenerate"


def pca_stationary_points_exact(eigenvalues: Sequence[Fraction], Q: Sequence[Sequence[Fraction]],
                                roots: Sequence[Fraction]) -> list[list[Fraction]]:
    """All stationary points of ``g`` for ``M = Q diag(eigenvalues) Q^T`` with distinct positive
    eigenvalues ``lambda_i = roots[i]^2``: ``0`` and ``+-roots[i] q_i`` (``grad g = 0`` iff
    ``M x = ||x||^2 x``)."""
    d = len(eigenvalues)
    points = [[Fraction(0)] * d]
    for i in range(d):
        q = [Fraction(Q[r][i]) for r in range(d)]
        for s in (1, -1):
            points.append([s * roots[i] * c for c in q])
    return points


def stationary_points_sympy(expr: sp.Expr, xs: Sequence[sp.Symbol]) -> list[tuple]:
    """The real solutions of ``grad expr = 0`` (a polynomial system), solved exactly by sympy."""
    sols = sp.solve(list(gradient(expr, xs)), list(xs), dict=True)
    real = [tuple(sol.get(v, v) for v in xs) for sol in sols]
    return [pt for pt in real if all(sp.im(c) == 0 for c in pt)]


# -- instances --------------------------------------------------------------------------------------

def cayley_orthogonal(S: Sequence[Sequence[int]]) -> list[list[Fraction]]:
    """A rational orthogonal matrix ``(I - S)(I + S)^{-1}`` from an integer skew-symmetric ``S``."""
    A = sp.Matrix(S)
    Q = (sp.eye(A.rows) - A) * (sp.eye(A.rows) + A).inv()
    return [[Fraction(int(sp.fraction(e)[0]), int(sp.fraction(e)[1])) for e in Q.row(i)] for i in range(A.rows)]


def random_skew(d: int, rng: np.random.Generator, size: int = 3) -> list[list[int]]:
    """An integer skew-symmetric ``d x d`` matrix with entries in ``[-size, size]``."""
    S = [[0] * d for _ in range(d)]
    for i in range(d):
        for j in range(i + 1, d):
            S[i][j] = int(rng.integers(-size, size + 1))
            S[j][i] = -S[i][j]
    return S


def sample_mask(d: int, p: float, rng: np.random.Generator, symmetric: bool = True) -> Array:
    """A 0/1 ``d x d`` mask, each entry observed with probability ``p`` (``symmetric``: entry ``(i, j)``
    for ``i <= j`` drawn and mirrored, as for a symmetric ``M``)."""
    draw = (rng.random((d, d)) < p).astype(float)
    if symmetric:
        upper = np.triu(draw)
        return upper + np.triu(upper, 1).T
    return draw


def incoherent_unit_vector(d: int, mu: float, rng: np.random.Generator) -> Array:
    """A unit vector ``z`` with ``||z||_inf <= mu / sqrt(d)`` (``mu >= 1``): random signs on a
    near-flat profile, rescaled."""
    for _ in range(1000):
        z = rng.choice([-1.0, 1.0], size=d) * rng.uniform(1.0, mu ** 0.5, size=d)
        z /= np.linalg.norm(z)
        if np.max(np.abs(z)) <= mu / np.sqrt(d):
            return z
    return rng.choice([-1.0, 1.0], size=d) / np.sqrt(d)


def distance_to_pm(x: Array, z: Array) -> float:
    """``min(||x - z||, ||x + z||)``."""
    return float(min(np.linalg.norm(x - z), np.linalg.norm(x + z)))


def fit_exponent(eps: Sequence[float], dist: Sequence[float]) -> tuple[float, float, float]:
    """Least-squares slope of ``log dist`` against ``log eps`` and its 95% interval (normal approximation
    of the slope's standard error): ``(slope, low, high)``."""
    X, Y = np.log(np.asarray(eps, float)), np.log(np.asarray(dist, float))
    n = len(X)
    A = np.vstack([X, np.ones(n)]).T
    coef, *_ = np.linalg.lstsq(A, Y, rcond=None)
    resid = Y - A @ coef
    dof = max(n - 2, 1)
    s2 = float(resid @ resid) / dof
    se = float(np.sqrt(s2 / max(float(np.sum((X - X.mean()) ** 2)), 1e-300)))
    return float(coef[0]), float(coef[0] - 1.96 * se), float(coef[0] + 1.96 * se)


def clopper_pearson_upper(failures: int, trials: int, alpha: float = 0.05) -> float:
    """One-sided ``1 - alpha`` upper confidence bound of a failure probability (Clopper-Pearson)."""
    from scipy.stats import beta
    if failures >= trials:
        return 1.0
    return float(beta.ppf(1 - alpha, failures + 1, trials - failures))


# -- probabilistic claims: the failure probability of an event, with a confidence bound ----------------

Trial = Callable[[np.random.Generator, dict], "tuple[bool, float]"]


@dataclass
class FailureProbability:
    """A claim "the event holds with probability >= 1 - delta" (w.h.p.), run by Monte Carlo.

    For each parameter setting (a dict), ``trials`` independent draws of ``trial(rng, setting)`` return
    ``(event_holds, value)``; the verdict is ``tested`` when at every setting the one-sided
    Clopper-Pearson upper bound (level ``1 - alpha``) of the failure probability is at most ``delta``,
    ``unknown`` otherwise. Never ``proved``; never ``refuted`` either (failures at a rate above delta are
    statistical evidence, not an exact counterexample). With ``fit`` the evidence also carries the
    least-squares exponent of the mean ``value`` against ``setting[fit]`` and its 95% interval.
    """

    name: str
    trial: Trial
    settings: tuple
    delta: float = 0.05
    trials: int = 100
    alpha: float = 0.05
    fit: str | None = None
    source: str = ""
    expect: str | None = None
    uses: tuple = ()
    statement: str = ""

    def run(self, seconds: float | None = None, seed: int | None = None) -> Verdict:
        """Estimate the failure probability at every setting; see the class docstring."""
        start = time.monotonic()
        rng = np.random.default_rng(0 if seed is None else seed)
        rows = []
        for setting in self.settings:
            outcomes = [self.trial(rng, dict(setting)) for _ in range(self.trials)]
            failures = sum(1 for ok, _ in outcomes if not ok)
            values = [v for _, v in outcomes]
            rows.append({**setting, "trials": self.trials, "failures": failures,
                         "failure_rate": failures / self.trials,
                         "failure_upper": clopper_pearson_upper(failures, self.trials, self.alpha),
                         "mean_value": float(np.mean(values)), "max_value": float(np.max(values))})
            if seconds is not None and time.monotonic() - start > 10 * seconds:
                break
        return self._verdict(rows, time.monotonic() - start, seed)

    def _fit(self, rows: list) -> dict:
        usable = [r for r in rows if r["mean_value"] > 1e-12]
        if self.fit is None or len({r[self.fit] for r in usable}) < 3:
            return {}
        slope, lo, hi = fit_exponent([r[self.fit] for r in usable], [r["mean_value"] for r in usable])
        return {"fitted_exponent": slope, "exponent_interval_95": [lo, hi], "fitted_against": self.fit}

    def _verdict(self, rows: list, elapsed: float, seed: int | None) -> Verdict:
        worst = max(rows, key=lambda r: r["failure_upper"])
        data = {"settings": rows, "delta": self.delta, "alpha": self.alpha, "seconds": round(elapsed, 3),
                "seed": seed, **self._fit(rows)}
        detail = (f"{len(rows)} settings x {self.trials} trials; largest failure rate {worst['failure_rate']:.3g}, "
                  f"its {1 - self.alpha:.0%} upper bound {worst['failure_upper']:.3g} (claimed <= {self.delta})")
        ok = len(rows) == len(self.settings) and worst["failure_upper"] <= self.delta
        status = Status.TESTED if ok else Status.UNKNOWN
        message = "" if ok else ("the failure probability is not certified below delta at every setting"
                                 if len(rows) == len(self.settings) else "time ran out before every setting ran")
        return Verdict(status, self.name, [Evidence("monte carlo", detail, data)], message=message,
                       seconds=elapsed, relation=self.statement)


__all__ = [
    "pca_value", "pca_gradient", "pca_hessian", "completion_value", "completion_gradient", "completion_hessian",
    "exact_outer_residual", "exact_completion_value", "pca_symbolic", "completion_symbolic", "gradient", "hessian",
    "gd_path", "perturbed_gd", "newton_stationary", "stationary_points", "stationary_points_sympy", "classify",
    "pca_stationary_points_exact",
    "cayley_orthogonal", "random_skew", "sample_mask", "incoherent_unit_vector", "distance_to_pm", "fit_exponent",
    "clopper_pearson_upper", "FailureProbability",
]
