"""The adversary for claims about vectors and matrices: ``attack_matrix(problem, ...)``.

Phases, in one time budget (shares of ``budget_seconds``):

1. **batched random search** (``RANDOM_SHARE``): at each dimension assignment (small ones first,
   then a spread up to 50 for symbolic dimensions, their bounds from the hypotheses, and large ones
   where the matrices stay small enough: ``World.dims_plan``) draw batches that satisfy the structure by
   construction (``matrix_sample``), make a ``TIGHT_SHARE`` of them tight for each inequality
   hypothesis, evaluate every relation on the whole batch (``matrix_world``), keep the instances
   satisfying the hypotheses, and re-check the most violated ones exactly (``matrix_check``), and
   a few whose slack is too small for double precision to decide (``ZERO_SLACK``: a rank-deficient
   ``lambda_min = 0`` against ``10^-30``);
2. **hypothesis search** (``HYPOTHESIS_SHARE``) on small exact instances with ``target()`` on the
   violation (``matrix_hypothesis``), so shrinking gives small readable counterexamples;
3. **local optimisation** from the worst instances (``matrix_local``).

A confirmed counterexample is then simplified for up to ``SHRINK_SECONDS`` (``matrix_shrink``).

A counterexample is reported only after the exact re-check. Reproducible for a given seed.
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np
import sympy as sp

from ..core.limits import TimeLimitExceeded, time_limit
from .matrix_check import Confirmed, confirm, nonreal_at
from .matrix_local import optimise
from .matrix_shrink import shrink
from .matrix_numeric import LoweringError
from .matrix_sample import TIGHT_SHARE, sample_batch, tighten
from .matrix_world import Batch
from .matrix_world import World
from .result import AttackResult

RANDOM_SHARE = 0.55
HYPOTHESIS_SHARE = 0.2
HYP_TOL = 1e-9
CANDIDATE_TOL = 1e-9
CHECKS_PER_BATCH = 3
KEEP_WORST = 6
SHRINK_SECONDS = 6.0  # safety net only: shrinking is bounded by matrix_shrink.MAX_TRIALS
FIRST_BATCH = 1000
BATCH_WORK, MIN_BATCH, MAX_BATCH = 4e6, 200, 20000  # a batch's work and its bounds in instances
LIGHT_MIN_BATCH = 20  # a light attack's sweep (a proved claim) keeps large dimensions near BATCH_WORK too
NONREAL_CHECKS = 3
ZERO_SLACK = 1e-13     # a float slack below this (but not a clear violation) cannot be trusted either way
THIN_PER_BATCH = 2     # such rows re-checked exactly per batch (a violation of 10^-30 reads as 0) ...
THIN_CHECKS = 16       # ... and per attack
THIN_SECONDS = 1.0     # exact budget of one such re-check
THIN_SHARE = 0.1       # of the whole budget, for all of them
THIN_VARIANTS = 6


def instance_work(world: World, dims: dict) -> int:
    """The work of one instance at ``dims``: a vector costs its entries, a matrix (a variable or a
    matrix-valued subterm such as an outer product) up to max(rows, cols)^3 (orthogonal factors are
    products of that many reflections of that size; matmul and svd grow like n^3)."""
    return sum(r * c if min(r, c) == 1 else max(r, c) ** 3 for r, c in world.array_shapes(dims)) or 1


def batch_size(world: World, dims: dict, least: int = MIN_BATCH) -> int:
    """Instances per batch at ``dims``: about ``BATCH_WORK`` units of work, between ``least`` and ``MAX_BATCH``."""
    return int(np.clip(BATCH_WORK / instance_work(world, dims), least, MAX_BATCH))


def draw(world: World, dims: dict, size: int,
         rng: np.random.Generator) -> tuple[Batch, np.ndarray, np.ndarray, np.ndarray]:
    """A batch of ``size`` instances at ``dims`` built to satisfy the structures (``sample_batch``), a
    ``TIGHT_SHARE`` made tight per inequality hypothesis (``tighten``), and ``_valid_rows`` on it:
    ``(batch, ok, goal slack, sure)``. The one sampling step of the random phase and of a fuzz shard."""
    compiled = world.compiled(dims)
    batch = sample_batch(world, dims, size, rng)
    tighten(world, batch, compiled, rng)
    ok, goal, sure = _valid_rows(world, compiled, batch, batch.env(world))
    return batch, ok, goal, sure


def _valid_rows(world: World, compiled, batch: Batch, env: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mask of instances satisfying assumptions and hypotheses up to ``HYP_TOL``, goal slack per
    instance, mask of those satisfying every hypothesis with slack >= 0). The tolerance is relative to
    ``1 + |lhs| + |rhs|``, so with tiny sides (``sigma_min(M) >= 10^-12``) a point well outside still
    passes: the sure ones are re-checked first."""
    n = batch.size
    ok = np.ones(n, dtype=bool)
    sure = np.ones(n, dtype=bool)
    with np.errstate(all="ignore"):
        for s in world.scalars:
            v = env[s]
            ok &= np.isfinite(v)
            if s.is_positive:
                ok &= v > 0
            elif s.is_nonnegative:
                ok &= v >= 0
            elif s.is_negative:
                ok &= v < 0
            elif s.is_nonpositive:
                ok &= v <= 0
        for h in compiled.hyps:
            sl = np.broadcast_to(np.asarray(h(env), dtype=float), (n,))
            ok &= np.isfinite(sl) & (sl >= -HYP_TOL)
            sure &= sl >= 0
        goal = np.broadcast_to(np.asarray(compiled.goal(env), dtype=float), (n,))
    return ok, goal, ok & sure


