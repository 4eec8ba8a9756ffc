"""Figures of the landscape solvers (run: ``python benchmarks/landscape.py``).

Prints, as d grows:
1. the cost of one gradient and one Hessian evaluation of the PCA objective g and of the
   matrix-completion objective f (numpy), next to sympy's gradient and Hessian in the entries (d <= 4);
2. the cost of the Monte Carlo experiment of Lemma 8.17 (100 trials per setting) and its measured failure
   rate, mean deviation and Clopper-Pearson bound;
3. the GD experiment of Theorem 8.23: at each (d, p), the distances from the local minimum reached to +-z
   against sqrt(eps), the fraction of runs that end at +-z, and the time.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from verify.solvers import landscape as ls  # noqa: E402


def per_call(fn, repeat: int) -> float:
    """Seconds per call of ``fn()``, averaged over ``repeat`` calls."""
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def derivative_costs() -> None:
    print("1. gradient / Hessian evaluation (microseconds per call)")
    print(f"{'d':>6} {'pca grad':>10} {'pca hess':>10} {'mc grad':>10} {'mc hess':>10}")
    rng = np.random.default_rng(0)
    for d in (10, 30, 100, 300, 1000):
        A = rng.normal(size=(d, d))
        M, x, W = A @ A.T / d, rng.normal(size=d), ls.sample_mask(d, 0.3, rng)
        repeat = max(3, int(2e5 / d ** 2))
        costs = [per_call(lambda: ls.pca_gradient(M, x), repeat), per_call(lambda: ls.pca_hessian(M, x), repeat),
                 per_call(lambda: ls.completion_gradient(W, M, x), repeat),
                 per_call(lambda: ls.completion_hessian(W, M, x), repeat)]
        print(f"{d:>6} " + " ".join(f"{1e6 * c:>10.1f}" for c in costs))
    print(f"{'d':>6} {'sympy grad+hess of f (s)':>26}")
    for d in (2, 3, 4):
        t0 = time.perf_counter()
        f, xs, _, _ = ls.completion_symbolic(d)
        ls.gradient(f, xs)
        ls.hessian(f, xs)
        print(f"{d:>6} {time.perf_counter() - t0:>26.3f}")


def monte_carlo_costs() -> None:
    from theorems.matrix_completion import _eps, _lemma_8_17_trial

    print("\n2. Lemma 8.17 by Monte Carlo (100 trials per setting)")
    print(f"{'d':>6} {'p':>6} {'eps':>7} {'failures':>9} {'upper95':>8} {'mean dev':>10} {'seconds':>8}")
    for d in (50, 100, 200, 400, 800):
        for q in (0.05, 0.2):
            setting = {"d": d, "p": q, "eps": _eps(d, q)}
            exp = ls.FailureProbability("bench", trial=_lemma_8_17_trial, settings=(setting,), trials=100)
            t0 = time.perf_counter()
            row = exp.run(seed=0).evidence[0].data["settings"][0]
            print(f"{d:>6} {q:>6} {setting['eps']:>7.3f} {row['failures']:>9} {row['failure_upper']:>8.3f} "
                  f"{row['mean_value']:>10.2e} {time.perf_counter() - t0:>8.2f}")


def gd_experiment() -> None:
    from theorems.matrix_completion import _MU, _theorem_8_23_trial

    print("\n3. Theorem 8.23: perturbed GD on f, 30 runs per (d, p); distance of the end point to +-z")
    print(f"{'d':>6} {'p':>6} {'eps':>7} {'sqrt(162 eps)':>13} {'max dist':>10} {'at +-z':>7} {'seconds':>8}")
    rng = np.random.default_rng(0)
    for d in (10, 20, 40, 80):
        for q in (0.2, 0.4, 0.8):
            eps = _MU * float(np.sqrt(np.log(d) / (q * d)))
            t0 = time.perf_counter()
            dists = [_theorem_8_23_trial(rng, {"d": d, "p": q, "eps": eps})[1] for _ in range(30)]
            at_z = sum(1 for r in dists if r < 1e-6) / len(dists)
            print(f"{d:>6} {q:>6} {eps:>7.3f} {np.sqrt(162 * eps):>13.2f} {max(dists):>10.2e} {at_z:>7.0%} "
                  f"{time.perf_counter() - t0:>8.2f}")


if __name__ == "__main__":
    derivative_costs()
    monte_carlo_costs()
    gd_experiment()
