"""Mutation tests: every true derivation of the notes, broken one link at a time, must fail there.

For each derivation the graph expects to be proved, each link gets one mutation (the kinds rotate
over the links, so every kind is exercised); the verdict must not be ``proved`` and must name the
mutated link (or the next one, whose left side the mutation also changed).
"""
from __future__ import annotations

import importlib

import pytest

import theorems
from verify import Derivation, Status, check
from verify.core.kernel import LEMMAS_FROM_GRAPH

from mutations import KINDS, mutant
from parallel import run_all


def _derivations() -> list[Derivation]:
    out = []
    for module in theorems.MODULES:
        mod = importlib.import_module(module)
        for node in getattr(mod, "NODES", []):
            if isinstance(node.statement, Derivation) and node.expect == "proved":
                out.append(node.statement)
    return out


def _cases():
    cases = []
    for d in _derivations():
        for i in range(len(d.links)):
            for shift in range(len(KINDS)):
                kind = KINDS[(i + shift) % len(KINDS)]
                m = mutant(d, i, kind)
                if m is not None:
                    cases.append(pytest.param(m, i, id=m.name))
                    break
    return cases


CASES = _cases()


def test_there_are_derivations_to_mutate():
    assert len(CASES) >= 20


def _graph_lemmas() -> frozenset[int]:
    """The statements of the graph's nodes, by id: a mutant's ``use`` of one of them is left to the graph's
    meet, as in ``verify run`` (their own verdicts are pinned by the topic files), so that each mutant
    checks its own links instead of re-checking the lemmas it cites."""
    return frozenset(id(node.statement) for module in theorems.MODULES
                     for node in importlib.import_module(module).NODES if node.statement is not None)


def _check_mutant(m: Derivation, lemmas: frozenset[int]):
    token = LEMMAS_FROM_GRAPH.set(lemmas)
    try:
        return check(m, seed=0, seconds=20)
    finally:
        LEMMAS_FROM_GRAPH.reset(token)


@pytest.fixture(scope="module")
def mutant_verdicts() -> dict:
    lemmas = _graph_lemmas()
    mutants = [p.values[0] for p in CASES]
    verdicts = run_all([(_check_mutant, (m, lemmas), {}) for m in mutants], names=[m.name for m in mutants])
    return {m.name: v for m, v in zip(mutants, verdicts)}


@pytest.mark.parametrize("m,index", CASES)
def test_mutated_link_is_named(m, index, mutant_verdicts):
    v = mutant_verdicts[m.name]
    assert v.status is not Status.PROVED, v.explain()
    assert v.status in (Status.REFUTED, Status.BLOCKED, Status.ERROR), v.explain()
    assert v.failed_link - 1 in (index, index + 1), v.explain()  # failed_link counts from 1
    bad = v.failing if v.links else None
    assert bad is None or bad.status in (Status.REFUTED, Status.ERROR, Status.BLOCKED)
