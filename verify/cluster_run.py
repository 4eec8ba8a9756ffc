"""``verify run --scheduler``: the graph's own checks as tasks on a Dask cluster.

Own checks are independent (the meet with dependencies is applied afterwards, on the client, by
:func:`verify.runner.run`), so every node is submitted at once, prioritised in topological order. On the
worker a node is checked in a child process (forkserver: started once per worker, single-threaded) under
:func:`verify.runner.hard_limit`, as the local runner does; a child still running ``KILL_GRACE`` past it is
killed and the node is ``unknown``, so a hung node never holds the worker. A width sweep
(:class:`verify.solvers.scaling.ScalingExperiment`) is run on the client instead, its points submitted as
tasks (:mod:`verify.sweeps`), under the same hard limit.

A node is sent by reference (its module and name, imported on the worker) when its module is importable,
else pickled by value with its dependencies in one pickle, so that the lemmas it shares with them stay
the same objects there (the graph's meet recognises them by identity).
"""
from __future__ import annotations

import importlib
import importlib.util
import multiprocessing
import time
from typing import Any, Callable

from .core.verdicts import Evidence, Status, Verdict
from .graph import Graph
from .nodes import Node
from .runner import KILL_GRACE, _child, _runner_error, check_node, dependency_statements, hard_limit
from .sweeps import submitting_to

Finish = Callable[[str, Verdict, float], None]
_PRELOAD = ["verify.checking", "verify.runner", "verify.cluster_run"]


def _is_sweep(node: Node) -> bool:
    from .solvers.scaling import ScalingExperiment

    return isinstance(node.statement, ScalingExperiment)


def payload(node: Node, deps: list[Node]) -> tuple[str, Any]:
    """``("ref", [(module, name), ...])`` for nodes whose modules import here, else ``("value", pickle)``."""
    nodes = [node, *deps]
    if all(n.module and importlib.util.find_spec(n.module.split(".")[0]) is not None for n in nodes):
        return "ref", [(n.module, n.name) for n in nodes]
    import cloudpickle

    return "value", cloudpickle.dumps(nodes)


def _nodes(kind: str, data: Any) -> list[Node]:
    if kind == "value":
        import cloudpickle

        return cloudpickle.loads(data)
    out = []
    for module, name in data:
        found = [n for n in getattr(importlib.import_module(module), "NODES", []) if n.name == name]
        if not found:
            raise LookupError(f"module {module} has no node {name!r} on this worker")
        found[0].module = found[0].module or module
        out.append(found[0])
    return out


def _in_child(name: str, kind: str, data: Any, seconds: float | None, seed: int | None, conn: Any) -> None:
    """Body of the child process on the worker: rebuild the node, check it, send the verdict."""
    try:
        node, *deps = _nodes(kind, data)
    except Exception as exc:  # noqa: BLE001 - e.g. the content package is not installed on this worker
        message = (f"node {name!r}: cannot be rebuilt on the worker ({type(exc).__name__}: {exc}); the workers "
                   f"need the content package installed")
        conn.send((Verdict(Status.ERROR, name, [Evidence("runner: exception", message)], message=message), 0.0))
        conn.close()
        return
    lemmas = frozenset(id(d.statement) for d in deps if d.statement is not None)
    _child(node, seconds, seed, lemmas, conn)


def _content_modules(kind: str, data: Any) -> list[str]:
    """The content package's modules (its ``MODULES``), for the forkserver to import once, not per node."""
    if kind != "ref":
        return []
    out: list[str] = []
    for root in dict.fromkeys(module.split(".")[0] for module, _ in data):
        try:
            out += [root, *getattr(importlib.import_module(root), "MODULES", [])]
        except Exception:  # noqa: BLE001 - then each child imports what it needs
            continue
    return out


