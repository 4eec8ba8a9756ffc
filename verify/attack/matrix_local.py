"""Local search on the violation, started from the worst instances of the random phase.

The continuous parameters of every variable (``matrix_forms``) and the non-integer scalars are
flattened into one vector ``z``; the objective is

    phi(z) = slack_goal(z) + PENALTY * sum_h max(0, -slack_h(z))

(minimised: a negative value with zero penalty is a float counterexample). Symbols that were tight
at the start stay tight (recomputed from their solution), definitions are re-applied. The
finite-difference gradient is one *batched* evaluation of ``len(z) + 1`` points, and scipy's
L-BFGS-B does the rest.
"""
from __future__ import annotations

import time

import numpy as np
from scipy.optimize import minimize

from .matrix_forms import CONTINUOUS
from .matrix_world import Batch
from .matrix_world import Compiled, World

PENALTY = 10.0
MAX_PARAMS = 400


class _Layout:
    """Where each optimised parameter lives inside a one-row batch."""

    def __init__(self, world: World, start: Batch) -> None:
        self.slots: list[tuple[str, object, str | None, tuple]] = []
        fixed_scalars = {s for s, idx in start.tight.items() if idx[0] >= 0}
        for s in world.scalars:
            if not s.is_integer and s not in fixed_scalars:
                self.slots.append(("scalar", s, None, ()))
        for m in world.matrices:
            if start.forms[m] not in CONTINUOUS:
                continue
            for key, arr in start.params[m].items():
                self.slots.append(("param", m, key, arr.shape[1:]))
        self.size = sum(int(np.prod(shape)) if kind == "param" else 1 for kind, _, _, shape in self.slots)

    def pack(self, batch: Batch) -> np.ndarray:
        parts = []
        for kind, obj, key, shape in self.slots:
            parts.append(batch.scalars[obj][:1] if kind == "scalar" else batch.params[obj][key][0].ravel())
        return np.concatenate(parts) if parts else np.zeros(0)

    def unpack(self, zs: np.ndarray, start: Batch) -> Batch:
        """A batch with one row per row of ``zs`` (other values copied from the start row)."""
        n = zs.shape[0]
        rows = np.zeros(n, dtype=int)
        batch = start.take(rows)
        pos = 0
        for kind, obj, key, shape in self.slots:
            if kind == "scalar":
                batch.scalars[obj] = zs[:, pos].copy()
                pos += 1
            else:
                size = int(np.prod(shape))
                batch.params[obj][key] = zs[:, pos:pos + size].reshape((n, *shape)).copy()
                pos += size
        return batch


def _scores(world: World, compiled: Compiled, batch: Batch) -> tuple[np.ndarray, np.ndarray]:
    """(objective, goal slack) per row, re-applying tight solutions and definitions."""
    env = batch.env(world)
    with np.errstate(all="ignore"):
        for i, (sol, fn) in enumerate(compiled.solutions):
            idx = batch.tight.get(sol.symbol)
            if sol.define or (idx is not None and idx[0] == i):
                env[sol.symbol] = np.broadcast_to(np.asarray(fn(env), dtype=float), (batch.size,)).copy()
        goal = np.broadcast_to(np.asarray(compiled.goal(env), dtype=float), (batch.size,))
        pen = np.zeros(batch.size)
        for h in compiled.hyps:
            pen += np.maximum(0.0, -np.broadcast_to(np.asarray(h(env), dtype=float), (batch.size,)))
        for s in world.scalars:
            if s.is_positive:
                pen += np.maximum(0.0, -env[s]) + (env[s] == 0)
            elif s.is_nonnegative:
                pen += np.maximum(0.0, -env[s])
    obj = goal + PENALTY * pen
    obj = np.where(np.isfinite(obj), obj, 1e6)
    return obj, np.where(np.isfinite(goal), goal, np.inf)


def _materialise(world: World, compiled: Compiled, batch: Batch) -> Batch:
    """Write the recomputed tight/defined scalars into the batch's scalar values."""
    env = batch.env(world)
    with np.errstate(all="ignore"):
        for i, (sol, fn) in enumerate(compiled.solutions):
            idx = batch.tight.get(sol.symbol)
            if sol.define or (idx is not None and idx[0] == i):
                value = np.broadcast_to(np.asarray(fn(env), dtype=float), (batch.size,)).copy()
                batch.scalars[sol.symbol] = value
                env[sol.symbol] = value
    return batch


def optimise(world: World, compiled: Compiled, start: Batch, deadline: float,
             max_iter: int = 60) -> tuple[Batch, float, int]:
    """Minimise the penalised slack from a one-row start; returns (best one-row batch, its goal
    slack, the evaluated points where the hypotheses hold)."""
    layout = _Layout(world, start)
    if layout.size == 0 or layout.size > MAX_PARAMS:
        return start, float("inf"), 0
    z0 = layout.pack(start)
    evals = [0]

    def value_and_grad(z: np.ndarray) -> tuple[float, np.ndarray]:
        if time.monotonic() > deadline:
            raise TimeoutError
        h = 1e-7 * np.maximum(1.0, np.abs(z))
        pts = np.vstack([z[None, :], z[None, :] + np.diag(h)])
        obj, goal = _scores(world, compiled, layout.unpack(pts, start))
        evals[0] += int(np.sum(obj <= goal + 1e-12))  # points where the hypotheses hold (no penalty)
        grad = (obj[1:] - obj[0]) / h
        return float(obj[0]), np.where(np.isfinite(grad), grad, 0.0)

    best = z0
    try:
        res = minimize(value_and_grad, z0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
        best = res.x
    except (TimeoutError, ValueError, FloatingPointError, np.linalg.LinAlgError):
        pass
    batch = _materialise(world, compiled, layout.unpack(best[None, :], start))
    obj, goal = _scores(world, compiled, batch)
    if obj[0] > goal[0] + 1e-12:  # penalty active: hypotheses not satisfied
        return batch, float("inf"), evals[0]
    return batch, float(goal[0]), evals[0]
