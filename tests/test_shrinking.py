"""Counterexamples that read like the notes' numbers (issue 11, item 2): a seed-independent joint
search over simple values (scalars) and sparse points (vectors, matrices), always re-checked exactly."""
from __future__ import annotations

from math import comb

import numpy as np
import pytest
import sympy as sp

from verify import Claim, Matrix, Vector, check, inner
from verify.attack import attack
from verify.attack.scalar import ScalarModel, _check_candidate, shrink
from verify.attack.shrinking import SIMPLE, complexity, rank_tuples, simplest, values_for
from verify.core.checker import check as core_check

k = sp.Symbol("k", integer=True, nonnegative=True)
mu, L, C = sp.symbols("mu L C", positive=True)
Ek, Ek1 = sp.symbols("E_k E_k1", nonnegative=True)
# 000, Theorem 3, (2) as written: (k+1)^2 in the numerator where multiplying gives (2k+1)^2
REC = Ek1 <= k ** 2 / (k + 1) ** 2 * Ek + L * C ** 2 * (2 * k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 4)
AS_WRITTEN = Claim("multiplied_as_written", given=[REC],
                   show=(k + 1) ** 2 * Ek1 <= k ** 2 * Ek + L * C ** 2 * (k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 2))
SIMPLE_VALUES = {sp.Rational(v.numerator, v.denominator) if hasattr(v, "numerator") else sp.Integer(v)
                 for v in SIMPLE}


def _simple(value) -> bool:
    return abs(sp.Rational(value)) in SIMPLE_VALUES


def test_a_scalar_counterexample_is_simple_and_the_same_for_every_seed():
    points = []
    for seed in (0, 1, 2):
        v = check(AS_WRITTEN, seed=seed)
        assert v.status.value == "refuted", v.explain()
        assert all(_simple(x) for x in v.counterexample.values()), v.counterexample
        points.append(v.counterexample)
    assert points[0] == points[1] == points[2]


def test_a_matrix_counterexample_is_sparse_and_the_same_for_every_seed():
    x, B = Vector("x", 3), Matrix("B", 3, 3)
    claim = Claim("quadratic_form_nonnegative", show=inner(x, B * x) >= 0)
    points = []
    for seed in (0, 1, 2):
        v = check(claim, seed=seed)
        assert v.status.value == "refuted"
        entries = [e for row in v.counterexample["B"] for e in row] + list(v.counterexample["x"])
        assert sum(1 for e in entries if e != 0) <= 2 and all(abs(e) <= 2 for e in entries)
        points.append(v.counterexample)
    assert points[0] == points[1] == points[2]


def test_a_symmetric_matrix_gets_mirrored_entries():
    from verify import lambda_min

    A = Matrix("A", 2, 2, "symmetric")
    v = check(Claim("lambda_min_nonnegative", show=lambda_min(A) >= 0), seed=3)
    assert v.status.value == "refuted"
    a = v.counterexample["A"]
    assert a[0][1] == a[1][0] and sum(1 for row in a for e in row if e != 0) <= 2


def test_the_core_ignores_a_simplified_point_that_is_not_a_counterexample():
    """The simplifier only proposes: a bogus proposal never replaces the counterexample found."""
    x = sp.Symbol("x", real=True)
    claim = Claim("square_below_one", given=[x >= 0], show=x ** 2 <= 1)
    bogus = {"calls": 0}

    def simplifier(problem, point, seconds):
        bogus["calls"] += 1
        return {"x": sp.Rational(1, 2)}  # the claim holds there

    v = core_check(claim, adversary=attack, simplifier=simplifier)
    assert bogus["calls"] >= 1
    assert v.status.value == "refuted" and v.counterexample["x"] > 1


def test_a_simplifier_that_raises_leaves_the_verdict_alone():
    x = sp.Symbol("x", real=True)

    def broken(problem, point, seconds):
        raise RuntimeError("boom")

    v = core_check(Claim("square_below_one", show=x ** 2 <= 1), adversary=attack, simplifier=broken)
    assert v.status.value == "refuted" and abs(v.counterexample["x"]) > 1


def test_rank_tuples_enumerates_each_level_once_in_order():
    for n, total in ((1, 3), (3, 4), (4, 0)):
        tuples = list(rank_tuples(n, total))
        assert len(tuples) == comb(total + n - 1, n - 1) == len(set(tuples))
        assert all(sum(t) == total and len(t) == n for t in tuples) and tuples == sorted(tuples)


def test_values_respect_sign_and_integrality():
    assert values_for(sp.Symbol("p", positive=True))[:3] == [1, 2, sp.Rational(1, 2)]
    assert values_for(sp.Symbol("q", nonnegative=True))[0] == 0
    assert all(v.is_Integer and v <= 0 for v in values_for(sp.Symbol("n", integer=True, nonpositive=True)))
    assert values_for(sp.Symbol("r", real=True))[:3] == [0, 1, -1]


def test_complexity_orders_numbers_as_a_reader_would():
    ordered = [0, 1, -1, 2, sp.Rational(1, 2), 10, 100, sp.Rational(34359738368, 34293677055)]
    keys = [complexity(sp.sympify(v)) for v in ordered]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_coordinate_shrinking_never_makes_a_value_more_complicated():
    """0 stays 0 (it used to be traded for 1 when 1 was also a counterexample)."""
    x, y = sp.symbols("x y", nonnegative=True)
    model = ScalarModel([], x + y <= -1 + 2 * y, np.random.default_rng(0))  # fails wherever x + 1 > y
    start = {v: (sp.Integer(0) if v.name == "x" else sp.Rational(1, 7)) for v in model.variables}
    found = _check_candidate(model, start)
    assert found[0] == "cx"
    point, _ = shrink(model, start, found, deadline=float("inf"))
    assert point[next(v for v in model.variables if v.name == "x")] == 0
    assert all(complexity(point[v]) <= complexity(start[v]) for v in model.variables)


def test_the_grid_search_returns_only_exact_counterexamples():
    x = sp.Symbol("x", positive=True)
    model = ScalarModel([x >= sp.Rational(7, 3)], x ** 2 <= 5, np.random.default_rng(0))
    point, found = simplest(model, _check_candidate, deadline=float("inf"))
    assert found[0] == "cx" and point[model.variables[0]] == 3   # the simplest value above 7/3 with x^2 > 5
    holds = ScalarModel([x >= 1], x >= 0, np.random.default_rng(0))
    assert simplest(holds, _check_candidate, deadline=float("inf")) is None
