"""The pytest plugin: ``pytest --verify-package NAME`` makes one test item per node of a content
package, as ``tests/test_graph_nodes.py`` does for ``theorems``.

An item ``verify::NAME::NODE`` passes when the node's final verdict meets its ``expect`` (see
``verify.report.meets``) and, when the package has ``NAME.pins.PINS``, equals its pin. The graph is
run once per session, restricted to the selected items (``-k`` works) and what they need, with seed
0, ``--verify-seconds`` per node and ``--verify-workers`` processes, without a cache. A module that
does not load is an item of its own that fails with the loader's message. Registered through the
``pytest11`` entry point ``verify`` in ``pyproject.toml``.
"""
from __future__ import annotations

import importlib
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("verify", "checking a lecture's content package with verify")
    group.addoption("--verify-package", action="append", default=[], metavar="NAME",
                    help="check every node of this content package as a test item (repeatable)")
    group.addoption("--verify-seconds", type=float, default=None, metavar="S",
                    help="time budget per node (default: verify's own)")
    group.addoption("--verify-workers", type=int, default=1, metavar="N", help="worker processes (default 1)")


class VerifyNodeItem(pytest.Item):
    """One node of the package: its final verdict must meet its expectation and its pin."""

    def __init__(self, *, package: str, node_name: str, pin: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.package, self.node_name, self.pin = package, node_name, pin

    def runtest(self) -> None:
        from .report import meets

        result = _graph_run(self.session, self.package).results[self.node_name]
        final = result.final
        expect = result.node.expect or "not refuted, error or blocked"
        if not meets(final.status, result.node.expect):
            raise VerifyFailure(f"{self.node_name}: {final.status.value}, expected {expect}\n{final.explain()}")
        if self.pin is not None and final.status.value != self.pin:
            raise VerifyFailure(f"{self.node_name}: {final.status.value}, pinned {self.pin} in "
                                f"{self.package}.pins\n{final.explain()}")

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, VerifyFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[str, int | None, str]:
        return self.package, None, f"verify {self.package}::{self.node_name}"


class LoadErrorItem(pytest.Item):
    """A module of the package that did not load: it fails with the loader's message."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise VerifyFailure(self.message)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[str, int | None, str]:
        return "verify", None, self.name


class VerifyFailure(AssertionError):
    """A node whose verdict misses its expectation or pin; the message is the verdict's account."""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Add the items of each ``--verify-package`` before ``-k`` and ``-m`` deselect."""
    for package in config.getoption("verify_package"):
        items.extend(_items(session, package))


def _items(session: pytest.Session, package: str) -> list[pytest.Item]:
    from .graph import build
    from .loader import importable, load

    loaded = load(package)
    name = importable(package)
    out: list[pytest.Item] = [LoadErrorItem.from_parent(session, name=f"verify::{name}::load[{e.module}]",
                                                        message=str(e)) for e in loaded.errors]
    graph = build(loaded.nodes)
    pins = _pins(name)
    session.config.stash.setdefault(_GRAPHS, {})[name] = graph
    for node_name in graph.order():
        out.append(VerifyNodeItem.from_parent(session, name=f"verify::{name}::{node_name}", package=name,
                                              node_name=node_name, pin=pins.get(node_name)))
    return out


def _pins(package: str) -> dict[str, str]:
    try:
        module = importlib.import_module(f"{package}.pins")
    except ImportError:
        return {}
    pins = getattr(module, "PINS", {})
    return dict(pins) if isinstance(pins, dict) else {}


_GRAPHS: pytest.StashKey[dict] = pytest.StashKey()
_RUNS: pytest.StashKey[dict] = pytest.StashKey()


def _graph_run(session: pytest.Session, package: str) -> Any:
    """The package's graph, run once for the selected items and what they need."""
    from .cache import Cache
    from .runner import run

    runs = session.config.stash.setdefault(_RUNS, {})
    if package not in runs:
        selected = [item.node_name for item in session.items
                    if isinstance(item, VerifyNodeItem) and item.package == package]
        config = session.config
        runs[package] = run(config.stash[_GRAPHS][package], names=selected, seed=0, cache=Cache(None),
                            workers=config.getoption("verify_workers"), seconds=config.getoption("verify_seconds"))
    return runs[package]
