"""Figures for fuzz campaigns on Dask: instances per second in-process and on 1 and 2 local workers, the
overhead per shard, and an on-paper estimate of a 10^10-instance campaign on 100 workers.

    python benchmarks/distributed.py [--instances N] [--vector-instances M] [--shards K] [--seed S]

The claim is the GD step under PL (four variables, two hypotheses: README's example), true, so every
campaign draws all its instances. Figures:

* the attack of ``verify check`` in this process (``verify.attack.scalar.attack_scalar``, 2 s: sampling,
  the exact re-checks, hypothesis and Nelder-Mead), in instances per second;
* ``verify fuzz`` in-process, and on a ``LocalCluster`` of 1 and 2 single-threaded worker processes
  (cluster start-up not counted; the client's exact re-check of the candidates counted);
* the overhead per shard: the same cluster running ``4 * workers * 8`` shards of one instance each, the
  wall time per shard (submission, scheduling, transport of the result, merge);
* the estimate: with ``r`` instances per second per worker and overhead ``o`` per shard, ``W`` workers and
  shards of ``s`` instances take about ``N / (W r) + (N / s) o / W`` seconds plus the client's re-check
  (a constant: at most ``verify.campaign.RECHECK`` candidates);
* the same rates for a vector claim, Cauchy-Schwarz ``<x, z>^2 <= |x|^2 |z|^2`` with ``x, z`` in R^3 (true:
  every instance is drawn; the matrix attack's sampling), in-process and on 1 and 2 workers, and in-process
  with a symbolic dimension ``n`` (the attack's dimension plan, up to ``n = 10^4``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this file is named distributed.py: keep its folder off the path, so that ``import distributed`` is Dask's
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

import sympy as sp  # noqa: E402

from verify import Claim, Vector, inner, norm  # noqa: E402
from verify.attack.scalar import attack_scalar  # noqa: E402
from verify.campaign import RECHECK_SECONDS, fuzz  # noqa: E402
from verify.core.problem import prepare  # noqa: E402

mu, L = sp.symbols("mu L", positive=True)
delta, g = sp.symbols("delta g", nonnegative=True)
CLAIM = Claim("one_step", given=[g >= 2 * mu * delta, mu <= L], show=delta - g / (2 * L) <= (1 - mu / L) * delta)
x, z = Vector("x", 3), Vector("z", 3)
VECTOR_CLAIM = Claim("cauchy_schwarz", given=[], show=inner(x, z) ** 2 <= norm(x) ** 2 * norm(z) ** 2)
n = sp.Symbol("n", integer=True, positive=True)
xn, zn = Vector("x", n), Vector("z", n)
VECTOR_CLAIM_N = Claim("cauchy_schwarz_n", given=[], show=inner(xn, zn) ** 2 <= norm(xn) ** 2 * norm(zn) ** 2)


def attack_rate(seconds: float = 2.0) -> float:
    problem = prepare(CLAIM)
    result = attack_scalar(problem.hyps, problem.goal, seconds=seconds, seed=0)
    return result.instances / result.seconds


def campaign_rate(instances: int, shards: int, seed: int, client=None, claim=CLAIM) -> tuple[float, object]:
    started = time.perf_counter()
    result = fuzz(claim, instances=instances, shards=shards, seed=seed, client=client)
    return instances / (time.perf_counter() - started), result


def shard_overhead(client, shards: int) -> float:
    started = time.perf_counter()
    fuzz(CLAIM, instances=shards, shards=shards, seed=0, client=client)
    return (time.perf_counter() - started) / shards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=4_000_000)
    parser.add_argument("--vector-instances", type=int, default=2_000_000)
    parser.add_argument("--shards", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import distributed

    print(f"claim: {CLAIM.show}  given {', '.join(map(str, CLAIM.given))}")
    print(f"verify check's attack, in-process (2 s budget): {attack_rate():>12,.0f} instances/s")
    campaign_rate(args.shards * 1000, args.shards, args.seed)  # warm the float model
    rate, result = campaign_rate(args.instances, args.shards, args.seed)
    print(f"verify fuzz, in-process ({args.instances:,} instances, {args.shards} shards): {rate:>12,.0f} instances/s "
          f"({result.status})")
    campaign_rate(args.shards * 100, args.shards, args.seed, claim=VECTOR_CLAIM)
    vector_rate, vector = campaign_rate(args.vector_instances, args.shards, args.seed, claim=VECTOR_CLAIM)
    print(f"verify fuzz on {VECTOR_CLAIM.show} (x, z in R^3), in-process ({args.vector_instances:,} instances): "
          f"{vector_rate:>12,.0f} instances/s ({vector.status})")
    symbolic_rate, symbolic = campaign_rate(args.vector_instances // 10, args.shards, args.seed, claim=VECTOR_CLAIM_N)
    print(f"  the same in R^n, n from the attack's dimension plan (1 .. 10^4), in-process "
          f"({args.vector_instances // 10:,} instances): {symbolic_rate:>12,.0f} instances/s ({symbolic.status}); "
          f"sampling alone {symbolic.drawn / sum(symbolic.shard_seconds):,.0f} instances/s, the rest is the exact "
          f"re-check of near-equality candidates at large n (at most {RECHECK_SECONDS:g} s, whatever N)")
    per_worker, overhead = {}, {}
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=":0", host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            campaign_rate(args.shards * 1000, args.shards, args.seed, client)  # workers import and build the model
            rate, result = campaign_rate(args.instances, args.shards, args.seed, client)
            per_worker[workers] = rate / workers
            overhead[workers] = shard_overhead(client, 4 * workers * 8)
            print(f"verify fuzz, LocalCluster of {workers} worker(s): {rate:>12,.0f} instances/s ({result.status}); "
                  f"overhead {overhead[workers] * 1e3:.1f} ms per shard")
            campaign_rate(args.shards * 100, args.shards, args.seed, client, claim=VECTOR_CLAIM)
            rate, result = campaign_rate(args.vector_instances, args.shards, args.seed, client, claim=VECTOR_CLAIM)
            print(f"  the vector claim on {workers} worker(s): {rate:>12,.0f} instances/s ({result.status})")
    r, o = per_worker[1], overhead[1]
    n, w, s = 10 ** 10, 100, 10 ** 7
    sampling, shards = n / (w * r), (n / s) * o / w
    print(f"speed-up with 2 workers on this machine's 2 cores: {2 * per_worker[2] / per_worker[1]:.2f}x")
    print(f"estimate on paper: 10^10 instances on {w} workers like these ({r:,.0f} instances/s each), shards of "
          f"{s:,} ({n // s} shards, overhead {o * 1e3:.1f} ms each): {sampling:,.0f} s of sampling + {shards:.2f} s of "
          f"shard overhead = about {(sampling + shards) / 60:.0f} minutes, plus the client's re-check of at most 48 "
          f"candidates (seconds); the overhead is {shards / (sampling + shards):.2%} of it, so the campaign scales "
          f"linearly in the workers until the scheduler (about 1 ms of work per task) is the limit, far past 100.")


if __name__ == "__main__":
    main()
