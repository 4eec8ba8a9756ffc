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
from sympy.core.relational import Relational
from sympy.core.function import AppliedUndef

from ..deciders.cases import integer_bounds
from ..limits import TimeLimitExceeded, time_limit
from .result import AttackResult
from .scalar import attack_scalar

GROUND_WINDOW = 64         # one index: every value from the least allowed one up to this far above it,
GROUND_FAR = tuple(2**e for e in range(7, 14)) + (10**4,)  # then these far above it (128, ..., 8192, 10**4)
GROUND_WINDOW_PAIR = 6     # two indices: a grid of the first few values of each
GROUND_EXACT_TERMS = 20_000  # a sum grounded at a far value is written out up to this many terms
HARD_STOP = 2.0            # sympy work the attack cannot bound itself is interrupted this long past the budget


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


def _ground(b: sp.Basic, sub: dict) -> sp.Basic:
    """``b`` at the index values, sums written out, relations left unevaluated (so that a closed one
    that fails is reported with its two sides, not as ``False``)."""
    if isinstance(b, Relational):
        return Relational(expand_sums(b.lhs.xreplace(sub)), expand_sums(b.rhs.xreplace(sub)), b.rel_op,
                          evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not)):
        return b.func(*[_ground(a, sub) for a in b.args], evaluate=False)
    return expand_sums(b.xreplace(sub))


def ground_values(problem, s: sp.Symbol, window: int = GROUND_WINDOW, far: tuple = GROUND_FAR) -> list[int]:
    """Values of the index ``s``: every one from the least its domain and hypotheses allow (``n >= 9``
    starts at 9) up to ``window`` above it, then ``far`` above it; ``0, -1, 1, ...`` when unbounded
    below; never past the greatest allowed value."""
    low, high = integer_bounds(problem, s)
    if low is None and high is not None:
        values = [high - v for v in [*range(window + 1), *far]]
    elif low is None:
        values = [0] + [v for m in range(1, window // 2 + 1) for v in (-m, m)] + list(far)
    else:
        values = [low + v for v in [*range(window + 1), *far]]
    return [v for v in values if (high is None or v <= high) and (low is None or v >= low)]


def _grounded(problem, index: list[sp.Symbol]):
    if len(index) == 1:
        ranges = [ground_values(problem, index[0])]
    else:
        ranges = [ground_values(problem, s, GROUND_WINDOW_PAIR, ()) for s in index[:2]]
    for values in itertools.islice(itertools.product(*ranges), len(ranges[0]) if len(index) == 1 else 49):
        sub = dict(zip(index, (sp.Integer(v) for v in values)))
        goal = _ground(problem.goal, sub)
        hyps = [expand_sums(h.xreplace(sub)) for h in problem.hyps]
        if any(h is sp.false for h in hyps):
            continue  # this value of the index is excluded by the hypotheses
        ints = [int(arg) for e in (goal, *hyps) for a in e.atoms(AppliedUndef) for arg in a.args if arg.is_Integer]
        top = max(ints, default=0)
        inst = [expand_sums(h) for h in _instances(problem, top)]
        atoms_ok = [h for h in inst if all(arg.is_Integer and int(arg) <= top
                                           for a in h.atoms(AppliedUndef) for arg in a.args)]
        extra = [h for h in atoms_ok if h is not sp.true]
        yield sub, hyps + extra, goal


def expand_sums(expr: sp.Basic, max_terms: int = GROUND_EXACT_TERMS) -> sp.Basic:
    """Sums and products with integer limits written out term by term (sympy's ``doit`` would
    first look for a closed form, which is slow); longer ones are left to ``doit``."""
    def explicit(node):
        if not isinstance(node, (sp.Sum, sp.Product)) or len(node.limits) != 1:
            return None
        var, lo, hi = node.limits[0]
        if not (lo.is_Integer and hi.is_Integer) or int(hi) - int(lo) > max_terms:
            return None
        terms = [node.function.xreplace({var: sp.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
        if isinstance(node, sp.Sum):
            return sp.Add(*terms) if int(hi) >= int(lo) else None
        return sp.Mul(*terms) if int(hi) >= int(lo) else None

    def walk(node):
        if not isinstance(node, sp.Basic) or not node.args:
            return node
        node = node.func(*[walk(a) for a in node.args]) if node.args else node
        out = explicit(node)
        return out if out is not None else node

    out = walk(expr)
    return out.doit() if out.has(sp.Sum, sp.Product) else out


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
        return attack_scalar(problem.hyps, problem.goal, seconds=seconds, seed=seed, optimise=not light)
    return _attack_grounded(problem, index, seconds, seed, light)


def _attack_grounded(problem, index: list[sp.Symbol], seconds: float, seed: int, light: bool) -> AttackResult:
    """Attack each grounded instance in turn (small index values first) until a counterexample or the
    budget's end; writing out a sum or evaluating an instance is stopped ``HARD_STOP`` past it."""
    t0 = time.monotonic()
    total = AttackResult(seed=seed)
    count = 0
    try:
        with time_limit(seconds + HARD_STOP):
            for count, (sub, hyps, goal) in enumerate(_grounded(problem, index)):
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
    except TimeLimitExceeded:
        total.notes.append(f"time ran out after {count} values of the index (stopped {HARD_STOP:g} s past the budget)")
    total.methods.insert(0, f"grounding {', '.join(map(str, index))} to integers from the least allowed value")
    total.seconds = time.monotonic() - t0
    return total


__all__ = ["attack", "AttackResult"]
