"""Every node of the real lemma graph (``theorems``) is its own test item: ``pytest -k gd_pl``.

A node passes when its final verdict meets its ``expect`` (see ``verify.report.meets``). The graph is run
once per session (the ``graph_run`` fixture of ``tests/conftest.py``, shared with the pins of
``tests/test_theorems_*.py``), restricted to the selected items and what they need, with seed 0 and
``VERIFY_WORKERS`` worker processes (default 2). ``VERIFY_TEST_CACHE=DIR`` reuses a verdict cache between
local runs; by default nothing is kept, so a test run always checks afresh.
"""
from __future__ import annotations

import pytest

from verify.graph import build
from verify.loader import load
from verify.report import meets

LOADED = load("theorems")
NAMES = build(LOADED.nodes).order()


def test_registry_loads_without_errors():
    if LOADED.errors:
        pytest.fail("\n".join(str(e) for e in LOADED.errors), pytrace=False)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_node(name: str, graph_run) -> None:
    result = graph_run.result(name)
    expect = result.node.expect or "not refuted, error or blocked"
    if not meets(result.final.status, result.node.expect):
        pytest.fail(f"{name}: {result.final.status.value}, expected {expect}\n{result.final.explain()}", pytrace=False)
