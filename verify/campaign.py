"""A fuzz campaign on one claim: shards run anywhere, the core decides on this machine.

``fuzz(claim, instances=N, seed=S, shards=K, client=...)`` splits ``N`` instances into ``K`` shards (shard
``i`` draws from ``default_rng([S, i])``; the claim's kind picks the sampling, ``verify.fuzz_targets``: the
scalar attack's plans, the matrix attack's structures and dimension plan, or the grounded instances of a
claim about an integer index), runs them in-process or as Dask tasks, and merges them in shard order:
counts add, the smallest slack is the least, the candidates are sorted by float violation (clear ones
first, ties by shard and rank). The merged candidates are rebuilt in exact arithmetic (also snapped to
simple rationals, as the attack does) and each is re-checked by the core
(``verify.core.counterexamples.confirm``, the re-check ``verify check`` uses: a matrix's structure and shape
too); the first one it confirms is the counterexample, which the attack's simplifier then shrinks (kept only
if the core confirms the simpler point too). A float violation the core does not confirm is counted as
rejected, never reported. Because every shard depends only on ``(S, i)`` and the merge only on the shards, a
seed gives the same result for any number of workers.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from .attack.result import AttackResult
from .core.counterexamples import Rejected
from .core.limits import TimeLimitExceeded, time_limit
from .distributed import run_tasks
from .fuzz import VIOLATION, Candidate, ShardResult, shard_sizes
from .fuzz_targets import NotFuzzable, Target, target_for

#: default instances per shard when ``shards`` is not given
SHARD_INSTANCES = 200_000
#: merged candidates re-checked exactly, at most
RECHECK = 48
#: seconds for all the candidates' exact re-checks (equality cases of spectra are slow to decide exactly)
RECHECK_SECONDS = 10.0
#: seconds for one exact re-check, and for shrinking the counterexample
CANDIDATE_SECONDS = 1.0
SHRINK_SECONDS = 1.5


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
    kind: str = "scalar claim"
    notes: list[str] = field(default_factory=list)

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
        lines = [f"{self.drawn} of {self.instances} instances of a {self.kind} in {self.shards_done} of {self.shards} shards "
                 f"({self.feasible} satisfying the hypotheses), {self.where}, seed {self.seed}: "
                 f"{self.seconds:.2f} s, {self.rate:,.0f} instances/s",
                 AttackResult(smallest_slack=self.smallest_slack).slack_text(),
                 f"{self.rechecked} candidates re-checked exactly by the core, {self.rejected} float violations "
                 f"rejected" + (f", {self.undecided} undecided (re-check out of time)" if self.undecided else "")]
        if self.feasible == 0 and self.drawn:
            lines.append("no instance satisfied the hypotheses (in floats, up to round-off): sampling rarely meets an "
                         "equation such as inner(e, f) == 0; declare it as a structure where one exists (a unit "
                         "vector, an orthogonal matrix), or let 'verify check' search (hypothesis, local "
                         "optimisation, its deciders)")
        lines += [f"note: {note}" for note in self.notes]
        if self.interrupted:
            lines.append("interrupted: the figures are those of the shards finished before Ctrl-C")
        if self.counterexample is not None:
            values = ", ".join(f"{k} = {v}" for k, v in sorted(self.counterexample.items()))  # by name: stable
            lines.append(f"counterexample ({self.method}): {values}")
            if self.sides is not None:
                lines.append(f"{self.violated} fails there: left side {self.sides[0]}, right side {self.sides[1]}")
        return "\n".join(lines)


def fuzzable(claim: Any) -> Target:
    """The campaign target of ``claim`` (``ClaimError`` if malformed, ``NotFuzzable`` naming why and what
    to run instead if out of reach): a scalar claim, a vector/matrix claim, or a claim about an integer index."""
    return target_for(claim)


def fuzz(claim: Any, *, instances: int, seed: int = 0, shards: int | None = None, client: Any = None,
         where: str = "in-process", progress: Callable[[int, int], None] | None = None) -> CampaignResult:
    """Run the campaign (see the module docstring); Ctrl-C stops it and the shards done so far are decided."""
    if instances < 1:
        raise ValueError("fuzz: instances must be at least 1")
    target = fuzzable(claim)
    sizes = shard_sizes(instances, shards or -(-instances // SHARD_INSTANCES)) if target.sampled else []
    result = CampaignResult(target.problem.name, seed, instances, len(sizes), where=where, kind=target.kind,
                            notes=list(target.notes))
    done: dict[int, ShardResult] = {}
    t0 = time.perf_counter()

    def take(i: int, shard: ShardResult) -> None:
        done[i] = shard
        if progress is not None:
            progress(sum(s.drawn for s in done.values()), instances)

    tasks = [target.task(i, n, seed) for i, n in enumerate(sizes)]
    try:
        if tasks:
            run_tasks(client, tasks[0][0], [args for _, args in tasks], take, key=f"verify-fuzz-{target.token}")
    except KeyboardInterrupt:
        result.interrupted = True
    _merge(result, [done[i] for i in sorted(done)])
    result.drawn += len(target.fixed)
    result.feasible += len(target.fixed)  # grounded where every hypothesis holds, nothing left to sample
    _decide(result, target, [c for i in sorted(done) for c in done[i].candidates])
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


def _recheck(result: CampaignResult, target: Target, point: dict[str, Any]) -> tuple[Any, bool]:
    """The core's verdict on one point: ``(confirmed, False)``, ``(None, settled)`` (settled: rejected,
    not out of time)."""
    result.rechecked += 1
    try:
        with time_limit(CANDIDATE_SECONDS if not target.problem.schemas else None):
            return target.confirm(point, CANDIDATE_SECONDS), False
    except Rejected as exc:  # the core reports a re-check out of time as a rejection naming the time-out
        return None, not str(exc).startswith(TimeLimitExceeded.__name__)
    except TimeLimitExceeded:
        return None, False


def _decide(result: CampaignResult, target: Target, candidates: list[Candidate]) -> None:
    """Decide the target's exact points, then rebuild the best candidates exactly and let the core confirm
    one; then shrink it."""
    for point in target.fixed:
        confirmed, _ = _recheck(result, target, point)
        if confirmed is not None:
            return _found(result, target, confirmed, "grounded exactly, re-checked by the core")
    seen: set = set()
    best = sorted(candidates, key=Candidate.order)[:RECHECK]
    deadline = time.monotonic() + RECHECK_SECONDS
    for n, cand in enumerate(best):
        if time.monotonic() > deadline:
            result.undecided += sum(1 for c in best[n:] if c.violation > VIOLATION)
            result.notes.append(f"the exact re-checks took their {RECHECK_SECONDS:g} s: {len(best) - n} of the "
                                f"{len(best)} best candidates were left unchecked")
            return
        settled = False  # the floats' exact value rejected (not out of time)
        for point, exact in target.points(cand):
            key = tuple(sorted((k, str(v)) for k, v in point.items()))
            if key in seen:
                settled = settled or exact
                continue
            seen.add(key)
            confirmed, rejected = _recheck(result, target, point)
            if confirmed is not None:
                return _found(result, target, confirmed, "fuzz campaign, re-checked exactly by the core")
            settled = settled or (exact and rejected)
        if cand.violation > VIOLATION:
            if settled:
                result.rejected += 1
            else:
                result.undecided += 1


def _found(result: CampaignResult, target: Target, confirmed: Any, method: str) -> None:
    result.counterexample, result.sides = confirmed.point, confirmed.sides
    result.violated, result.method = confirmed.violated, method
    _shrink(result, target)


def _shrink(result: CampaignResult, target: Target) -> None:
    """The simplifier's simpler point replaces the counterexample only if the core confirms it too."""
    try:
        proposed = target.simpler(dict(result.counterexample or {}), SHRINK_SECONDS)
    except Exception:  # noqa: BLE001 - shrinking is optional: the confirmed point stands
        return
    if not isinstance(proposed, dict) or proposed == result.counterexample:
        return
    confirmed, _ = _recheck(result, target, proposed)
    result.rechecked -= 1  # the shrink's re-check is no candidate's
    if confirmed is None:
        return
    result.counterexample, result.sides, result.violated = confirmed.point, confirmed.sides, confirmed.violated
    result.method += ", shrunk"


__all__ = ["fuzz", "fuzzable", "CampaignResult", "NotFuzzable", "SHARD_INSTANCES"]
