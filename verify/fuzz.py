"""One shard of a fuzz campaign: the scalar attack's vectorised sampling on a fixed number of instances.

A shard draws ``count`` instances from the attack's sampling plans (``verify.attack.sampling``: log-uniform
magnitudes, special values, and a share placed exactly on each hypothesis' bound) with the generator
``default_rng([seed, index])``, so its result depends on the campaign's seed and its own index only, never
on the worker that runs it. It works in floats alone and returns its instance counts, the smallest relative
slack it saw and its ``keep`` most violating instances (the *candidates*, as float rows with how each value
was made). The client rebuilds candidates exactly and has the core re-check them (``verify.campaign``):
nothing a shard says is a counterexample.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .attack.sampling import Batch, sample
from .attack.scalar import ScalarModel

#: instances drawn per vectorised batch
BATCH = 4000
#: candidates a shard returns
KEEP = 8
#: a relative violation below this (the claim holds with room) is no candidate
FLOOR = -1e-6
#: the plans' symbol orders are drawn from this fixed generator, the same on the client and every worker
PLAN_SEED = 0


@dataclass
class Candidate:
    """A float instance near or past the bound: ``violation`` (> 0: violated in floats), the plan that
    drew it and its row (values, how each was made, which bound), enough to rebuild it exactly."""

    violation: float
    shard: int
    rank: int
    plan: int
    values: dict[str, float]
    mode: dict[str, int]
    bound: dict[str, int]

    def order(self) -> tuple:
        """Most violating first; ties by shard and rank, so the merge is the same for any worker count."""
        return (-self.violation, self.shard, self.rank)


@dataclass
class ShardResult:
    """What one shard found: counts, the smallest relative slack (negative: violated in floats), candidates."""

    index: int
    drawn: int = 0
    feasible: int = 0
    smallest_slack: float | None = None
    nonreal: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    seconds: float = 0.0


_MODELS: dict[str, ScalarModel] = {}


def model_for(token: str, hyps: list, goal: sp.Basic) -> ScalarModel:
    """The float model of ``hyps => goal``, built once per process and campaign ``token``."""
    model = _MODELS.get(token)
    if model is None:
        if len(_MODELS) > 8:
            _MODELS.clear()
        model = _MODELS[token] = ScalarModel(list(hyps), goal, np.random.default_rng(PLAN_SEED))
    return model


def run_shard(token: str, hyps: list, goal: sp.Basic, index: int, count: int, seed: int,
              keep: int = KEEP) -> ShardResult:
    """Draw ``count`` instances with ``default_rng([seed, index])``, cycling through the model's plans."""
    t0 = time.perf_counter()
    model = model_for(token, hyps, goal)
    rng = np.random.default_rng([seed, index])
    out = ShardResult(index)
    pool: list[tuple[float, int, int, Batch, int]] = []  # (violation, order, plan, batch, row)
    serial = 0
    plan_index = 0
    while out.drawn < count:
        n = min(BATCH, count - out.drawn)
        p_idx = plan_index % len(model.plans)
        plan_index += 1
        batch = sample(model.plans[p_idx], n, rng)
        cols = model.columns(batch)
        ok = model.feasible(cols, n)
        viol, nonreal = model.violation(cols, n)
        out.drawn += n
        out.feasible += int(ok.sum())
        out.nonreal += int((ok & nonreal).sum())
        finite = ok & np.isfinite(viol)
        if finite.any():
            slack = float(-viol[finite].max())
            out.smallest_slack = slack if out.smallest_slack is None else min(out.smallest_slack, slack)
        score = np.where(finite & (viol >= FLOOR), viol, -np.inf)
        top = np.argsort(-score, kind="stable")[:keep]
        for i in top:
            if score[i] == -np.inf:
                break
            pool.append((float(score[i]), serial, p_idx, batch, int(i)))
            serial += 1
        if len(pool) > 4 * keep:
            pool = sorted(pool, key=lambda t: (-t[0], t[1]))[:keep]
    pool = sorted(pool, key=lambda t: (-t[0], t[1]))[:keep]
    for rank, (v, _, p_idx, batch, i) in enumerate(pool):
        out.candidates.append(Candidate(v, index, rank, p_idx,
                                        {str(s): float(batch.values[s][i]) for s in batch.values},
                                        {str(s): int(batch.mode[s][i]) for s in batch.mode},
                                        {str(s): int(batch.bound[s][i]) for s in batch.bound}))
    out.seconds = time.perf_counter() - t0
    return out


def as_batch(model: ScalarModel, candidate: Candidate) -> Batch:
    """The candidate's row as a one-instance ``Batch`` of ``model`` (for ``sampling.rebuild``)."""
    by_name = {str(v): v for v in model.variables}
    values = {by_name[k]: np.array([x]) for k, x in candidate.values.items()}
    mode = {by_name[k]: np.array([x], dtype=np.int8) for k, x in candidate.mode.items()}
    bound = {by_name[k]: np.array([x], dtype=np.int16) for k, x in candidate.bound.items()}
    return Batch(values, mode, bound, 1)


def shard_sizes(instances: int, shards: int) -> list[int]:
    """``instances`` split into ``shards`` near-equal counts (the first ones one larger)."""
    shards = max(1, min(shards, instances))
    base, extra = divmod(instances, shards)
    return [base + (1 if i < extra else 0) for i in range(shards)]


__all__ = ["Candidate", "ShardResult", "run_shard", "model_for", "as_batch", "shard_sizes", "BATCH", "KEEP"]

