"""Figures for the lemma graph: cold run, warm (cached) run, run after touching one leaf lemma, and the
speed-up with 2 worker processes.

    python benchmarks/graph.py [--package theorems] [--seconds S] [--seed N]

Each run uses a fresh temporary cache directory except where reuse is the point. "Touching" a leaf
appends a space to its statement's ``source`` (which changes its fingerprint), so it and exactly its
descendants must be checked again; the script prints both sets and whether they agree.
Targets (issue 4): warm run under 10% of cold; touching one leaf re-checks only its descendants.
"""
from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", default="theorems")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

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
