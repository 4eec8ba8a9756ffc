"""First-order methods on a problem exposing ``f(x)``, ``grad(x)`` and, for finite sums,
``grad_i(i, x)`` and ``N``. Each returns the whole trajectory ``[x_0, x_1, ..., x_k]``.

* GD:            ``x_{j+1} = x_j - s_j grad f(x_j)``                      (000, Theorem 2)
* SGD:           ``x_{j+1} = x_j - s_j grad f_{i_j}(x_j)``                 (000, Theorem 3)
* mini-batch:    ``x_{j+1} = x_j - (s_j / B) sum_{l=1}^B grad f_{i_j^l}(x_j)``, indices i.i.d. uniform on
                 ``{0..N-1}`` (with replacement)                          (000, Theorem 4)
* Nesterov:      ``y_{j+1} = x_j - eta grad f(x_j)``, ``x_{j+1} = y_{j+1} + beta (y_{j+1} - y_j)``  (001, 3))

Steps are a number, a sequence, or a callable ``j -> s_j``. Exact (Fraction) data and steps give
exact iterates.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

Step = float | Sequence | Callable[[int], Any]


def step_at(step: Step, j: int) -> Any:
    """The step size ``s_j`` of a constant, sequence or callable schedule."""
    if callable(step):
        return step(j)
    if isinstance(step, (list, tuple, np.ndarray)):
        return step[j]
    return step


def _start(x0: Any) -> np.ndarray:
    x = np.asarray(x0)
    return x.copy() if x.dtype == object else x.astype(float)


def gd(problem: Any, x0: Any, step: Step, k: int) -> list[np.ndarray]:
    """``k`` steps of gradient descent."""
    xs = [_start(x0)]
    for j in range(k):
        xs.append(xs[-1] - step_at(step, j) * problem.grad(xs[-1]))
    return xs


def sample_indices(rng: np.random.Generator, N: int, k: int, B: int = 1) -> np.ndarray:
    """``k x B`` indices drawn i.i.d. uniformly from ``{0, ..., N-1}`` (with replacement)."""
    if N < 1 or k < 0 or B < 1:
        raise ValueError(f"sample_indices: need N >= 1, k >= 0, B >= 1; got N={N}, k={k}, B={B}")
    return rng.integers(0, N, size=(k, B))


def sgd(problem: Any, x0: Any, step: Step, k: int, indices: Sequence[int] | None = None,
        rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """``k`` SGD steps with the given index sequence, or indices drawn uniformly by ``rng``."""
    if indices is None:
        if rng is None:
            raise ValueError("sgd: give an index sequence or a numpy Generator rng")
        indices = sample_indices(rng, problem.N, k)[:, 0]
    if len(indices) < k:
        raise ValueError(f"sgd: {k} steps need {k} indices, got {len(indices)}")
    xs = [_start(x0)]
    for j in range(k):
        xs.append(xs[-1] - step_at(step, j) * problem.grad_i(int(indices[j]), xs[-1]))
    return xs


def minibatch_direction(problem: Any, batch: Sequence[int], x: np.ndarray) -> np.ndarray:
    """``(1/B) sum_l grad f_{i_l}(x)`` over a batch (a multiset of indices)."""
    total = problem.grad_i(int(batch[0]), x)
    for i in batch[1:]:
        total = total + problem.grad_i(int(i), x)
    return total / len(batch)


def minibatch_sgd(problem: Any, x0: Any, step: Step, k: int, B: int,
                  batches: Sequence[Sequence[int]] | None = None,
                  rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """``k`` mini-batch SGD steps, batches of size ``B`` drawn with replacement (or given)."""
    if batches is None:
        if rng is None:
            raise ValueError("minibatch_sgd: give batches or a numpy Generator rng")
        batches = sample_indices(rng, problem.N, k, B)
    xs = [_start(x0)]
    for j in range(k):
        if len(batches[j]) != B:
            raise ValueError(f"minibatch_sgd: batch {j} has size {len(batches[j])}, expected B={B}")
        xs.append(xs[-1] - step_at(step, j) * minibatch_direction(problem, batches[j], xs[-1]))
    return xs


def nesterov(problem: Any, x0: Any, eta: Any, beta: Any, k: int) -> list[np.ndarray]:
    """Nesterov's accelerated gradient as in 001: ``y_{t+1} = x_t - eta grad f(x_t)``,
    ``x_{t+1} = y_{t+1} + beta (y_{t+1} - y_t)``, with ``y_0 = x_0``. For an L-smooth, m-strongly
    convex f the standard choice is ``eta = 1/L``, ``beta = (sqrt(L/m) - 1)/(sqrt(L/m) + 1)``."""
    x = _start(x0)
    y_prev = x
    xs = [x]
    for _ in range(k):
        y = x - eta * problem.grad(x)
        x = y + beta * (y - y_prev)
        y_prev = y
        xs.append(x)
    return xs


def values(problem: Any, xs: Sequence[np.ndarray]) -> list[Any]:
    """``f(x_j) - f*`` along a trajectory."""
    fs = problem.f_star
    return [problem.f(x) - fs for x in xs]


__all__ = ["gd", "sgd", "minibatch_sgd", "nesterov", "sample_indices", "minibatch_direction", "step_at",
           "values"]
