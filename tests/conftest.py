"""Shared test set-up: the hypothesis profile, a factory for throw-away content packages, and the one run of
the real graph per session (``graph_run``) that the node tests and the pins read.

The ``ci`` hypothesis profile (derandomized, fixed ``max_examples``, no deadline) is loaded when the
``CI`` environment variable is set and by default too, so local runs and CI runs see the same
examples; set ``HYPOTHESIS_PROFILE=dev`` (and no ``CI``) for randomized local exploration.
"""
from __future__ import annotations

import itertools
import os
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_counter = itertools.count()

#: test files whose items read the session's graph run; their ``name`` parameter names a node
GRAPH_READERS = ("test_graph_nodes.py", "test_pins.py", "test_theorems_")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Register every node that a selected item names, so that one graph run checks them all."""
    readers = [item for item in items if item.path.name.startswith(GRAPH_READERS)]
    names = [item.callspec.params["name"] for item in readers
             if "name" in getattr(getattr(item, "callspec", None), "params", {})]
    if names:
        from pins import session_run

        session_run().want(names)


@pytest.fixture(scope="session")
def graph_run():
    """The session's run of the real graph (``tests/pins.py``), checked once for all registered nodes."""
    from pins import session_run

    run = session_run()
    run.ensure()
    return run


@pytest.fixture
def make_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``make_package({"mod": "source", ...})`` writes a content package with ``MODULES`` listing the
    modules in the given order and returns its import name (unique per call)."""

    def make(modules: dict[str, str], *, modules_list: list[str] | None = None, init: str = "") -> str:
        name = f"fixture_content_{os.getpid()}_{next(_counter)}"
        root = tmp_path / name
        root.mkdir()
        listed = modules_list if modules_list is not None else [f"{name}.{m}" for m in modules]
        (root / "__init__.py").write_text(f"MODULES = {listed!r}\n" + textwrap.dedent(init))
        for module, source in modules.items():
            (root / f"{module}.py").write_text(textwrap.dedent(source))
        monkeypatch.syspath_prepend(str(tmp_path))
        return name

    yield make
    for mod in [m for m in sys.modules if m.startswith("fixture_content_")]:
        del sys.modules[mod]
