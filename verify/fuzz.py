"""One shard of a fuzz campaign on a scalar claim, and what every kind of shard returns.

A shard draws ``count`` instances from the attack's sampling plans (``verify.attack.sampling``: log-uniform
magnitudes, special values, and a share placed exactly on each hypothesis' bound) with the generator
``default_rng([seed, index])``, so its result depends on the campaign's seed and its own index only, never
on the worker that runs it. It works in floats alone and returns its instance counts, the smallest relative
slack it saw and its ``keep`` most violating instances (the *candidates*, as plain data: how each value
was made, enough to rebuild it exactly). The client rebuilds candidates exactly and has the core re-check
them (``verify.campaign``): nothing a shard says is a counterexample. The shards of vector/matrix claims
(``verify.fuzz_matrix``) and of claims about sequences (``verify.fuzz_grounded``) return the same types.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable

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
#: a relative float violation this large is a clear one
VIOLATION = 1e-9
#: the plans' symbol orders are drawn from this fixed generator, the same on the client and every worker
PLAN_SEED = 0


@dataclass
class Candidate:
    """A float instance near or past the bound: ``violation`` (> 0: violated in floats), where it was drawn
    (shard, rank), its ``group`` (0, or the kind's preference among equally clear ones: a grounded
    instance's position, a matrix row whose hypotheses hold only up to round-off 1) and ``data``, the
    plain numbers and arrays (by symbol name) its kind rebuilds it from."""

    violation: float
    shard: int
    rank: int
    data: dict[str, Any]
    group: int = 0

    def order(self) -> tuple:
        """Clear violations first, then by group, most violating first; ties by shard and rank, so the
        merge is the same for any worker count."""
        return (self.violation <= VIOLATION, self.group, -self.violation, self.shard, self.rank)


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

    def tally(self, n: int, ok: np.ndarray, nonreal: np.ndarray, violation: np.ndarray) -> np.ndarray:
        """Count a batch of ``n`` (``ok``: its hypotheses hold in floats); the rows with a finite violation."""
        self.drawn += n
        self.feasible += int(ok.sum())
        self.nonreal += int((ok & nonreal).sum())
        finite = ok & np.isfinite(violation)
        if finite.any():
            slack = float(-violation[finite].max())
            self.smallest_slack = slack if self.smallest_slack is None else min(self.smallest_slack, slack)
        return finite


class Pool:
    """The ``keep`` best candidates of a shard, in ``Candidate.order``; a row's data is made only if it stays."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.items: list[tuple] = []

    def offer(self, violation: np.ndarray, finite: np.ndarray, group: np.ndarray | int,
              make: Callable[[int], dict]) -> None:
        """The batch's best rows (finite, violation at least ``FLOOR``); ``make(row)`` gives a row's data."""
        score = np.where(finite & (violation >= FLOOR), violation, -np.inf)
        groups = np.broadcast_to(np.asarray(group), score.shape)
        rows = np.lexsort((-score, groups, score <= VIOLATION, score == -np.inf))[:self.keep]
        for i in rows:
            if score[i] == -np.inf:
                break  # the rows left are no candidates either
            v = float(score[i])
            self.items.append((v <= VIOLATION, int(groups[i]), -v, len(self.items), v, partial(make, int(i))))
        if len(self.items) > 4 * self.keep:
            self.items = sorted(self.items, key=lambda t: t[:4])[:self.keep]

    def candidates(self, shard: int) -> list[Candidate]:
        best = sorted(self.items, key=lambda t: t[:4])[:self.keep]
        return [Candidate(t[4], shard, rank, t[5](), t[1]) for rank, t in enumerate(best)]


_MODELS: dict[Any, Any] = {}


def cached(key: Any, build: Callable[[], Any]) -> Any:
    """``build()``, once per process and ``key`` (a campaign's token): a worker reuses its models."""
    if key not in _MODELS:
        if len(_MODELS) > 64:
            _MODELS.clear()
        _MODELS[key] = build()
    return _MODELS[key]


def model_for(token: Any, hyps: list, goal: sp.Basic) -> ScalarModel:
    """The float model of ``hyps => goal``, built once per process and campaign ``token``."""
    return cached(("scalar", token),
                  lambda: ScalarModel(list(hyps), goal, np.random.default_rng(PLAN_SEED)))


def draw_scalar(model: ScalarModel, plan: int, n: int, rng: np.random.Generator, out: ShardResult, pool: Pool,
                group: int = 0, extra: dict | None = None) -> None:
    """Draw ``n`` instances of ``model``'s plan ``plan``, count them in ``out`` and offer the best to ``pool``
    (their data: the plan, the row and ``extra``)."""
    batch = sample(model.plans[plan], n, rng)
    cols = model.columns(batch)
    ok = model.feasible(cols, n)
    violation, nonreal = model.violation(cols, n)
    finite = out.tally(n, ok, nonreal, violation)
    pool.offer(violation, finite, group, partial(_scalar_row, batch, plan, extra or {}))


def _scalar_row(batch: Batch, plan: int, extra: dict, i: int) -> dict:
    return {**extra, "plan": plan, "values": {str(s): float(batch.values[s][i]) for s in batch.values},
            "mode": {str(s): int(batch.mode[s][i]) for s in batch.mode},
            "bound": {str(s): int(batch.bound[s][i]) for s in batch.bound}}


def run_shard(token: str, hyps: list, goal: sp.Basic, index: int, count: int, seed: int,
              keep: int = KEEP) -> ShardResult:
    """Draw ``count`` instances with ``default_rng([seed, index])``, cycling through the model's plans."""
    t0 = time.perf_counter()
    model = model_for(token, hyps, goal)
    rng = np.random.default_rng([seed, index])
    out, pool = ShardResult(index), Pool(keep)
    plan = 0
    while out.drawn < count:
        draw_scalar(model, plan % len(model.plans), min(BATCH, count - out.drawn), rng, out, pool)
        plan += 1
    out.candidates = pool.candidates(index)
    out.seconds = time.perf_counter() - t0
    return out


def as_batch(model: ScalarModel, candidate: Candidate) -> Batch:
    """The candidate's row as a one-instance ``Batch`` of ``model`` (for ``sampling.rebuild``)."""
    by_name = {str(v): v for v in model.variables}
    data = candidate.data
    values = {by_name[k]: np.array([x]) for k, x in data["values"].items()}
    mode = {by_name[k]: np.array([x], dtype=np.int8) for k, x in data["mode"].items()}
    bound = {by_name[k]: np.array([x], dtype=np.int16) for k, x in data["bound"].items()}
    return Batch(values, mode, bound, 1)


def shard_sizes(instances: int, shards: int) -> list[int]:
    """``instances`` split into ``shards`` near-equal counts (the first ones one larger)."""
    shards = max(1, min(shards, instances))
    base, extra = divmod(instances, shards)
    return [base + (1 if i < extra else 0) for i in range(shards)]


__all__ = ["Candidate", "ShardResult", "Pool", "run_shard", "draw_scalar", "model_for", "cached", "as_batch",
           "shard_sizes", "BATCH", "KEEP", "VIOLATION"]
