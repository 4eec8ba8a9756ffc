"""What a fuzz campaign fuzzes: one target per kind of claim, the client's side of its shards.

``target_for(claim)`` validates the claim and picks its kind: a scalar claim (``verify.fuzz``), a
vector/matrix claim (``verify.fuzz_matrix``) or a claim about an integer index (``verify.fuzz_grounded``);
``NotFuzzable`` says why a claim is out of reach and what to run instead. A target gives its shards' task,
the exact points of a candidate (simplest first), the core's re-check of a point
(``verify.core.counterexamples.confirm``: domains, structures and shapes, hypotheses, conclusion; for a
claim with ``forall`` schemas, the point's terms extended to whole sequences first, as ``verify check``
does) and a simpler point to try in place of a counterexample (the attack's simplifier). Nothing here
decides: the core does.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable, Iterator

import numpy as np
import sympy as sp

from .attack import sequences
from .attack.matrix_numeric import LoweringError
from .attack.sampling import rebuild
from .attack.scalar import ScalarModel
from .attack.simplify import simplify
from .core.counterexamples import Confirmed, Rejected, confirm
from .core.grounding import index_symbols
from .core.kernel import Context, tail_prover
from .core.linalg import has_linalg
from .core.problem import Problem, prepare
from .fuzz import PLAN_SEED, Candidate, as_batch, model_for, run_shard
from .fuzz_grounded import Instance, ground, grounded_model, run_grounded_shard
from .fuzz_matrix import exact_points, run_matrix_shard, world_for

#: rationals tried per scalar candidate: snapped to these denominators (simplest first), then its exact float
SNAP_LEVELS = (1, 2, 12, 100, 1000, None)
#: seconds the core gets to re-check one point of a claim with schemas (proving its sequences' tails)
SCHEMA_SECONDS = 5.0
#: seconds to propose sequences extending one grounded point
EXTEND_SECONDS = 0.5


class NotFuzzable(ValueError):
    """The claim is outside what a campaign handles; the message says why and what to run instead."""


def _token(*parts: Any) -> str:
    text = "|".join(sp.srepr(p) if isinstance(p, sp.Basic) else repr(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Target:
    """A scalar claim: the shards draw from the scalar attack's plans."""

    problem: Problem
    kind: str = "scalar claim"
    notes: list[str] = field(default_factory=list)
    #: exact points decided by the core before the candidates (one per instance with nothing to sample)
    fixed: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.token = _token(tuple(self.problem.hyps), self.problem.goal)

    @property
    def sampled(self) -> bool:
        """Whether there is anything for shards to draw."""
        return True

    def task(self, index: int, count: int, seed: int) -> tuple[Callable, tuple]:
        """The shard function and its arguments for shard ``index`` of ``count`` instances."""
        return run_shard, (self.token, list(self.problem.hyps), self.problem.goal, index, count, seed)

    def points(self, candidate: Candidate) -> Iterator[tuple[dict[str, Any], bool]]:
        """The candidate rebuilt exactly, snapped to simple rationals first; True marks the floats' exact value."""
        yield from _snapped(model_for(self.token, list(self.problem.hyps), self.problem.goal), candidate, {})

    def confirm(self, point: dict[str, Any], seconds: float) -> Confirmed:
        return confirm(self.problem, point, seconds=seconds)

    def simpler(self, point: dict[str, Any], seconds: float) -> dict[str, Any] | None:
        return simplify(self.problem, dict(point), seconds=seconds)


def _snapped(model: ScalarModel, candidate: Candidate, at: dict) -> Iterator[tuple[dict[str, Any], bool]]:
    batch = as_batch(model, candidate)
    for level in SNAP_LEVELS:
        point = rebuild(model.plans[candidate.data["plan"]], batch, 0, level)
        if point is not None:
            yield {**at, **model.back(point)}, level is None


