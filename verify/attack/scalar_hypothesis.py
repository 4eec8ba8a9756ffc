"""hypothesis-driven search for scalar claims: exact instances, ``target()`` on the violation, shrinking.

Each example draws the variables in a sampling plan's order as exact numbers (small integers, simple
fractions, powers of ten, with each variable's sign); with probability 1/2 a variable with a linear
bound is put exactly on it instead. The float violation is the ``target`` (hypothesis' targeted
phase climbs it); an example that is violated, or too close to call in double precision, is
re-checked exactly, and a confirmed counterexample is raised so that hypothesis shrinks it to a
small one.
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, Phase, assume, given, seed, settings, target
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from ..core.limits import TimeLimitExceeded, time_limit
from .sampling import STRICT_OFFSET, VarPlan

_SIMPLE = [0, 1, 2, sp.Rational(1, 2), 3, 10, sp.Rational(1, 10), 100, sp.Rational(1, 1000)]


class _Found(Exception):
    def __init__(self, point: dict, found: tuple) -> None:
        super().__init__("counterexample")
        self.point, self.found = point, found


def value_strategy(var: sp.Symbol) -> st.SearchStrategy:
    """Exact values in ``var``'s domain, simplest first (hypothesis shrinks toward the first)."""
    if var.is_integer:
        lo = 1 if var.is_positive else 0 if var.is_nonnegative else None
        hi = -1 if var.is_negative else 0 if var.is_nonpositive else None
        small = st.integers(min_value=lo if lo is not None else -20, max_value=hi if hi is not None else 20)
        big = st.integers(min_value=lo if lo is not None else -10**6, max_value=hi if hi is not None else 10**6)
        return st.one_of(small, big).map(sp.Integer)
    magnitude = st.one_of(
        st.sampled_from(_SIMPLE),
        st.fractions(min_value=0, max_value=20, max_denominator=64),
        st.integers(min_value=-9, max_value=9).map(lambda e: sp.Rational(10) ** e),
        st.fractions(min_value=0, max_value=10**6, max_denominator=10**6),
    ).map(sp.Rational)
    if var.is_positive:
        return magnitude.filter(lambda v: v > 0)
    if var.is_nonnegative:
        return magnitude
    if var.is_negative:
        return magnitude.filter(lambda v: v > 0).map(lambda v: -v)
    if var.is_nonpositive:
        return magnitude.map(lambda v: -v)
    return st.tuples(st.booleans(), magnitude).map(lambda t: -t[1] if t[0] else t[1])


def _on_bound(plan_var: VarPlan, index: int, point: dict) -> sp.Expr | None:
    """The exact value that makes bound ``index`` of ``plan_var`` tight at the earlier values."""
    b = plan_var.bounds[index]
    coeff = b.coeff_expr.xreplace(point)
    rest = b.rest_expr.xreplace(point)
    if coeff.free_symbols or rest.free_symbols or coeff == 0:
        return None
    value = -rest / coeff
    if not value.is_real:
        return None
    if b.kind == ">":
        off = sp.Rational(STRICT_OFFSET) * sp.Max(abs(value), 1)
        value = value + (off if coeff > 0 else -off)
    if plan_var.var.is_integer:
        value = sp.ceiling(value) if coeff > 0 else sp.floor(value)
    return value


@st.composite
def exact_instances(draw: Any, plan: list[VarPlan]) -> dict:
    """A point over the plan's variables; each bounded variable is put on a bound half of the time."""
    point: dict = {}
    for vp in plan:
        value = None
        if vp.bounds and draw(st.booleans()):
            value = _on_bound(vp, draw(st.integers(0, len(vp.bounds) - 1)), point)
        point[vp.var] = draw(value_strategy(vp.var)) if value is None else value
    return point


class _TimeUp(BaseException):
    """The search's time is up: a BaseException, so that hypothesis stops at once instead of shrinking it."""


def hypothesis_search(model: Any, check: Any, seconds: float, seed_value: int, *, close: float,
                      candidate_seconds: float, max_examples: int = 300) -> tuple[tuple | None, int]:
    """Search for at most ``seconds``: (exact point and ``check``'s finding, or None; examples tried).

    ``check(model, point)`` is the exact re-check; points whose float violation exceeds ``-close``
    are passed to it.
    """
    deadline = time.monotonic() + seconds
    tried = [0]

    @seed(seed_value)
    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(exact_instances(model.plans[0]))
    def probe(point: dict) -> None:
        if time.monotonic() > deadline:
            # returning would let hypothesis draw its remaining examples (each an exact instance, some ms)
            raise _TimeUp()
        try:
            cols = [np.array([float(point[v])]) for v in model.variables]
        except (TypeError, ValueError, OverflowError):
            assume(False)
            return
        ok = bool(model.feasible(cols, 1)[0])
        assume(ok)
        violation, _ = model.violation(cols, 1)
        v = float(violation[0])
        if not np.isfinite(v):
            return
        tried[0] += 1
        target(v, label="violation")
        if v < -close:
            return
        try:
            with time_limit(max(min(candidate_seconds, deadline - time.monotonic()), 0.01)):
                found = check(model, point)
        except TimeLimitExceeded:
            return
        if found is not None and found[0] == "cx":
            raise _Found(point, found)

    try:
        probe()
    except _Found as exc:
        return (exc.point, exc.found), tried[0]
    except (HypothesisException, _TimeUp):
        pass
    return None, tried[0]
