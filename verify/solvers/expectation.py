"""Expectations over the sample indices of SGD and mini-batch SGD, exact where possible.

1. ``enumerate_expectation``: every batch sequence, for small ``N``, ``B`` and ``k``. A batch drawn with
   replacement acts only through its multiset, which has multinomial probability
   ``B! / prod(c_i!) / N^B``; so there are ``C(N+B-1, B)^k`` paths instead of ``N^{Bk}``.
   Exact when the problem's data, ``x0`` and steps are rationals.
2. ``least_squares_moments``: for least squares, the first and second moments of ``e = x - x*``
   propagate in closed form. With ``G = (1/B) sum_l a_l a_l^T``, ``c = (1/B) sum_l r_l a_l`` and
   ``r = A x* - b`` (so ``A^T r = 0`` and ``E c = 0``), ``e' = (I - sG) e - s c`` gives
       ``m' = (I - sH) m``,
       ``M' = M - s(HM + MH) + s^2 [ (1/B) E_i (a_i^T M a_i) a_i a_i^T + (1 - 1/B) H M H ]
              + (2 s^2 / B) E_i r_i (a_i^T m) a_i a_i^T + (s^2 / B) E_i r_i^2 a_i a_i^T``,
   and ``E f(x) - f* = tr(H M) / 2``. Cost ``O(k N d^2)``, exact in rationals.
3. ``hoeffding_interval``: Monte Carlo with a stated confidence bound for quantities in ``[0, upper]``.
"""
from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations_with_replacement
from typing import Any, Callable, Sequence

import numpy as np

from .methods import Step, minibatch_direction, step_at
from .problems import LeastSquares, exact_minimiser


def batch_distribution(N: int, B: int) -> list[tuple[tuple[int, ...], Fraction]]:
    """Every multiset of ``B`` indices from ``{0..N-1}`` with its exact probability under sampling
    with replacement."""
    out = []
    for batch in combinations_with_replacement(range(N), B):
        counts = np.bincount(batch, minlength=N)
        weight = math.factorial(B)
        for c in counts:
            weight //= math.factorial(int(c))
        out.append((batch, Fraction(weight, N ** B)))
    return out


def path_count(N: int, B: int, k: int) -> int:
    """Number of batch paths ``enumerate_expectation`` visits: ``C(N+B-1, B)^k``."""
    return math.comb(N + B - 1, B) ** k


def enumerate_paths(problem: Any, x0: Any, step: Step, k: int, B: int = 1, one: Any = None,
                    max_paths: int = 2_000_000) -> list[list[tuple[Any, np.ndarray]]]:
    """Per iterate ``j = 0..k``, every reachable ``(probability, x_j)`` over the batch paths
    (batches drawn with replacement, merged by multiset). ``one`` is the probability unit: ``Fraction(1)``
    for exact data (default when the data are exact), ``mpmath.mpf(1)`` for 50-digit runs, ``1.0`` else.
    """
    if path_count(problem.N, B, k) > max_paths:
        raise ValueError(f"enumerate_paths: {path_count(problem.N, B, k)} paths exceed max_paths={max_paths}; "
                         f"use least_squares_moments or Monte Carlo")
    if one is None:
        one = Fraction(1) if getattr(problem, "exact", False) else 1.0
    dist = [(batch, one * p.numerator / p.denominator) for batch, p in batch_distribution(problem.N, B)]
    levels = [[(one, np.asarray(x0))]]
    for j in range(k):
        s = step_at(step, j)
        levels.append([(p * q, y - s * minibatch_direction(problem, batch, y))
                       for p, y in levels[-1] for batch, q in dist])
    return levels


def enumerate_expectation(problem: Any, x0: Any, step: Step, k: int, B: int = 1, f_star: Any = None,
                          max_paths: int = 2_000_000) -> list[Any]:
    """``[E f(x_j) - f* for j = 0..k]`` by enumerating every batch path (exact for exact data).

    Raises ``ValueError`` when the path count exceeds ``max_paths``.
    """
    if f_star is None:
        f_star = exact_minimiser(problem)[1] if getattr(problem, "exact", False) else problem.f_star
    levels = enumerate_paths(problem, x0, step, k, B, max_paths=max_paths)
    return [sum(p * problem.f(y) for p, y in level) - f_star for level in levels]


def least_squares_moments(problem: LeastSquares, x0: Any, step: Step, k: int, B: int = 1,
                          x_star: Any = None, one: Any = None) -> list[Any]:
    """``[E f(x_j) - f* for j = 0..k]`` for mini-batch SGD (B = 1: SGD) on least squares by exact
    propagation of ``E e`` and ``E e e^T`` (see the module docstring). Exact for rational data and steps;
    for 50-digit runs pass mpf data, a minimiser ``x_star`` and ``one = mpmath.mpf(1)``."""
    exact = problem.exact
    if x_star is None:
        x_star = exact_minimiser(problem)[0] if exact else problem.x_star
    A, H, N = problem.A, problem.H, problem.N
    r = A.dot(x_star) - problem.b
    outer = [np.outer(a, a) for a in A]
    m = np.asarray(x0) - x_star
    M = np.outer(m, m)
    if one is None:
        one = Fraction(1) if exact else 1.0
    inv_B = one / B

    def gap(M):
        return np.trace(H.dot(M)) / 2

    out = [gap(M)]
    for j in range(k):
        s = step_at(step, j)
        quad = sum(a.dot(M).dot(a) * P for a, P in zip(A, outer)) / N
        cross = sum(ri * a.dot(m) * P for a, ri, P in zip(A, r, outer)) / N
        noise = sum(ri * ri * P for ri, P in zip(r, outer)) / N
        HM = H.dot(M)
        M = (M - s * (HM + HM.T) + s * s * (inv_B * quad + (one - inv_B) * H.dot(M).dot(H))
             + 2 * s * s * inv_B * cross + s * s * inv_B * noise)
        m = m - s * H.dot(m)
        out.append(gap(M))
    return out


def hoeffding_interval(samples: Sequence[float], upper: float, alpha: float = 1e-6) -> tuple[float, float, float]:
    """``(mean, lower, upper)``: for i.i.d. samples in ``[0, upper]``, the true mean lies in
    ``[lower, upper]`` with probability at least ``1 - alpha`` (two-sided Hoeffding:
    half-width ``upper * sqrt(log(2/alpha) / (2n))``)."""
    n = len(samples)
    if n == 0 or upper <= 0:
        raise ValueError("hoeffding_interval: need samples and a positive upper bound")
    mean = float(np.mean(samples))
    half = upper * math.sqrt(math.log(2 / alpha) / (2 * n))
    return mean, mean - half, mean + half


def monte_carlo_expectation(run: Callable[[np.random.Generator], Sequence[float]], n: int, upper: float,
                            seed: int = 0, alpha: float = 1e-6) -> list[tuple[float, float, float]]:
    """Per iterate ``j``, the Hoeffding interval of ``E value_j`` from ``n`` runs of ``run(rng)``,
    each returning ``[value_0, ..., value_k]`` with values in ``[0, upper]``."""
    rng = np.random.default_rng(seed)
    runs = np.array([run(rng) for _ in range(n)], dtype=float)
    if runs.max() > upper or runs.min() < 0:
        raise ValueError("monte_carlo_expectation: a sample left [0, upper]; the Hoeffding bound needs it")
    return [hoeffding_interval(runs[:, j], upper, alpha) for j in range(runs.shape[1])]


__all__ = ["batch_distribution", "path_count", "enumerate_paths", "enumerate_expectation", "least_squares_moments",
           "hoeffding_interval", "monte_carlo_expectation"]
