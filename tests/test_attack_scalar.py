"""The scalar adversary's hypothesis search: exact instances, shrinking, reproducibility."""
from __future__ import annotations

import numpy as np
import sympy as sp

from verify import Claim, Status, check
from verify.attack.scalar import CANDIDATE_SECONDS, ZERO_SLACK, ScalarModel, _check_candidate
from verify.attack.scalar_hypothesis import hypothesis_search
from verify.core.exact import holds

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, nonnegative=True)
a, b = sp.symbols("a b", positive=True)


def _search(hyps, goal, seed=0, seconds=3.0):
    model = ScalarModel(hyps, goal, np.random.default_rng(0))
    return hypothesis_search(model, _check_candidate, seconds, seed, close=ZERO_SLACK,
                             candidate_seconds=CANDIDATE_SECONDS)


def test_search_finds_and_shrinks_a_counterexample():
    goal = n ** 2 <= 3 * n + 10  # false from n = 6 on; shrinking walks down to the first failure
    found, tried = _search([], goal)
    assert found is not None and tried > 0
    point, (kind, _) = found
    assert kind == "cx" and point == {n: 6}


def test_points_on_a_bound_are_exact():
    goal = a * b <= 1  # false just above b = 1/a: tight draws put b exactly on its bound
    found, _ = _search([b >= 1 / a], goal)
    point, _ = found
    assert holds(b >= 1 / a, point) is True and holds(goal, point) is False


def test_search_is_reproducible_and_silent_on_true_claims():
    assert _search([], x ** 2 - 2 * x + 1 >= 0, seconds=0.5)[0] is None
    first, second = _search([], (x - 3) ** 2 >= 1, seed=4), _search([], (x - 3) ** 2 >= 1, seed=4)
    assert first[0] == second[0]


def test_check_reports_the_hypothesis_search_in_its_evidence():
    v = check(Claim("erf_subadditive", given=[], show=sp.erf(a + b) <= sp.erf(a) + sp.erf(b)), seed=0)
    assert v.status is Status.TESTED
    assert "hypothesis search with target()" in v.evidence[0].detail


def test_counterexample_is_shrunk_coordinate_by_coordinate_until_nothing_changes():
    # found first near n = 423, x = -24/11; n can only drop to 5 once x has become -3
    claim = Claim("bernoulli_past_minus_two", given=[x >= -3], show=(1 + x) ** n >= 1 + n * x)
    v = check(claim, seed=0)
    assert v.status is Status.REFUTED
    assert v.counterexample == {"n": 5, "x": -3}
