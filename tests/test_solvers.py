"""Tests of verify.solvers and verify.experiments: exact expectations agree, constants are right,
the methods do what their docstrings say, experiments refute only on exact evidence."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from verify.experiments import Experiment, first_violation, worst_ratio
from verify.solvers import (LeastSquares, batch_distribution, certified_pl_constant, enumerate_expectation,
                            exact_minimiser, gd, hoeffding_interval, least_squares_moments, minibatch_sgd,
                            monte_carlo_expectation, nesterov, path_count, random_least_squares, sgd,
                            sgd_statistics)
from verify.solvers.scalar_pl import FAR_BOUND, NEAR_ZERO_BOUND, pl_ratio
from verify.solvers.strategies import least_squares_instances
from verify.core.verdicts import Status

F = Fraction


@pytest.mark.parametrize("N,B", [(1, 1), (2, 3), (3, 2), (4, 1)])
def test_batch_distribution_is_a_probability(N, B):
    dist = batch_distribution(N, B)
    assert sum(p for _, p in dist) == 1
    assert len(dist) == path_count(N, B, 1)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(least_squares_instances((1, 3), (1, 3), regime="any"), st.integers(1, 3))
def test_enumeration_equals_moment_propagation(inst, B):
    problem, x0 = inst
    step = F(1, 4 * max(int(max(a.dot(a) for a in problem.A)), 1))
    assert enumerate_expectation(problem, x0, step, 3, B=B) == least_squares_moments(problem, x0, step, 3, B=B)


def test_moments_with_varying_steps_noisy_regime():
    rng = np.random.default_rng(3)
    problem = random_least_squares(rng, 4, 2, interpolate=False, integer=True)
    assert not problem.interpolating and exact_minimiser(problem)[1] > 0
    x0 = np.array([F(2), F(-1)])
    steps = [F(1, 10), F(1, 20), F(1, 30)]
    assert enumerate_expectation(problem, x0, steps, 3, B=2) == least_squares_moments(problem, x0, steps, 3, B=2)


def test_statistics_second_moment_identity():
    problem = LeastSquares([[1, 2], [0, -1], [3, 1]], [1, 0, 2])
    x = np.array([F(1), F(1)])
    s1 = sgd_statistics(problem, x, F(0), 0, B=1, f_star=F(0))
    s3 = sgd_statistics(problem, x, F(0), 0, B=3, f_star=F(0))
    direct = sum(problem.grad_i(i, x).dot(problem.grad_i(i, x)) for i in range(3)) / 3
    assert s1["direction_sq"][0] == direct
    assert s3["direction_sq"][0] == direct / 3 + F(2, 3) * s1["grad_sq"][0]
    assert s1["max_direction_sq"][0] == max(problem.grad_i(i, x).dot(problem.grad_i(i, x)) for i in range(3))


def test_least_squares_constants_and_pl():
    rng = np.random.default_rng(0)
    for N, d in [(2, 5), (6, 3)]:
        p = random_least_squares(rng, N, d)
        assert p.interpolating == (N < d)
        assert 0 < p.mu <= p.L <= p.L_tilde + 1e-12
        for _ in range(20):
            x = rng.standard_normal(d)
            g = p.grad(x)
            assert g.dot(g) >= 2 * p.mu * (p.f(x) - p.f_star) * (1 - 1e-9)


def test_scalar_pl_constants_are_certified():
    lo, hi, arg = certified_pl_constant()
    assert 0 < lo <= hi <= lo * 1.001 + 1e-12
    assert pl_ratio(np.array([arg]))[0] == pytest.approx(hi)
    xs = np.linspace(1e-3, 40, 400001)
    assert pl_ratio(xs).min() >= lo
    assert float(NEAR_ZERO_BOUND) > hi and float(FAR_BOUND) > hi
    grid = np.linspace(-4, 4, 100001)
    assert np.max(np.abs(2 + 6 * np.cos(2 * grid))) == pytest.approx(8.0)


def test_gd_on_a_quadratic_matches_the_closed_form():
    p = LeastSquares([[2, 0], [0, 1]], [0, 0])       # H = diag(2, 1/2)
    xs = gd(p, np.array([F(1), F(1)]), F(1, 2), 3)   # x_{j+1} = (I - H/2) x_j
    assert list(xs[3]) == [F(0), F(27, 64)]


def test_sgd_index_sequence_and_rng():
    p = LeastSquares([[1, 0], [0, 1]], [1, 2])
    xs = sgd(p, np.array([F(0), F(0)]), F(1), 2, indices=[0, 1])
    assert list(xs[-1]) == [F(1), F(2)]
    a = sgd(p, np.zeros(2), 0.5, 5, rng=np.random.default_rng(1))
    b = sgd(p, np.zeros(2), 0.5, 5, rng=np.random.default_rng(1))
    assert np.array_equal(a[-1], b[-1])
    with pytest.raises(ValueError):
        sgd(p, np.zeros(2), 0.5, 5)


def test_minibatch_with_one_batch_of_everything_is_gd_direction():
    p = LeastSquares([[1, 2], [3, -1]], [0, 1])
    x0 = np.array([F(1), F(-1)])
    mb = minibatch_sgd(p, x0, F(1, 10), 1, B=2, batches=[[0, 1]])
    assert list(mb[1]) == list(gd(p, x0, F(1, 10), 1)[1])
    with pytest.raises(ValueError):
        minibatch_sgd(p, x0, F(1, 10), 1, B=3, batches=[[0, 1]])


def test_nesterov_converges_on_strongly_convex_least_squares():
    rng = np.random.default_rng(2)
    p = random_least_squares(rng, 8, 3)
    kap = np.sqrt(p.L / p.mu)
    xs = nesterov(p, np.ones(3), 1 / p.L, (kap - 1) / (kap + 1), 200)
    assert p.f(xs[-1]) - p.f_star < 1e-10


def test_hoeffding_interval_covers_the_mean():
    out = monte_carlo_expectation(lambda rng: [rng.random()], 2000, upper=1.0, seed=5, alpha=1e-3)
    mean, lo, hi = out[0]
    assert lo <= 0.5 <= hi and hi - lo < 0.2
    with pytest.raises(ValueError):
        hoeffding_interval([], 1.0)


def test_strategy_validates_arguments():
    with pytest.raises(InvalidArgument):
        least_squares_instances((0, 2), (1, 2))
    with pytest.raises(InvalidArgument):
        least_squares_instances((1, 2), (1, 2), regime="other")


# -- experiments ------------------------------------------------------------------------------------
def _geometric(q_claim):
    """GD on f = x^2/2 from x0 (step 1/2): gap_j = x0^2/2 (1/4)^j; claim gap_j <= q_claim^j gap_0."""
    def traj(x0):
        gaps = [F(x0 * x0, 2) * F(1, 4) ** j for j in range(6)]
        return gaps[1:], [q_claim ** j * gaps[0] for j in range(1, 6)], gaps[0]
    return traj


def test_experiment_refutes_a_false_bound_exactly():
    traj = _geometric(F(1, 5))
    e = Experiment("too_fast", st.integers(1, 10), traj, traj, lambda x: {"x0": x}, first_iterate=1)
    v = e.run(seed=0)
    assert v.status is Status.REFUTED
    assert v.counterexample["iterate"] == 1
    assert v.sides[0] > v.sides[1]


def test_experiment_tests_a_true_bound_and_reports_tightness():
    traj = _geometric(F(1, 4))
    e = Experiment("exact_rate", st.integers(1, 10), traj, traj, lambda x: {"x0": x}, first_iterate=1)
    v = e.run(seed=0)
    assert v.status is Status.TESTED
    assert v.evidence[0].data["worst_ratio"] == pytest.approx(1.0)
    assert v.evidence[0].data["instances"] > 0


def test_rounding_residue_is_not_a_counterexample():
    with mpmath.workdps(50):
        tiny = mpmath.mpf(10) ** -49
    assert first_violation([tiny], [0]) is None
    assert first_violation([F(1, 10 ** 49)], [0]) == 0          # exact numbers compare exactly
    assert first_violation([tiny], [0], scale=1e-60) is None
    noisy = Experiment("noise", st.just(1), lambda _: ([1e-30], [0.0], 1.0), lambda _: ([tiny], [0], 1),
                       lambda x: {})
    assert noisy.run(seed=0).status is Status.TESTED
    assert worst_ratio([1e-30], [0.0], 1e-9, 1.0) == (0.0, 0)


def test_pep_bracket_matches_the_proved_one_step_rate():
    pytest.importorskip("PEPit")
    pytest.importorskip("clarabel")
    from verify.solvers import pep

    for L, mu in [(1.0, 0.1), (1.0, 0.5), (8.0, certified_pl_constant()[0])]:
        b = pep.bracket(L, mu)
        proved = (1 - mu / L) / (1 + mu / (2 * L))   # theorems/gd.py, gd_pl_one_step_improved_final
        assert b["lower"] <= b["upper"] + 1e-7
        assert b["upper"] == pytest.approx(proved, abs=1e-6)
        assert b["upper"] < b["notes"]


def test_pep_reports_missing_dependency_cleanly(monkeypatch):
    from verify.solvers import pep

    monkeypatch.setattr(pep, "available", lambda: False)
    with pytest.raises(ImportError):
        pep.pep_upper(1.0, 0.1, 1.0)
    assert np.isnan(pep.bracket(1.0, 0.1)["upper"])


# -- exact PEP certificates (verify.solvers.pep_certificate) ---------------------------------------------

def _symbolic_certificate():
    import sympy as sp

    L, mu = sp.symbols("L mu", positive=True)
    mult = {"smooth(x0,x1)": 2 * L / (2 * L + mu), "PL(x0)": 1 / (2 * L + mu), "PL(x1)": 1 / (2 * (2 * L + mu))}
    return L, mu, 2 * (L - mu) / (2 * L + mu), mult


def test_symbolic_pep_certificate_is_proved_and_a_wrong_rate_is_refuted():
    from verify.solvers.pep_certificate import verify_certificate

    L, mu, rate, mult = _symbolic_certificate()
    ok = verify_certificate(L, mu, 1 / L, rate, mult, given=[mu > 0, mu <= L], seconds=5)
    assert ok.proved and ok.residual == 0, ok.describe()
    bad = verify_certificate(L, mu, 1 / L, rate - mu / (100 * L), mult, given=[mu > 0, mu <= L], seconds=5)
    assert not bad.proved and bad.identity.status is Status.REFUTED and bad.residual != 0


def test_certificate_check_rejects_a_negative_multiplier_and_a_non_psd_part():
    import sympy as sp

    from verify.solvers.pep_certificate import verify_certificate

    mult = {"smooth(x0,x1)": F(8, 9), "PL(x0)": F(4, 9), "PL(x1)": F(2, 9)}
    assert verify_certificate(1, F(1, 4), 1, F(2, 3), mult, seconds=5).proved
    neg = verify_certificate(1, F(1, 4), 1, F(2, 3), {**mult, "smooth(x1,x0)": F(-1, 100)}, seconds=5)
    assert not neg.proved and neg.nonnegative.status is Status.REFUTED
    S = sp.zeros(4, 4)
    S[2, 2] = -1   # <S, G> = -||g0||^2: the identity then fails too, but PSD is judged on its own
    assert verify_certificate(1, F(1, 4), 1, F(2, 3), mult, S, seconds=5).psd is False


def test_rationalise():
    from verify.solvers.pep_certificate import rationalise

    assert rationalise(0.4444444411061856) == F(4, 9)
    assert rationalise(3e-9) == 0
    assert rationalise(0.10554217878326647) is None          # no fraction with denominator <= 1000 within 1e-6


def test_pep_certificate_at_L1_mu_quarter_verifies_exactly():
    pytest.importorskip("PEPit")
    pytest.importorskip("clarabel")
    from verify.solvers.pep_certificate import one_step_certificate, verify_certificate

    cert = one_step_certificate(1, F(1, 4), seconds=5)
    assert cert.pep.value == pytest.approx(2 / 3, abs=1e-7)
    assert cert.rate == F(2, 3)
    assert cert.multipliers == {"smooth(x0,x1)": F(8, 9), "PL(x0)": F(4, 9), "PL(x1)": F(2, 9)}
    assert cert.candidate.psd.is_zero_matrix
    assert cert.proved and cert.check.residual == 0, cert.check.describe()
    wrong = verify_certificate(1, F(1, 4), 1, cert.rate - F(1, 100), cert.multipliers, cert.candidate.psd, seconds=5)
    assert not wrong.proved and wrong.identity.status is Status.REFUTED
    assert wrong.residual != 0


@pytest.mark.parametrize("L,mu", [(F(1), F(1, 2)), (F(2), F(1, 3)), (F(4), F(1))])
def test_pep_multipliers_are_those_of_the_derivation(L, mu):
    pytest.importorskip("PEPit")
    pytest.importorskip("clarabel")
    from verify.solvers.pep_certificate import one_step_certificate

    cert = one_step_certificate(L, mu, seconds=5)
    assert cert.proved
    assert cert.rate == 2 * (L - mu) / (2 * L + mu) < 1 - mu / L
    assert cert.multipliers == {"smooth(x0,x1)": 2 * L / (2 * L + mu), "PL(x0)": 1 / (2 * L + mu),
                                "PL(x1)": 1 / (2 * (2 * L + mu))}


def test_pep_certificate_that_does_not_rationalise_is_not_claimed():
    pytest.importorskip("PEPit")
    pytest.importorskip("clarabel")
    from verify.solvers.pep_certificate import one_step_certificate

    cert = one_step_certificate(1, F(1, 4), F(1, 2), seconds=5)   # step 1/(2L): S != 0, duals not simple fractions
    assert cert.check is None and not cert.proved
    assert cert.candidate.unrationalised


def test_certificate_node_without_pepit_is_still_proved_and_says_so(monkeypatch):
    from verify.solvers import pep_certificate

    L, mu, rate, mult = _symbolic_certificate()
    stmt = pep_certificate.OneStepCertificate("t", L=L, mu=mu, rate=rate, multipliers=mult, notes_rate=1 - mu / L,
                                              points=((F(1), F(1, 4)),))
    monkeypatch.setattr(pep_certificate, "available", lambda: False)
    v = stmt.run(seconds=5)
    assert v.status is Status.PROVED
    assert "PEPit not installed" in v.evidence[-1].detail
    wrong = pep_certificate.OneStepCertificate("t", L=L, mu=mu, rate=rate - mu / (100 * L), multipliers=mult,
                                               notes_rate=1 - mu / L)
    assert wrong.run(seconds=5).status is Status.REFUTED


def test_certificate_node_with_pepit_compares_at_each_point():
    pytest.importorskip("PEPit")
    pytest.importorskip("clarabel")
    from verify.solvers import pep_certificate

    L, mu, rate, mult = _symbolic_certificate()
    stmt = pep_certificate.OneStepCertificate("t", L=L, mu=mu, rate=rate, multipliers=mult, notes_rate=1 - mu / L,
                                              points=((F(1), F(1, 4)), (F(3), F(1, 5))))
    v = stmt.run(seconds=5)
    assert v.status is Status.PROVED and not v.message
    rows = v.evidence[-1].data["points"]
    assert [r["agrees"] for r in rows] == [True, True]
    assert rows[0]["certified_rate"] == "2/3" and rows[0]["notes_rate"] == "3/4"
    off = pep_certificate.OneStepCertificate("t", L=L, mu=mu, rate=rate, multipliers={**mult, "PL(x1)": 1 / (2 * L)},
                                             notes_rate=1 - mu / L, points=((F(1), F(1, 4)),))
    assert "differs" in off.run(seconds=5).message
