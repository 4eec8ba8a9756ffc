"""Exact statistics along (mini-batch) SGD, per iterate, from the enumerated index paths.

For ``j = 0..k`` (the direction statistics for ``j < k`` refer to the batch drawn at step ``j``):

* ``gap[j]``            = ``E f(x_j) - f*``;
* ``grad_sq[j]``        = ``E ||grad f(x_j)||^2``;
* ``direction_sq[j]``   = ``E ||d_j||^2`` with ``d_j = (1/B) sum_l grad f_{i_j^l}(x_j)`` (the second moment
  that SGD analyses bound by a constant);
* ``max_direction_sq[j]`` = ``max ||d_j||^2`` over every reachable ``x_j`` and batch (the worst case a
  deterministic bound on ``||grad f_{i_k}(x_k)||`` must cover).

Exact for rational data and steps; 50-digit with ``one = mpmath.mpf(1)`` and mpf data.
"""
from __future__ import annotations

from typing import Any

from .expectation import batch_distribution, enumerate_paths
from .methods import Step, minibatch_direction


def sgd_statistics(problem: Any, x0: Any, step: Step, k: int, B: int = 1, *, f_star: Any, one: Any = None,
                   max_paths: int = 200_000) -> dict[str, list]:
    """The four per-iterate lists of the module docstring."""
    levels = enumerate_paths(problem, x0, step, k, B, one=one, max_paths=max_paths)
    unit = levels[0][0][0]
    batches = [(batch, unit * p.numerator / p.denominator) for batch, p in batch_distribution(problem.N, B)]
    out: dict[str, list] = {"gap": [], "grad_sq": [], "direction_sq": [], "max_direction_sq": []}
    for level in levels:
        out["gap"].append(sum(p * problem.f(x) for p, x in level) - f_star)
        out["grad_sq"].append(sum(p * _sq(problem.grad(x)) for p, x in level))
        second, worst = 0 * unit, 0 * unit
        for p, x in level:
            for batch, q in batches:
                v = _sq(minibatch_direction(problem, batch, x))
                second += p * q * v
                worst = max(worst, v)
        out["direction_sq"].append(second)
        out["max_direction_sq"].append(worst)
    return out


def _sq(v: Any) -> Any:
    return v.dot(v)


__all__ = ["sgd_statistics"]
