"""A fuzz campaign on one scalar claim: shards run anywhere, the core decides on this machine.

``fuzz(claim, instances=N, seed=S, shards=K, client=...)`` splits ``N`` instances into ``K`` shards
(``verify.fuzz.run_shard``; shard ``i`` draws from ``default_rng([S, i])``), runs them in-process or as Dask
tasks, and merges them in shard order: counts add, the smallest slack is the least, the candidates are
sorted by float violation (ties by shard and rank). The merged candidates are rebuilt in exact arithmetic
(also snapped to simple rationals, as the attack does) and each is re-checked by the core
(``verify.core.counterexamples.confirm``, the re-check ``verify check`` uses); the first one it confirms is
the counterexample, which the attack's simplifier then shrinks (kept only if the core confirms the simpler
point too). A float violation the core does not confirm is counted as rejected, never reported. Because
every shard depends only on ``(S, i)`` and the merge only on the shards, a seed gives the same result for
any number of workers.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp

from .attack.result import AttackResult
from .attack.sampling import rebuild
from .attack.simplify import simplify
from .core.counterexamples import Rejected, confirm
from .core.grounding import index_symbols
from .core.limits import TimeLimitExceeded, time_limit
from .core.linalg import has_linalg
from .core.problem import Problem, prepare
from .distributed import run_tasks
from .fuzz import Candidate, ShardResult, as_batch, model_for, run_shard, shard_sizes

#: default instances per shard when ``shards`` is not given
SHARD_INSTANCES = 200_000
#: merged candidates re-checked exactly, at most
RECHECK = 48
#: rationals tried per candidate: snapped to these denominators (simplest first), then its exact float
SNAP_LEVELS = (1, 2, 12, 100, 1000, None)
#: seconds for one exact re-check, and for shrinking the counterexample
CANDIDATE_SECONDS = 1.0
SHRINK_SECONDS = 1.5
#: a relative float violation this large is a clear one
VIOLATION = 1e-9


class NotFuzzable(ValueError):
    """The claim is outside what the scalar campaign handles (vectors, an integer index, no variables)."""


@dataclass
class CampaignResult:
    """A campaign's outcome. ``status``: ``refuted`` (a counterexample the core confirmed), ``tested`` (no
    counterexample), ``unknown`` (no instance satisfied the hypotheses, or a clear float violation whose
    exact re-check never finished)."""

    name: str
    seed: int
    instances: int
    shards: int
    drawn: int = 0
    feasible: int = 0
    shards_done: int = 0
    smallest_slack: float | None = None
    seconds: float = 0.0
    where: str = "in-process"
    counterexample: dict[str, Any] | None = None
    sides: tuple[Any, Any] | None = None
    violated: str = ""
    method: str = ""
    rechecked: int = 0
    rejected: int = 0
    undecided: int = 0
    nonreal: int = 0
    interrupted: bool = False
    shard_seconds: list[float] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.counterexample is not None:
            return "refuted"
        if self.feasible == 0 or (self.undecided and self.smallest_slack is not None
                                  and self.smallest_slack < -VIOLATION):
            return "unknown"
        return "tested"

    @property
    def rate(self) -> float:
        """Instances drawn per second of wall time (sampling, transport and the exact re-check)."""
        return self.drawn / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        lines = [f"{self.drawn} of {self.instances} instances in {self.shards_done} of {self.shards} shards "
                 f"({self.feasible} satisfying the hypotheses), {self.where}, seed {self.seed}: "
                 f"{self.seconds:.2f} s, {self.rate:,.0f} instances/s",
                 AttackResult(smallest_slack=self.smallest_slack).slack_text(),
                 f"{self.rechecked} candidates re-checked exactly by the core, {self.rejected} float violations "
                 f"rejected" + (f", {self.undecided} undecided (re-check out of time)" if self.undecided else "")]
        if self.interrupted:
            lines.append("interrupted: the figures are those of the shards finished before Ctrl-C")
        if self.counterexample is not None:
            values = ", ".join(f"{k} = {v}" for k, v in sorted(self.counterexample.items()))  # by name: stable
            lines.append(f"counterexample ({self.method}): {values}")
            if self.sides is not None:
                lines.append(f"{self.violated} fails there: left side {self.sides[0]}, right side {self.sides[1]}")
        return "\n".join(lines)


def fuzzable(claim: Any) -> Problem:
    """The validated problem of a scalar ``Claim`` (``ClaimError`` if malformed, ``NotFuzzable`` if out of reach)."""
    problem = prepare(claim)
    if any(has_linalg(e) for e in (problem.goal, *problem.hyps)):
        raise NotFuzzable(f"{problem.name}: vectors and matrices are attacked by 'verify check' (the matrix "
                          "attack is time-boxed, not split into seeded shards)")
    if index_symbols(problem) or problem.schemas or problem.intervals:
        raise NotFuzzable(f"{problem.name}: a claim about an integer index, a schema or an interval is grounded "
                          "by 'verify check'; fuzz takes claims about finitely many real numbers")
    if not problem.goal.free_symbols and not any(h.free_symbols for h in problem.hyps):
        raise NotFuzzable(f"{problem.name}: no variables: the claim is one closed relation ('verify check' decides it)")
    return problem


def _token(problem: Problem, seed: int) -> str:
    text = sp.srepr((tuple(problem.hyps), problem.goal)) + f"|{seed}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fuzz(claim: Any, *, instances: int, seed: int = 0, shards: int | None = None, client: Any = None,
         where: str = "in-process", progress: Callable[[int, int], None] | None = None) -> CampaignResult:
    """Run the campaign (see the module docstring); Ctrl-C stops it and the shards done so far are decided."""
    if instances < 1:
        raise ValueError("fuzz: instances must be at least 1")
    problem = fuzzable(claim)
    sizes = shard_sizes(instances, shards or -(-instances // SHARD_INSTANCES))
    token = _token(problem, seed)
    result = CampaignResult(problem.name, seed, instances, len(sizes), where=where)
    done: dict[int, ShardResult] = {}
    t0 = time.perf_counter()

    def take(i: int, shard: ShardResult) -> None:
        done[i] = shard
        if progress is not None:
            progress(sum(s.drawn for s in done.values()), instances)

    args = [(token, list(problem.hyps), problem.goal, i, n, seed) for i, n in enumerate(sizes)]
    try:
        run_tasks(client, run_shard, args, take, key=f"verify-fuzz-{token}")
    except KeyboardInterrupt:
        result.interrupted = True
    _merge(result, [done[i] for i in sorted(done)])
    _decide(result, problem, token, [c for i in sorted(done) for c in done[i].candidates])
    result.seconds = time.perf_counter() - t0
    return result


def _merge(result: CampaignResult, shards: list[ShardResult]) -> None:
    for s in shards:
        result.drawn += s.drawn
        result.feasible += s.feasible
        result.nonreal += s.nonreal
        result.shards_done += 1
        result.shard_seconds.append(s.seconds)
        if s.smallest_slack is not None:
            result.smallest_slack = s.smallest_slack if result.smallest_slack is None \
                else min(result.smallest_slack, s.smallest_slack)


def _decide(result: CampaignResult, problem: Problem, token: str, candidates: list[Candidate]) -> None:
    """Rebuild the best candidates exactly and let the core confirm one; then shrink it."""
    model = model_for(token, list(problem.hyps), problem.goal)
    seen: set = set()
    for cand in sorted(candidates, key=Candidate.order)[:RECHECK]:
        batch = as_batch(model, cand)
        settled = False
        for level in SNAP_LEVELS:
            point = rebuild(model.plans[cand.plan], batch, 0, level)
            if point is None:
                continue
            named = model.back(point)
            key = tuple(sorted((k, str(v)) for k, v in named.items()))
            if key in seen:
                settled = settled or level is None
                continue
            seen.add(key)
            result.rechecked += 1
            try:
                with time_limit(CANDIDATE_SECONDS):
                    confirmed = confirm(problem, named)
            except Rejected:
                settled = settled or level is None
                continue
            except TimeLimitExceeded:
                continue
            result.counterexample, result.sides = confirmed.point, confirmed.sides
            result.violated, result.method = confirmed.violated, "fuzz campaign, re-checked exactly by the core"
            _shrink(result, problem)
            return
        if cand.violation > VIOLATION:
            if settled:
                result.rejected += 1
            else:
                result.undecided += 1


def _shrink(result: CampaignResult, problem: Problem) -> None:
    """The simplifier's simpler point replaces the counterexample only if the core confirms it too."""
    try:
        proposed = simplify(problem, dict(result.counterexample or {}), seconds=SHRINK_SECONDS)
    except Exception:  # noqa: BLE001 - shrinking is optional: the confirmed point stands
        return
    if not isinstance(proposed, dict) or proposed == result.counterexample:
        return
    try:
        with time_limit(CANDIDATE_SECONDS):
            confirmed = confirm(problem, proposed)
    except (Rejected, TimeLimitExceeded):
        return
    result.counterexample, result.sides, result.violated = confirmed.point, confirmed.sides, confirmed.violated
    result.method += ", shrunk"


__all__ = ["fuzz", "fuzzable", "CampaignResult", "NotFuzzable", "SHARD_INSTANCES"]
