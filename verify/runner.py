"""Running the graph: check every selected node once, in topological order, then meet verdicts.

A node's *own* verdict comes from checking its statement alone (``verify.check`` for a claim or a
derivation, ``statement.run`` for an experiment, nothing for a definition that states nothing).
Own checks are independent, so with ``workers > 1`` they run in that many forked worker processes,
each taking the next node in topological order when it is done with one; the meet with dependencies
(:func:`verify.graph.meet`) is then applied in topological order. Every check runs under a hard
time limit (:func:`hard_limit`: an alarm in the checking process, and with workers the process is
killed if it is still stuck in native code shortly after).

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
from multiprocessing.connection import wait
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .cache import Cache, node_key
from .graph import Graph, assumption_base, meet, restatements, unbacked_edges
from .core.limits import TimeLimitExceeded, time_limit
from .nodes import Node
from .core.verdicts import Evidence, Status, Verdict

#: Hard wall-clock ceiling for one node when no budget is given (seconds).
DEFAULT_HARD_LIMIT = 120.0
#: Extra time before a worker process stuck past its limit is killed (seconds).
KILL_GRACE = 10.0

Progress = Callable[[str, Verdict, bool], None]
#: ``executor(graph, todo, budget, seed, finish)``: checks the nodes ``todo`` elsewhere (see ``run``)
Executor = Callable[[Graph, list, Callable[[str], "float | None"], "int | None", Callable[[str, Verdict, float], None]],
                    None]


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
    #: the assumption base (see :func:`verify.graph.assumption_base`)
    assumptions: list[dict] = field(default_factory=list)
    #: hand-written proof edges that no ``use`` backs
    unbacked: list[str] = field(default_factory=list)

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


def check_node(node: Node, seconds: float | None = None, seed: int | None = None,
               graph_lemmas: frozenset = frozenset()) -> Verdict:
    """The own verdict of ``node``; never raises for problems in the node itself.

    ``graph_lemmas``: ids of the statements of the nodes it depends on; a lemma it uses that is one of
    them is left to the graph's meet instead of being checked again here."""
    statement = node.statement
    where = f"node {node.name!r} ({_file(node)})"
    started = time.perf_counter()
    try:
        with time_limit(hard_limit(seconds)):
            if statement is None:
                if node.kind == "definition":
                    return Verdict(Status.PROVED, node.name,
                                   [Evidence("definition", "a definition states nothing to check")],
                                   message="definition")
                if node.kind == "axiom":
                    message = "cited without a checkable statement: neither proved nor tested here"
                    return Verdict(Status.UNKNOWN, node.name, [Evidence("cited", f"{message}; {node.source}")],
                                   message=message)
                return _runner_error(node, f"{where}: a {node.kind} needs a statement")
            if callable(getattr(statement, "run", None)):
                verdict = statement.run(seconds=seconds, seed=seed)
            else:
                from .checking import check  # looked up per call, so a test may patch verify.checking.check
                from .core.kernel import LEMMAS_FROM_GRAPH

                token = LEMMAS_FROM_GRAPH.set(graph_lemmas)  # those lemmas are nodes: the meet applies them
                try:
                    verdict = check(statement, seconds=seconds, seed=seed)
                finally:
                    LEMMAS_FROM_GRAPH.reset(token)
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


def dependency_statements(graph: Graph, name: str) -> frozenset:
    """Ids of the statements of the nodes ``name`` depends on (a lemma used as one of these objects is
    checked as its own node and met into ``name``'s final verdict)."""
    deps = (graph.nodes.get(d) for d in graph.nodes[name].dependencies)
    return frozenset(id(d.statement) for d in deps if d is not None and d.statement is not None)


# --- worker processes -----------------------------------------------------------------------

def _child(node: Node, seconds: float | None, seed: int | None, graph_lemmas: frozenset, conn: Any) -> None:
    """Body of a process that checks one node and sends the verdict back through ``conn`` (the cluster
    runner's, ``verify.cluster_run``)."""
    started = time.perf_counter()
    verdict = check_node(node, seconds, seed, graph_lemmas)
    try:
        conn.send((verdict, time.perf_counter() - started))
    except Exception as exc:  # noqa: BLE001 - e.g. evidence that cannot be pickled
        conn.send((_unsendable(node, exc), time.perf_counter() - started))
    finally:
        conn.close()


def _unsendable(node: Node, exc: Exception) -> Verdict:
    return _runner_error(node, f"node {node.name!r} ({_file(node)}): its verdict could not be sent back from the "
                               f"worker: {type(exc).__name__}: {exc}")


