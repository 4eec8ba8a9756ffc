"""Sum-of-squares certificates: the core's exact check (verify.core.certificates), the SDP search outside
it (verify.certificates.sos), and the kernel's use of both (verify.core.deciders.sos).

The claims proved here are out of z3's reach under the default budget (z3 returns unknown on them; see
``test_z3_alone_does_not_prove_them``); their false twins are refuted by the attack and never proved.
"""
from __future__ import annotations

import sys
import time

import pytest
import sympy as sp

from verify import Claim, check
from verify.attack import attack
from verify.core.certificates import PolynomialProblem, Proposal, SOSCertificate, check_certificate, ldl
from verify.core.checker import check as core_check
from verify.core.deciders.sos import polynomial_problems
from verify.core.problem import prepare
from verify.core.verdicts import Status

pytest.importorskip("cvxpy")
from verify.certificates import propose  # noqa: E402
from verify.certificates.rational import project_gram, solve_min_norm  # noqa: E402

R = sp.Rational
x, y, z = sp.symbols("x y z", real=True)
X = sp.symbols("x1:7", real=True)
fs, f0, f1, xs, x0, g0, g1 = sp.symbols("f_s f_0 f_1 x_s x_0 g_0 g_1", real=True)


def cauchy_schwarz_balls(rhs=1):
    """<u, v> <= 1 for u, v in the unit ball of R^3: 2 <u, v> <= ||u||^2 + ||v||^2 - ||u - v||^2 <= 2."""
    u, v = X[:3], X[3:]
    return Claim(f"cs_balls_{rhs}", given=[sum(t**2 for t in u) <= 1, sum(t**2 for t in v) <= 1],
                 show=sum(a * b for a, b in zip(u, v)) <= rhs, source="Cauchy-Schwarz on unit balls")


L_, MU = sp.symbols("L mu", positive=True)


def pep_one_step(tau, L=1, mu=R(1, 4), gamma=R(1, 2)):
    """One GD step x_1 = x_0 - gamma g_0 on an L-smooth function with PL(mu) at x_0 and x_1, in one
    dimension: the six interpolation inequalities (Taylor, Hendrickx, Glineur 2017, Thm 3.10) and PL."""
    x1 = x0 - gamma * g0
    pts = {"s": (xs, 0, fs), "0": (x0, g0, f0), "1": (x1, g1, f1)}
    hyps = []
    for i, (xi, gi, fi) in pts.items():
        for j, (xj, gj, fj) in pts.items():
            if i != j:
                hyps.append(fi >= fj + (gi + gj) * (xi - xj) / 2 + (gi - gj) ** 2 / (4 * L) - L / 4 * (xi - xj) ** 2)
    hyps += [2 * mu * (f0 - fs) <= g0 ** 2, 2 * mu * (f1 - fs) <= g1 ** 2]
    if isinstance(mu, sp.Symbol):
        hyps.append(mu <= L)
    return Claim(f"pep_one_step_{tau}", given=hyps, show=f1 - fs <= tau * (f0 - fs),
                 source=f"PEP-style one-step bound, step {gamma}, L = {L}, mu = {mu}")


def poly_problem(claim):
    (pp, _), = polynomial_problems(prepare(claim))
    return pp


# -- the exact check (core) -------------------------------------------------------------------------------

def _square_cert():
    """x^2 - 2xy + y^2 = (x - y)^2 on the basis (x, y)."""
    problem = PolynomialProblem((x, y), x**2 - 2 * x * y + y**2)
    cert = SOSCertificate((), (), (x, y), sp.Matrix([[1, -1], [-1, 1]]))
    return problem, cert


def test_a_valid_certificate_passes_and_reads_as_squares():
    problem, cert = _square_cert()
    checked = check_certificate(problem, cert)
    assert checked.ok, checked.reason
    assert [(d, sp.expand(lin)) for d, lin in checked.squares] == [(1, x - y)]


