"""Parametric sum-of-squares certificates: multipliers rational in the parameters (L, mu, eta), proposed
outside the core (verify.certificates.parametric) and checked inside it (verify.core.parametric).

The true claim is a PEP-style one-step bound with a symbolic step ``eta <= 1/L``: the descent-lemma rate
``1 - mu eta (2 - L eta)`` for GD on an L-smooth function with PL(mu) at x_0 and x_1, from the six
interpolation inequalities (Taylor, Hendrickx, Glineur 2017, Thm 3.10). Its certificate has the
multipliers ``1/(4L)`` and ``eta (2 - L eta)/2``: out of reach of the constant SOS search (a degree-2
Positivstellensatz), farkas and z3 under their budgets (``benchmarks/parametric_sos.py`` times them).
Its false twins are refuted, never proved.
"""
from __future__ import annotations

import time

import pytest
import sympy as sp

from verify import Claim, check
from verify.core.certificates import PolynomialProblem
from verify.core.checker import check as core_check
from verify.core.deciders.sos import decide_sos, parameter_sign_prover, polynomial_problems
from verify.core.parametric import ParametricCertificate, check_parametric, split
from verify.core.problem import prepare
from verify.core.verdicts import Status

pytest.importorskip("cvxpy")
from verify.certificates import propose  # noqa: E402

fs, f0, f1, xs, x0, g0, g1 = sp.symbols("f_s f_0 f_1 x_s x_0 g_0 g_1", real=True)
L, MU, ETA = sp.symbols("L mu eta", positive=True)
x, y = sp.symbols("x y", real=True)

RATE = 1 - MU * ETA * (2 - L * ETA)


def pep_step(rate=RATE, step_condition=True, flipped=False, name="pep_step_eta"):
    """One GD step ``x_1 = x_0 - eta g_0`` on an L-smooth function with PL(mu) at x_0 and x_1 (scalar)."""
    x1 = x0 - ETA * g0
    pts = {"s": (xs, 0, fs), "0": (x0, g0, f0), "1": (x1, g1, f1)}
    hyps = [fi >= fj + (gi + gj) * (xi - xj) / 2 + (gi - gj) ** 2 / (4 * L) - L / 4 * (xi - xj) ** 2
            for i, (xi, gi, fi) in pts.items() for j, (xj, gj, fj) in pts.items() if i != j]
    hyps += [2 * MU * (f0 - fs) <= g0 ** 2, 2 * MU * (f1 - fs) <= g1 ** 2, MU <= L]
    if step_condition:
        hyps.append(ETA * L <= 1)
    show = f1 - fs >= rate * (f0 - fs) if flipped else f1 - fs <= rate * (f0 - fs)
    return Claim(name, given=hyps, show=show, source="PEP-style one-step bound, step eta <= 1/L, L-smooth and PL")


TWINS = {
    "wrong_constant": pep_step(1 - 2 * MU * ETA * (2 - L * ETA), name="twin_wrong_constant"),
    "wrong_power": pep_step(1 - MU * ETA * (2 - L * ETA) ** 2, name="twin_wrong_power"),
    "no_step_condition": pep_step(step_condition=False, name="twin_no_step_condition"),
    "flipped": pep_step(flipped=True, name="twin_flipped"),
}


def parametric_problem(claim):
    (poly, _), = polynomial_problems(prepare(claim))
    return split(poly)


def good_certificate(pproblem):
    """The certificate by hand: H_01 / (4L) + eta (2 - L eta)/2 * PL_0 + (g_1 - (1 - L eta) g_0)^2 / (4L)."""
    hyps = [h for h, _ in pproblem.base.inequalities]
    h01 = next(i for i, h in enumerate(hyps) if sp.expand(h - (L**2 * ETA**2 * g0**2 - 2 * L * ETA * g0**2
               - 2 * L * ETA * g0 * g1 + 4 * L * f0 - 4 * L * f1 - g0**2 + 2 * g0 * g1 - g1**2)) == 0)
    pl0 = next(i for i, h in enumerate(hyps) if sp.expand(h - (g0**2 - 2 * MU * f0 + 2 * MU * fs)) == 0)
    gram = sp.Matrix([[(1 - L * ETA) ** 2 / (4 * L), (L * ETA - 1) / (4 * L)], [(L * ETA - 1) / (4 * L), 1 / (4 * L)]])
    return ParametricCertificate((((h01,), 1 / (4 * L)), ((pl0,), ETA * (2 - L * ETA) / 2)), (), (g0, g1), gram)


def prover(pproblem):
    return parameter_sign_prover(pproblem, time.monotonic() + 20)


# -- the split rule ---------------------------------------------------------------------------------------

