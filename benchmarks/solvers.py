"""Benchmarks of verify.solvers: iterations per second of each method, and the cost of exact
expectations as N and k grow (path enumeration ``C(N+B-1, B)^k`` against second-moment propagation
``O(k N d^2)``). Prints its figures; not a timed test.

    PYTHONPATH=. python benchmarks/solvers.py
"""
from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from verify.solvers import (enumerate_expectation, gd, least_squares_moments, minibatch_sgd, nesterov,
                            path_count, random_least_squares, sgd)


def _rate(fn, iters: int) -> float:
    start = time.perf_counter()
    fn(iters)
    return iters / (time.perf_counter() - start)


def iterations_per_second() -> None:
    rng = np.random.default_rng(0)
    print("iterations per second (float64, least squares N x d)")
    print(f"{'N x d':>12} {'GD':>12} {'SGD':>12} {'mini-batch B=8':>16} {'Nesterov':>12}")
    for N, d in [(10, 5), (100, 50), (1000, 200)]:
        p = random_least_squares(rng, N, d)
        x0, s = np.zeros(d), 1 / p.L
        s_i = 1 / (2 * p.L_tilde)   # stable for single-sample and mini-batch steps
        kap = np.sqrt(p.L / p.mu) if p.mu > 0 else 1.0
        beta = (kap - 1) / (kap + 1)
        rates = [_rate(lambda k: gd(p, x0, s, k), 2000),
                 _rate(lambda k: sgd(p, x0, s_i, k, rng=np.random.default_rng(1)), 2000),
                 _rate(lambda k: minibatch_sgd(p, x0, s_i, k, 8, rng=np.random.default_rng(1)), 2000),
                 _rate(lambda k: nesterov(p, x0, s, beta, k), 2000)]
        print(f"{f'{N} x {d}':>12} " + " ".join(f"{r:>12.0f}" for r in rates[:2]) + f" {rates[2]:>16.0f} {rates[3]:>12.0f}")


def exact_expectation_cost() -> None:
    rng = np.random.default_rng(1)
    print("\nexact E[f(x_k)] - f*, rational arithmetic, d = 2, SGD (B = 1): seconds")
    print(f"{'N':>3} {'k':>3} {'paths':>10} {'enumerate':>11} {'moments':>9}")
    for N in (2, 3, 4):
        p = random_least_squares(rng, N, 2, integer=True, interpolate=False)
        x0 = np.array([Fraction(1), Fraction(-1)])
        step = Fraction(1, 50)
        for k in (2, 4, 6, 8):
            paths = path_count(N, 1, k)
            t0 = time.perf_counter()
            mom = least_squares_moments(p, x0, step, k)
            t_mom = time.perf_counter() - t0
            if paths <= 7_000:
                t0 = time.perf_counter()
                enum = enumerate_expectation(p, x0, step, k)
                t_enum = time.perf_counter() - t0
                assert enum == mom
                enum_txt = f"{t_enum:>11.3f}"
            else:
                enum_txt = f"{'skipped':>11}"
            print(f"{N:>3} {k:>3} {paths:>10} {enum_txt} {t_mom:>9.4f}")
    print("\nsecond-moment propagation alone, d = 3, N = 10, rational: seconds per k")
    p = random_least_squares(rng, 10, 3, integer=True, interpolate=False)
    x0 = np.array([Fraction(1), Fraction(0), Fraction(-1)])
    for k in (10, 20, 40):
        t0 = time.perf_counter()
        least_squares_moments(p, x0, Fraction(1, 100), k, B=4)
        print(f"  k = {k:>3}: {time.perf_counter() - t0:.3f} s")


def pep_certificate_cost() -> None:
    """Seconds per one-step PEP solve (PEPit + Clarabel) and per exact certificate check (optional extra)."""
    from verify.solvers import pep
    from verify.solvers.pep_certificate import one_step_certificate

    if not pep.available():
        print("\nPEP certificates: skipped (PEPit not installed)")
        return
    print("\none GD step under PL, step 1/L: PEP solve, then rationalised dual checked exactly by the kernel")
    print(f"{'L':>3} {'mu':>5} {'PEP value':>12} {'rate':>6} {'verified':>9} {'solve s':>8} {'total s':>8}")
    for L, mu in [(1, Fraction(1, 4)), (1, Fraction(1, 2)), (2, Fraction(1, 3)), (4, Fraction(1)), (3, Fraction(1, 5))]:
        cert = one_step_certificate(L, mu)
        print(f"{L:>3} {str(mu):>5} {cert.pep.value:>12.9f} {str(cert.rate):>6} {str(cert.proved):>9} "
              f"{cert.pep.seconds:>8.3f} {cert.seconds:>8.3f}")


if __name__ == "__main__":
    iterations_per_second()
    exact_expectation_cost()
    pep_certificate_cost()