@pytest.mark.parametrize("change, reason", [
    (dict(gram=sp.Matrix([[1, -2], [-2, 1]])), "not PSD"),                   # indefinite
    (dict(gram=sp.Matrix([[1, -1], [-1, R(99, 100)]])), "not PSD"),          # a tiny negative pivot
    (dict(gram=sp.Matrix([[1, -1], [0, 1]])), "not symmetric"),
    (dict(gram=sp.Matrix([[1, -1], [-1, sp.sqrt(2)]])), "not rational"),
    (dict(gram=sp.Matrix([[1, 0], [0, 1]])), "identity fails"),              # PSD but x^2 + y^2
    (dict(constant=R(-1, 10)), "constant"),
    (dict(basis=(x, sp.exp(y))), "polynomial"),
    (dict(products=(((0,), R(1)),)), "product"),                             # no hypothesis 0
])
def test_a_corrupted_certificate_is_rejected(change, reason):
    problem, cert = _square_cert()
    fields = dict(products=cert.products, equality_multipliers=cert.equality_multipliers, basis=cert.basis,
                  gram=cert.gram, constant=cert.constant)
    fields.update(change)
    checked = check_certificate(problem, SOSCertificate(**fields))
    assert not checked.ok and reason in checked.reason


def test_negative_multiplier_and_unsupported_strict_goal_are_rejected():
    problem = PolynomialProblem((x, y), x * y, inequalities=((x, False), (y, False)))
    ok = SOSCertificate((((0, 1), R(1)),), (), (), sp.zeros(0, 0))
    assert check_certificate(problem, ok).ok
    neg = SOSCertificate((((0, 1), R(-1)),), (), (), sp.zeros(0, 0))
    assert "non-negative" in check_certificate(problem, neg).reason
    strict = PolynomialProblem((x, y), x * y, True, ((x, False), (y, False)))
    assert "strict" in check_certificate(strict, ok).reason


def test_ldl_is_exact_on_semidefinite_and_indefinite_matrices():
    assert ldl(sp.Matrix([[1, 1], [1, 1]])) is not None                      # rank 1
    assert ldl(sp.Matrix([[0, 0], [0, 2]])) is not None                      # zero pivot, zero column
    assert ldl(sp.Matrix([[0, 1], [1, 2]])) is None                          # zero pivot, non-zero column
    assert ldl(sp.Matrix([[1, 1], [1, 1 - R(1, 10**12)]])) is None           # off by 1e-12
    D, _ = ldl(sp.Matrix([[4, 2], [2, 2]]))
    assert D == [4, 1]


def test_exact_projections():
    from fractions import Fraction as F

    # (x, y) basis, residual 1/10 x y: spread over the two off-diagonal entries
    Q = project_gram([[F(1), F(0)], [F(0), F(1)]], [(1, 0), (0, 1)], {(1, 1): F(1, 10)})
    assert Q == [[1, F(1, 20)], [F(1, 20), 1]]
    assert project_gram([[F(1)]], [(1, 0)], {(0, 1): F(1)}) is None          # y is no product of the basis
    d = solve_min_norm([{0: F(1)}, {0: F(1)}], {0: F(2)})                    # d1 + d2 = 2, least norm
    assert d == [1, 1]
    assert solve_min_norm([{0: F(1)}], {1: F(1)}) is None


# -- the search (outside the core) ------------------------------------------------------------------------

def test_search_finds_certificates_the_core_accepts():
    problems = [
        PolynomialProblem((x, y), x**4 - x**3 * y - x * y**3 + y**4),
        PolynomialProblem((x, y, z), x**2 + y**2 + z**2 - x * y - y * z - z * x),
        PolynomialProblem((x, y), x + y, True, ((x, True), (y, False))),
        PolynomialProblem((x,), x**2 + 1, True),
    ]
    for problem in problems:
        proposal = propose(problem, 20.0)
        assert proposal.certificate is not None, proposal.note
        assert check_certificate(problem, proposal.certificate).ok


def test_search_on_a_false_problem_proposes_nothing():
    proposal = propose(PolynomialProblem((x, y), x * y - 1, inequalities=((x, False), (y, False))), 20.0)
    assert proposal.certificate is None and "infeasible" in proposal.note


def test_search_respects_its_time_limit():
    proposal = propose(poly_problem(pep_one_step(R(4, 5))), 1e-4)
    assert proposal.certificate is None and "time limit" in proposal.note


def test_without_cvxpy_the_search_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "cvxpy", None)
    proposal = propose(PolynomialProblem((x,), x**2), 5.0)
    assert proposal.certificate is None and "cvxpy is not installed" in proposal.note


# -- the kernel --------------------------------------------------------------------------------------------

def test_z3_alone_does_not_prove_them():
    v = core_check(cauchy_schwarz_balls(), seconds=30, adversary=None, certifier=None)
    assert v.status is Status.UNKNOWN


