"""Running the graph: check every selected node once, in topological order, then meet verdicts.

A node's *own* verdict comes from checking its statement alone (``verify.check`` for a claim or a
derivation, ``statement.run`` for an experiment, nothing for a definition that states nothing).
Own checks are independent, so they run in parallel worker processes (``workers > 1``); the
meet with dependencies (:func:`verify.graph.meet`) is then applied in topological order.

Guarantees:

* a node whose check raises, returns something that is not a ``Verdict``, runs past its hard time
  limit or kills its worker gets an ``error``/``unknown`` verdict naming the node and its module
  file; every other node still runs;
* structurally broken nodes (see :mod:`verify.graph`) are not checked: their error verdict stands;
* cached own verdicts (see :mod:`verify.cache`) are reused when the key matches;
* nothing here makes a verdict stronger than what the checker returned.
"""
from __future__ import annotations

import multiprocessing
import sys
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .cache import Cache, node_key
from .graph import Graph, meet
from .limits import TimeLimitExceeded, time_limit
from .nodes import Node
from .verdicts import Evidence, Status, Verdict

#: Hard wall-clock ceiling for one node when no budget is given (seconds).
DEFAULT_HARD_LIMIT = 600.0

Progress = Callable[[str, Verdict, bool], None]


class UnknownNodes(ValueError):
    """``run(names=...)`` named nodes that the graph does not have."""


@dataclass
class NodeResult:
    """One node's outcome: its own verdict, its final (met) verdict, and how it was obtained."""

    node: Node
    own: Verdict
    final: Verdict
    key: str | None = None
    cached: bool = False
    wall_seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class RunResult:
    """All results, in topological order, with the settings and the warnings of the run."""

    graph: Graph
    results: dict[str, NodeResult]
    seconds: float
    settings: dict[str, Any] = field(default_factory=dict)
    checked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def hard_limit(seconds: float | None) -> float:
    """The runner's ceiling for one node: generous over the checker's own budget."""
    if seconds is None:
        return DEFAULT_HARD_LIMIT
    return max(10.0 * seconds, seconds + 30.0)


def check_node(node: Node, seconds: float | None = None, seed: int | None = None) -> Verdict:
    """The own verdict of ``node``; never raises for problems in the node itself."""
    statement = node.statement
    where = f"node {node.name!r} ({_file(node)})"
    started = time.perf_counter()
    try:
        with time_limit(hard_limit(seconds)):
            if statement is None:
                if node.kind != "definition":
                    return _runner_error(node, f"{where}: a {node.kind} needs a statement")
                return Verdict(Status.PROVED, node.name,
                               [Evidence("definition", "a definition states nothing to check")],
                               message="definition")
            if callable(getattr(statement, "run", None)):
                verdict = statement.run(seconds=seconds, seed=seed)
            else:
                from .kernel import check  # looked up per call, so a test may patch verify.kernel.check

                verdict = check(statement, seconds=seconds, seed=seed)
    except TimeLimitExceeded:
        elapsed = time.perf_counter() - started
        message = f"{where}: stopped by the runner's hard time limit after {elapsed:.1f} s"
        return Verdict(Status.UNKNOWN, node.name, [Evidence("runner: time limit", message)],
                       message=message, seconds=elapsed)
    except Exception as exc:  # noqa: BLE001 - a broken node must not stop the run
        return _runner_error(node, f"{where} raised {type(exc).__name__}: {exc}",
                             "".join(traceback.format_exception(exc)[-6:]))
    if not isinstance(verdict, Verdict):
        return _runner_error(node, f"{where}: the check returned {type(verdict).__name__}, not a Verdict")
    return verdict


def _runner_error(node: Node, message: str, trace: str = "") -> Verdict:
    data = {"traceback": trace} if trace else {}
    return Verdict(Status.ERROR, node.name, [Evidence("runner: exception", message, data)], message=message)


def _file(node: Node) -> str:
    module = sys.modules.get(node.module) if node.module else None
    return getattr(module, "__file__", None) or node.module or "module unknown"


# --- worker processes -----------------------------------------------------------------------

_TABLE: dict[str, Node] = {}


def _init_worker(package: str | None) -> None:
    """Worker start-up: with ``fork`` the node table is inherited; otherwise load the package."""
    if not _TABLE and package:
        from .loader import load

        for node in load(package).nodes:
            _TABLE.setdefault(node.name, node)


def _work(name: str, seconds: float | None, seed: int | None) -> tuple[Verdict, float]:
    started = time.perf_counter()
    node = _TABLE.get(name)
    if node is None:
        verdict = Verdict(Status.ERROR, name, [Evidence("runner: worker", f"node {name!r} not found in worker")],
                          message=f"node {name!r} could not be found in the worker process")
    else:
        verdict = check_node(node, seconds, seed)
    return verdict, time.perf_counter() - started


