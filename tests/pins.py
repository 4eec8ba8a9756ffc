"""The verdict pins of the graph's nodes, shared by every ``tests/test_theorems_<topic>.py``, and the one run
of the real graph that the pins and ``tests/test_graph_nodes.py`` read.

Each topic file holds a ``PINS`` dict (node name -> verdict the tool produces, seed 0, the graph's default
budget) for the nodes of its topic, and may hold a ``BUDGET`` dict (node name -> seconds) for nodes that need
more; :func:`collected_pins` gathers the ``PINS`` of every ``tests/test_theorems_*.py`` automatically, so a
new topic file is seen without editing this one, and ``tests/test_pins.py`` checks that every node of
``theorems/`` is pinned exactly once.

The graph is checked once per test session (:func:`session_run`, also the ``graph_run`` fixture of
``tests/conftest.py``): every node the selected test items name, and what they need, with ``VERIFY_WORKERS``
worker processes (default 2). A node a test asks for that the run did not cover is checked then (its
dependencies come from the session's cache). A pin is compared with the node's *standalone* status: its own
verdict in the graph met with the lemmas it applies with ``use`` (transitively), which is what
``verify.check`` of its statement alone gives (there the kernel checks those lemmas itself). Under
pytest-xdist the controlling process runs the whole graph first into a shared cache (``VERIFY_TEST_CACHE``,
``tests/conftest.py``), so each test process's run reads every node from it.

A pin that differs from the node's ``expect`` marks a kernel gap, listed in that file's ``KERNEL_GAPS``.
"""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import theorems
from verify.cache import Cache
from verify.core.verdicts import Status, Verdict, weakest
from verify.graph import Graph, build
from verify.loader import load
from verify.nodes import Node
from verify.runner import NodeResult, run

TESTS = Path(__file__).resolve().parent
PIN_FILE_GLOB = "test_theorems_*.py"
#: the session run's budget per node (None: the graph's default, as ``verify run``) and seed
SECONDS, SEED = None, 0
_BAD = (Status.REFUTED, Status.ERROR, Status.BLOCKED)


def theorem_nodes() -> dict[str, Node]:
    """Every node of every theorem module of ``theorems/``, by name."""
    out: dict[str, Node] = {}
    for module in theorems.MODULES:
        for n in importlib.import_module(module).NODES:
            out[n.name] = n
    return out


def nodes_of(modules: Iterable[str]) -> dict[str, Node]:
    """The nodes declared by the given theorem modules, by name."""
    return {n.name: n for module in modules for n in importlib.import_module(module).NODES}


def pin_files() -> list[Path]:
    """The topic files of pins: every ``tests/test_theorems_*.py`` that defines a ``PINS`` dict."""
    return [p for p in sorted(TESTS.glob(PIN_FILE_GLOB)) if isinstance(_attribute(p, "PINS"), dict)]


def _attribute(path: Path, name: str) -> Any:
    return getattr(importlib.import_module(path.stem), name, None)


def collected_pins() -> dict[str, list[tuple[str, str]]]:
    """Node name -> ``[(pin file, verdict), ...]`` over all topic files (a name pinned twice has two)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in pin_files():
        for name, verdict_ in _attribute(path, "PINS").items():
            out.setdefault(name, []).append((path.name, verdict_))
    return out


def collected_budgets() -> dict[str, float]:
    """Node name -> seconds, from the ``BUDGET`` dicts of the topic files."""
    out: dict[str, float] = {}
    for path in pin_files():
        out.update(_attribute(path, "BUDGET") or {})
    return out


NODES = theorem_nodes()


class SessionRun:
    """One run of the real graph per test session, over the names the selected tests registered."""

    def __init__(self) -> None:
        self.loaded = load("theorems")
        self.graph: Graph = build(self.loaded.nodes)
        self.wanted: set[str] = set()
        self.results: dict[str, NodeResult] = {}
        self.budgets = collected_budgets()
        self.runs = 0
        cache_dir = os.environ.get("VERIFY_TEST_CACHE")
        self._tmp = None if cache_dir else tempfile.TemporaryDirectory(prefix="verify-test-cache-")
        self.cache = Cache(cache_dir or self._tmp.name)

    def want(self, names: Iterable[str]) -> None:
        """Register node names that the session's tests will read (unknown names are ignored)."""
        self.wanted |= {n for n in names if n in self.graph.nodes}

    def ensure(self, names: Iterable[str] = ()) -> dict[str, NodeResult]:
        """The results, after checking every wanted (and given) name not checked yet, and what it needs."""
        self.want(names)
        missing = sorted(self.wanted - set(self.results))
        if missing:
            result = run(self.graph, names=missing, workers=int(os.environ.get("VERIFY_WORKERS", "2")),
                         seconds=SECONDS, seed=SEED, cache=self.cache, budgets=self.budgets)
            self.runs += 1
            for name, node_result in result.results.items():
                self.results.setdefault(name, node_result)
        return self.results

    def result(self, name: str) -> NodeResult:
        return self.ensure([name])[name]


_SESSION: SessionRun | None = None


def session_run() -> SessionRun:
    """The session's graph run (created on first use; checked lazily, once per node)."""
    global _SESSION
    if _SESSION is None:
        _SESSION = SessionRun()
    return _SESSION


def verdict(name: str, seconds: float | None = None) -> Verdict:
    """The node's own verdict in the session's graph run. ``seconds`` is the budget the caller relies on: it
    must be the one the run gives the node (the topic file's ``BUDGET``, else the default)."""
    given = session_run().budgets.get(name, SECONDS)
    assert seconds == given, f"{name}: asked for a {seconds} s budget, the session run gives it {given} s " \
                             f"(declare it in the topic file's BUDGET)"
    return session_run().result(name).own


def standalone_status(name: str) -> Status:
    """The node's own status met with the standalone statuses of the lemmas it applies with ``use``."""
    session = session_run()
    own = session.result(name).own.status
    used = [getattr(u, "name", u) for u in (getattr(NODES[name].statement, "uses", ()) or ())]
    lemmas = [standalone_status(u) for u in used if u in session.graph.nodes]
    if any(s in _BAD for s in lemmas) and own not in _BAD:
        return Status.BLOCKED
    return weakest([own, *lemmas])


def check_pin(name: str, pins: dict[str, str], kernel_gaps: set[str] = frozenset()) -> None:
    """The node comes out as pinned, and as its author expected unless it is a listed kernel gap."""
    v = verdict(name, session_run().budgets.get(name, SECONDS))
    status = standalone_status(name).value
    assert status == pins[name], f"{name}: {status}, pinned {pins[name]}\n{v.explain()}"
    node = NODES[name]
    if name not in kernel_gaps and node.expect is not None:
        assert status == node.expect, f"{name}: {status}, expected {node.expect}\n{v.explain()}"


def check_erratum(name: str) -> None:
    """An erratum is refuted with a counterexample, its source says ``as written``, and its corrected twin
    holds (pinned ``proved`` or ``tested`` in some topic file)."""
    v = verdict(name, session_run().budgets.get(name, SECONDS))
    assert v.status is Status.REFUTED, f"{name}: {v.status.value}\n{v.explain()}"
    assert v.counterexample, v.explain()
    twin = NODES[name].corrects
    twin_pins = [verdict_ for _, verdict_ in collected_pins().get(twin, [])]
    assert twin in NODES and twin_pins and all(p in ("proved", "tested") for p in twin_pins), name
    assert "as written" in NODES[name].source, name