def test_a_true_claim_out_of_z3s_reach_is_proved_with_a_certificate():
    v = check(cauchy_schwarz_balls(), seconds=40)
    assert v.status is Status.PROVED, v.explain()
    first = v.evidence[0]
    assert first.rule == "sos" and "checked exactly" in first.detail
    (cert,) = first.data["certificates"]
    assert cert["gram"] and all(sp.Rational(d) > 0 for d, _ in cert["squares"])
    assert {m["value"] for m in cert["multipliers"]} == {"1/2"}           # (1 - ||u||^2)/2 + (1 - ||v||^2)/2


def test_pep_one_step_with_step_half_needs_a_square_and_gets_one():
    """Step 1/(2L): the PEP dual has a non-zero PSD part (verify.solvers.pep_certificate cannot rationalise
    it); the SOS search finds multipliers plus a square, checked exactly."""
    from verify.core.deciders.sos import decide_sos

    out = decide_sos(prepare(pep_one_step(R(4, 5))), propose, 30.0)
    assert out.proved
    (cert,) = out.evidence.data["certificates"]
    assert cert["squares"], "a square is needed at step 1/(2L)"
    assert all(sp.Rational(m["value"]) > 0 for m in cert["multipliers"])


def test_pep_one_step_with_symbolic_L_and_mu():
    """Step 1/L, rate 2(L - mu)/(2L + mu) for all 0 < mu <= L (the certificate of
    verify.solvers.pep_certificate): after clearing the denominators the multipliers are constants, with
    L and mu kept as variables; the basis is cut to half the Newton polytope (14 of 55 monomials)."""
    from verify.core.deciders.sos import decide_sos

    rate = 2 * (L_ - MU) / (2 * L_ + MU)
    out = decide_sos(prepare(pep_one_step(rate, L_, MU, 1 / L_)), propose, 40.0)
    assert out.proved
    (cert,) = out.evidence.data["certificates"]
    assert sorted(m["value"] for m in cert["multipliers"]) == ["1", "1/2", "1/2"]
    wrong = pep_one_step(rate - MU / (100 * L_), L_, MU, 1 / L_)
    assert check(wrong, seconds=30).status is Status.REFUTED


@pytest.mark.parametrize("claim", [cauchy_schwarz_balls(R(99, 100)), pep_one_step(R(3, 4))], ids=lambda c: c.name)
def test_false_twins_are_refuted_never_proved(claim):
    # <u, v> = 1 at u = v = e_1; a quadratic f = x^2/8 gives ratio 49/64 > 3/4 with step 1/2
    v = check(claim, seconds=30)
    assert v.status is Status.REFUTED, v.explain()
    without_attack = core_check(claim, seconds=30, adversary=None, certifier=propose)
    assert without_attack.status is not Status.PROVED


def test_a_lying_proposer_is_caught_by_the_core():
    claim = cauchy_schwarz_balls()   # true, but the certificate below is wrong

    def liar(problem, seconds):
        # half of each hypothesis and no square: the identity fails (the square ||u - v||^2 / 2 is missing)
        return Proposal(SOSCertificate((((0,), R(1, 2)), ((1,), R(1, 2))), (), (), sp.zeros(0, 0)), "made up")

    verdict = core_check(claim, seconds=20, adversary=None, certifier=liar)
    assert verdict.status is Status.UNKNOWN
    assert "fails the exact check" in verdict.message


def test_a_slow_proposer_times_out_to_unknown(monkeypatch):
    from verify.core import kernel

    monkeypatch.setattr(kernel, "SOS_SECONDS", 0.5)

    def slow(problem, seconds):
        time.sleep(3)
        return Proposal(None, "too slow")

    start = time.monotonic()
    verdict = core_check(cauchy_schwarz_balls(), seconds=20, adversary=None, certifier=slow)
    assert verdict.status is Status.UNKNOWN and "sos (timed out" in verdict.message
    assert time.monotonic() - start < 15


def test_a_proposer_that_raises_does_not_end_the_decision():
    def broken(problem, seconds):
        raise RuntimeError("solver crashed")

    verdict = core_check(cauchy_schwarz_balls(), seconds=20, adversary=None, certifier=broken)
    assert verdict.status is Status.UNKNOWN and "sos (raised RuntimeError: solver crashed" in verdict.message
    false = core_check(cauchy_schwarz_balls(R(99, 100)), seconds=20, adversary=attack, certifier=broken)
    assert false.status is Status.REFUTED          # the attack still ran


def test_non_polynomial_claims_are_not_for_sos():
    with pytest.raises(Exception, match="polynomial|SOS"):
        polynomial_problems(prepare(Claim("e", given=[], show=sp.exp(x) >= 1 + x)))
