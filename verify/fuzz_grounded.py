"""Fuzz campaigns on claims about an integer index (sums, sequences ``D(j)``, ``forall`` schemas): grounding.

The client grounds the claim as the attack does (``verify.attack.index_points``: the index at every value
from the least allowed one up to 64 above it, then far values; two indices on a small grid), each value
within ``GROUND_SECONDS``, and keeps the grounded instances small enough to sample: at most
``GROUND_VARIABLES`` variables (sequence terms and scalars). A schema ``forall(j, D(j + 1) <= q*D(j))`` grounded
at ``n`` reads ``D(0), ..., D(n)``, so such claims are sampled at small ``n`` only, and the values left out
are said. An instance with no variable left (the index alone) is one exact instance: the client decides it
with the core, no shard samples it. Shard ``i`` splits its ``count`` evenly over the sampled instances and
draws each with the scalar attack's plans (``verify.fuzz.draw_scalar``) from ``default_rng([seed, i])``; a
candidate's data adds the instance's position, which is also its group (smaller index values first).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from .attack import index_points
from .attack.scalar import ScalarModel
from .core.grounding import grounded_instance, index_symbols
from .core.limits import TimeLimitExceeded, time_limit
from .fuzz import BATCH, KEEP, PLAN_SEED, Pool, ShardResult, cached, draw_scalar

#: a grounded instance with more variables than this is not sampled (its float model costs seconds to build)
GROUND_VARIABLES = 12
#: seconds to ground one index value, and all of them
GROUND_SECONDS = 2.0
GROUND_TOTAL = 20.0


@dataclass
class Instance:
    """The claim at the index values ``at`` (by name): its grounded hypotheses and goal."""

    at: dict[str, int]
    hyps: list
    goal: sp.Basic


@dataclass
class Grounding:
    """The instances to sample (``open``), those with no variable left (``closed``), and what was left out."""

    open: list[Instance] = field(default_factory=list)
    closed: list[Instance] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _variables(hyps: list, goal: sp.Basic) -> set:
    found: set = set()
    for e in (goal, *hyps):
        found |= e.free_symbols | e.atoms(AppliedUndef)
    return found


def _sequence_top(problem: Any, sub: dict) -> int:
    """The largest integer argument of a sequence term of the claim at the index values ``sub``."""
    tops = [int(v) for e in (problem.goal, *problem.hyps) for a in e.atoms(AppliedUndef) for arg in a.args
            if (v := sp.sympify(arg).xreplace(sub)).is_Integer]
    return max(tops, default=0)


def ground(problem: Any) -> Grounding:
    """The grounding plan of ``problem`` (see the module docstring), the same on every run."""
    out = Grounding()
    index = index_symbols(problem)
    starts = [s.start for s in problem.schemas if s.relation.atoms(AppliedUndef)]
    large: list[str] = []
    t0 = time.monotonic()
    for sub in index_points(problem, index):
        at = {str(k): int(v) for k, v in sub.items()}
        if starts and _sequence_top(problem, sub) + 1 - min(starts) > GROUND_VARIABLES:
            large.append(_text(at))  # its schemas alone would read more terms than that
            continue
        if time.monotonic() - t0 > GROUND_TOTAL:
            out.notes.append(f"grounding stopped after {GROUND_TOTAL:g} s, before {_text(at)}")
            break
        try:
            with time_limit(GROUND_SECONDS):
                instance = grounded_instance(problem, sub)
        except TimeLimitExceeded:
            out.notes.append(f"grounding at {_text(at)} took more than {GROUND_SECONDS:g} s: left out")
            continue
        if instance is None:
            continue  # the hypotheses exclude these index values
        hyps, goal = instance
        size = len(_variables(hyps, goal))
        if size > GROUND_VARIABLES:
            large.append(_text(at))
            continue
        (out.open if size else out.closed).append(Instance(at, hyps, goal))
    if large:
        out.notes.append(f"{len(large)} index values ground to more than {GROUND_VARIABLES} variables and are not "
                         f"sampled ({', '.join(large[:3])}{', ...' if len(large) > 3 else ''}); 'verify check' "
                         "grounds them under its time budget")
    return out


def _text(at: dict[str, int]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in at.items())


def grounded_model(token: Any, position: int, instance: Instance) -> ScalarModel:
    """The float model of one grounded instance, built once per process, campaign and position."""
    return cached(("ground", token, position),
                  lambda: ScalarModel(list(instance.hyps), instance.goal, np.random.default_rng(PLAN_SEED)))


def run_grounded_shard(token: str, instances: list[Instance], index: int, count: int, seed: int,
                       keep: int = KEEP) -> ShardResult:
    """Draw ``count`` instances with ``default_rng([seed, index])``: an even share of each grounded instance
    (the first ``count mod G`` one more), in batches cycling through its model's plans."""
    t0 = time.perf_counter()
    rng = np.random.default_rng([seed, index])
    out, pool = ShardResult(index), Pool(keep)
    base, extra = divmod(count, len(instances))
    for g, instance in enumerate(instances):
        model = grounded_model(token, g, instance)
        share, plan, drawn = base + (g < extra), 0, out.drawn
        while out.drawn - drawn < share:
            n = min(BATCH, share - (out.drawn - drawn))
            draw_scalar(model, plan % len(model.plans), n, rng, out, pool, group=g, extra={"instance": g})
            plan += 1
    out.candidates = pool.candidates(index)
    out.seconds = time.perf_counter() - t0
    return out


__all__ = ["ground", "Grounding", "Instance", "run_grounded_shard", "grounded_model", "GROUND_VARIABLES"]
