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

from ..core.problem import integer_bounds
from ..core.grounding import expand_sums, grounded_instance, index_symbols
from ..core.limits import TimeLimitExceeded, time_limit
from . import functions, matrix, sequences
from .result import AttackResult
from .scalar import attack_scalar

GROUND_WINDOW = 64         # one index: every value from the least allowed one up to this far above it,
GROUND_FAR = tuple(2**e for e in range(7, 14)) + (10**4,)  # then these far above it (128, ..., 8192, 10**4)
GROUND_WINDOW_PAIR = 6     # two indices: a grid of the first few values of each
EXTEND_SECONDS = 0.5       # proposing whole sequences that extend one grounded counterexample
HARD_STOP = 2.0            # sympy work the attack cannot bound itself is interrupted this long past the budget


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


def index_points(problem, index: list[sp.Symbol]) -> list[dict]:
    """The index values the attack grounds at, in its order: one index at every value of ``ground_values``,
    two on a grid of their first few values (49 at most)."""
    if len(index) == 1:
        ranges = [ground_values(problem, index[0])]
    else:
        ranges = [ground_values(problem, s, GROUND_WINDOW_PAIR, ()) for s in index[:2]]
    values = itertools.islice(itertools.product(*ranges), len(ranges[0]) if len(index) == 1 else 49)
    return [dict(zip(index, (sp.Integer(v) for v in combo))) for combo in values]


def grounded_instances(problem, index: list[sp.Symbol]):
    """``(index values, hypotheses, goal)`` of each grounded instance at ``index_points``, in order; values
    the hypotheses exclude are skipped."""
    for sub in index_points(problem, index):
        instance = grounded_instance(problem, sub)
        if instance is None:
            continue  # this value of the index is excluded by the hypotheses
        hyps, goal = instance
        yield sub, hyps, goal


def attack(problem, *, seconds: float = 2.0, seed: int = 0, light: bool = False) -> AttackResult:
    """Search for a counterexample to ``problem`` within about ``seconds``.

    ``light`` (for claims already proved symbolically) samples without local optimisation.
    """
    t0 = time.monotonic()
    partial = AttackResult(seed=seed)  # what a matrix search has seen when it is stopped
    try:  # a search that overruns its budget (one numpy call too large) is stopped, with what it says
        with time_limit(seconds + 2 * HARD_STOP):
            if matrix.handles(problem):
                return matrix.attack_matrix(problem, budget_seconds=seconds, seed=seed, light=light, into=partial)
            index = index_symbols(problem)
            if not index:
                out = attack_scalar(problem.hyps, problem.goal, seconds=seconds, seed=seed, optimise=not light)
                return _with_functions(problem, out) if problem.intervals else out
            return _attack_grounded(problem, index, seconds, seed, light)
    except TimeLimitExceeded:
        out = partial
        out.counterexample, out.sides = None, None  # a counterexample is only ever set complete, at the end
        seen = (f"the {out.instances} instances it had seen are kept" if out.instances
                else "it had seen no instance")
        out.notes.append(f"the search overran its {seconds:g} s budget and was stopped after "
                         f"{time.monotonic() - t0:.1f} s; {seen}")
        out.seconds = time.monotonic() - t0
        return out


def _with_functions(problem, result: AttackResult) -> AttackResult:
    """A point found for a claim with hypotheses on an interval, with functions through it proposed (else
    the point as it is: the core counts it as relaxed, no counterexample)."""
    if result.counterexample is None:
        return result
    extended = functions.extend(problem, result.counterexample, seconds=EXTEND_SECONDS)
    if extended is None:
        result.notes.append("no closed-form functions (constants, the hypotheses' bounds, solutions of their "
                            "linear differential relations) through the violating point satisfy the hypotheses "
                            "on the interval")
    else:
        result.counterexample = extended
    return result


def _attack_grounded(problem, index: list[sp.Symbol], seconds: float, seed: int, light: bool) -> AttackResult:
    """Attack each grounded instance in turn (small index values first) until a counterexample or the
    budget's end; writing out a sum or evaluating an instance is stopped ``HARD_STOP`` past it."""
    t0 = time.monotonic()
    total = AttackResult(seed=seed)
    count = 0
    unextended: list[dict] = []  # grounded points no proposed sequences extend (the schemas may admit none)
    try:
        with time_limit(seconds + HARD_STOP):
            for count, (sub, hyps, goal) in enumerate(grounded_instances(problem, index)):
                left = seconds - (time.monotonic() - t0)
                if left <= 0 and total.instances > 0:
                    total.notes.append(f"time ran out after {count} values of the index")
                    break
                part = attack_scalar(hyps, goal, seconds=max(left / 8, 0.1), seed=seed, optimise=not light)
                if part.counterexample is not None:
                    part.counterexample = {**{str(k): v for k, v in sub.items()}, **part.counterexample}
                if part.counterexample is not None and problem.schemas:
                    point = part.counterexample
                    part.counterexample = sequences.extend(problem, sub, hyps, goal, point,
                                                           seconds=min(EXTEND_SECONDS, max(left / 4, 0.1)))
                    if part.counterexample is None:
                        unextended.append(point)
                part.notes = [n for n in part.notes if not n.startswith("no variables")]
                total = total.merge(part)
                if total.counterexample is not None:
                    break
    except TimeLimitExceeded:
        total.notes.append(f"time ran out after {count} values of the index (stopped {HARD_STOP:g} s past the budget)")
    if unextended and total.counterexample is None:
        total.notes.append(f"{len(unextended)} grounded point{'s' if len(unextended) > 1 else ''} violating the claim "
                           f"(first {unextended[0]}) extend to no proposed whole sequences satisfying every schema "
                           f"(constant, linear, geometric tails, the schemas' bounds): not counterexamples, since "
                           f"the schemas may admit no sequence beyond the point")
    total.methods.insert(0, f"grounding {', '.join(map(str, index))} to integers from the least allowed value")
    total.seconds = time.monotonic() - t0
    return total


__all__ = ["attack", "AttackResult", "expand_sums", "grounded_instances", "ground_values", "index_points"]
