"""Every node of ``theorems/`` is pinned exactly once in a ``tests/test_theorems_<topic>.py``, every
theorem module opens with a header listing its main results and cites its sources, and every erratum is
refuted with a counterexample beside a corrected twin that holds."""
from __future__ import annotations

import importlib
import re

import pytest

import theorems
from pins import NODES, check_erratum, collected_pins, pin_files


def test_every_node_is_pinned_and_every_pin_is_a_node():
    pins = collected_pins()
    assert sorted(set(NODES) - set(pins)) == []
    assert sorted(set(pins) - set(NODES)) == []


def test_no_node_is_pinned_twice():
    assert {name: where for name, where in collected_pins().items() if len(where) > 1} == {}


def test_pins_are_split_by_topic():
    assert {"test_theorems_pl.py", "test_theorems_gd.py", "test_theorems_sgd.py", "test_theorems_minibatch.py",
            "test_theorems_complexity.py"} <= {p.name for p in pin_files()}


def test_modules_open_with_a_header_and_cite_sources():
    for name in theorems.MODULES:
        mod = importlib.import_module(name)
        assert mod.__doc__ and "Main results" in mod.__doc__, name
    for n in NODES.values():
        assert n.source, n.name
        assert re.match(r"\d{3}", n.source) or n.kind in ("axiom", "lemma", "experiment"), n.name


@pytest.mark.parametrize("name", sorted(n for n, node in NODES.items() if node.kind == "erratum"))
def test_erratum_refuted_with_counterexample_beside_a_correction(name):
    check_erratum(name)
