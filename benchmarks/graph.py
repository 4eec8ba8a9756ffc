"""Figures for the lemma graph: cold run, warm (cached) run, run after touching one leaf lemma, and the
speed-up with 2 worker processes; or, with ``--profile``, one cold run's per-node seconds, its critical path
and its total.

    python benchmarks/graph.py [--package theorems] [--seconds S] [--seed N]
    python benchmarks/graph.py --profile [--workers 2] [--top 30] [--json FILE] [NODE ...]

The profile prints the slowest nodes (own check, wall seconds in their worker), the critical path (the chain
of dependencies with the largest sum of seconds: no schedule on any number of workers finishes sooner), the
sum of all nodes' seconds divided by the workers (no schedule on that many workers finishes sooner either) and
the measured total; ``--json`` writes every node's seconds and own and final verdict.

Each run uses a fresh temporary cache directory except where reuse is the point. "Touching" a leaf
appends a space to its statement's ``source`` (which changes its fingerprint), so it and exactly its
descendants must be checked again; the script prints both sets and whether they agree.
Targets (issue 4): warm run under 10% of cold; touching one leaf re-checks only its descendants.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify.cache import Cache  # noqa: E402
from verify.graph import build  # noqa: E402
from verify.loader import load  # noqa: E402
from verify.runner import run  # noqa: E402


def timed_run(nodes, cache_dir, workers, args):
    started = time.perf_counter()
    graph = build(nodes)
    result = run(graph, workers=workers, seconds=args.seconds, seed=args.seed, cache=Cache(cache_dir))
    return time.perf_counter() - started, result, graph


def pick_leaf(graph):
    """The dependency-free node with a ``source`` to edit that has the most descendants."""
    candidates = [n for n, node in graph.nodes.items()
                  if not node.dependencies and n not in graph.errors and hasattr(node.statement, "source")]
    if not candidates:
        return None
    return max(candidates, key=lambda n: (len(graph.descendants(n)), n))


def critical_path(graph, seconds: dict[str, float]) -> tuple[float, list[str]]:
    """The dependency chain with the largest sum of ``seconds`` (a node's own seconds, 0 when absent)."""
    best: dict[str, tuple[float, list[str]]] = {}
    for name in graph.order():
        if name not in seconds:
            continue
        before = [best[d] for d in graph.nodes[name].dependencies if d in best]
        total, path = max(before, default=(0.0, []), key=lambda tp: tp[0])
        best[name] = (total + seconds[name], path + [name])
    return max(best.values(), default=(0.0, []), key=lambda tp: tp[0])


def profile(args) -> int:
    """One cold run (no cache): per-node seconds, the critical path, the bounds and the total."""
    started = time.perf_counter()
    loaded = load(args.package)
    load_seconds = time.perf_counter() - started
    graph = build(loaded.nodes)
    t0 = time.perf_counter()
    result = run(graph, names=args.nodes or None, workers=args.workers, seconds=args.seconds, seed=args.seed,
                 cache=Cache(None))
    total = time.perf_counter() - t0
    wall = {n: r.wall_seconds for n, r in result.results.items() if n in result.checked}
    print(f"graph: {len(result.results)} nodes ({len(wall)} checked), import {load_seconds:.2f} s, "
          f"{args.workers} worker(s), budget {args.seconds or 'default'} s, seed {args.seed}, {os.cpu_count()} CPUs")
    print(f"\nslowest {args.top} nodes (own check, seconds):")
    for name, sec in sorted(wall.items(), key=lambda kv: -kv[1])[:args.top]:
        r = result.results[name]
        print(f"  {sec:7.2f}  {name:45s} {r.node.kind:10s} {r.own.status.value}")
    length, path = critical_path(graph, wall)
    print(f"\ncritical path: {length:.2f} s over {len(path)} nodes")
    for name in path:
        print(f"  {wall[name]:7.2f}  {name}")
    work = sum(wall.values())
    print(f"\nsum of node seconds: {work:.2f} s; / {args.workers} workers = {work / args.workers:.2f} s")
    print(f"lower bound max(critical path, sum / workers): {max(length, work / args.workers):.2f} s")
    print(f"total wall (run only): {total:.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "total": total, "workers": args.workers, "seconds": args.seconds, "seed": args.seed,
            "critical_path": path,
            "nodes": {n: {"seconds": wall.get(n, 0.0), "own": r.own.status.value, "final": r.final.status.value}
                      for n, r in result.results.items()}}, indent=1, sort_keys=True))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default="theorems")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="one cold run: per-node seconds, critical path")
    parser.add_argument("--workers", type=int, default=2, help="with --profile")
    parser.add_argument("--top", type=int, default=30, help="with --profile: how many slowest nodes to print")
    parser.add_argument("--json", help="with --profile: write per-node seconds and verdicts here")
    parser.add_argument("nodes", nargs="*", help="with --profile: only these nodes and what they need")
    args = parser.parse_args()
    if args.profile:
        return profile(args)

    started = time.perf_counter()
    loaded = load(args.package)
    load_seconds = time.perf_counter() - started
    nodes = loaded.nodes
    print(f"graph: {len(nodes)} nodes from {len(loaded.modules)} modules ({len(loaded.errors)} load errors); "
          f"import {load_seconds:.2f} s; {os.cpu_count()} CPUs")
    if not nodes:
        print("no nodes: nothing to measure")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        cache1, cache2 = Path(tmp) / "one", Path(tmp) / "two"
        cold, cold_result, graph = timed_run(nodes, cache1, 1, args)
        print(f"cold run, 1 worker:     {cold:8.2f} s  ({len(cold_result.checked)} nodes checked)")
        warm, warm_result, _ = timed_run(nodes, cache1, 1, args)
        print(f"warm run (cached):      {warm:8.2f} s  ({len(warm_result.checked)} nodes checked) "
              f"= {100 * warm / cold:.1f}% of cold (target < 10%)")

        leaf = pick_leaf(graph)
        if leaf is None:
            print("touch one leaf:         no dependency-free node with a source to edit")
        else:
            statement = graph.nodes[leaf].statement
            original = statement.source
            statement.source = original + " "
            try:
                touched, touched_result, _ = timed_run(nodes, cache1, 1, args)
            finally:
                statement.source = original
            expected = {leaf} | graph.descendants(leaf)
            rechecked = set(touched_result.checked)
            agree = "yes" if rechecked == expected else f"NO (extra {sorted(rechecked - expected)}, " \
                                                         f"missing {sorted(expected - rechecked)})"
            print(f"after touching {leaf!r}: {touched:8.2f} s  ({len(rechecked)} re-checked; "
                  f"it and its descendants: {len(expected)}; only those: {agree})")

        cold2, cold2_result, _ = timed_run(nodes, cache2, 2, args)
        same = all(cold_result.results[n].final.status == r.final.status for n, r in cold2_result.results.items())
        print(f"cold run, 2 workers:    {cold2:8.2f} s  speed-up {cold / cold2:.2f}x "
              f"(same verdicts as 1 worker: {'yes' if same else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
