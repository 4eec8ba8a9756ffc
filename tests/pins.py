"""The verdict pins of the graph's nodes, shared by every ``tests/test_theorems_<topic>.py``.

Each such file holds a ``PINS`` dict (node name -> verdict the tool produces, seed 0, 20 s per node) for the
nodes of its topic; :func:`collected_pins` gathers the ``PINS`` of every ``tests/test_theorems_*.py``
automatically, so a new topic file is seen without editing this one, and ``tests/test_pins.py`` checks that
every node of ``theorems/`` is pinned exactly once.

A pin that differs from the node's ``expect`` marks a kernel gap, listed in that file's ``KERNEL_GAPS``.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import theorems
from verify.core.verdicts import Status, Verdict
from verify.nodes import Node
from verify.runner import check_node

TESTS = Path(__file__).resolve().parent
PIN_FILE_GLOB = "test_theorems_*.py"
SECONDS, SEED = 20, 0


def theorem_nodes() -> dict[str, Node]:
    """Every node of every theorem module of ``theorems/``, by name."""
    out: dict[str, Node] = {}
    for module in theorems.MODULES:
        for n in importlib.import_module(module).NODES:
            out[n.name] = n
    return out


def pin_files() -> list[Path]:
    """The topic files of pins: every ``tests/test_theorems_*.py`` that defines a ``PINS`` dict."""
    return [p for p in sorted(TESTS.glob(PIN_FILE_GLOB)) if isinstance(_pins_of(p), dict)]


def _pins_of(path: Path) -> Any:
    return getattr(importlib.import_module(path.stem), "PINS", None)


def collected_pins() -> dict[str, list[tuple[str, str]]]:
    """Node name -> ``[(pin file, verdict), ...]`` over all topic files (a name pinned twice has two)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in pin_files():
        for name, verdict in _pins_of(path).items():
            out.setdefault(name, []).append((path.name, verdict))
    return out


NODES = theorem_nodes()
_VERDICTS: dict[str, Verdict] = {}


def verdict(name: str) -> Verdict:
    """The node's verdict, checked once per test session."""
    if name not in _VERDICTS:
        _VERDICTS[name] = check_node(NODES[name], seconds=SECONDS, seed=SEED)
    return _VERDICTS[name]


def check_pin(name: str, pins: dict[str, str], kernel_gaps: set[str] = frozenset()) -> None:
    """The node comes out as pinned, and as its author expected unless it is a listed kernel gap."""
    v = verdict(name)
    assert v.status.value == pins[name], v.explain()
    node = NODES[name]
    if name not in kernel_gaps and node.expect is not None:
        assert v.status.value == node.expect, v.explain()


def check_erratum(name: str) -> None:
    """An erratum is refuted with a counterexample, its source says ``as written``, and its corrected twin
    holds (pinned ``proved`` or ``tested`` in some topic file)."""
    v = verdict(name)
    assert v.status is Status.REFUTED
    assert v.counterexample, v.explain()
    twin = NODES[name].corrects
    twin_pins = [verdict_ for _, verdict_ in collected_pins().get(twin, [])]
    assert twin in NODES and twin_pins and all(p in ("proved", "tested") for p in twin_pins)
    assert "as written" in NODES[name].source
