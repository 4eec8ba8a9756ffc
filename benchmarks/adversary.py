"""Figures of the vector/matrix adversary (run: ``python benchmarks/adversary.py``).

Prints
1. instances per second of the batched pipeline (sample structured instances, tighten, evaluate every
   relation) for a scalar polynomial claim and for a 50 x 50 spectral claim, next to naive per-point
   evaluation (sympy ``subs`` for the scalar claim; a per-instance numpy loop and the per-point
   exact/50-digit evaluator for the spectral one); the ratio is the figure;
2. time to 10^5 instances on true corpus claims;
3. time to the first (exactly re-checked) counterexample on each false corpus claim, and the refute
   rate at the kernel's default attack budget (2 s).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus_matrix import FALSE, TRUE  # noqa: E402

from verify.attack import matrix as matrix_attack  # noqa: E402
from verify.core.matrix_exact import evaluate  # noqa: E402
from verify.attack.matrix_sample import sample_batch, tighten  # noqa: E402
from verify.attack.matrix_world import World  # noqa: E402
from verify.core.linalg import Matrix, lambda_min  # noqa: E402
from verify.core.problem import prepare  # noqa: E402


def batched_rate(hyps: list, goal, dims: dict, batch: int, seconds: float = 2.0) -> float:
    """Instances per second through sample -> tighten -> evaluate (hypotheses and goal)."""
    world = World(hyps, goal)
    compiled = world.compiled(dims)
    rng = np.random.default_rng(0)
    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        b = sample_batch(world, dims, batch, rng)
        tighten(world, b, compiled, rng)
        env = b.env(world)
        with np.errstate(all="ignore"):
            for h in compiled.hyps:
                h(env)
            compiled.goal(env)
        done += batch
    return done / (time.perf_counter() - t0)


def naive_subs_rate(rel, symbols: list, points: int = 300) -> float:
    rng = np.random.default_rng(0)
    vals = rng.uniform(0.1, 10, size=(points, len(symbols)))
    t0 = time.perf_counter()
    for row in vals:
        bool(rel.subs(dict(zip(symbols, row.tolist()))))
    return points / (time.perf_counter() - t0)


def scalar_figures() -> None:
    x, y, z = sp.symbols("x y z", real=True)
    mu, L = sp.symbols("mu L", positive=True)
    goal = x ** 2 + y ** 2 + z ** 2 + mu * x * y >= x * y + y * z + z * x - L * x ** 2 * mu
    hyps = [mu <= L]
    fast = batched_rate(hyps, goal, {}, 100_000)
    slow = naive_subs_rate(sp.And(goal, *hyps), [x, y, z, mu, L])
    print(f"scalar polynomial claim (5 symbols, 1 hypothesis): batched {fast:,.0f} inst/s; "
          f"naive subs {slow:,.0f} inst/s; ratio {fast / slow:,.0f}x")


def spectral_figures() -> None:
    a = Matrix("A", 50, 50, structure="symmetric")
    b = Matrix("B", 50, 50, structure="symmetric")
    goal = lambda_min(a + b) >= lambda_min(a) + lambda_min(b)
    pipeline = batched_rate([], goal, {}, 2000, seconds=3.0)
    world = World([], goal)
    compiled = world.compiled({})
    batch = sample_batch(world, {}, 2000, np.random.default_rng(0))
    env = batch.env(world)
    t0 = time.perf_counter()
    compiled.goal(env)
    evaluation = 2000 / (time.perf_counter() - t0)
    mats_a, mats_b = env[a], env[b]
    t0 = time.perf_counter()
    for i in range(400):
        lhs = np.linalg.eigvalsh(mats_a[i] + mats_b[i])[0]
        rhs = np.linalg.eigvalsh(mats_a[i])[0] + np.linalg.eigvalsh(mats_b[i])[0]
        bool(lhs >= rhs)
    loop = 400 / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(2):
        inst = {a: sp.ImmutableMatrix(mats_a[i]), b: sp.ImmutableMatrix(mats_b[i])}
        bool(evaluate(goal.lhs, inst, {}) >= evaluate(goal.rhs, inst, {}))
    per_point = 2 / (time.perf_counter() - t0)
    print(f"50x50 spectral claim (Weyl, two symmetric matrices): full batched pipeline (structured sampling + "
          f"evaluation) {pipeline:,.0f} inst/s; batched evaluation alone {evaluation:,.0f} inst/s; "
          f"per-instance numpy loop {loop:,.0f} inst/s; per-point sympy + 50-digit mpmath {per_point:.3f} inst/s; "
          f"ratio batched evaluation / per-point {evaluation / per_point:,.0f}x")


def true_claim_figures() -> None:
    print("time to 10^5 instances (true claims, budget 30 s, no counterexample expected):")
    for claim in TRUE[:6]:
        res = matrix_attack.attack_matrix(prepare(claim), budget_seconds=30.0, seed=0, instances=100_000)
        print(f"  {claim.name:32s} {res.instances:>7,d} instances in {res.seconds:5.2f} s"
              f"{'  COUNTEREXAMPLE?!' if res.counterexample else ''}")


def false_claim_figures() -> None:
    print("time to first exactly re-checked counterexample (budget 10 s, no simplification):")
    saved = matrix_attack.SHRINK_SECONDS
    matrix_attack.SHRINK_SECONDS = 0.0
    times = []
    try:
        for claim in FALSE:
            res = matrix_attack.attack_matrix(prepare(claim), budget_seconds=10.0, seed=0)
            ok = res.counterexample is not None
            times.append(res.seconds if ok else None)
            print(f"  {claim.name:34s} {'%.3f s' % res.seconds if ok else 'not found':>10s}")
    finally:
        matrix_attack.SHRINK_SECONDS = saved
    found = [t for t in times if t is not None]
    print(f"  median {np.median(found):.3f} s, max {max(found):.3f} s over {len(found)} found")
    refuted = sum(matrix_attack.attack_matrix(prepare(c), budget_seconds=2.0, seed=s).counterexample is not None
                  for c in FALSE for s in (0,))
    print(f"refute rate at the default 2 s attack budget: {refuted}/{len(FALSE)} = {refuted / len(FALSE):.0%}")


if __name__ == "__main__":
    scalar_figures()
    spectral_figures()
    true_claim_figures()
    false_claim_figures()
