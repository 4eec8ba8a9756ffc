"""Shared test set-up: the hypothesis profile, a factory for throw-away content packages, and the one run of
the real graph per session (``graph_run``) that the node tests and the pins read.

The ``ci`` hypothesis profile (derandomized, fixed ``max_examples``, no deadline) is loaded when the
``CI`` environment variable is set and by default too, so local runs and CI runs see the same
examples; set ``HYPOTHESIS_PROFILE=dev`` (and no ``CI``) for randomized local exploration.
"""
from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
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


def _xdist_controller(config: pytest.Config) -> bool:
    """Whether this process hands tests to pytest-xdist workers (``-n N``) instead of running them."""
    return not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", None))


def _selects_graph_readers(config: pytest.Config) -> bool:
    """Whether the command line selects a directory or a file that reads the session's graph run."""
    args = [a.split("::")[0] for a in config.args] or ["tests"]
    return any(Path(a).is_dir() or Path(a).name.startswith(GRAPH_READERS) for a in args)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Under pytest-xdist (``pytest -n 2``) the controller checks the whole graph once, with the session's
    worker processes, into a cache directory the xdist workers share (``VERIFY_TEST_CACHE``), before it starts
    them: each worker's graph run then reads every node from that cache instead of checking the graph again.
    The workers' own process pools (corpora, mutations) get one process each, so the load stays at the
    cores' count."""
    config = session.config
    if not _xdist_controller(config):
        return
    if not os.environ.get("VERIFY_TEST_CACHE"):
        config._verify_cache_dir = tempfile.mkdtemp(prefix="verify-test-cache-")
        os.environ["VERIFY_TEST_CACHE"] = config._verify_cache_dir
    if _selects_graph_readers(config):
        from pins import session_run

        run = session_run()
        run.want(run.graph.nodes)
        run.ensure()
    os.environ.setdefault("VERIFY_WORKERS", "1")


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = getattr(session.config, "_verify_cache_dir", None)
    if path:
        shutil.rmtree(path, ignore_errors=True)


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