def _worker(graph: Graph, conn: Any) -> None:
    """Body of a forked worker: check the nodes the runner sends, one at a time, until it sends None."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        name, seconds, seed = task
        node = graph.nodes[name]
        started = time.perf_counter()
        verdict = check_node(node, seconds, seed, dependency_statements(graph, name))
        elapsed = time.perf_counter() - started
        try:
            conn.send((verdict, elapsed))
        except Exception as exc:  # noqa: BLE001 - e.g. evidence that cannot be pickled
            conn.send((_unsendable(node, exc), elapsed))


class _Worker:
    """One forked worker process and the runner's end of its pipe."""

    def __init__(self, context: Any, graph: Graph) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker, args=(graph, child), name="verify:worker")
        self.process.start()
        child.close()
        self.task: tuple[str, float] | None = None  # (node, when it was sent)

    def send(self, name: str, seconds: float | None, seed: int | None) -> None:
        self.conn.send((name, seconds, seed))
        self.task = (name, time.perf_counter())

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


def _run_forked(graph: Graph, todo: list[str], workers: int, budget: Callable[[str], float | None],
                seed: int | None, finish: Callable[[str, Verdict, float], None]) -> None:
    """Check the nodes in ``workers`` forked processes that each take one node after another.

    A process that dies is an ``error`` naming its node (and is replaced); one that outlives the node's
    hard limit (plus a grace period, for work stuck in C code that the in-process limit cannot interrupt)
    is killed and the node checked once more in a fresh process; stuck again, its node is ``unknown``.
    Workers are forked once, after the graph is built, so each starts from the runner's state and keeps
    its caches (compiled functions, sympy's cache) from one node to the next.
    """
    context = multiprocessing.get_context("fork")
    queue = list(todo)  # topological order
    pool = [_Worker(context, graph) for _ in range(min(workers, len(queue)))]
    retried: set[str] = set()
    try:
        while queue or any(w.task for w in pool):
            for w in pool:
                if w.task is None and queue:
                    name = queue.pop(0)
                    w.send(name, budget(name), seed)
            busy = [w for w in pool if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=0.5)
            now = time.perf_counter()
            for i, w in enumerate(pool):
                if w.task is None:
                    continue
                name, started = w.task
                node = graph.nodes[name]
                ceiling = hard_limit(budget(name)) + KILL_GRACE
                if w.conn in ready:
                    try:
                        verdict, elapsed = w.conn.recv()
                        w.task = None
                    except (EOFError, OSError):
                        w.process.join(5)
                        verdict = _runner_error(node, f"node {name!r} ({_file(node)}): the worker process died "
                                                      f"(exit code {w.process.exitcode}) while checking it")
                        elapsed = now - started
                        w.stop(kill=True)
                        pool[i] = _Worker(context, graph)
                elif now - started > ceiling and name not in retried:
                    # stuck past every limit (C code, or a lock inherited through fork): once more, afresh
                    w.stop(kill=True)
                    pool[i] = _Worker(context, graph)
                    retried.add(name)
                    queue.insert(0, name)
                    continue
                elif now - started > ceiling:
                    w.stop(kill=True)
                    pool[i] = _Worker(context, graph)
                    message = (f"node {name!r} ({_file(node)}): killed by the runner after {now - started:.0f} s "
                               f"(hard limit {ceiling:.0f} s), in two fresh processes")
                    verdict = Verdict(Status.UNKNOWN, name, [Evidence("runner: time limit", message)],
                                      message=message, seconds=now - started)
                    elapsed = now - started
                else:
                    continue
                finish(name, verdict, elapsed)
    finally:
        for w in pool:
            w.stop(kill=w.task is not None)

class _Background:
    """``fn(*args)`` computed in a forked process while the nodes are checked (a heuristic pass over the
    statements, such as the restatement flags, need not wait for the verdicts); ``result()`` waits for
    it, and computes it here instead when the process fails or takes longer than ``timeout`` seconds."""

    def __init__(self, fn: Callable[..., Any], *args: Any, timeout: float = 300.0) -> None:
        self.fn, self.args, self.timeout = fn, args, timeout
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=self._body, args=(sender,), name=f"verify:{fn.__name__}")
        self.process.start()
        sender.close()

    def _body(self, conn: Any) -> None:
        try:
            conn.send(self.fn(*self.args))
        finally:
            conn.close()

    def result(self) -> Any:
        try:
            if self.receiver.poll(self.timeout):
                return self.receiver.recv()
        except (EOFError, OSError):
            pass
        finally:
            self.process.kill()
            self.process.join(5)
            self.receiver.close()
        return self.fn(*self.args)


