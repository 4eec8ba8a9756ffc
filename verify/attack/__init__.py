"""The adversary: counterexample search for a validated problem.

Scalar problems go to ``scalar.attack_scalar``. Problems about sequences (hypothesis schemas,
``Sum``s with symbolic bounds, functions of an integer index) are first *grounded*: the index is set
to small integers, sums are evaluated and schemas instantiated, and each grounded problem is attacked.
Problems with vectors or matrices go to ``matrix.attack_matrix`` when that module is present.
"""
from __future__ import annotations

import itertools
import time

import sympy as sp
from sympy.core.function import AppliedUndef

from .result import AttackResult
from .scalar import attack_scalar

GROUND_VALUES = range(0, 7)


def _index_symbols(problem) -> list[sp.Symbol]:
    """Integer symbols that index sums or sequence terms (the ones grounding must fix)."""
    found: set = set()
    exprs = [problem.goal, *problem.hyps]
    for e in exprs:
        for s in e.atoms(sp.Sum, sp.Product):
            for limit in s.limits:
                found |= {x for x in limit[1:] for x in sp.sympify(x).free_symbols}
        for a in e.atoms(AppliedUndef):
            found |= {x for arg in a.args for x in arg.free_symbols}
    if problem.schemas:
        for e in exprs:
            found |= {s for s in e.free_symbols if s.is_integer}
    return sorted((s for s in found if s.is_integer), key=str)


def _instances(problem, atoms_max: int) -> list:
    out = []
    for schema in problem.schemas:
        for j in range(schema.start, atoms_max + 1):
            out.append(schema.at(sp.Integer(j)))
    return out


def _grounded(problem, index: list[sp.Symbol]):
    ranges = [[v for v in GROUND_VALUES if _in_domain(s, v)] for s in index[:2]]
    for values in itertools.islice(itertools.product(*ranges), 20):
        sub = dict(zip(index, (sp.Integer(v) for v in values)))
        goal = problem.goal.xreplace(sub).doit()
        hyps = [h.xreplace(sub).doit() for h in problem.hyps]
        ints = [int(arg) for e in (goal, *hyps) for a in e.atoms(AppliedUndef) for arg in a.args if arg.is_Integer]
        top = max(ints, default=0)
        inst = [h.doit() for h in _instances(problem, top)]
        atoms_ok = [h for h in inst if all(arg.is_Integer and int(arg) <= top
                                           for a in h.atoms(AppliedUndef) for arg in a.args)]
        extra = [h for h in atoms_ok if h is not sp.true]
        yield sub, hyps + extra, goal


def _in_domain(s: sp.Symbol, v: int) -> bool:
    return not ((s.is_positive and v <= 0) or (s.is_negative and v >= 0) or (s.is_nonpositive and v > 0))


def attack(problem, *, seconds: float = 2.0, seed: int = 0, light: bool = False) -> AttackResult:
    """Search for a counterexample to ``problem`` within about ``seconds``.

    ``light`` (for claims already proved symbolically) samples without local optimisation.
    """
    try:
        from . import matrix  # noqa: F401  (written alongside linalg; optional until then)
        handles = getattr(matrix, "handles", None)
        if handles is not None and handles(problem):
            return matrix.attack_matrix(problem, budget_seconds=seconds, seed=seed)
    except ImportError:
        pass
    index = _index_symbols(problem)
    if not index:
        goal = problem.goal
        return attack_scalar(problem.hyps, goal, seconds=seconds, seed=seed, optimise=not light)
    t0 = time.monotonic()
    total = AttackResult(seed=seed)
    pieces = list(_grounded(problem, index))
    for sub, hyps, goal in pieces:
        left = seconds - (time.monotonic() - t0)
        if left <= 0:
            break
        part = attack_scalar(hyps, goal, seconds=max(left / len(pieces), 0.2), seed=seed, optimise=not light)
        if part.counterexample is not None:
            part.counterexample = {**{str(k): v for k, v in sub.items()}, **part.counterexample}
        part.notes = [n for n in part.notes if not n.startswith("no variables")]
        total = total.merge(part)
        if total.counterexample is not None:
            break
    total.methods.insert(0, f"grounding {', '.join(map(str, index))} to small integers")
    total.seconds = time.monotonic() - t0
    return total


__all__ = ["attack", "AttackResult"]
