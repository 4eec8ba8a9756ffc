"""The adversary: counterexample search for a validated problem.

Scalar problems go to ``scalar.attack_scalar``. Problems about sequences (hypothesis schemas,
``Sum``s with symbolic bounds, functions of an integer index) are first *grounded*: the index is set
to small integers, sums are evaluated and schemas instantiated, and each grounded problem is attacked.
Problems with vectors or matrices go to ``matrix.attack_matrix``. The attack only proposes: the core
(``verify.core.counterexamples``) re-checks every point it reports before it counts.
"""
from __future__ import annotations

import itertools
import time

import sympy as sp

from ..core.grounding import expand_sums, grounded_instance, index_allowed, index_symbols
from . import matrix
from .result import AttackResult
from .scalar import attack_scalar

GROUND_VALUES = (*range(0, 9), 10, 12, 16, 20, 32, 50, 100)  # one index: small values, then a few far ones
GROUND_VALUES_PAIR = range(0, 7)  # two indices: a grid of small values


def _grounded(problem, index: list[sp.Symbol]):
    grid = GROUND_VALUES if len(index) == 1 else GROUND_VALUES_PAIR
    ranges = [[v for v in grid if index_allowed(s, v)] for s in index[:2]]
    for values in itertools.islice(itertools.product(*ranges), 49):
        sub = dict(zip(index, (sp.Integer(v) for v in values)))
        instance = grounded_instance(problem, sub)
        if instance is None:
            continue  # this value of the index is excluded by the hypotheses
        hyps, goal = instance
        yield sub, hyps, goal


def attack(problem, *, seconds: float = 2.0, seed: int = 0, light: bool = False) -> AttackResult:
    """Search for a counterexample to ``problem`` within about ``seconds``.

    ``light`` (for claims already proved symbolically) samples without local optimisation.
    """
    if matrix.handles(problem):
        return matrix.attack_matrix(problem, budget_seconds=seconds, seed=seed)
    index = index_symbols(problem)
    if not index:
        goal = problem.goal
        return attack_scalar(problem.hyps, goal, seconds=seconds, seed=seed, optimise=not light)
    t0 = time.monotonic()
    total = AttackResult(seed=seed)
    pieces = _grounded(problem, index)
    for count, (sub, hyps, goal) in enumerate(pieces):
        left = seconds - (time.monotonic() - t0)
        if left <= 0 and total.instances > 0:
            total.notes.append(f"time ran out after {count} values of the index")
            break
        part = attack_scalar(hyps, goal, seconds=max(left / 8, 0.1), seed=seed, optimise=not light)
        if part.counterexample is not None:
            part.counterexample = {**{str(k): v for k, v in sub.items()}, **part.counterexample}
        part.notes = [n for n in part.notes if not n.startswith("no variables")]
        total = total.merge(part)
        if total.counterexample is not None:
            break
    total.methods.insert(0, f"grounding {', '.join(map(str, index))} to small integers")
    total.seconds = time.monotonic() - t0
    return total


__all__ = ["attack", "AttackResult", "expand_sums"]
