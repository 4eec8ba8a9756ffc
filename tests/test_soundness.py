"""Red-team of the kernel's soundness: a false claim is never ``proved``, a true one never ``refuted``.

The first part pins bugs that were found (each claim came out wrong before the fix named beside it);
the second is a batch of tricky cases the kernel already handles, each with why it is tricky.
"""
from __future__ import annotations

import pytest
import sympy as sp

from verify import Claim, Derivation, Status, check, forall, induction, substitute, use
from verify.core.exact import holds

x, y = sp.symbols("x y", real=True)
a, b = sp.symbols("a b", positive=True)
xn = sp.Symbol("xn", nonnegative=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, nonnegative=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
D = sp.Function("D")
C = sp.Rational(7, 3)  # an odd place for a singularity, where random sampling does not land
EPS = sp.Rational(1, 10**9)

NOT_PROVED = "not proved"
NOT_REFUTED = "not refuted"


def verdict(claim, seconds: float = 4):
    return check(claim, seconds=seconds, seed=0)


def assert_counterexample_is_real(claim: Claim, v) -> None:
    """Independent re-check: every hypothesis holds and the conclusion fails at the point."""
    names = {s.name: s for s in claim.symbols()}
    point = {names[key]: val for key, val in v.counterexample.items() if key in names}
    for h in claim.given:
        if isinstance(h, sp.Basic):
            assert holds(h, point) is True, (h, point)
    assert holds(claim.show, point) is False


# -- found and fixed -----------------------------------------------------------------------------------

amgm_recip = Claim("amgm_recip", show=a + 1 / a >= 2)

FOUND = [
    # smt.py: a Piecewise branch's side condition (denominator != 0) was imposed everywhere, so the point
    # x = 7/3, where the other branch (-1) is selected, was excluded. Was proved.
    Claim("piecewise_guarded_pole", given=[x >= C, x <= C + sp.Rational(1, 100)],
          show=sp.Piecewise((1 / (x - C), sp.Ne(x, C)), (-1, True)) >= 0),
    # smt.py: same for sqrt in a branch: s*s == x forced x >= 0. Was error (z3 proof vs attack).
    Claim("piecewise_guarded_sqrt", show=sp.Piecewise((sp.sqrt(x), x >= 0), (-1, True)) >= 0),
    # smt.py: x**(-3/2) was translated as (1/s)*s*s = s = sqrt(x). Was error (z3 proof vs attack).
    Claim("power_minus_three_halves", given=[xn > 0], show=sp.Eq(xn ** sp.Rational(-3, 2), sp.sqrt(xn))),
    # smt.py: with integers kept, exp's fact used z3's integer division k*k/2 (floor): exp(-1) <= 0. Was error.
    Claim("int_exp_floor_division", given=[k <= -1, k >= -1], show=sp.exp(k) <= sp.Rational(1, 10)),
    # smt.py: likewise log(2) >= 1 - floor(1/2) = 1. Was error (z3 proof vs attack).
    Claim("int_log_floor_division", given=[k <= 2, k >= 2], show=sp.log(k) >= 1),
    # smt.py: under Or, log's u > 0 was imposed on the point, but x = -1 satisfies the hypothesis. Was proved.
    Claim("or_guarded_log", given=[sp.Or(x <= 0, sp.log(x) >= 1)], show=x >= 1),
    # smt.py: likewise sqrt under Or. Was proved.
    Claim("or_guarded_sqrt", given=[sp.Or(x < 0, sp.sqrt(x) >= 2)], show=x >= 4),
    # induction_proof.py: a schema "for all j >= 1" was instantiated at k = 0 in the step. Was error.
    Claim("induction_schema_start", given=[forall(j, D(j + 1) <= D(j), start=1)], show=D(n) <= D(0),
          by=induction(n)),
    # induction_proof.py: a hypothesis about k (k >= 1) was assumed at k in the step and made the base vacuous. Was error.
    Claim("induction_hypothesis_on_k", given=[forall(j, D(j + 1) <= D(j)), n >= 1], show=D(n) <= D(0) - 1,
          by=induction(n)),
    # rules.py: use() did not require the instance to satisfy the lemma's symbol domain (a > 0). Was proved.
    Claim("use_outside_domain", given=[use(amgm_recip, {a: y})], show=y + 1 / y >= 2),
    Derivation("use_outside_domain_chain", start=y + 1 / y).ge(2, by=use(amgm_recip, {a: y})),
    # chains.py: substitution across a jump: the derivative (1) is positive but the expression drops at 7/3.
    # Was proved.
    Derivation("substitute_across_jump", given=[x <= y],
               start=sp.Piecewise((x, x < C), (x - EPS, True)))
    .le(sp.Piecewise((y, y < C), (y - EPS, True)), by=substitute(x <= y)),
    # chains.py: substitution across a pole: d/dt 1/(t - 7/3) < 0 where defined, yet 1/x < 1/y across 7/3.
    # Was proved.
    Derivation("substitute_across_pole", given=[x <= y, y - x <= sp.Rational(1, 1000)], start=1 / (x - C))
    .ge(1 / (y - C), by=substitute(x <= y)),
]


@pytest.mark.parametrize("claim", FOUND, ids=lambda c: c.name)
def test_found_false_claims_are_not_proved(claim):
    v = verdict(claim)
    assert v.status is not Status.PROVED, v.explain()
    assert v.status is not Status.ERROR or "kernel inconsistency" not in v.message, v.explain()


def test_substitution_of_an_equality_gives_no_strict_link():
    # chains.py: substitute(Eq(D(x), z)) "proved" the strict link D(x) + 1 < z + 1. Was error (rule vs attack).
    H = sp.Eq(D(x), y)
    d = Derivation("equality_strict_link", given=[H], start=D(x) + 1).lt(y + 1, by=substitute(H))
    v = verdict(d)
    assert v.status is not Status.PROVED
    assert "kernel inconsistency" not in v.explain() and "not the strict" in v.explain(), v.explain()


def test_substitution_of_an_inequality_gives_no_equality_link():
    # chains.py: substitute(x <= y) "proved" the link -x = -y (the derivative's sign was checked as for >=)
    d = Derivation("inequality_eq_link", given=[x <= y], start=-x).eq(-y, by=substitute(x <= y))
    v = verdict(d)
    assert v.status is not Status.PROVED
    assert "kernel inconsistency" not in v.explain(), v.explain()


def test_induction_does_not_cover_negative_integers():
    # induction_proof.py: induction from 0 on an integer k (negative allowed) proved D(k) <= D(0) for all k. Was proved.
    v = verdict(Claim("induction_negative_k", given=[forall(j, D(j + 1) <= D(j))], show=D(k) <= D(0),
                      by=induction(k)))
    assert v.status is not Status.PROVED
    assert "covers only k >= 0" in v.explain()


def test_induction_with_hypothesis_about_k_still_proves_true_claims():
    # the corrected step (hypotheses at k + 1, induction hypothesis as an implication) still works; the
    # base case at 1 uses the schema at 0 (below the induction's start, at or above the schema's)
    claim = Claim("shifted", given=[forall(j, D(j + 1) <= D(j)), n >= 1], show=D(n) <= D(0), by=induction(n, 1))
    assert verdict(claim, 10).status is Status.PROVED
    claim = Claim("shifted_upper", given=[forall(j, D(j + 1) <= D(j)), n <= 5], show=D(n) <= D(0), by=induction(n))
    assert verdict(claim, 10).status is Status.PROVED


def test_use_inside_domain_still_proved():
    claim = Claim("use_inside_domain", given=[use(amgm_recip, {a: b + 1})], show=b + 1 + 1 / (b + 1) >= 2)
    assert verdict(claim).status is Status.PROVED


def test_substitution_away_from_pole_still_proved():
    d = Derivation("away_from_pole", given=[x <= y, x > C], start=1 / (x - C)).ge(1 / (y - C), by=substitute(x <= y))
    v = verdict(d, 10)
    assert v.status is Status.PROVED, v.explain()
    assert "continuity" not in v.message


def test_guarded_counterexamples_are_refuted_exactly():
    # exact.py: Or/Implies are decided by an argument that settles them, even where another is undefined
    claim = Claim("or_guarded_sqrt", given=[sp.Or(x < 0, sp.sqrt(x) >= 2)], show=x >= 4)
    v = verdict(claim)
    assert v.status is Status.REFUTED
    assert holds(sp.Or(x < 0, sp.sqrt(x) >= 2), {x: sp.Integer(-1)}) is True
    assert holds(sp.Implies(sp.Ne(x, C), 1 / (x - C) >= 1), {x: C}) is True


# -- tricky but handled ----------------------------------------------------------------------------------

TRICKY = [
    # the quadratic Taylor polynomial is below exp only for x >= 0
    (Claim("exp_quadratic_below_everywhere", show=sp.exp(x) >= 1 + x + x**2 / 2), NOT_PROVED),
    # the cubic one (odd degree) is below exp everywhere
    (Claim("exp_cubic_below", show=sp.exp(x) >= 1 + x + x**2 / 2 + x**3 / 6), NOT_REFUTED),
    # the quadratic one is above exp for x <= 0, and below it for x >= 0
    (Claim("exp_quadratic_above_neg", given=[x <= 0], show=sp.exp(x) <= 1 + x + x**2 / 2), NOT_REFUTED),
    (Claim("exp_quadratic_above_pos", given=[x >= 0], show=sp.exp(x) <= 1 + x + x**2 / 2), NOT_PROVED),
    # exp(x) >= 1 + x is tight at 0: the strict version is false
    (Claim("exp_tangent_strict", show=sp.exp(x) > 1 + x), NOT_PROVED),
    # log(1 + t) >= t - t^2/2 holds for t >= 0 only
    (Claim("log_lower_below_one", given=[a < 1], show=sp.log(a) >= (a - 1) - (a - 1)**2 / 2), NOT_PROVED),
    (Claim("log_upper", show=sp.log(a) <= a - 1), NOT_REFUTED),
    (Claim("log_lower", show=sp.log(a) >= 1 - 1 / a), NOT_REFUTED),
    # erf is increasing but not strictly across equal arguments
    (Claim("erf_monotone_strict", given=[x <= y], show=sp.erf(x) < sp.erf(y)), NOT_PROVED),
    (Claim("erf_monotone", given=[x <= y], show=sp.erf(x) <= sp.erf(y)), NOT_REFUTED),
    (Claim("erf_bounded", show=sp.erf(x) < 1), NOT_REFUTED),
    # the cube root is below x only for x >= 1; above it on [0, 1]
    (Claim("cube_root_above", given=[xn >= 1], show=xn ** sp.Rational(1, 3) >= xn), NOT_PROVED),
    (Claim("cube_root_below", given=[xn >= 1], show=xn ** sp.Rational(1, 3) <= xn), NOT_REFUTED),
    # x**(-3/2) is decreasing: the old translation read it as sqrt(x)
    (Claim("power_minus_three_halves_bound", given=[xn >= 1], show=xn ** sp.Rational(-3, 2) <= 1), NOT_REFUTED),
    # irrational constants equal exactly: the exact re-check must not call them different
    (Claim("log_ratio_exact", given=[a <= 2], show=sp.Eq(a * sp.log(8) / sp.log(2), 3 * a)), NOT_REFUTED),
    (Claim("nested_radical", given=[a <= 2],
           show=sp.Eq(a * sp.sqrt(5 + 2 * sp.sqrt(6)), a * (sp.sqrt(2) + sp.sqrt(3)))), NOT_REFUTED),
    # the relation's sides agree up to 1e-16 relative: floats cannot tell, exact arithmetic must
    (Claim("near_miss", given=[a >= 1], show=a * (1 + sp.Rational(1, 10**16)) > a), NOT_REFUTED),
    # 1/x^2 is undefined at 0; where defined it is positive
    (Claim("reciprocal_square", show=1 / x**2 > 0), NOT_REFUTED),
    # a hypothesis y = 1/x excludes x = 0
    (Claim("reciprocal_hyp", given=[sp.Eq(y, 1 / x)], show=sp.Eq(x * y, 1)), NOT_REFUTED),
    # integers: k^2 >= k is false on (0, 1) but true on the integers
    (Claim("int_square", show=k**2 >= k), NOT_REFUTED),
    # no integer lies strictly between 0 and 1: the claim is vacuous, hence true
    (Claim("int_vacuous", given=[k > 0, k < 1], show=k >= 5), NOT_REFUTED),
    # sqrt(x^2) is |x|, not x, for a real x
    (Claim("sqrt_square", show=sp.Eq(sp.sqrt(x**2), x)), NOT_PROVED),
    # Abs and Max/Min are exact z3 terms
    (Claim("triangle", show=sp.Abs(x + y) <= sp.Abs(x) + sp.Abs(y)), NOT_REFUTED),
    (Claim("triangle_reversed", show=sp.Abs(x + y) >= sp.Abs(x) + sp.Abs(y)), NOT_PROVED),
    (Claim("min_above_mean", show=sp.Min(x, y) >= (x + y) / 2), NOT_PROVED),
    # Ne: exp never vanishes, x^2 does
    (Claim("exp_nonzero", show=sp.Ne(sp.exp(x), 0)), NOT_REFUTED),
    (Claim("square_nonzero", show=sp.Ne(x**2 + x, 0)), NOT_PROVED),
    # exp(u) exp(-u) = 1 is a fact only for opposite arguments
    (Claim("exp_product", given=[x + y >= 0], show=sp.exp(x) * sp.exp(y) >= 1), NOT_REFUTED),
    (Claim("exp_product_wrong", given=[x + y >= -1], show=sp.exp(x) * sp.exp(y) >= 1), NOT_PROVED),
    # boolean goals: a disjunction that holds, and a conjunction with a false part
    (Claim("or_goal", show=sp.Or(x >= 1, x <= 1)), NOT_REFUTED),
    (Claim("and_goal", given=[x >= 0], show=sp.And(x >= 0, x <= 1)), NOT_PROVED),
    # a Piecewise whose branch guards a pole: true everywhere, the pole never reached
    (Claim("piecewise_guard_true", given=[x >= 0], show=sp.Piecewise((1 / x, x > 0), (0, True)) >= 0), NOT_REFUTED),
    # q^k with a symbolic exponent is opaque: 2^k >= k + 1 needs induction, never a z3 "proof" for reals
    (Claim("pow_symbolic_false", given=[a >= 1], show=2**a >= 2 * a), NOT_PROVED),
    # induction: a wrong closed form of a geometric sum
    (Claim("geometric_wrong", show=sp.Eq(sp.Sum(2**j, (j, 0, n - 1)), 2**n), by=induction(n)), NOT_PROVED),
    (Claim("geometric_right", show=sp.Eq(sp.Sum(2**j, (j, 0, n - 1)), 2**n - 1), by=induction(n)), NOT_REFUTED),
]


@pytest.mark.parametrize("claim,want", TRICKY, ids=lambda c: getattr(c, "name", ""))
def test_tricky_cases(claim, want):
    v = verdict(claim)
    if want == NOT_PROVED:
        assert v.status is not Status.PROVED, v.explain()
        if v.status is Status.REFUTED:
            assert_counterexample_is_real(claim, v)
    else:
        assert v.status is not Status.REFUTED, v.explain()
    assert "kernel inconsistency" not in v.message, v.explain()


def test_derivation_stated_conclusion_must_follow():
    # a chain of <= links cannot establish a stated strict <
    d = Derivation("stated_strict", given=[a <= b], start=a, show=a < b).le(b, by="given")
    assert verdict(d).status is Status.ERROR


def test_use_with_unmet_hypothesis_is_not_proved():
    lemma = Claim("sq_mono", given=[x <= y, x >= 0], show=x**2 <= y**2)
    claim = Claim("sq_mono_bad", given=[use(lemma, {x: -b, y: b})], show=b**2 <= b**2 + 1)
    v = verdict(claim)
    assert v.status in (Status.BLOCKED, Status.UNKNOWN, Status.TESTED), v.explain()


# -- found in the review of automatic induction, exhaustion, exp/log facts ------------------------------

xr = sp.Symbol("xr", real=True)
jn = sp.Symbol("jn", integer=True, nonnegative=True)


def test_cases_does_not_refute_with_a_dropped_schema():
    # cases.py: instances drop the schemas, so z3 gave the model xr = -1 at k = 1, which violates the
    # schema (xr + jn >= 0 for every jn >= 0); the kernel's re-check does not see schemas. Was refuted.
    claim = Claim("cases_dropped_schema", given=[forall(jn, xr + jn >= 0), k >= 0, k <= 2], show=xr * k >= 0)
    v = verdict(claim)
    assert v.status is not Status.REFUTED, v.explain()


def test_induction_refuses_a_schema_that_mentions_the_variable():
    # induction_proof.py: the step used the schema with n unshifted (D(n+1) <= D(n) + n - n) and the
    # induction hypothesis without the schema at n; the claim fails at n = 1 with D(1) = D(0) + 1.
    # Was proved (cited and automatic induction; the attack then reported a kernel inconsistency).
    for claim in [Claim("schema_mentions_n", given=[forall(jn, D(jn + 1) <= D(jn) + n - jn)], show=D(n) <= D(0),
                        by=induction(n)),
                  Claim("schema_mentions_n_auto", given=[forall(jn, D(jn + 1) <= D(jn) + n - jn)],
                        show=D(n) <= D(0) + 1 - 2**(-n))]:
        v = verdict(claim)
        assert v.status is not Status.PROVED, v.explain()
        assert "kernel inconsistency" not in v.message, v.explain()


def test_huge_powers_stay_unevaluated_inside_products():
    # exact.py: each huge power was left unevaluated, but rebuilding their product let sympy combine
    # a**x * a**y into a**(x + y) and expand it exactly: check(a**x a**y = a**(x+y)) never returned
    # (the attack re-checked x, y ~ 10**6 in uninterruptible C code). Was a hang.
    from verify.core.exact import substitute_values

    point = {a: sp.Rational(3, 2), x: sp.Integer(30000), y: sp.Integer(30000)}
    value = substitute_values(a**x * a**y, point)
    assert not value.is_Rational, "the product was expanded exactly"
    assert holds(sp.Eq(a**x * a**y, a**(x + y)), point) is not False
    assert holds(a**x * a**y > a**(x + y) / 2, point) is True


def test_rechecked_points_are_not_unsettled_violations():
    # attack/scalar.py: Nelder-Mead's end point was passed on as a violation of 1.0 whatever it was, and a
    # point already re-checked exactly (k = 2 here) counted as "never re-checked": this true claim came
    # out unknown, "no time to re-check any exactly", after 0.8 of 4 seconds. Was unknown.
    claim = Claim("rechecked_not_unsettled", given=[k <= 2], show=sp.Rational(1, 2)**k >= sp.Rational(1, 4))
    v = verdict(claim)
    assert v.status in (Status.TESTED, Status.PROVED), v.explain()


# -- continuous time and asymptotics: ODE-solver experiments and width sweeps (theorems/gradient_flow.py, ntk.py) --

def _comparison_experiment(name, sign, rel_tol=1e-7, instances=None):
    """Gronwall's bound u(t) <= u(0) exp(sign * int_0^t p) on u' = p u - kappa e^{P}, solved by solve_ivp and
    re-checked against the closed form u(t) = e^{P(t)} (u0 - kappa t); sign = +1 is Gronwall, -1 is false."""
    from fractions import Fraction

    import mpmath
    import numpy as np

    from verify.experiments import Experiment
    from verify.solvers.comparison import scalar_comparisons
    from verify.solvers.precision import mpf

    times = [Fraction(j, 2) for j in range(1, 5)]

    def trajectory(inst):
        u = inst.solve([0.0] + [float(t) for t in times])[1:]
        bound = [float(inst.u0) * np.exp(sign * inst.P(float(t))) for t in times]
        return [a - c for a, c in zip(u, bound)], [0.0] * len(times), max(map(abs, bound)) + 1.0

    def exact(inst):
        out = []
        with mpmath.workdps(50):
            for t in times:
                u, gronwall = inst.exact(t)
                out.append(u - mpf(inst.u0) * mpmath.exp(sign * mpmath.log(gronwall / mpf(inst.u0)))
                           if inst.u0 != 0 else u)
            return out, [0] * len(times), max(abs(v) for v in out) + 1

    instances = scalar_comparisons() if instances is None else instances
    return Experiment(name, instances=instances, trajectory=trajectory, exact=exact,
                      describe=lambda i: {k: str(v) for k, v in vars(i).items()}, max_examples=30, first_iterate=1,
                      rel_tol=rel_tol), times


def _closed_form_violation(cx, times, sign):
    """Independent 60-digit re-check of a reported Gronwall counterexample: u(t_k) > u(0) e^{sign P(t_k)}."""
    from fractions import Fraction

    import mpmath

    with mpmath.workdps(60):
        al, be, om, ka, u0 = (mpmath.mpf(Fraction(cx[k]).numerator) / Fraction(cx[k]).denominator
                              for k in ("alpha", "beta", "omega", "kappa", "u0"))
        t = mpmath.mpf(times[cx["iterate"] - 1].numerator) / times[cx["iterate"] - 1].denominator
        P = al * t + be * (1 - mpmath.cos(om * t)) / om
        return mpmath.exp(P) * (u0 - ka * t) - u0 * mpmath.exp(sign * P)


def test_gronwall_holds_and_its_sign_flipped_twin_is_refuted_exactly():
    true_exp, _ = _comparison_experiment("gronwall_true", +1)
    assert true_exp.run(seed=0).status is Status.TESTED
    false_exp, times = _comparison_experiment("gronwall_sign_flipped", -1)
    v = false_exp.run(seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert _closed_form_violation(v.counterexample, times, -1) > 1e-30


def test_solver_noise_on_a_tight_bound_is_not_a_counterexample():
    # kappa = 0: u(t) equals Gronwall's bound exactly, so solve_ivp's rounding exceeds it by ~1e-10; with no
    # float tolerance every such excess goes to the exact re-check, which must reject it.
    from fractions import Fraction

    from hypothesis import strategies as st

    from verify.solvers.comparison import ScalarComparison

    tight = st.builds(ScalarComparison, alpha=st.fractions(-2, 2, max_denominator=8),
                      beta=st.fractions(-2, 2, max_denominator=8), omega=st.fractions(1, 3, max_denominator=4),
                      kappa=st.just(Fraction(0)), u0=st.fractions(-3, 3, max_denominator=8))
    exp, _ = _comparison_experiment("gronwall_tight", +1, rel_tol=0.0, instances=tight)
    v = exp.run(seed=0)
    assert v.status is Status.TESTED, v.explain()
    assert v.evidence[0].data["unconfirmed_float_violations"] > 0      # float excesses were seen and rejected


def test_lemma2_rate_doubled_is_refuted_on_an_exact_flow():
    from theorems.gradient_flow import _describe_flow, _lemma2_exact, _lemma2_trajectory
    from verify.experiments import Experiment
    from verify.solvers.comparison import kernel_flows

    def run(rate):
        return Experiment(f"lemma2_rate_{rate}", instances=kernel_flows(),
                          trajectory=lambda i: _lemma2_trajectory(i, rate), exact=lambda i: _lemma2_exact(i, rate),
                          describe=_describe_flow, max_examples=15, first_iterate=1, rel_tol=1e-7).run(seed=0)

    assert run(2).status is Status.TESTED
    v = run(4)                       # R(z(t)) <= R(z(0)) e^{-4 lambda t}: false when Q(t) = lambda I
    assert v.status is Status.REFUTED, v.explain()


@pytest.mark.parametrize("factor,status", [(1, "tested"), (2, "refuted")])
def test_kernel_flow_derivative_bound_twins(factor, status):
    from verify import Matrix, Vector, inner, lambda_min, norm

    lam = sp.Symbol("lambda", positive=True)
    Q, e = Matrix("Q", 2, 2, structure="psd"), Vector("e", 2)
    claim = Claim(f"lemma2_derivative_x{factor}", given=[lambda_min(Q) >= lam],
                  show=inner(-Q * e, e) <= -2 * factor * lam * norm(e) ** 2 / 2)
    v = check(claim, seconds=10, seed=0)
    assert v.status.value == status, v.explain()
    if status == "refuted":      # re-check by hand in rationals: Q PSD with lambda_min >= lambda, bound fails
        Qv = sp.Matrix(v.counterexample["Q"])
        ev = sp.Matrix(v.counterexample["e"])
        lv = sp.sympify(v.counterexample["lambda"])
        assert Qv == Qv.T and min(Qv.eigenvals()) >= lv
        assert (-(ev.T * Qv * ev)[0, 0]) > -2 * factor * lv * (ev.T * ev)[0, 0] / 2


@pytest.mark.parametrize("numerator,status", [(2, "tested"), (1, "refuted")])
def test_anti_concentration_twins(numerator, status):
    rho = sp.Symbol("rho", positive=True)
    claim = Claim(f"anti_concentration_{numerator}",
                  show=sp.erf(rho / sp.sqrt(2)) <= numerator * rho / sp.sqrt(2 * sp.pi))
    v = verdict(claim)
    assert v.status.value == status, v.explain()
    if status == "refuted":
        assert_counterexample_is_real(claim, v)


@pytest.mark.parametrize("name", ["arccos_as_written", "relu_smoothness_as_written", "h_formula_as_written",
                                  "output_layer_second_derivative_as_written", "least_squares_recurrence_as_written"])
def test_ntk_errata_counterexamples_are_real(name):
    import theorems.gradient_flow as gf
    import theorems.ntk as ntk

    claim = getattr(ntk, name, None) or getattr(gf, name)
    v = check(claim, seconds=10, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    if not any(hasattr(s, "shape") for s in claim.symbols()):   # scalar claims: re-check with exact.holds
        assert_counterexample_is_real(claim, v)


@pytest.mark.parametrize("claimed,bound,expected", [(-0.5, "rate", {"tested"}), (-0.5, "at most", {"tested"}),
                                                     (-1.5, "rate", {"refuted"}), (0.5, "at most", {"tested"}),
                                                     (-1.5, "at most", {"refuted"})])
def test_width_sweeps_never_prove_and_refute_only_far_exponents(claimed, bound, expected):
    # ||H(0) - H*||_F decays like m^(-1/2) (Hoeffding); a claimed -1/2 must survive every seed, a claimed
    # -3/2 must be refuted, an O(m^(1/2)) upper bound is true; nothing is ever proved.
    from theorems.ntk import _init_gap
    from verify.solvers.scaling import ScalingExperiment

    for seed in range(3):
        exp = ScalingExperiment("init_gap", _init_gap, (100, 400, 1600, 6400), claimed, seeds=6, bound=bound)
        v = exp.run(seed=seed)
        assert v.status.value in expected, v.explain()