def test_parameters_are_the_positive_symbols_and_their_facts_the_region():
    pp = parametric_problem(pep_step())
    assert set(pp.parameters) == {L, MU, ETA}
    assert set(pp.variables) == {fs, f0, f1, xs, x0, g0, g1}
    facts = {str(sp.expand(h)) for h, _ in pp.region_facts()}
    assert {"L - mu", "-L*eta + 1", "L", "mu", "eta"} == facts


def test_no_parameters_no_parametric_search():
    assert split(PolynomialProblem((x, y), x**2 + y**2)) is None                       # no positive symbol
    assert split(PolynomialProblem((L,), L**2, inequalities=((L, True),))) is None     # nothing but parameters


# -- the core's check -------------------------------------------------------------------------------------

def test_the_hand_certificate_passes_with_its_signs_proven_on_the_region():
    pp = parametric_problem(pep_step())
    checked = check_parametric(pp, good_certificate(pp), prover(pp))
    assert checked.ok, checked.reason
    assert [sp.expand(d * 4 * L) for d, _ in checked.squares] == [1]                 # one square, weight 1/(4L)
    assert any("L*eta" in rel and "farkas" in how or "z3" in how for _, rel, how in checked.signs)


def _tampered(cert, **change):
    fields = dict(products=cert.products, equality_multipliers=cert.equality_multipliers, basis=cert.basis,
                  gram=cert.gram, constant=cert.constant)
    fields.update(change)
    return ParametricCertificate(**fields)


def test_tampered_certificates_are_rejected():
    pp = parametric_problem(pep_step())
    good = good_certificate(pp)
    (i, lam_h), (j, lam_pl) = good.products
    flipped = _tampered(good, products=((i, lam_h), (j, -lam_pl)))
    assert "identity fails" in check_parametric(pp, flipped, prover(pp)).reason
    gram = sp.Matrix(good.gram)
    gram[1, 1] = 1 / (5 * L)
    assert "identity fails" in check_parametric(pp, _tampered(good, gram=gram), prover(pp)).reason
    # the same certificate for the claim without eta <= 1/L: eta (2 - L eta)/2 is negative for eta > 2/L
    pp_free = parametric_problem(pep_step(step_condition=False))
    assert pp_free.base.inequalities[:9] == pp.base.inequalities[:9]
    reason = check_parametric(pp_free, good, prover(pp_free)).reason
    assert "not proven >= 0" in reason and "eta" in reason


def test_a_multiplier_negative_on_part_of_the_region_is_rejected():
    # x + y = lam0 x + lam1 y + lam2 (x + y) for every t = lam2: t = L eta is fine, t = 2 L eta is not
    pp = split(PolynomialProblem((L, ETA, x, y), x + y, inequalities=(
        (x, False), (y, False), (x + y, False), (1 - L * ETA, False), (L, True), (ETA, True))))
    assert set(pp.parameters) == {L, ETA} and pp.region == (3, 4, 5)

    def cert(t):
        return ParametricCertificate((((0,), 1 - t), ((1,), 1 - t), ((2,), t)), (), (), sp.zeros(0, 0))
    assert check_parametric(pp, cert(L * ETA), prover(pp)).ok
    bad = check_parametric(pp, cert(2 * L * ETA), prover(pp))
    assert not bad.ok and "not proven >= 0" in bad.reason and "2*L*eta" in bad.reason


def test_a_denominator_not_positive_on_the_region_is_rejected():
    pp = split(PolynomialProblem((L, ETA, x), x, inequalities=((x, False), (L, True), (ETA, True))))
    # x = ((L - eta)/(L - eta)) x: an identity, but L - eta vanishes inside the region
    c = ParametricCertificate((((0,), (L - ETA) / (L - ETA + 0 * x)),), (), (), sp.zeros(0, 0))
    assert check_parametric(pp, c, prover(pp)).ok          # cancels to 1: no denominator left
    c2 = ParametricCertificate((((0,), L / (L - ETA)), ((0,), -ETA / (L - ETA))), (), (), sp.zeros(0, 0))
    assert "denominator" in check_parametric(pp, c2, prover(pp)).reason


def test_a_gram_matrix_psd_only_on_part_of_the_region_is_rejected():
    # x^2 (1 - 2 L eta) + 2 L eta x^2 = x^2 with a Gram entry 1 - 2 L eta (negative for L eta > 1/2)
    pp = split(PolynomialProblem((L, ETA, x), 2 * L * ETA * x**2 + (1 - 2 * L * ETA) * x**2,
                                 inequalities=((1 - L * ETA, False), (L, True), (ETA, True))))
    ok = ParametricCertificate((), (), (x,), sp.Matrix([[1]]))
    assert check_parametric(pp, ok, prover(pp)).ok
    pp2 = split(PolynomialProblem((L, ETA, x, y), x**2 + y**2, inequalities=((1 - L * ETA, False), (L, True),
                                                                              (ETA, True))))
    bad = ParametricCertificate((), (), (x, y), sp.Matrix([[1 - 2 * L * ETA, L * ETA], [L * ETA, 1]]) +
                                sp.Matrix([[2 * L * ETA, -L * ETA], [-L * ETA, 0]]))
    assert check_parametric(pp2, bad, prover(pp2)).ok        # the sum is the identity matrix
    skew = ParametricCertificate((), (), (x, y), sp.Matrix([[1 - 2 * L * ETA, 0], [0, 1]]))
    pp3 = split(PolynomialProblem((L, ETA, x, y), (1 - 2 * L * ETA) * x**2 + y**2,
                                  inequalities=((1 - L * ETA, False), (L, True), (ETA, True))))
    assert "pivot" in check_parametric(pp3, skew, prover(pp3)).reason