class _Search:
    """State shared by the phases of one attack."""

    def __init__(self, problem: Any, budget: float, seed: int) -> None:
        self.t0 = time.monotonic()
        self.budget = budget
        self.seed = seed
        self.world = World(problem.hyps, problem.goal)
        self.rng = np.random.default_rng(seed)
        self.result = AttackResult(seed=seed)
        self.worst: list[tuple[float, int, Batch]] = []
        self.nonreal = 0
        self.nonreal_checks = 0
        self.thin_checks = 0
        self.thin_seconds = 0.0
        self.tol = CANDIDATE_TOL
        # a strict goal (<, >) fails at equality: near-zero slack is already a candidate
        self.strict = any(getattr(r, "rel_op", "") in ("<", ">", "!=")
                          for r in problem.goal.atoms(sp.core.relational.Relational))

    def left(self) -> float:
        return self.budget - (time.monotonic() - self.t0)

    def note_slack(self, value: float) -> None:
        if np.isfinite(value):
            cur = self.result.smallest_slack
            self.result.smallest_slack = value if cur is None else min(cur, value)

    def try_confirm(self, batch: Batch, row: int) -> Confirmed | None:
        left = self.left()
        if left <= 0.05:
            return None
        try:
            with time_limit(max(0.5, min(left, 20.0))):
                found = confirm(self.world, batch, row)
        except TimeLimitExceeded:
            found = None
        if found is None:
            self.result.candidates_rejected += 1
            if self.result.candidates_rejected % 5 == 0:
                self.tol *= 10  # float noise: ask for a clearer violation next time
        return found

    def try_thin(self, batch: Batch, goal: np.ndarray, ok: np.ndarray) -> Confirmed | None:
        """Re-check exactly a few rows whose float slack is too small to decide (between the
        candidate tolerance and ``ZERO_SLACK``): the most violating, then random ones. Their
        rejection is expected, so it does not raise the tolerance."""
        thin = np.flatnonzero(ok & (goal < ZERO_SLACK) & (goal >= (-self.tol if not self.strict else self.tol)))
        if not thin.size or self.thin_checks >= THIN_CHECKS:
            return None
        worst = thin[np.argsort(goal[thin])][:1]
        rest = self.rng.permutation(thin[~np.isin(thin, worst)])[:THIN_PER_BATCH - 1]
        for row in (*worst, *rest):
            allowed = min(self.left(), THIN_SECONDS, THIN_SHARE * self.budget - self.thin_seconds)
            if self.thin_checks >= THIN_CHECKS or allowed <= 0.02:
                break
            self.thin_checks += 1
            start = time.monotonic()
            try:
                with time_limit(allowed):
                    found = confirm(self.world, batch, int(row), max_variants=THIN_VARIANTS)
            except TimeLimitExceeded:
                found = None
            self.thin_seconds += time.monotonic() - start
            if found is not None:
                return self.readable(batch.take(np.array([row])), found)
        return None

    def random_phase(self, until: float, target: int, sweeps: int | None = None,
                     least: int = MIN_BATCH) -> Confirmed | None:
        """Batches at each planned dimension in turn until ``until`` seconds, ``target`` instances or
        ``sweeps`` passes over the plan; at least ``least`` instances a batch."""
        plans = self.world.dims_plan(self.rng)
        self.result.methods.append(f"batched random sampling at dimensions "
                                   f"{_dims_text(plans)} ({int(TIGHT_SHARE * 100)}% of instances "
                                   f"tight per linear inequality hypothesis)")
        k = 0
        # until an instance satisfies the hypotheses, the first sweep goes on whatever the clock says (a
        # loaded machine must not leave a claim with no instance at all; the attack's hard stop bounds it)
        while (time.monotonic() - self.t0 < until or (k < len(plans) and self.result.instances == 0)) \
                and self.result.instances < target \
                and (sweeps is None or k < sweeps * len(plans)):
            dims = plans[k % len(plans)]
            k += 1
            sweep = (k - 1) // len(plans)  # small batches on the first sweeps: every dimension early
            size = min(batch_size(self.world, dims, least), FIRST_BATCH * 4 ** sweep)
            batch, ok, goal, sure = draw(self.world, dims, size, self.rng)
            bad = ok & ~np.isfinite(goal)
            self.nonreal += int(bad.sum())
            if bad.any() and self.nonreal_checks < NONREAL_CHECKS and self.result.nonreal is None:
                self.nonreal_checks += 1
                self.result.nonreal = nonreal_at(self.world, batch, int(np.flatnonzero(bad)[0]))
            ok &= np.isfinite(goal)
            self.result.instances += int(ok.sum())
            if not ok.any():
                continue
            self.note_slack(float(goal[ok].min()))
            rows = np.flatnonzero(ok)
            order = rows[np.lexsort((goal[rows], ~sure[rows]))]  # sure rows first, most violated first
            self._keep_worst(batch, order[:2], goal)
            violated = order[goal[order] < (self.tol if self.strict else -self.tol)]
            for row in _recheck_order(self.world, batch, violated):
                found = self.try_confirm(batch, int(row))
                if found is not None:
                    return self.readable(batch.take(np.array([row])), found)
            found = self.try_thin(batch, goal, ok & sure if (ok & sure).any() else ok)
            if found is not None:
                return found
        return None

    def readable(self, start: Batch, found: Confirmed) -> Confirmed:
        """Spend a little of the budget simplifying the counterexample (``matrix_shrink``)."""
        seconds = SHRINK_SECONDS
        if seconds <= 0:
            return found
        try:
            with time_limit(seconds + 0.5):
                simpler = shrink(self.world, start, found, seconds)
        except TimeLimitExceeded:
            return found
        if simpler is not found:
            self.result.methods.append("greedy simplification of the counterexample")
        return simpler

    def _keep_worst(self, batch: Batch, rows: np.ndarray, goal: np.ndarray) -> None:
        for row in rows:
            self.worst.append((float(goal[row]), len(self.worst), batch.take(np.array([row]))))
        self.worst.sort(key=lambda t: (t[0], t[1]))
        del self.worst[KEEP_WORST:]

    def local_phase(self, until: float) -> Confirmed | None:
        if not self.worst:
            return None
        self.result.methods.append(f"L-BFGS-B on the penalised violation from the {len(self.worst)} "
                                   f"worst instances")
        for _, _, start in list(self.worst):
            if time.monotonic() - self.t0 >= until:
                break
            compiled = self.world.compiled(start.dims)
            deadline = self.t0 + until
            batch, slack, evals = optimise(self.world, compiled, start, deadline)
            self.result.instances += evals
            if np.isfinite(slack):
                self.note_slack(slack)
            if slack < (self.tol if self.strict else -self.tol):
                found = self.try_confirm(batch, 0)
                if found is not None:
                    return self.readable(batch, found)
        return None

    def hypothesis_phase(self, until: float) -> Confirmed | None:
        from .matrix_hypothesis import hypothesis_search

        seconds = until - (time.monotonic() - self.t0)
        if seconds < 0.2:
            return None
        found, tried, slack = hypothesis_search(self.world, seconds, self.seed)
        self.result.methods.append(f"hypothesis search with target() on the violation ({tried} examples)")
        self.result.instances += tried
        if slack is not None:
            self.note_slack(slack)
        return found