def _pool(workers: int, package: str | None) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_init_worker, initargs=(package,))


# --- the run --------------------------------------------------------------------------------

def select(graph: Graph, names: Iterable[str] | None) -> list[str]:
    """The topological order restricted to ``names`` and what they need (all when None)."""
    order = graph.order()
    if not names:
        return order
    names = list(names)
    unknown = [n for n in names if n not in graph.nodes]
    if unknown:
        raise UnknownNodes(f"no node named {', '.join(repr(n) for n in unknown)}")
    needed = graph.needed_for(names)
    return [n for n in order if n in needed]


def run(graph: Graph, *, names: Iterable[str] | None = None, workers: int = 1,
        seconds: float | None = None, seed: int | None = None, cache: Cache | None = None,
        progress: Progress | None = None, package: str | None = None) -> RunResult:
    """Check the selected nodes of ``graph`` and return every own and final verdict.

    ``package`` names the content package so that ``spawn`` workers can load it.
    """
    started = time.perf_counter()
    cache = cache or Cache(None)
    order = select(graph, names)
    own: dict[str, Verdict] = {}
    keys: dict[str, str | None] = {}
    cached: set[str] = set()
    wall: dict[str, float] = {}
    todo: list[str] = []
    for name in order:
        node = graph.nodes[name]
        if name in graph.errors:
            own[name] = graph.errors[name]
            keys[name] = None
            _notify(progress, name, own[name], False)
            continue
        dep_keys = [keys.get(d) for d in node.dependencies]
        key = node_key(node, [k or "-" for k in dep_keys], seconds=seconds, seed=seed)
        keys[name] = key
        hit = cache.get(key, name)
        if hit is not None:
            own[name] = hit
            cached.add(name)
            _notify(progress, name, hit, True)
        else:
            todo.append(name)

    def finish(name: str, verdict: Verdict, elapsed: float) -> None:
        own[name] = verdict
        wall[name] = elapsed
        if _cacheable(verdict):
            cache.put(keys[name], name, verdict)  # type: ignore[arg-type]
        _notify(progress, name, verdict, False)

    if workers > 1 and len(todo) > 1:
        _run_parallel(graph, todo, workers, seconds, seed, package, finish)
    else:
        for name in todo:
            t0 = time.perf_counter()
            verdict = check_node(graph.nodes[name], seconds, seed)
            finish(name, verdict, time.perf_counter() - t0)

    results: dict[str, NodeResult] = {}
    for name in order:
        node = graph.nodes[name]
        deps = {d: results[d].final for d in node.dependencies if d in results}
        axioms = [d for d in deps if graph.nodes[d].kind == "axiom"]
        final = own[name] if name in graph.errors else meet(own[name], deps, axioms)
        results[name] = NodeResult(node, own[name], final, keys[name], name in cached, wall.get(name, 0.0))
    settings = {"workers": workers, "seconds": seconds, "seed": seed, "names": list(names or [])}
    return RunResult(graph, results, time.perf_counter() - started, settings, todo, list(cache.warnings))


def _run_parallel(graph: Graph, todo: list[str], workers: int, seconds: float | None, seed: int | None,
                  package: str | None, finish: Callable[[str, Verdict, float], None]) -> None:
    _TABLE.clear()
    _TABLE.update(graph.nodes)
    pending: dict[Future, str] = {}
    try:
        with _pool(min(workers, len(todo)), package) as pool:
            for name in todo:  # submitted in topological order
                pending[pool.submit(_work, name, seconds, seed)] = name
            for future in as_completed(list(pending)):
                name = pending[future]
                try:
                    verdict, elapsed = future.result()
                except BrokenProcessPool:
                    message = (f"node {name!r} ({_file(graph.nodes[name])}): a worker process died while "
                               "this node was queued or running; rerun with --workers 1 to isolate it")
                    verdict, elapsed = _runner_error(graph.nodes[name], message), 0.0
                except Exception as exc:  # noqa: BLE001 - e.g. a verdict that cannot be sent back
                    verdict = _runner_error(graph.nodes[name], f"node {name!r} ({_file(graph.nodes[name])}): "
                                            f"the worker failed: {type(exc).__name__}: {exc}")
                    elapsed = 0.0
                finish(name, verdict, elapsed)
    finally:
        _TABLE.clear()


def _cacheable(verdict: Verdict) -> bool:
    """Time-outs and failures of the run itself are not facts about the node: do not keep them.
    (The checker's own ``unknown`` is kept: the key holds the time budget and seed it was given.)"""
    return not any(e.rule.startswith("runner:") for e in verdict.evidence)


def _notify(progress: Progress | None, name: str, verdict: Verdict, cached: bool) -> None:
    if progress is not None:
        progress(name, verdict, cached)


__all__ = ["run", "select", "check_node", "hard_limit", "NodeResult", "RunResult", "UnknownNodes"]
