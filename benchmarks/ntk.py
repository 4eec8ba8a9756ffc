"""Benchmarks of the tangent-kernel solvers: the closed-form empirical kernel of a two-layer network against
the Jacobian route (build the n x (m d) Jacobian J, then J J^T), time and peak memory, for n = 200, d = 10
and m from 10^3 to 10^5; then the time of a full width sweep (the graph's init_kernel_scaling at benchmark
size). Prints its figures; not a timed test.

    PYTHONPATH=. python benchmarks/ntk.py [--max-width 100000]

Times are the fastest of three runs (one at m = 10^5); peak memory is measured with tracemalloc (numpy
reports its array allocations to it). The closed form does ``n^2 m`` multiply-adds (half, by ``syrk``), the
Jacobian route ``n^2 m d``, so the expected speed-up is about ``2 d``.
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
from typing import Callable

import numpy as np

from verify.solvers.networks import init_two_layer
from verify.solvers.scaling import bootstrap_slope, sweep
from verify.solvers.tangent_kernel import empirical_kernel, jacobian_kernel, relu_kernel


def _measure(fn: Callable[[], np.ndarray], repeats: int) -> tuple[np.ndarray, float, float]:
    """``(result, seconds, peak MB)``: the fastest of ``repeats`` timed calls, then one call under tracemalloc
    (which slows allocation, so it is not timed)."""
    seconds = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        seconds = min(seconds, time.perf_counter() - start)
    tracemalloc.start()
    out = fn()
    peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    return out, seconds, peak


def closed_form_vs_jacobian(n: int = 200, d: int = 10, widths: tuple[int, ...] = (1_000, 10_000, 100_000)) -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    print(f"empirical tangent kernel, ReLU, n = {n}, d = {d}: closed form vs Jacobian J J^T")
    print(f"{'m':>8} {'closed s':>9} {'closed MB':>10} {'Jacobian s':>11} {'Jacobian MB':>12} {'speed-up':>9} "
          f"{'memory ratio':>13} {'max |diff|':>11}")
    for m in widths:
        net = init_two_layer(rng, m, d, "relu")
        repeats = 3 if m <= 10_000 else 1
        fast, t_fast, mb_fast = _measure(lambda: empirical_kernel(net, X), repeats)
        slow, t_slow, mb_slow = _measure(lambda: jacobian_kernel(net, X), repeats)
        print(f"{m:>8} {t_fast:>9.3f} {mb_fast:>10.1f} {t_slow:>11.3f} {mb_slow:>12.1f} {t_slow / t_fast:>9.1f} "
              f"{mb_slow / mb_fast:>13.1f} {np.abs(fast - slow).max():>11.2e}")


def full_width_sweep(n: int = 20, d: int = 10, widths: tuple[int, ...] = (1_000, 4_000, 16_000, 64_000),
                     seeds: int = 10) -> None:
    def gap(m: int, rng: np.random.Generator) -> float:
        X = rng.standard_normal((n, d))
        X /= np.linalg.norm(X, axis=1, keepdims=True)
        return float(np.linalg.norm(empirical_kernel(init_two_layer(rng, m, d, "relu"), X) - relu_kernel(X)))

    start = time.perf_counter()
    values = sweep(gap, widths, seeds)
    slope, low, high = bootstrap_slope(widths, values)
    seconds = time.perf_counter() - start
    print(f"\nwidth sweep ||H(0) - H*||_F, ReLU, n = {n}, d = {d}, m in {widths}, {seeds} seeds: {seconds:.2f} s; "
          f"fitted exponent {slope:.3f}, 95% interval [{low:.3f}, {high:.3f}] (claimed -0.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-width", type=int, default=100_000)
    args = parser.parse_args()
    closed_form_vs_jacobian(widths=tuple(m for m in (1_000, 10_000, 100_000) if m <= args.max_width))
    full_width_sweep()


if __name__ == "__main__":
    main()
