"""One shard of a fuzz campaign on a vector/matrix claim: the matrix attack's sampling on a fixed count.

The claim's ``World`` (its vectors, matrices, dimension symbols and scalars) and its dimension plan
(``World.dims_plan`` from the fixed generator ``PLAN_SEED``: small dimensions first, unequal ones such as
wide and tall, a spread up to 50, the hypotheses' bounds, large ones where the matrices stay small) are
built once per process, the same on every worker. Batch ``k`` of shard ``i`` is drawn at plan
``(i + k) mod P`` (the plans at which the claim evaluates in floats), about the attack's work per batch
(``batch_size``), with ``default_rng([seed, i])``, by the attack's own step (``verify.attack.matrix.draw``:
forms that satisfy each structure by construction, symmetric, PSD, orthogonal, unit, mask and rank, and a
share made tight per inequality hypothesis). A candidate's data is its row's dimensions, forms,
parameters, scalars and tight markers, by name; ``exact_points`` rebuilds it exactly, by the attack's
rationalisations (``matrix_check.variants``), as points in the format the core re-checks.
"""
from __future__ import annotations

import time
from functools import partial
from typing import Any, Iterator

import numpy as np
import sympy as sp

from .attack.matrix import BATCH_WORK, draw, instance_work
from .attack.matrix_check import Confirmed, variants
from .attack.matrix_numeric import LoweringError
from .attack.matrix_world import Batch, World
from .fuzz import KEEP, PLAN_SEED, Candidate, Pool, ShardResult, cached

#: instances per batch at most (the attack draws up to 20,000): small shards still visit several dimension plans
MATRIX_BATCH = 2000


def batch_size(world: World, dims: dict) -> int:
    """Instances per batch at ``dims``: about the attack's ``BATCH_WORK`` (fewer than its ``MIN_BATCH`` where
    one instance is large: 4 of 100 x 100 matrices), at most ``MATRIX_BATCH``."""
    return max(1, min(int(BATCH_WORK / instance_work(world, dims)), MATRIX_BATCH))


def world_for(token: Any, hyps: list, goal: sp.Basic) -> tuple[World, list[dict]]:
    """The claim's ``World`` and its dimension plan, built once per process and campaign ``token``."""
    def build() -> tuple[World, list[dict]]:
        world = World(list(hyps), goal)
        return world, [dims for dims in world.dims_plan(np.random.default_rng(PLAN_SEED)) if _compiles(world, dims)]
    return cached(("matrix", token), build)


def _compiles(world: World, dims: dict) -> bool:
    """Whether the claim evaluates in floats at ``dims`` (a sum written out at these dimensions, ...)."""
    try:
        world.compiled(dims)
    except (LoweringError, KeyError):
        return False
    return True


def run_matrix_shard(token: str, hyps: list, goal: sp.Basic, index: int, count: int, seed: int,
                     keep: int = KEEP) -> ShardResult:
    """Draw ``count`` instances with ``default_rng([seed, index])``, batch ``k`` at plan ``(index + k) mod P``."""
    t0 = time.perf_counter()
    world, plans = world_for(token, hyps, goal)
    rng = np.random.default_rng([seed, index])
    out, pool = ShardResult(index), Pool(keep)
    k = 0
    while out.drawn < count:
        dims = plans[(index + k) % len(plans)]
        k += 1
        n = min(batch_size(world, dims), count - out.drawn)
        batch, ok, slack, sure = draw(world, dims, n, rng)
        finite = out.tally(n, ok, ~np.isfinite(slack), -slack)
        pool.offer(-slack, finite, np.where(sure, 0, 1), partial(_row, batch))
    out.candidates = pool.candidates(index)
    out.seconds = time.perf_counter() - t0
    return out


def _row(batch: Batch, i: int) -> dict:
    one = batch.take(np.array([i]))
    return {"dims": {s.name: int(v) for s, v in one.dims.items()},
            "forms": {m.name: form for m, form in one.forms.items()},
            "params": {m.name: dict(p) for m, p in one.params.items()},
            "scalars": {s.name: float(v[0]) for s, v in one.scalars.items()},
            "tight": {s.name: int(idx[0]) for s, idx in one.tight.items()}}


def as_matrix_batch(world: World, candidate: Candidate) -> Batch:
    """The candidate's row as a one-instance ``Batch`` of ``world``."""
    data = candidate.data
    scalars = {s.name: s for s in world.scalars}
    return Batch({s: data["dims"][s.name] for s in world.dim_symbols}, 1,
                 {m: data["forms"][m.name] for m in world.matrices},
                 {m: {k: np.asarray(v) for k, v in data["params"][m.name].items()} for m in world.matrices},
                 {s: np.array([data["scalars"][s.name]]) for s in world.scalars},
                 {scalars[name]: np.array([idx]) for name, idx in data["tight"].items()})


def exact_points(world: World, candidate: Candidate) -> Iterator[tuple[dict[str, Any], bool]]:
    """Exact versions of the candidate (simplest rationalisation first), as points by name (vectors as
    lists, matrices as nested lists, dimensions as integers), each with whether it is the floats' exact value."""
    batch = as_matrix_batch(world, candidate)
    for denominator, instance in variants(world, batch, 0):
        yield Confirmed(instance, batch.dims, None, "").report(), denominator is None


__all__ = ["run_matrix_shard", "world_for", "as_matrix_batch", "exact_points", "MATRIX_BATCH"]
