"""Every node of the real lemma graph (``theorems``) is its own test item: ``pytest -k gd_pl``.

A node passes when its final verdict meets its ``expect`` (see ``verify.report.meets``). The graph
is run once per session, restricted to the selected items and what they need, with seed 0 and
``VERIFY_WORKERS`` worker processes (default 2). ``VERIFY_TEST_CACHE=DIR`` reuses a verdict cache
between local runs; by default nothing is cached, so a test run always checks afresh.
"""
from __future__ import annotations

import os

import pytest

from verify.cache import Cache
from verify.graph import build
from verify.loader import load
from verify.report import meets
from verify.runner import run

LOADED = load("theorems")
GRAPH = build(LOADED.nodes)
NAMES = GRAPH.order()


@pytest.fixture(scope="session")
def graph_run(request: pytest.FixtureRequest):
    selected = [item.callspec.params["name"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_node" and hasattr(item, "callspec")]
    cache_dir = os.environ.get("VERIFY_TEST_CACHE")
    return run(GRAPH, names=selected, workers=int(os.environ.get("VERIFY_WORKERS", "2")), seed=0,
               cache=Cache(cache_dir) if cache_dir else Cache(None))


def test_registry_loads_without_errors():
    if LOADED.errors:
        pytest.fail("\n".join(str(e) for e in LOADED.errors), pytrace=False)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_node(name: str, graph_run) -> None:
    result = graph_run.results[name]
    expect = result.node.expect or "not refuted, error or blocked"
    if not meets(result.final.status, result.node.expect):
        pytest.fail(f"{name}: {result.final.status.value}, expected {expect}\n{result.final.explain()}", pytrace=False)