#: the cache entry of the whole graph's restatement flags
RESTATEMENTS = "restatement flags"


def _restatements_key(graph: Graph, order: list[str], keys: dict[str, str | None]) -> str | None:
    """The flags read every node's statement: cached only for a run of the whole graph, under the keys
    of all its nodes and the source of the code that computes them (``graph.py``, which the nodes' keys
    leave out)."""
    from . import graph as graph_module
    from .fingerprint import UNCACHEABLE, digest

    if len(order) != len(graph.nodes) or any((keys.get(n) or "").startswith(UNCACHEABLE) for n in order):
        return None
    import hashlib
    from pathlib import Path

    source = hashlib.sha256(Path(graph_module.__file__).read_bytes()).hexdigest()
    return digest("restatements", source, tuple((name, keys.get(name) or "-") for name in order))


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
        progress: Progress | None = None, budgets: dict[str, float] | None = None,
        executor: Executor | None = None) -> RunResult:
    """Check the selected nodes of ``graph`` and return every own and final verdict.

    ``budgets`` gives some nodes their own time budget instead of ``seconds`` (it is part of their cache key).

    With ``workers > 1`` each node is checked in its own forked process (at most ``workers`` at a
    time), which also isolates crashes and lets the runner kill a node stuck past its hard limit.
    ``executor(graph, todo, budget, seed, finish)`` checks the nodes ``todo`` elsewhere instead, calling
    ``finish(name, verdict, seconds)`` for each (``verify.cluster_run.on_cluster``: on a Dask cluster).
    """
    started = time.perf_counter()
    cache = cache or Cache(None)
    budgets = dict(budgets or {})

    def budget(name: str) -> float | None:
        return budgets.get(name, seconds)

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
        key = node_key(node, [k or "-" for k in dep_keys], seconds=budget(name), seed=seed)
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

    parallel = workers > 1 and bool(todo)
    if parallel and "fork" not in multiprocessing.get_all_start_methods():
        cache.warnings.append("--workers needs the 'fork' start method, which this platform lacks; "
                              "checked in one process")
        parallel = False
    checked = [n for n in order if n not in graph.errors]
    flags_key = _restatements_key(graph, order, keys)
    restated = cache.get_data(flags_key, RESTATEMENTS) if flags_key else None
    restated_later = _Background(restatements, graph.nodes, checked) if parallel and restated is None else None
    if executor is not None and todo:
        executor(graph, todo, budget, seed, finish)
    elif parallel:
        _run_forked(graph, todo, workers, budget, seed, finish)
    else:
        for name in todo:
            t0 = time.perf_counter()
            verdict = check_node(graph.nodes[name], budget(name), seed, dependency_statements(graph, name))
            finish(name, verdict, time.perf_counter() - t0)

    results: dict[str, NodeResult] = {}
    if restated is None:
        restated = restated_later.result() if restated_later else restatements(graph.nodes, checked)
        if flags_key:
            cache.put_data(flags_key, RESTATEMENTS, restated)
    for name in order:
        node = graph.nodes[name]
        deps = {d: results[d].final for d in node.dependencies if d in results}
        axioms = [d for d in deps if graph.nodes[d].kind == "axiom"]
        final = own[name] if name in graph.errors else meet(own[name], deps, axioms)
        base = assumption_base(node, own[name], {d: results[d].assumptions for d in deps}, restated.get(name))
        results[name] = NodeResult(node, own[name], final, keys[name], name in cached, wall.get(name, 0.0),
                                   base, unbacked_edges(node, graph.nodes))
    settings = {"workers": workers, "seconds": seconds, "seed": seed, "names": list(names or [])}
    if executor is not None:
        settings["executor"] = str(getattr(executor, "where", executor))
    if budgets:
        settings["budgets"] = budgets
    return RunResult(graph, results, time.perf_counter() - started, settings, todo, list(cache.warnings))


def _cacheable(verdict: Verdict) -> bool:
    """Time-outs and failures of the run itself are not facts about the node: do not keep them.
    (The checker's own ``unknown`` is kept: the key holds the time budget and seed it was given.)"""
    return not any(e.rule.startswith("runner:") for e in verdict.evidence)


def _notify(progress: Progress | None, name: str, verdict: Verdict, cached: bool) -> None:
    if progress is not None:
        progress(name, verdict, cached)


__all__ = ["run", "select", "check_node", "hard_limit", "NodeResult", "RunResult", "UnknownNodes"]
