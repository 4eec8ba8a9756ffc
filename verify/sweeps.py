"""Where the points of a width sweep run: here, or as tasks on a Dask cluster.

``with submitting_to(client):`` makes :func:`verify.solvers.scaling.sweep` submit each point
``measure(widths[k], default_rng([seed, s]))`` as a task instead of computing it in this process. A point
depends on ``(widths[k], seed, s)`` only, so the matrix of values, and with it the fitted exponent and the
verdict, is the same as the local sweep's for the same seed. Without a client nothing changes.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from .distributed import run_tasks

#: sweep points jump ahead of queued graph nodes (a node waiting on its points holds the client)
PRIORITY = 1_000_000

_CLIENT: contextvars.ContextVar[Any] = contextvars.ContextVar("verify_sweep_client", default=None)


def sweep_client() -> Any:
    """The Dask client sweeps submit to in this context, or ``None`` (compute locally)."""
    return _CLIENT.get()


@contextmanager
def submitting_to(client: Any) -> Iterator[None]:
    """Within the block, width sweeps submit their points to ``client`` (``None``: locally)."""
    token = _CLIENT.set(client)
    try:
        yield
    finally:
        _CLIENT.reset(token)


def sweep_point(measure: Callable[[int, np.random.Generator], float], width: int, seed: int, s: int) -> float:
    """One point of a sweep: ``measure(width, default_rng([seed, s]))``, as the local sweep computes it."""
    return float(measure(int(width), np.random.default_rng([seed, s])))


def sweep_tasks(client: Any, measure: Callable[[int, np.random.Generator], float], widths: Sequence[int], seeds: int,
                seed: int = 0) -> np.ndarray:
    """``V[s, k]`` with each point a task on ``client``."""
    out = np.empty((seeds, len(widths)))
    cells = [(s, k) for s in range(seeds) for k in range(len(widths))]

    def take(i: int, value: float) -> None:
        s, k = cells[i]
        out[s, k] = value

    key = f"verify-sweep-{getattr(measure, '__name__', 'measure')}-{seed}"
    run_tasks(client, sweep_point, [(measure, widths[k], seed, s) for s, k in cells], take, key=key,
              priority=PRIORITY)
    return out


__all__ = ["submitting_to", "sweep_client", "sweep_point", "sweep_tasks"]