class MatrixTarget(Target):
    """A vector/matrix claim: the shards draw from the matrix attack's sampling and dimension plan."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.kind = "vector/matrix claim"
        world, plans = world_for(self.token, list(self.problem.hyps), self.problem.goal)
        if not plans:
            try:
                world.compiled(world.dims_plan(np.random.default_rng(PLAN_SEED))[0])
                reason = "at no dimensions tried"
            except (LoweringError, KeyError) as exc:
                reason = str(exc)
            raise NotFuzzable(f"{self.problem.name}: cannot evaluate it in floats ({reason}); 'verify check' "
                              "tries its deciders, which need no numbers")

    def task(self, index: int, count: int, seed: int) -> tuple[Callable, tuple]:
        return run_matrix_shard, (self.token, list(self.problem.hyps), self.problem.goal, index, count, seed)

    def points(self, candidate: Candidate) -> Iterator[tuple[dict[str, Any], bool]]:
        world, _ = world_for(self.token, list(self.problem.hyps), self.problem.goal)
        yield from exact_points(world, candidate)


class GroundedTarget(Target):
    """A claim about an integer index: the shards draw from its grounded instances (``fuzz_grounded``)."""

    def __post_init__(self) -> None:
        plan = ground(self.problem)
        self.instances: list[Instance] = plan.open
        self.token = _token(*[(tuple(i.hyps), i.goal) for i in plan.open])
        self.kind = "claim about " + ", ".join(map(str, index_symbols(self.problem)))
        self.notes = plan.notes
        self.fixed = [dict(i.at) for i in plan.closed]
        self.index = {str(s): s for s in index_symbols(self.problem)}
        if not plan.open and not plan.closed:
            raise NotFuzzable(f"{self.problem.name}: no value of its index grounds to an instance small enough to "
                              f"sample ({'; '.join(plan.notes) or 'the hypotheses exclude every value tried'}); "
                              "'verify check' grounds it under its time budget")
        if not plan.open:
            self.notes.append(f"nothing to sample: no variable besides the index; the {len(plan.closed)} index "
                              "values were decided exactly by the core")

    @property
    def sampled(self) -> bool:
        return bool(self.instances)

    def task(self, index: int, count: int, seed: int) -> tuple[Callable, tuple]:
        return run_grounded_shard, (self.token, self.instances, index, count, seed)

    def points(self, candidate: Candidate) -> Iterator[tuple[dict[str, Any], bool]]:
        g = candidate.data["instance"]
        instance = self.instances[g]
        yield from _snapped(grounded_model(self.token, g, instance), candidate, instance.at)

    def _instance_at(self, point: dict[str, Any]) -> Instance | None:
        at = {k: int(point[k]) for k in self.index if k in point}
        return next((i for i in self.instances if i.at == at), None)

    def confirm(self, point: dict[str, Any], seconds: float) -> Confirmed:
        """The core's re-check; with schemas, of the point extended to whole sequences (proposed by the
        attack's ``sequences.extend``, proved for every index beyond by the deciders)."""
        if not self.problem.schemas:
            return confirm(self.problem, point, seconds=seconds)
        instance = self._instance_at(point)
        if instance is None:
            raise Rejected("the point's index values are not those of a grounded instance")
        sub = {self.index[k]: sp.Integer(v) for k, v in instance.at.items()}
        extended = sequences.extend(self.problem, sub, instance.hyps, instance.goal, point, seconds=EXTEND_SECONDS)
        if extended is None:
            raise Rejected("no proposed whole sequences extend the point and satisfy every schema")
        budget = max(seconds, SCHEMA_SECONDS)
        ctx = Context(deadline=time.monotonic() + budget, seed=0)
        return confirm(self.problem, extended, tail_prover(ctx), seconds=budget)

    def simpler(self, point: dict[str, Any], seconds: float) -> dict[str, Any] | None:
        """The simplifier's point on the grounded instance, at the same index values."""
        instance = self._instance_at(point)
        if instance is None:
            return None
        grounded = SimpleNamespace(hyps=instance.hyps, goal=instance.goal, schemas=[])
        at = {k: v for k, v in point.items() if k in self.index}
        rest = {k: v for k, v in point.items() if k not in self.index and k != sequences.SEQUENCES}
        proposed = simplify(grounded, rest, seconds=seconds)
        return None if proposed is None else {**at, **proposed}


def target_for(claim: Any) -> Target:
    """The campaign target of ``claim`` (``ClaimError`` if malformed, ``NotFuzzable`` if out of reach)."""
    problem = prepare(claim)
    name = problem.name
    if problem.intervals:
        raise NotFuzzable(f"{name}: its hypotheses hold on an interval of time ('during'): a counterexample is a "
                          "whole trajectory, and the core counts no sampled point as one; 'verify check' applies the "
                          "mean value theorem and Gronwall rules, and an experiment runs the flow")
    linalg = any(has_linalg(e) for e in (problem.goal, *problem.hyps))
    if linalg and problem.schemas:
        raise NotFuzzable(f"{name}: a vector/matrix claim with hypotheses over an index (forall): the core re-checks "
                          "no point of it, since a schema cannot be checked on one instance; 'verify check' tries "
                          "its deciders")
    if linalg:
        return MatrixTarget(problem)
    if index_symbols(problem):
        return GroundedTarget(problem)
    if problem.schemas:
        raise NotFuzzable(f"{name}: hypotheses over an index (forall) but no integer index in the claim to ground them "
                          "at, so the core counts no point as a counterexample; 'verify check' tries its deciders")
    if not problem.goal.free_symbols and not any(h.free_symbols for h in problem.hyps):
        raise NotFuzzable(f"{name}: no variables: the claim is one closed relation ('verify check' decides it)")
    return Target(problem)


__all__ = ["target_for", "Target", "MatrixTarget", "GroundedTarget", "NotFuzzable", "SNAP_LEVELS"]