def _dims_text(plans: list[dict]) -> str:
    if plans == [{}]:
        return "as declared"
    return ", ".join("(" + ", ".join(f"{s}={v}" for s, v in p.items()) + ")" for p in plans)


def attack_matrix(problem: Any, *, budget_seconds: float = 5.0, seed: int | None = 0,
                  instances: int = 100_000, light: bool = False, into: AttackResult | None = None) -> AttackResult:
    """Search for a counterexample to a problem with vectors/matrices; exact re-check before reporting.

    ``problem`` has ``.hyps`` (relations) and ``.goal``; hypotheses that are schemas (for-all
    statements) cannot be checked on an instance, so such problems are not attacked. ``light`` (a claim
    already proved symbolically): one sweep of random batches over the planned dimensions, no
    hypothesis search or local optimisation. ``into``: the result to fill in as the search goes, so that
    a caller that interrupts it still has the instances seen so far.
    """
    seed = 0 if seed is None else int(seed)
    search = _Search(problem, float(budget_seconds), seed)
    if into is not None:
        search.result = into
    result = search.result
    if getattr(problem, "schemas", None):
        result.notes.append("hypotheses quantified over an index (schemas) cannot be checked on an "
                            "instance: not attacked")
        return result
    found = None
    try:
        found = search.random_phase(RANDOM_SHARE * search.budget, instances, sweeps=1 if light else None,
                                    least=LIGHT_MIN_BATCH if light else MIN_BATCH)
        if found is None and not light:
            found = search.hypothesis_phase((RANDOM_SHARE + HYPOTHESIS_SHARE) * search.budget)
        if found is None and not light:
            found = search.local_phase(search.budget)
    except (LoweringError, KeyError) as exc:
        result.notes.append(f"cannot evaluate numerically: {exc}")
    if search.nonreal:
        result.notes.append(f"{search.nonreal} instances satisfying the hypotheses gave a non-real or "
                            f"non-finite value of the conclusion (skipped)")
    if found is not None:
        result.counterexample = found.report()
        result.sides = found.sides
        result.violated = found.violated
    result.seconds = time.monotonic() - search.t0
    return result


def handles(problem: Any) -> bool:
    """Whether the problem mentions vectors or matrices (then ``attack_matrix`` is the attack)."""
    from ..core.linalg import has_linalg

    return any(has_linalg(e) for e in (problem.goal, *problem.hyps))


def _recheck_order(world: World, batch: Batch, violated: np.ndarray) -> list[int]:
    """The rows to re-check exactly: the most violated one, then the violated ones of least magnitude (the
    largest entry or scalar). The most violated rows are often the most extreme (``expm`` of a matrix with a
    wide spectrum: its least eigenvalue needs hundreds of digits), and an exact re-check of a moderate row is
    quick and likely to stand."""
    if len(violated) <= 1:
        return [int(r) for r in violated]
    size = np.zeros(batch.size)
    with np.errstate(all="ignore"):
        for value in batch.env(world).values():
            a = np.abs(np.asarray(value, dtype=float))
            if a.ndim and a.shape[0] == batch.size and a.size:
                size = np.fmax(size, np.nanmax(a.reshape(batch.size, -1), axis=1))
    rest = sorted(violated[1:], key=lambda r: (size[r], int(r)))
    return [int(violated[0]), *(int(r) for r in rest[:CHECKS_PER_BATCH - 1])]

