"""The public hypothesis strategies: structure of every value, argument validation, claim instances."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from verify import Claim
from verify.core.linalg import Matrix, Vector, inner, lambda_min, norm, op_norm, sampling_mask, sigma_min, trace
from verify.strategies import (claim_instances, matrices_with_singular_values, orthogonal_matrices,
                               psd_matrices, sampling_masks, symmetric_matrices, unit_vectors)

FAST = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(orthogonal_matrices(4))
def test_orthogonal(q):
    assert q.shape == (4, 4)
    assert np.allclose(q.T @ q, np.eye(4), atol=1e-10)


@FAST
@given(psd_matrices(5, rank=2))
def test_psd_with_rank(a):
    assert np.allclose(a, a.T)
    eig = np.linalg.eigvalsh(a)
    assert eig.min() >= -1e-9
    assert np.sum(eig > 1e-8) <= 2


@FAST
@given(symmetric_matrices(3, eigenvalues=st.sampled_from([-2.0, 1.0])))
def test_symmetric_with_given_spectrum(a):
    assert np.allclose(a, a.T)
    assert np.allclose(np.sort(np.linalg.eigvalsh(a))[[0, -1]].clip(-2, 1), np.sort(np.linalg.eigvalsh(a))[[0, -1]])
    assert all(np.isclose(e, -2.0) or np.isclose(e, 1.0) for e in np.linalg.eigvalsh(a))


@FAST
@given(matrices_with_singular_values([3.0, 1.0, 0.0], 3, 5))
def test_prescribed_singular_values(a):
    assert a.shape == (3, 5)
    assert np.allclose(np.linalg.svd(a, compute_uv=False), [3.0, 1.0, 0.0], atol=1e-9)


@FAST
@given(unit_vectors(6))
def test_unit_vectors(u):
    assert u.shape == (6,)
    assert np.isclose(np.linalg.norm(u), 1.0)


@FAST
@given(sampling_masks(4, 3, rate=0.3))
def test_masks_are_zero_one(m):
    assert m.shape == (4, 3)
    assert set(np.unique(m)) <= {0.0, 1.0}


@FAST
@given(sampling_masks(3, rate=1.0), sampling_masks(3, rate=0.0))
def test_mask_rate_extremes(full, empty):
    assert full.sum() == 9
    assert empty.sum() == 0


@pytest.mark.parametrize("build, fragment", [
    (lambda: orthogonal_matrices(0), "n=0 must be at least 1"),
    (lambda: orthogonal_matrices(2.5), "must be a positive int"),
    (lambda: psd_matrices(3, rank=4), "rank=4 must lie between 0 and"),
    (lambda: psd_matrices(3, max_eigenvalue=-1), "max_eigenvalue=-1 must be a positive finite number"),
    (lambda: symmetric_matrices(2, eigenvalues=[1, 2]), "eigenvalues must be None or a strategy"),
    (lambda: matrices_with_singular_values([1.0], 2, 3), "has 2 singular values; got 1"),
    (lambda: matrices_with_singular_values([1.0, -1.0], 2, 3), "finite and >= 0"),
    (lambda: sampling_masks(3, rate=1.5), "rate=1.5 must be a number in [0, 1]"),
    (lambda: claim_instances("x <= 1"), "expected a verify Claim"),
])
def test_invalid_arguments_say_what_to_fix(build, fragment):
    with pytest.raises(InvalidArgument) as info:
        build()
    assert fragment in str(info.value)


PHI = Matrix("Phi", 2, 3)
ETA = sp.Symbol("eta", positive=True)
GD_CLAIM = Claim("gd_step", given=[ETA <= 1 / op_norm(PHI) ** 2, sigma_min(PHI) >= 1],
                 show=ETA * sigma_min(PHI) ** 2 <= 1)


@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(claim_instances(GD_CLAIM))
def test_claim_instances_satisfy_hypotheses(inst):
    phi, eta = inst["Phi"], inst["eta"]
    s = np.linalg.svd(phi, compute_uv=False)
    assert eta > 0
    assert eta <= 1 / s[0] ** 2 + 1e-12
    assert s[-1] >= 1 - 1e-12


N = sp.Symbol("n", integer=True, positive=True)
X, M = Vector("x", N), Matrix("M", N, N, structure="psd", rank=1)
MASK = sampling_mask("Omega", 3)


@settings(max_examples=25, derandomize=True, deadline=None, database=None)
@given(claim_instances(Claim("psd", given=[norm(X) <= 2], show=inner(X, M * X) <= norm(X) ** 2 * trace(M)),
                       exact=True))
def test_exact_instances_keep_structure(inst):
    n, m, x = inst["n"], sp.Matrix(inst["M"]), sp.Matrix(inst["x"])
    assert 1 <= n <= 4 and m.shape == (n, n) and x.shape == (n, 1)
    assert m == m.T and m.rank() <= 1
    assert all(e >= 0 for e in m.eigenvals())
    assert (x.T * x)[0, 0] <= 4


@settings(max_examples=10, derandomize=True, deadline=None, database=None)
@given(claim_instances(Claim("mask", show=lambda_min(MASK) >= -3)))
def test_claim_instances_masks(inst):
    assert set(np.unique(inst["Omega"])) <= {0.0, 1.0}


# --- issue 11, item 6: vector claims, tightness about half of the time, integers as int ----------------

def test_a_vector_claim_under_a_ball_needs_no_filtering():
    """Default health checks on: too much filtering would fail this (it did before)."""
    x, y = Vector("x", 3), Vector("y", 3)
    claim = Claim("cauchy_schwarz_in_the_ball", given=[norm(x) <= 1], show=inner(x, y) <= norm(y))
    seen = []

    @settings(max_examples=60, database=None, deadline=None)
    @given(claim_instances(claim, exact=True))
    def test(inst):
        squared = sum(e * e for e in inst["x"])
        assert squared <= 1
        seen.append(squared)

    test()
    assert any(s == 1 for s in seen) and any(s < 1 for s in seen)   # on the sphere and inside it


def test_strictly_inside_a_ball_and_a_radius_from_a_scalar():
    x = Vector("x", 2)
    r = sp.Symbol("r", positive=True)
    claim = Claim("inside", given=[norm(x) < r], show=norm(x) <= r)

    @settings(max_examples=40, database=None, deadline=None)
    @given(claim_instances(claim, exact=True))
    def test(inst):
        assert sum(e * e for e in inst["x"]) < inst["r"] ** 2

    test()


def test_tight_about_half_of_the_time_and_mostly_distinct():
    mu, s = sp.symbols("mu s", positive=True)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    claim = Claim("contraction", given=[mu * s <= 1], show=(1 - mu * s) ** k <= 1)
    seen = []

    @settings(max_examples=300, database=None, deadline=None, derandomize=True)
    @given(claim_instances(claim, exact=True))
    def test(inst):
        assert inst["mu"] * inst["s"] <= 1
        seen.append(inst)

    test()
    tight = sum(1 for inst in seen if inst["mu"] * inst["s"] == 1)
    assert 0.3 * len(seen) <= tight <= 0.7 * len(seen), tight
    assert len({tuple(sorted((n, str(v)) for n, v in inst.items())) for inst in seen}) >= 0.5 * len(seen)


def test_integer_symbols_come_back_as_int():
    k = sp.Symbol("k", integer=True, nonnegative=True)
    t = sp.Symbol("t", positive=True)
    claim = Claim("power", given=[t <= 1], show=t ** k <= 1)

    @settings(max_examples=20, database=None, deadline=None)
    @given(claim_instances(claim))
    def test(inst):
        assert type(inst["k"]) is int and isinstance(inst["t"], float)

    test()