# -- the search and the kernel ----------------------------------------------------------------------------

def test_the_search_proposes_a_certificate_the_core_accepts():
    out = decide_sos(prepare(pep_step()), propose, 20.0)
    assert out.proved and out.evidence.rule == "parametric-sos"
    (cert,) = out.evidence.data["certificates"]
    assert cert["parametric"] and set(cert["parameters"]) == {"L", "mu", "eta"}
    values = {sp.expand(sp.sympify(m["value"], locals={"L": L, "eta": ETA})) for m in cert["multipliers"]}
    assert values == {1 / (4 * L), ETA - L * ETA**2 / 2}
    assert cert["signs"] and any("-L*eta + 1 >= 0" in by for by in cert["sign_proofs"])


def test_check_proves_the_claim_with_rule_parametric_sos():
    v = check(pep_step(), seconds=30)
    assert v.status is Status.PROVED, v.explain()
    assert v.evidence[0].rule == "parametric-sos" and "parameters L, eta, mu" in v.evidence[0].detail


@pytest.mark.parametrize("name", sorted(TWINS))
def test_false_twins_are_refuted_never_proved(name):
    v = core_check(TWINS[name], seconds=20, adversary=None, certifier=propose)
    assert v.status is Status.REFUTED, v.explain()


# -- the fitting path: a family of certificates at each point, so the exact solve leaves unknowns free ------

P = sp.Symbol("p", positive=True)


def quartic(bound=2, name="quartic_below_2"):
    """``x^4 - p x^2 + 1 >= 0`` for ``0 < p < bound``: true for ``bound <= 2`` (``(x^2 - p/2)^2 + (1 - p^2/4)``)."""
    return Claim(name, given=[P < bound], show=x**4 - P * x**2 + 1 >= 0)


def test_fit_rational_recovers_a_rational_function_and_refuses_noise():
    import numpy as np

    from verify.certificates.parametric import fit_rational

    q = sp.Symbol("q", positive=True)
    pts = np.array([[a, b] for a in (0.5, 1.0, 2.0, 3.0) for b in (0.25, 1.5, 4.0)])
    f = (1 + P) / (2 + q)
    y = np.array([float(f.subs({P: a, q: b})) for a, b in pts])
    assert sp.simplify(fit_rational(pts, y, (P, q)) - f) == 0
    noisy = y * (1 + 1e-3 * np.sin(7 * np.arange(len(y))))
    assert fit_rational(pts, noisy, (P, q)) is None


def test_the_fitted_certificate_is_found_when_the_identity_leaves_a_family():
    from verify.certificates.parametric import propose_parametric

    pp = parametric_problem(quartic())
    assert pp.parameters == (P,) and pp.variables == (x,)
    proposal = propose_parametric(pp, 10.0)
    assert proposal.certificate is not None and "fitted from" in proposal.note, proposal.note
    out = check_parametric(pp, proposal.certificate, prover(pp))
    assert out.ok, out.reason
    assert any("1 - p**2/4 > 0" in claim for _, claim, _ in out.signs)


def test_a_fitted_certificate_is_not_accepted_past_the_true_region():
    """For ``p < 3`` the claim fails at ``p = 5/2, x^2 = 5/4``; the fit at the points of ``(0, 3)`` where the
    claim holds must not give a certificate the core accepts on all of ``(0, 3)``."""
    from verify.certificates.parametric import propose_parametric

    pp = parametric_problem(quartic(3, "quartic_below_3"))
    proposal = propose_parametric(pp, 10.0)
    assert proposal.certificate is None or not check_parametric(pp, proposal.certificate, prover(pp)).ok
    v = core_check(quartic(3, "quartic_below_3"), seconds=20, certifier=propose)
    assert v.status is Status.REFUTED, v.explain()


def test_the_parametric_search_does_not_run_without_parameters():
    from verify.core.deciders.sos import _parametric

    calls = []

    def proposer(problem, seconds):
        calls.append(problem)
        raise AssertionError("not to be called")
    note = _parametric(PolynomialProblem((x, y), x * y - 1, inequalities=((x, False),)), proposer,
                       time.monotonic() + 5, "")
    assert "no parameters" in note and not calls