def _start_from_daemon(process: Any) -> None:
    """Start ``process`` from a Dask worker, which its nanny runs as a daemonic process (multiprocessing then
    refuses children, lest they outlive it). The child is ours to reap: it is joined or killed in
    :func:`check_on_worker`, and its own alarm ends it at the hard limit should the worker die first."""
    current = multiprocessing.current_process()
    daemon = current._config.get("daemon")
    current._config["daemon"] = False
    try:
        process.start()
    finally:
        if daemon is not None:
            current._config["daemon"] = daemon


def check_on_worker(name: str, kind: str, data: Any, seconds: float | None, seed: int | None,
                    ceiling: float) -> tuple[Verdict, float]:
    """The task: check one node in a fresh child process, killed after ``ceiling`` seconds (then ``unknown``)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD + _content_modules(kind, data))  # read when the server starts
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_in_child, args=(name, kind, data, seconds, seed, sender), name=f"verify:{name}")
    started = time.perf_counter()
    _start_from_daemon(process)
    sender.close()
    try:
        if receiver.poll(ceiling):
            try:
                return receiver.recv()
            except (EOFError, OSError):
                process.join(5)
                node = Node(name, "lemma", None)
                return (_runner_error(node, f"node {name!r}: the child process on the worker died (exit code "
                                            f"{process.exitcode}) while checking it"), time.perf_counter() - started)
        elapsed = time.perf_counter() - started
        message = (f"node {name!r}: killed on the worker after {elapsed:.0f} s (hard limit {ceiling:.0f} s); "
                   f"the worker stays usable")
        return Verdict(Status.UNKNOWN, name, [Evidence("runner: time limit", message)], message=message,
                       seconds=elapsed), elapsed
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()


def on_cluster(scheduler: str) -> Callable[..., None]:
    """An executor for :func:`verify.runner.run` that checks the nodes on the Dask cluster at ``scheduler``."""
    def execute(graph: Graph, todo: list[str], budget: Callable[[str], float | None], seed: int | None,
                finish: Finish) -> None:
        run_on_cluster(graph, todo, scheduler, budget, seed, finish)

    execute.where = f"dask scheduler {scheduler}"  # type: ignore[attr-defined]
    return execute


def run_on_cluster(graph: Graph, todo: list[str], scheduler: str, budget: Callable[[str], float | None],
                   seed: int | None, finish: Finish) -> None:
    """Check the nodes ``todo`` (topological order) on the cluster at ``scheduler``; ``finish`` each."""
    from .distributed import cluster, require_distributed

    distributed = require_distributed()
    with cluster(scheduler) as client:
        futures = {}
        for k, name in enumerate(todo):
            node = graph.nodes[name]
            if _is_sweep(node):
                continue
            deps = [graph.nodes[d] for d in node.dependencies if d in graph.nodes]
            kind, data = payload(node, deps)
            ceiling = hard_limit(budget(name)) + KILL_GRACE
            futures[client.submit(check_on_worker, name, kind, data, budget(name), seed, ceiling, pure=False,
                                  priority=len(todo) - k, key=f"verify-node-{name}-{time.time_ns()}")] = name
        try:
            for name in todo:  # the sweeps, on this client, their points as tasks
                if _is_sweep(graph.nodes[name]):
                    t0 = time.perf_counter()
                    with submitting_to(client):
                        verdict = check_node(graph.nodes[name], budget(name), seed,
                                             dependency_statements(graph, name))
                    finish(name, verdict, time.perf_counter() - t0)
            for future in distributed.as_completed(list(futures)):
                name = futures[future]
                try:
                    verdict, elapsed = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost task is this node's error, not the run's
                    verdict, elapsed = _runner_error(graph.nodes[name], f"node {name!r}: its task failed on the "
                                                     f"cluster: {type(exc).__name__}: {exc}"), 0.0
                finish(name, verdict, elapsed)
        finally:
            client.cancel([f for f in futures if not f.done()])


__all__ = ["on_cluster", "run_on_cluster", "check_on_worker", "payload"]
