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
    # (refuted since Farkas no longer crashes on the constant 0 > 0 left after D(x) = y; it was error)
    assert "kernel inconsistency" not in v.explain(), v.explain()
    assert "not the strict" in v.explain() or v.status is Status.REFUTED, v.explain()


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
    # grounding k also at negative values refutes it (D(-1) = 2 > D(0) = 1; the schema is about j >= 0 only)
    assert v.status is Status.REFUTED or "covers only k >= 0" in v.explain()


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
    claim = Claim("sq_mono_bad", given=[use(lemma, {x: -b, y: b})], show=sp.Le(b**2, b**2 + 1, evaluate=False))
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


# -- sympy's rewrites are candidates, not proofs; fresh z3 names; integers covered (issue 8: 3, 4, 5) --

ni = sp.Symbol("ni", integer=True)                      # an integer of either sign
ki = sp.Symbol("ki", integer=True)
nn, kn = sp.symbols("nn kn", integer=True, nonnegative=True)
ii = sp.Symbol("ii", integer=True)                      # a sum's index
pr = sp.Symbol("pr", real=True)
pn = sp.Symbol("pn", nonnegative=True)
pp = sp.Symbol("pp", positive=True)
CLOSE = sp.Rational(1234567, 1000)
TINY = sp.Rational(1, 10**20)


def test_simplify_is_a_candidate_not_a_proof():
    # deciders/algebra.py: 'identity' proved binomial symmetry for all integers by simplify (sympy rewrites
    # it through gamma functions); sympy itself gives binomial(-1, 0) = 1 and binomial(-1, -1) = 0.
    # Was proved; now the exact cross-check refutes it. Its twin on 0 <= k <= n is true.
    false = Claim("binomial_symmetry_all_integers", show=sp.Eq(sp.binomial(ni, ki), sp.binomial(ni, ni - ki)))
    v = verdict(false)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(false, v)
    assert sp.binomial(-1, 0) == 1 and sp.binomial(-1, -1) == 0  # the failure, by sympy's own values
    true = Claim("binomial_symmetry", given=[kn <= nn], show=sp.Eq(sp.binomial(nn, kn), sp.binomial(nn, nn - kn)))
    v = verdict(true)
    assert v.status is not Status.REFUTED, v.explain()
    if v.status is Status.PROVED and "simplify" in str(v.evidence):
        assert "cross-checked exactly at" in str(v.evidence), v.explain()


def test_closed_forms_of_sums_are_rechecked_at_the_least_bound():
    # kernel.run_deciders: sympy's closed form of sum_i (-1)^i C(n-9, i) is 0, wrong at n = 9 (the sum is
    # C(0, 0) = 1), and the attack grounded n at 0..8, 10, 12, ... (never 9). Was proved.
    body = (-1) ** ii * sp.binomial(nn - 9, ii)
    false = Claim("alternating_binomials_from_9", given=[nn >= 9], show=sp.Eq(sp.Sum(body, (ii, 0, nn - 9)), 0))
    v = verdict(false)
    assert v.status is Status.REFUTED, v.explain()
    assert v.counterexample == {"nn": 9}, v.explain()
    assert_counterexample_is_real(false, v)
    true = Claim("alternating_binomials_from_10", given=[nn >= 10], show=sp.Eq(sp.Sum(body, (ii, 0, nn - 9)), 0))
    v = verdict(true)
    assert v.status is not Status.REFUTED, v.explain()


@pytest.mark.parametrize("internal", ["_sqrt1", "_inv1", "_atom1"])
def test_user_symbols_do_not_collide_with_z3_internal_names(internal):
    # deciders/smt.py: a user symbol named like a fresh z3 variable (_sqrt1 for sqrt(p)) was the same z3
    # constant, so Or(sqrt(p) >= w, (w - c)**2 >= 1e-20) was proved; false at p = 1, w = c. Was proved.
    w = sp.Symbol(internal)
    term = {"_sqrt1": sp.sqrt(pn), "_inv1": 1 / pp, "_atom1": sp.exp(pr)}[internal]
    false = Claim(f"collide_{internal}", show=sp.Or(term >= w, (w - CLOSE) ** 2 >= TINY))
    v = verdict(false)
    assert v.status is not Status.PROVED, v.explain()
    if v.status is Status.REFUTED:
        assert_counterexample_is_real(false, v)
    true = Claim(f"collide_{internal}_true", show=sp.Or(term >= w, w > 0, w >= term))
    v = verdict(true)
    assert v.status is not Status.REFUTED, v.explain()


def test_index_grounding_reaches_far_values():
    # attack/__init__.py: the harmonic sum exceeds 6 first at n = 227; grounding stopped at n = 100. Was tested.
    false = Claim("harmonic_below_6", given=[nn >= 1], show=sp.Sum(1 / ii, (ii, 1, nn)) <= 6)
    v = verdict(false)
    assert v.status is Status.REFUTED, v.explain()
    assert v.counterexample["nn"] >= 227
    assert_counterexample_is_real(false, v)
    true = Claim("harmonic_below_n", given=[nn >= 1], show=sp.Sum(1 / ii, (ii, 1, nn)) <= nn)
    assert verdict(true).status is not Status.REFUTED


def test_index_grounding_starts_at_the_least_allowed_value():
    # attack/__init__.py: under n >= 9 the grounding skipped 0..8 and then tried 10, 12, 16, ...
    false = Claim("sum_only_wrong_at_9", given=[nn >= 9], show=sp.Sum(ii, (ii, 9, nn)) > 9)
    v = verdict(false)
    assert v.status is Status.REFUTED, v.explain()
    assert v.counterexample == {"nn": 9}, v.explain()
    true = Claim("sum_right_from_9", given=[nn >= 9], show=sp.Sum(ii, (ii, 9, nn)) >= 9)
    assert verdict(true).status is not Status.REFUTED


def test_integer_claims_get_an_exact_grid():
    # attack/scalar.py: integer-only claims are checked exactly on every value from the least allowed one
    # (C(39, 2) = 741 is the one value where this fails; scipy's binom is NaN at negative arguments)
    false = Claim("binomial_never_741", given=[nn >= 20], show=sp.Ne(sp.binomial(nn, 2), 741))
    v = verdict(false)
    assert v.status is Status.REFUTED, v.explain()
    assert v.counterexample == {"nn": 39}, v.explain()
    true = Claim("binomial_never_742", given=[nn >= 20], show=sp.Ne(sp.binomial(nn, 2), 742))
    assert verdict(true).status is not Status.REFUTED


def test_a_huge_sum_ends_within_the_budget():
    # attack/scalar.py: lambdify printed Sum(k**k, (k, 1, 30000)) and sympy's printer ran Euler-Maclaurin on
    # it without a time limit. Was a hang (past 45 s); now unknown (or decided) within the budget.
    import time

    claim = Claim("huge_sum", show=sp.Gt(sp.Sum(ii**ii, (ii, 1, 30000)), 1, evaluate=False))
    t0 = time.monotonic()
    v = check(claim, seconds=4, seed=0)
    assert time.monotonic() - t0 < 12, v.explain()
    assert v.status is not Status.REFUTED, v.explain()


def test_a_huge_factorial_typed_in_the_shell_ends_within_the_budget():
    # parsing.py: factorial(10**7) was computed exactly while parsing (minutes in C code). It stays
    # unevaluated now and the claim is decided (or unknown) within the budget. Was a hang.
    import time

    from verify.parsing import parse

    t0 = time.monotonic()
    show = parse("factorial(10**7) > 1")
    v = check(Claim("huge_factorial", show=show), seconds=4, seed=0)
    assert time.monotonic() - t0 < 12, v.explain()
    assert v.status is not Status.REFUTED, v.explain()
    assert parse("factorial(5)") == 120
# -- matrix counterexamples stay in their domain; entry symbols are fresh (issue 8, items 2 and 6) -----

from verify import Matrix as _Mat, Vector as _Vec, eye as _eye  # noqa: E402
from verify.core import linalg as _la  # noqa: E402

_P1 = _Mat("P", 3, 3, structure="psd", rank=1)
_R1, _R2 = _Mat("R", 3, 4, rank=1), _Mat("R", 3, 4, rank=2)
_S1 = _Mat("S", 3, 3, structure="symmetric", rank=1)
_D2, _D = _Mat("D", 3, 3, structure="diagonal", rank=2), _Mat("D", 3, 3, structure="diagonal")
_A2, _B2, _C2 = _Mat("A", 2, 2), _Mat("B", 2, 2), _Mat("C", 2, 2)
_A3 = _Mat("A", 3, 3, structure="psd")
_M3, _z3, _x3 = _Mat("M", 3, 3), _Vec("z", 3), _Vec("x", 3)
_u3 = _Vec("u", 3, structure="unit")
_x1, _x_0 = _Vec("x", 1), sp.Symbol("x_0", real=True)
_A_0 = _Vec("A_0", 2)
_dim = sp.Symbol("d", integer=True, positive=True)
_TINY = sp.Rational(1, 10**12)
_NEEDLE = sp.Max(0, 1 - 10**20 * sp.Abs(_x_0 - sp.Rational(1234567, 1000)))


def _real_key(root):
    """Sort key of a real eigenvalue that sympy writes with radicals of complex numbers."""
    return sp.re(sp.N(root, 60))


def _explicit(e):
    """The exact value of a scalar or matrix expression whose variables are already explicit matrices."""
    if isinstance(e, sp.MatrixBase):
        return sp.Matrix(e).applyfunc(_explicit)
    if isinstance(e, sp.matrices.expressions.matexpr.MatrixExpr) and not isinstance(e, sp.MatrixSymbol):
        if isinstance(e, sp.matrices.expressions.matexpr.MatrixElement):
            return _explicit(e.args[0])[int(e.args[1]), int(e.args[2])]
        return sp.Matrix(e.func(*[_explicit(a) if isinstance(a, sp.Basic) else a for a in e.args]).as_explicit())
    if isinstance(e, _la.Norm):
        return sp.sqrt(sum(c**2 for c in _explicit(e.args[0])))
    if isinstance(e, _la.Tr):
        return _explicit(e.args[0]).trace()
    if isinstance(e, _la.Inner):
        return sum(p * q for p, q in zip(_explicit(e.args[0]), _explicit(e.args[1])))
    if isinstance(e, (_la.LambdaMin, _la.LambdaMax)):
        m = _explicit(e.args[0])
        eigs = sorted(sp.Matrix((m + m.T) / 2).eigenvals(), key=_real_key)
        return eigs[0] if isinstance(e, _la.LambdaMin) else eigs[-1]
    if isinstance(e, (_la.OpNorm, _la.SigmaMax, _la.SigmaMin)):
        m = _explicit(e.args[0])
        gram = m.T * m if m.shape[1] <= m.shape[0] else m * m.T
        eigs = sorted(gram.eigenvals(), key=_real_key)
        return sp.sqrt(eigs[0] if isinstance(e, _la.SigmaMin) else eigs[-1])
    if not e.args:
        return e
    return e.func(*[_explicit(a) for a in e.args])


def _in_domain(sym, m) -> bool:
    """The declared structure and rank of a vector/matrix variable, checked with sympy's own tools."""
    structure = getattr(sym, "structure", "general")
    if structure in ("symmetric", "psd") and m != m.T:
        return False
    if structure == "psd" and not m.is_positive_semidefinite:
        return False
    if structure == "diagonal" and not m.is_diagonal():
        return False
    if structure == "orthogonal" and m.T * m != sp.eye(m.shape[0]):
        return False
    if structure == "unit" and (m.T * m)[0, 0] != 1:
        return False
    return getattr(sym, "rank", None) is None or m.rank() <= int(sym.rank)


def assert_matrix_counterexample_is_real(claim: Claim, v) -> None:
    """Independent re-check of a vector/matrix counterexample: every variable exactly in its declared
    domain, every hypothesis true and the conclusion false there (sympy's eigenvalues, exact)."""
    assert v.status is Status.REFUTED, v.explain()
    names = {s.name: s for s in claim.symbols()}
    dims = {names[k]: sp.Integer(val) for k, val in v.counterexample.items()
            if not isinstance(names[k], sp.MatrixSymbol) and any(names[k] in m.free_symbols for m in names.values()
                                                                  if isinstance(m, sp.MatrixSymbol))}
    values = {}
    for key, val in v.counterexample.items():
        sym = names[key]
        if isinstance(sym, sp.MatrixSymbol):
            m = sp.Matrix(val) if isinstance(val[0], list) else sp.Matrix(len(val), 1, val)
            assert all(c.is_Rational for c in m), (key, val)
            assert m.shape == tuple(int(sp.sympify(s).xreplace(dims)) for s in sym.shape), (key, val)
            assert _in_domain(sym, m), (key, val)
            values[sym] = sp.ImmutableMatrix(m)
        elif sym not in dims:
            values[sym] = sp.sympify(val)

    def value(rel):
        return _explicit(rel.xreplace(values).xreplace(dims)) if isinstance(rel, sp.Basic) else rel
    for h in claim.given:
        if isinstance(h, sp.Basic):
            assert holds(value(h), {}) is True, (h, v.counterexample)
    assert holds(value(claim.show), {}) is False, (claim.show, v.counterexample)


_tr_cyc = Claim("trace_cyclic_2x2", show=sp.Eq(_la.trace(_B2 * _C2), _la.trace(_C2 * _B2)))
_entry_bound = Claim("entry_below_frobenius", show=_B2[0, 0] ** 2 <= _la.norm(_B2) ** 2)

MATRIX_DOMAIN_TRUE = [
    # matrix_check.py: the rank bound was never re-checked, and the local search filled in the zeroed
    # eigenvalues. Was refuted at P = 2 I (rank 3).
    Claim("rank1_psd_trace_is_lambda_max", show=sp.Eq(_la.trace(_P1), _la.lambda_max(_P1))),
    Claim("rank1_frobenius_is_op_norm", show=_la.norm(_R1) ** 2 <= _la.op_norm(_R1) ** 2),
    Claim("rank1_symmetric_frobenius_is_op_norm", show=sp.Eq(_la.norm(_S1), _la.op_norm(_S1))),
    Claim("rank2_diagonal_trace", show=sp.Abs(_la.trace(_D2)) <= 2 * _la.op_norm(_D2)),
    # entries.py: the entries of x (and of A) were named x_0 (A_0_0, A_0_1, ...), the names of the user's
    # scalar x_0 (of the entries of the vector A_0). The true twins of the false claims below.
    Claim("vector_and_scalar_amgm", show=_la.norm(_x1) ** 4 + _x_0 ** 4 >= 2 * _x_0 ** 2 * _la.norm(_x1) ** 2),
    Claim("matrix_and_vector_named_alike", show=sp.Ge(_la.norm(_A2) ** 2 + _la.norm(_A_0) ** 2, _la.norm(_A_0) ** 2, evaluate=False)),
    Claim("vector_and_scalar_needle_bounded", show=_la.norm(_x1) ** 2 + _x_0 ** 2 >= _x_0 ** 2 * _NEEDLE),
    # rules.py: use() with matrix keys raised out of check() (LinalgError / NotImplementedError / TypeError).
    Claim("use_trace_cyclic_with_matrices", given=[use(_tr_cyc, {_B2: _A2, _C2: _A2.T})],
          show=sp.Eq(_la.trace(_A2 * _A2.T), _la.trace(_A2.T * _A2))),
    Claim("use_entry_lemma_with_matrices", given=[use(_entry_bound, {_B2: _A2})],
          show=_A2[0, 0] ** 2 <= _la.norm(_A2) ** 2),
    # deciders/algebra.py: cancel/simplify of a matrix argument raised TypeError. Was error.
    Claim("householder_op_norm", show=sp.Eq(_la.op_norm(_eye(3) - 2 * _u3 * _u3.T), 1)),
    Claim("projection_op_norm", show=sp.Eq(_la.op_norm(_eye(3) - _u3 * _u3.T), 1)),
    # the true twins of the misses below
    Claim("trace_eye_at_most_its_bound", given=[_dim <= 50], show=_la.trace(_eye(_dim)) <= 50),
    Claim("trace_eye_at_lower_bound", given=[_dim >= 7], show=_la.trace(_eye(_dim)) >= 7),
    Claim("sigma_min_tiny_tight", given=[_la.sigma_min(_M3) >= _TINY],
          show=_la.norm(_M3 * _z3) >= _TINY * _la.norm(_z3)),
    Claim("psd_trace_gives_lambda_max", given=[_la.trace(_A3) >= 1], show=_la.lambda_max(_A3) >= sp.Rational(1, 3)),
]

MATRIX_DOMAIN_FALSE = [
    Claim("rank1_psd_trace_above_lambda_max", show=_la.trace(_P1) > _la.lambda_max(_P1)),
    Claim("rank2_frobenius_is_op_norm", show=_la.norm(_R2) ** 2 <= _la.op_norm(_R2) ** 2),
    Claim("rank3_diagonal_trace", show=sp.Abs(_la.trace(_D)) <= 2 * _la.op_norm(_D)),
    # entries.py: were proved (the scalar was conflated with an entry); false at x = [0], x_0 = 1
    # (A = 0, A_0 = [1, 0]).
    Claim("vector_entry_is_not_scalar", show=_la.norm(_x1) ** 2 >= _x_0 ** 2),
    Claim("matrix_entries_are_not_vector", show=_la.norm(_A2) ** 2 >= _la.norm(_A_0) ** 2),
    # the issue's claim: false only at x_0 = 1234567/1000 (and x = [0], or any x with x^2 < x_0^2); the
    # matrix attack now also tries the claim's own numbers for its scalars (matrix_sample.plant_constants)
    Claim("vector_and_scalar_needle", show=_la.norm(_x1) ** 2 >= _x_0 ** 2 * _NEEDLE),
    Claim("use_trace_cyclic_wrong_conclusion", given=[use(_tr_cyc, {_B2: _A2, _C2: _A2.T})],
          show=sp.Eq(_la.trace(_A2 * _A2.T), _la.trace(_A2 * _A2))),
    Claim("use_entry_lemma_wrong_conclusion", given=[use(_entry_bound, {_B2: _A2})],
          show=_A2[0, 0] ** 2 >= _la.norm(_A2) ** 2),
    Claim("reflection_of_a_non_unit_vector", show=sp.Eq(_la.op_norm(_eye(3) - 2 * _x3 * _x3.T), 1)),
    Claim("triple_reflection_op_norm", show=sp.Eq(_la.op_norm(_eye(3) - 3 * _u3 * _u3.T), 1)),
    # matrix_world.py: dimensions were tried up to 50 only, never at the bounds of the hypotheses. Was tested.
    Claim("trace_eye_below_50", show=_la.trace(_eye(_dim)) <= 50),
    Claim("trace_eye_above_lower_bound", given=[_dim >= 7], show=_la.trace(_eye(_dim)) >= 8),
    # matrix_scaling.py: sigma_min(M) >= 10^-12 was never made tight (scales 10^-4..10^4 only). Was tested.
    Claim("sigma_min_tiny_not_ten_times", given=[_la.sigma_min(_M3) >= _TINY],
          show=_la.norm(_M3 * _z3) >= 10 * _TINY * _la.norm(_z3)),
    # matrix.py: lambda_min = 0 against 10^-30 reads as a float tie and was never re-checked. Was tested.
    Claim("psd_trace_gives_no_lambda_min", given=[_la.trace(_A3) >= 1],
          show=_la.lambda_min(_A3) >= sp.Rational(1, 10**30)),
]


@pytest.mark.parametrize("claim", MATRIX_DOMAIN_TRUE, ids=lambda c: c.name)
def test_matrix_domain_true_claims_are_not_refuted(claim):
    v = verdict(claim, seconds=3)
    assert v.status in (Status.PROVED, Status.TESTED), v.explain()


@pytest.mark.parametrize("claim", MATRIX_DOMAIN_FALSE, ids=lambda c: c.name)
def test_matrix_domain_false_claims_are_refuted_in_their_domain(claim):
    v = verdict(claim)
    assert v.status is not Status.PROVED, v.explain()
    assert_matrix_counterexample_is_real(claim, v)


def test_use_with_matrix_keys_is_simultaneous():
    # rules.py: {B: C, C: B} must swap the two matrices, not map both to one.
    from verify.core.rules import _instantiate

    lemma = Claim("trace_bcc", show=sp.Eq(_la.trace(_B2 * _C2 * _C2), _la.trace(_C2 * _C2 * _B2)))
    swapped = _instantiate(lemma.show, use(lemma, {_B2: _C2, _C2: _B2}).substitution())
    assert swapped == sp.Eq(_la.trace(_C2 * _B2 * _B2), _la.trace(_B2 * _B2 * _C2))
    entry = _instantiate(_entry_bound.show, {_B2: _A2 + _C2})
    assert sp.expand(entry.lhs.doit() - (_A2[0, 0] + _C2[0, 0]) ** 2) == 0
    assert entry.rhs == _la.norm(_A2 + _C2) ** 2


@pytest.mark.parametrize("variable, outside, inside", [
    (_P1, sp.eye(3) * 2, sp.diag(2, 0, 0)),                                        # rank
    (_A3, sp.diag(1, -1, 1), sp.diag(1, 0, 1)),                                    # psd
    (_Mat("S", 2, 2, structure="symmetric"), sp.Matrix([[1, 2], [0, 1]]), sp.Matrix([[1, 2], [2, 1]])),
    (_Mat("Q", 2, 2, structure="orthogonal"), sp.Matrix([[1, 1], [0, 1]]), sp.Matrix([[0, 1], [1, 0]])),
    (_Mat("G", 2, 2, structure="diagonal"), sp.Matrix([[1, 1], [0, 1]]), sp.diag(3, 1)),
    (_Mat("O", 2, 2, structure="mask"), sp.Matrix([[1, 2], [0, 1]]), sp.Matrix([[1, 1], [0, 1]])),
    (_u3, sp.Matrix([1, 1, 0]), sp.Matrix([sp.Rational(3, 5), 0, sp.Rational(4, 5)])),
])
def test_exact_recheck_rejects_values_outside_the_declared_domain(variable, outside, inside):
    # matrix_check.py: a point counted whatever its structure; now every variable is checked exactly.
    from verify.attack.matrix_check import check_instance
    from verify.attack.matrix_world import World

    world = World([], sp.Eq(_la.norm(variable) ** 2, 12345))
    assert check_instance(world, {variable: sp.ImmutableMatrix(outside)}, {}) is None
    assert check_instance(world, {variable: sp.ImmutableMatrix(inside)}, {}) is not None


@pytest.mark.parametrize("form, structure, shape", [("eig", "psd", (3, 3)), ("eig", "symmetric", (3, 3)),
                                                    ("svd", "general", (3, 4)), ("diag", "diagonal", (3, 3))])
def test_spectral_forms_keep_their_rank_whatever_the_parameters(form, structure, shape):
    # matrix_forms.py: the local search (and the coupling of variables) moved the zeroed eigenvalues,
    # so a rank-1 variable came out of rank 3; a spectrum now keeps only its rank largest entries.
    import numpy as np

    from verify.attack.matrix_forms import build_exact, build_np, exact_params
    from verify.attack.matrix_sample import _params

    rng = np.random.default_rng(3)
    params = _params(form, structure, shape, None, 4, rng, None)  # drawn without the rank: full spectra
    values = build_np(form, structure, params, shape, rank=1)
    assert all(np.linalg.matrix_rank(v, tol=1e-9) <= 1 for v in values)
    exact = sp.Matrix(build_exact(form, structure, exact_params(params, 0, 1000), shape, rank=1))
    assert exact.rank() == 1
    assert sp.Matrix(build_exact(form, structure, exact_params(params, 0, 1000), shape)).rank() == min(shape)


_S2 = _Mat("S", 2, 2, structure="psd")
_psd_B = _Mat("B", 2, 2, structure="psd")
_psd_entry = Claim("psd_diagonal_entry", show=_psd_B[0, 0] >= 0)


def test_use_with_a_matrix_key_carries_the_lemmas_domain():
    # rules.py / _linalg_core.substitution_obligations: use(psd lemma, {B: A}) made the lemma's conclusion
    # a fact about a general A (once use() accepted matrix keys). Was proved: false at A = [[-2, 0], [0, 0]].
    wrong = Claim("psd_lemma_at_general_matrix", given=[use(_psd_entry, {_psd_B: _A2})], show=_A2[0, 0] >= -1)
    assert verdict(wrong, seconds=3).status is not Status.PROVED
    for right in (Claim("psd_lemma_at_psd_matrix", given=[use(_psd_entry, {_psd_B: _S2})], show=_S2[0, 0] >= -1),
                  Claim("psd_lemma_at_gram_matrix", given=[use(_psd_entry, {_psd_B: _A2 * _A2.T})],
                        show=(_A2 * _A2.T)[0, 0] >= -1)):
        assert verdict(right, seconds=3).status is Status.PROVED, right.name  # B[0, 0] is always defined
    with pytest.raises(_la.LinalgError, match="rank at most 1"):
        use(Claim("rank1_lemma", show=_la.norm(_R1) ** 2 <= _la.op_norm(_R1) ** 2), {_R1: _Mat("W", 3, 4)})
# -- chains and lemmas hold only where they are defined ----------------------------------------------
# chains.py composed links each checked where it is defined, so the conclusion was "proved" at points
# outside a link's domain; rules.py gave a used lemma's conclusion as a fact everywhere; kernel.py called
# a claim that is not real at some points an error instead of checking it where it is defined.

t_dom = sp.Symbol("t", real=True)
REMOVABLE = ((x - C) ** 2 + (x - C)) / (x - C) - (x - C)  # = 1 for x != 7/3, undefined at 7/3
inv_square_pos = Claim("inv_square_pos", show=1 / t_dom**2 > 0)           # true where defined (t != 0)
recip_pos_gives_pos = Claim("recip_pos_gives_pos", given=[1 / t_dom > 0], show=t_dom > 0)  # true


def _pw_chain(at_pole, given=()):
    """Piecewise((at_pole, x = 7/3), (1, True)) <= REMOVABLE <= 1: both links hold where defined."""
    return (Derivation(f"pw_chain_{at_pole}_{len(given)}", given=list(given),
                       start=sp.Piecewise((at_pole, sp.Eq(x, C)), (1, True))).le(REMOVABLE).le(1))


def _sqrt_chain(given=()):
    """x <= x + sqrt(x) <= 2x + 1: both links hold where sqrt(x) is (x >= 0); x <= 2x + 1 fails at x = -2."""
    return Derivation(f"sqrt_chain_{len(given)}", given=list(given), start=x).le(x + sp.sqrt(x)).le(2 * x + 1)


DOMAIN_FALSE = [
    # 2 <= 1 at x = 7/3, where the middle expression is undefined. Was proved.
    _pw_chain(2),
    # x <= 2x + 1 is false at x = -2, where sqrt(x) is not real. Was refuted, now named by domain.
    _sqrt_chain(),
    # 0 < y**2 fails at y = 0: the lemma 1/t**2 > 0 says nothing there. Was proved.
    Derivation("use_gap_chain", start=sp.Integer(0)).lt(y**2, by=use(inv_square_pos, {t_dom: y})),
    Claim("use_gap_claim", given=[use(inv_square_pos, {t_dom: y})], show=y**2 > 0),
    # the lemma's hypothesis 1/t > 0 (its obligation 1/y > 0) is undefined at y = 0, so the lemma does
    # not apply there: y > 0 fails at y = 0. Was proved.
    Claim("use_hypothesis_domain", given=[use(recip_pos_gives_pos, {t_dom: y}), y >= 0], show=y > 0),
    # sqrt(x) >= 1 fails at x = 0 (defined there); ((x-1)^2 + (x-1))/(x-1) = x at x != 1, not x + 1
    Claim("sqrt_at_least_one", show=sp.sqrt(x) >= 1),
    Claim("removable_plus_one", show=sp.Eq(((x - 1) ** 2 + (x - 1)) / (x - 1), x + 1)),
    # log(x) <= x - 2 fails at x = 1 (0 <= -1)
    Claim("log_below_shifted", show=sp.log(x) <= x - 2),
]


@pytest.mark.parametrize("claim", DOMAIN_FALSE, ids=lambda c: c.name)
def test_false_outside_a_link_or_lemma_domain_is_refuted(claim):
    v = verdict(claim)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim.claim, v)


DOMAIN_TRUE = [
    # 0 <= 1 at x = 7/3 and 1 <= 1 elsewhere: true, though link 1 is not defined at 7/3
    (_pw_chain(0), NOT_REFUTED),
    # x > 7/3 keeps every link defined: the chain proves it
    (_pw_chain(2, [x > C]), Status.PROVED),
    (_sqrt_chain([x >= 0]), Status.PROVED),
    (_sqrt_chain([x >= 1]), Status.PROVED),  # x >= 0 follows from x >= 1 (a decider shows it)
    # 0 < 1/y**2 wherever it is defined (y != 0), from the lemma at t := y
    (Derivation("use_in_domain_chain", start=sp.Integer(0)).lt(1 / y**2, by=use(inv_square_pos, {t_dom: y})),
     Status.PROVED),
    (Claim("use_hypothesis_in_domain", given=[use(recip_pos_gives_pos, {t_dom: y}), 1 / y > 0], show=y > 0),
     Status.PROVED),
    # hold wherever defined (x >= 0; x != 1; x > 0): sqrt(x) = s >= 0; the quotient is x - 1 + 1;
    # log(x) <= x - 1 (tangent at 1)
    (Claim("sqrt_nonnegative", show=sp.sqrt(x) >= 0), Status.PROVED),
    (Claim("removable_identity", show=sp.Eq(((x - 1) ** 2 + (x - 1)) / (x - 1), x)), Status.PROVED),
    (Claim("log_below_tangent", show=sp.log(x) <= x - 1), NOT_REFUTED),
]


@pytest.mark.parametrize("claim,want", DOMAIN_TRUE, ids=lambda c: getattr(c, "name", None))
def test_true_where_defined_is_not_refuted(claim, want):
    v = verdict(claim)
    assert v.status not in (Status.REFUTED, Status.ERROR, Status.BLOCKED), v.explain()
    if want is Status.PROVED:
        assert v.status is Status.PROVED, v.explain()


def test_a_chain_with_a_smaller_link_domain_names_the_link():
    v = verdict(_pw_chain(0))
    if v.status is not Status.PROVED:  # unless the conclusion is proved on its own, the gap is named
        assert "link 1 is defined on less than the conclusion" in v.message, v.explain()
    assert any("link 1 is defined on less" in e.detail or "link 1 is defined on less" in v.message
               for e in v.evidence), v.explain()


def test_a_chain_of_proved_links_is_attacked_as_a_whole():
    v = verdict(Derivation("proved_links", given=[x >= 1], start=x).le(x**2).le(x**3))
    assert v.status is Status.PROVED, v.explain()
    assert all(link.status is Status.PROVED for link in v.links)
    assert any(e.rule == "numeric attack" and "instances" in e.detail for e in v.evidence), v.explain()


def test_domain_conditions():
    from verify.core.domains import necessary, sufficient

    assert sufficient(sp.sqrt(x) + 1 / y) == [x >= 0, sp.Ne(y, 0)]
    assert sufficient(sp.log(x)) == [x > 0] and sufficient(x ** sp.Rational(-3, 2)) == [x > 0]
    assert sufficient(1 / a + sp.sqrt(a)) == []  # a is positive
    assert sufficient(sp.Piecewise((2, sp.Eq(x, C)), (1, True))) == []
    guarded = sufficient(sp.Piecewise((1 / x, x > 0), (0, True)))
    assert len(guarded) == 1 and holds(guarded[0], {x: sp.Integer(-1)}) is True
    assert holds(guarded[0], {x: sp.Integer(0)}) is True  # the other branch is selected at 0
    # a term with a condition on the summation index: shown when the range surely runs upwards from 1
    # (n >= 0); unknown (false) when it reaches 0, or may run backwards (sympy's Sum(1/j, (j, 1, -1)) is
    # -1/0); an empty sum needs nothing, so necessary() states nothing
    assert sufficient(sp.Sum(1 / j, (j, 1, n))) == []
    assert sufficient(sp.Sum(1 / j, (j, 0, n))) == [sp.false]
    assert sufficient(sp.Sum(1 / j, (j, 1, k))) == [sp.false] and necessary(sp.Sum(1 / j, (j, 1, k))) == []
# -- connect: lemmas applied with use (also under forall and in by=) are checked, never ignored --------

mu_c, L_c = sp.symbols("mu_c L_c", positive=True)
f0, f1, fs_c = sp.symbols("f0 f1 fs_c", real=True)
g_c = sp.Symbol("g_c", nonnegative=True)
F_c, G_c = sp.Function("F_c"), sp.Function("G_c")
ONE_STEP = Claim("one_step_c", given=[f1 <= f0 - g_c / (2 * L_c), 2 * mu_c * (f0 - fs_c) <= g_c],
                 show=f1 - fs_c <= (1 - mu_c / L_c) * (f0 - fs_c))
ALONG_C = [forall(j, F_c(j + 1) <= F_c(j) - G_c(j) / (2 * L_c)), forall(j, 2 * mu_c * (F_c(j) - fs_c) <= G_c(j)),
           forall(j, G_c(j) >= 0), mu_c <= L_c]
SQUARE_GE = Claim("square_ge_c", given=[], show=a**2 >= a)  # false: a = 1/2


def _rate_claim(name, mapping, factor):
    return Claim(name, given=[*ALONG_C, forall(j, use(ONE_STEP, mapping))],
                 show=F_c(n) - fs_c <= factor**n * (F_c(0) - fs_c), by=induction(n))


def test_forall_use_proves_the_rate_from_the_notes_hypotheses():
    # 000 Theorem 2: the one-step lemma at every j, its hypotheses discharged by the schemas
    v = verdict(_rate_claim("rate_c", {f0: F_c(j), f1: F_c(j + 1), g_c: G_c(j)}, 1 - mu_c / L_c), seconds=20)
    assert v.status is Status.PROVED, v.explain()


def test_forall_use_with_an_undischarged_hypothesis_is_refuted():
    # the lemma applied with g := 2 G(j) needs the descent F(j+1) <= F(j) - G(j)/L, which the schemas do not
    # give; the claimed rate (1 - 2 mu/L)^n is false: n = 1, mu = L = 1/2, F(0) = 36, F(1) = 1, G(0) = 35, fs = 1
    claim = _rate_claim("rate_twice_c", {f0: F_c(j), f1: F_c(j + 1), g_c: 2 * G_c(j)}, 1 - 2 * mu_c / L_c)
    v = verdict(claim, seconds=20)
    assert v.status is Status.REFUTED, v.explain()
    cx = {key: sp.Rational(val) if not isinstance(val, sp.Basic) else val for key, val in v.counterexample.items()}
    m, ll, fsv = cx["mu_c"], cx["L_c"], cx["fs_c"]
    top = int(cx["n"])
    values = {i: cx[f"F_c({i})"] for i in range(top + 1)}
    grads = {i: cx.get(f"G_c({i})", 0) for i in range(top + 1)}
    assert m <= ll
    for i in range(top):  # the stated hypotheses hold at every index the claim speaks of
        assert values[i + 1] <= values[i] - grads[i] / (2 * ll) and 2 * m * (values[i] - fsv) <= grads[i]
        assert grads[i] >= 0
    assert values[top] - fsv > (1 - 2 * m / ll) ** top * (values[0] - fsv)


@pytest.mark.parametrize("spelling", ["by", "given", "forall"])
def test_a_claim_using_a_refuted_lemma_is_blocked_naming_it(spelling):
    # by=use(...) was accepted and ignored: this claim came out proved without mentioning the lemma
    inst = use(SQUARE_GE, {a: b})
    given = [b >= 2]
    if spelling == "by":
        claim = Claim("cites_refuted_by", given=given, show=b**2 >= b, by=inst)
    elif spelling == "given":
        claim = Claim("cites_refuted_given", given=[*given, inst], show=b**2 >= b)
    else:
        claim = Claim("cites_refuted_forall", given=[*given, forall(j, use(SQUARE_GE, {a: b + j}))],
                      show=b**2 >= b)
    v = verdict(claim)
    assert v.status is Status.BLOCKED, v.explain()
    assert "square_ge_c" in v.message, v.explain()


def test_by_use_does_what_it_says():
    # the lemma's conclusion is the proof; its hypothesis is an obligation (true twin: x >= 2 gives it)
    lemma = Claim("sq_above_c", given=[a >= 1], show=a**2 >= a)
    assert verdict(Claim("by_use_true", given=[b >= 2], show=b**2 >= b, by=use(lemma, {a: b}))).status \
        is Status.PROVED
    # false twin: the obligation b >= 1 does not follow from b > 0 (b = 1/2), and the claim itself is false
    v = verdict(Claim("by_use_false", given=[], show=b**2 >= b, by=use(lemma, {a: b})))
    assert v.status is not Status.PROVED, v.explain()
    assert v.status in (Status.REFUTED, Status.BLOCKED), v.explain()


def test_an_obligation_cannot_rest_on_a_later_lemma():
    # circular: Q's hypothesis x**2 >= 1 would come from P's conclusion, and P's hypothesis x >= 1 from Q's;
    # with x >= 0 only, the claim x >= 1 fails at x = 0, so it must not be proved
    p = Claim("p_c", given=[xn >= 1], show=xn**2 >= 1)
    q = Claim("q_c", given=[xn**2 >= 1], show=xn >= 1)
    circular = Claim("circular_c", given=[xn >= 0, use(q), use(p)], show=xn >= 1)
    assert verdict(circular).status is not Status.PROVED
    # the same lemmas in a sound order, from x >= 2: P first, then Q from P's conclusion
    ordered = Claim("ordered_c", given=[xn >= 2, use(p), use(q)], show=xn >= 1)
    assert verdict(ordered).status is Status.PROVED


def test_use_replaces_a_sequence_by_a_lambda():
    # telescoping with D(j) := j**2 E(j): D(k) <= D(0) + k c gives k**2 E(k) <= k c
    Ec = sp.Function("E_c")
    c = sp.Symbol("c_c", positive=True)
    tele = Claim("tele_c", given=[forall(j, D(j + 1) <= D(j) + c)], show=D(n) <= D(0) + n * c, by=induction(n))
    sub = {D: sp.Lambda(j, j**2 * Ec(j))}
    good = Claim("tele_used_c", given=[forall(j, (j + 1)**2 * Ec(j + 1) <= j**2 * Ec(j) + c), use(tele, sub)],
                 show=n**2 * Ec(n) <= n * c)
    assert verdict(good, seconds=10).status is Status.PROVED
    # false twin: the schema has 2c, so D(j+1) <= D(j) + c is not given; k**2 E(k) <= k c fails (k = 1,
    # E(1) = 2c, E(0) = 0)
    bad = Claim("tele_misused_c", given=[forall(j, (j + 1)**2 * Ec(j + 1) <= j**2 * Ec(j) + 2 * c), use(tele, sub)],
                show=n**2 * Ec(n) <= n * c)
    assert verdict(bad, seconds=10).status is not Status.PROVED


def test_a_schema_obligation_at_a_later_index():
    # the lemma needs its nonnegative E_k1 := D(j + 1) >= 0 for every j >= 0: given by D(j) >= 0 from j >= 0
    e0, e1 = sp.symbols("e0 e1", nonnegative=True)
    step = Claim("halves_c", given=[e1 <= e0 / 2], show=e1 <= e0)
    good = Claim("later_index_true", given=[forall(j, D(j + 1) <= D(j) / 2), forall(j, D(j) >= 0),
                                            forall(j, use(step, {e0: D(j), e1: D(j + 1)}))],
                 show=D(n) <= D(0), by=induction(n))
    assert verdict(good, seconds=10).status is Status.PROVED
    # D(j) >= 0 from j >= 1 gives D(j + 1) >= 0 from j >= 0; from j >= 2 it does not: n = 0, D(1) = -1 (and
    # D = 0 elsewhere) satisfies every hypothesis, and the claim D(n + 1) >= 0 fails there
    nxt = Claim("next_nonneg_c", given=[forall(j, D(j + 1) >= 0)], show=D(n + 1) >= 0)
    v = verdict(Claim("shift_true", given=[forall(j, D(j) >= 0, start=1), use(nxt)], show=D(n + 1) >= 0))
    assert v.status in (Status.PROVED, Status.TESTED), v.explain()  # the lemma itself is only tested
    assert any("at a later index" in e.detail for e in v.evidence), v.explain()
    v = verdict(Claim("shift_false", given=[forall(j, D(j) >= 0, start=2), use(nxt)], show=D(n + 1) >= 0))
    assert v.status is not Status.PROVED, v.explain()
# -- floats are the exact binary numbers they store; shell literals and crashes (fix-floats) --
# Each claim's truth is checked below in exact arithmetic (fractions.Fraction(float) is the float's
# binary value), independently of the tool, before its verdict is pinned.

from fractions import Fraction  # noqa: E402

F = sp.Float
BIN_01, TINY = Fraction(0.1), Fraction(1e-17)  # 3602879701896397/2**55 and the binary value of 1e-17
THIRD = Fraction(1 / 3)                          # 6004799503160661/2**54, just below 1/3
p_, q_ = sp.symbols("p_ q_", real=True)
diff_of_squares = Claim("diff_of_squares", show=sp.Eq((p_ + q_) * (p_ - q_), p_**2 - q_**2))

FLOAT_FALSE = [
    # kernel/identity: x = 0.1 was substituted as a float, 10*x - 1 rounded to 0. Was proved.
    (Claim("float_eq_tenth", given=[sp.Eq(x, F(0.1))], show=10 * x <= 1), 10 * BIN_01 > 1),
    # farkas: x - 1e-17 became x - 1.0. Was proved.
    (Claim("float_minus_tiny", given=[x >= 1], show=x - F(1e-17) >= 1), 1 - TINY < 1),
    # the exact re-check rounded too: cos(0) - 1e-17 read as 1 (a true claim's twin of the next list)
    (Claim("float_cos_below", given=[sp.Eq(x, 0)], show=sp.cos(x) - F(1e-17) >= 1), 1 - TINY < 1),
    # the hypothesis x - 1e-17 >= 1 forces x > 1: x = 1 + 1e-17 (exactly) violates x <= 1
    (Claim("float_hyp_above", given=[x - F(1e-17) >= 1], show=x <= 1), 1 + TINY > 1),
    # k*fl(1/3) < 1 fails just above k = 3 (3*fl(1/3) = 1 - 2**-54)
    (Claim("float_third_above", given=[x <= 3 + sp.Rational(1, 10**15)], show=x * F(1 / 3) < 1),
     (3 + Fraction(1, 10**15)) * THIRD >= 1),
    # use(): subs evaluated the lemma's instance in floats, (0.3 + 0.1)(0.3 - 0.1) == 0.09 - 0.01 came out
    # False, so the hypotheses were contradictory and x <= 0 held "vacuously". Was proved.
    (Claim("float_use_vacuous", given=[use(diff_of_squares, {p_: 0.3, q_: 0.1})], show=x <= 0), 1 > 0),
]

FLOAT_TRUE = [
    # twin of float_eq_tenth: 10*fl(0.1) = 1 + 2**-54
    (Claim("float_eq_tenth_above", given=[sp.Eq(x, F(0.1))], show=10 * x > 1), 10 * BIN_01 > 1),
    (Claim("float_plus_tiny", given=[x >= 1], show=x + F(1e-17) > 1), 1 + TINY > 1),
    # the re-check read cos(0) + 1e-17 as 1. Was refuted.
    (Claim("float_cos_above", given=[sp.Eq(x, 0)], show=sp.cos(x) + F(1e-17) > 1), 1 + TINY > 1),
    # x = 1.0 was reported as a counterexample, where the hypothesis (1 - 1e-17 >= 1) fails. Was refuted.
    (Claim("float_hyp_strict", given=[x - F(1e-17) >= 1], show=x > 1), 1 + TINY > 1),
    # 3*fl(1/3) = 1 - 2**-54 < 1; the re-check rounded it to 1. Was refuted.
    (Claim("float_third", given=[x <= 3], show=x * F(1 / 3) < 1), 3 * THIRD < 1),
    # the constant left after x = 1 (1 + 1e-17 > 1): Farkas raised GeneratorsNeeded. Was error.
    (Claim("float_constant_left", given=[sp.Eq(x, 1)], show=x + F(1e-17) > 1), 1 + TINY > 1),
]


@pytest.mark.parametrize("claim, exactly", FLOAT_FALSE, ids=lambda c: getattr(c, "name", ""))
def test_false_float_claims_are_refuted_exactly(claim, exactly):
    assert exactly  # the exact computation that makes the claim false
    v = verdict(claim)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim, v)
    assert not any(val.has(sp.Float) for val in v.counterexample.values()), v.counterexample


@pytest.mark.parametrize("claim, exactly", FLOAT_TRUE, ids=lambda c: getattr(c, "name", ""))
def test_true_float_claims_are_proved(claim, exactly):
    assert exactly  # the exact computation that makes the claim true
    v = verdict(claim)
    assert v.status is Status.PROVED, v.explain()


def test_exact_recheck_reads_floats_as_their_binary_values():
    # exact.py: substituting x = 1 into x - 1e-17 rounded to 1.0; a Float in the point rounded too
    assert holds(x - F(1e-17) >= 1, {x: 1}) is False
    assert holds(x - F(1e-17) >= 1, {x: F(1.0)}) is False
    assert holds(10 * x > 1, {x: F(0.1)}) is True and holds(10 * x > 1, {x: 0.1}) is True
    from verify.core.exact import sides

    left, right = sides(10 * x <= 1, {x: F(0.1)})
    assert left == sp.Rational(10 * BIN_01.numerator, BIN_01.denominator) and right == 1


def test_substitution_link_compares_floats_exactly():
    # chains.py: replacing x by y in 0.1*x + 0.2*y gave 0.1*y + 0.2*y, which sympy rounds to
    # 0.30000000000000004*y, so the link was "proved" by substitution (then a kernel inconsistency).
    # Exactly, fl(0.1) + fl(0.2) < fl(0.30000000000000004): the link fails at x = y = -1.
    fl = Fraction
    assert (fl(0.1) + fl(0.2)) * -1 > fl(0.30000000000000004) * -1
    d = Derivation("float_substitution", given=[x <= y], start=F(0.1) * x + F(0.2) * y) \
        .le(F(0.30000000000000004) * y, by=substitute(x <= y))
    v = verdict(d, seconds=8)
    assert v.status is Status.REFUTED and v.links[0].status is Status.REFUTED, v.explain()
    # its exact twin (the sum as it is) is proved for y >= 0
    twin = Derivation("float_substitution_twin", given=[x <= y, y >= 0], start=F(0.1) * x + F(0.2) * y) \
        .le(F(0.30000000000000004) * y, by="x <= y")
    assert verdict(twin, seconds=8).status is not Status.REFUTED


def _cli(capsys, *argv):
    from verify.cli import main

    code = main(["check", *argv, "--seconds", "3", "--seed", "0"])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("argv, status", [
    # the literal went through a Python float and became 1. Was proved.
    (("x >= 1.00000000000000001", "--given", "x >= 1"), "refuted"),
    (("x >= 1.00000000000000001", "--given", "x >= 1.00000000000000002"), "proved"),
    # 1e-400 underflowed to 0. Was proved.
    (("x >= 1e-400", "--nonnegative", "x"), "refuted"),
    (("x >= -1e-400", "--nonnegative", "x"), "proved"),
    # --positive µ (micro sign) declared another symbol than the μ Python reads. Was refuted.
    (("µ > 0", "--positive", "µ"), "proved"),
    (("µ < 0", "--positive", "µ"), "refuted"),
    (("ｍｕ >= 0", "--nonnegative", "ｍｕ"), "proved"),
    (("ｍｕ + 1e-30 <= 0", "--nonnegative", "ｍｕ"), "refuted"),
    # a constant claim: Farkas raised GeneratorsNeeded. Was error.
    (("1 > 1",), "refuted"),
    (("1.5 > 1",), "proved"),
])
def test_shell_literals_and_names_are_exact(capsys, argv, status):
    code, out = _cli(capsys, *argv)
    assert out.split()[0] == status, out
    assert code == (0 if status == "proved" else 1)
    assert "Traceback" not in out


def test_shell_decimal_literals_parse_exactly():
    from verify.parsing import parse

    assert parse("1.00000000000000001") == sp.Rational(10**17 + 1, 10**17)
    assert parse("1e-400") == sp.Rational(1, 10**400) and parse("2.5E3") == 2500 and parse("1_0.5") == sp.Rational(21, 2)


def test_shell_deep_nesting_is_a_usage_error_and_long_sums_are_accepted(capsys):
    code, out = _cli(capsys, "-" * 3000 + "x <= 1")
    assert code == 2 and "nested too deeply" in out and "Traceback" not in out
    terms = " + ".join(f"x{i}**2" for i in range(300))  # a flat sum of 300 terms, true
    code, out = _cli(capsys, f"{terms} >= 0")
    assert code == 0 and "nested too deeply" not in out, out
    ones = " + ".join(["1"] * 300)
    code, out = _cli(capsys, f"{ones} > 300")
    assert code == 1 and out.split()[0] == "refuted", out
    code, out = _cli(capsys, f"{ones} >= 300")
    assert code == 0 and out.split()[0] == "proved", out


def test_huge_integers_print():
    # kernel.check_claim: str(claim.show) raised ValueError (Python's 4300-digit limit) for factorial(2000)
    big = sp.factorial(2000)
    false = Claim("huge_false", given=[x >= big], show=x >= big + 1)
    v = verdict(false)
    assert v.status is Status.REFUTED and v.counterexample == {"x": big}, v.status
    assert str(big + 1) in v.relation and str(big) in v.explain()
    true = Claim("huge_true", given=[x >= big], show=x + 1 > big)
    assert verdict(true).status is Status.PROVED


def test_a_lemma_with_floats_cannot_discharge_its_own_hypothesis():
    # kernel._obligation leaves the used lemma's conclusion out of what may discharge its hypotheses; it
    # must compare the conclusion in the exact form it has among the hypotheses (1/10 as 3602879701896397/2**55),
    # or the float conclusion x >= 0.1 passes for a hypothesis of its own and proves x >= 0.1 from nothing.
    lemma = Claim("at_least_a_tenth", given=[x >= F(0.1)], show=x >= F(0.1))
    claim = Claim("from_nothing", given=[use(lemma)], show=x >= F(0.1))
    assert holds(claim.show, {x: 0}) is False  # the claim is false at x = 0
    v = verdict(claim)
    assert v.status is not Status.PROVED, v.explain()


def test_farkas_scales_huge_coefficients_for_its_lp(capsys):
    # farkas.py: 10**400 (from clearing the denominator of 1e-400) overflowed to inf in the LP. Was error.
    code, out = _cli(capsys, "2*x >= 1e-400 + x", "--given", "x >= 1e-400")
    assert code == 0 and out.split()[0] == "proved", out
    code, out = _cli(capsys, "2*x >= 3e-400 + x", "--given", "x >= 1e-400")  # false at x = 1e-400
    assert code == 1 and out.split()[0] == "refuted", out
# -- site: the pages say what the report says ----------------------------------------------------------
# The generated pages (verify/pages) and the report's one-line messages only present verdicts: a page
# must never show a false claim as proved or a true one as refuted, and the counterexample it tables
# must be the report's exact one, which must really violate the claim. Checked by hand: a + 1/a >= 2
# (AM-GM) and (x - 1)**2 >= 0 hold; a + 1/a >= 3 fails at a = 1 (2 < 3), x**2 - 2x >= 0 at x = 1 (-1 < 0).

SITE_TWINS = [(Claim("site_amgm", show=a + 1 / a >= 2), True), (Claim("site_amgm_too_strong", show=a + 1 / a >= 3), False),
              (Claim("site_square", show=x**2 - 2 * x + 1 >= 0), True), (Claim("site_square_short", show=x**2 - 2 * x >= 0), False)]


@pytest.fixture(scope="module")
def site_twins(tmp_path_factory):
    from verify import node
    from verify import report as rep
    from verify.graph import build
    from verify.pages import build_site
    from verify.runner import run

    report = rep.build(run(build([node(c, "lemma", topic="twins") for c, _ in SITE_TWINS]), seconds=4, seed=0),
                       version="0")
    out = tmp_path_factory.mktemp("twins")
    build_site(report, out)
    return {n["name"]: n for n in report["nodes"]}, out


@pytest.mark.parametrize("claim,true", SITE_TWINS, ids=[c.name for c, _ in SITE_TWINS])
def test_site_pages_show_the_verdict_and_a_real_counterexample(site_twins, claim, true):
    from verify.pages import slug
    from verify.parsing import parse_number

    entries, out = site_twins
    entry = entries[claim.name]
    page = (out / "nodes" / f"{slug(claim.name)}.html").read_text()
    heading = page.split("</h1>")[0]
    if true:
        assert entry["status"] != "refuted" and "badge-refuted" not in heading, NOT_REFUTED
        assert not entry["message"].startswith("fails at")
        return
    assert entry["status"] != "proved" and "badge-proved" not in heading, NOT_PROVED
    assert entry["status"] == "refuted" and "badge-refuted" in heading
    point = {name: parse_number(value) for name, value in entry["counterexample"].items()}
    assert_counterexample_is_real(claim, type("V", (), {"counterexample": point})())
    for name, value in entry["counterexample"].items():
        assert f"<code>{name}</code>" in page and f"{name} = {value}" in entry["message"]
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


# -- red team (independent pass) ------------------------------------------------------------------------
# Each claim's truth was checked outside the tool (by hand, sympy with exact rationals).

from verify.core.exact import in_domain  # noqa: E402

s_rat = sp.Symbol("s", rational=True)
p_prime = sp.Symbol("p", prime=True)
m_even = sp.Symbol("m", even=True)
q_nonzero = sp.Symbol("q", nonzero=True)


def assert_in_declared_domain(claim: Claim, v) -> None:
    """The counterexample's values have every fact their symbols declare (rational, prime, even, ...)."""
    names = {s.name: s for s in claim.symbols()}
    point = {names[key]: sp.nsimplify(val) for key, val in v.counterexample.items() if key in names}
    for sym, val in point.items():
        for fact, expected in sym.assumptions0.items():
            if expected is True:
                assert getattr(val, "is_" + fact) is True, (sym, fact, val)


@pytest.mark.parametrize("sym, outside, inside", [
    (s_rat, sp.sqrt(2), sp.Rational(3, 7)),
    (s_rat, sp.CRootOf(sp.Symbol("t") ** 2 - 2, 0), -5),
    (p_prime, 1, 2),
    (p_prime, 9, 7),
    (m_even, 3, -4),
    (q_nonzero, 0, sp.Rational(-1, 2)),
])
def test_in_domain_checks_every_declared_fact(sym, outside, inside):
    # exact.in_domain checked only sign and integer: z3's model s = CRootOf(t**2 - 2, 0) passed for a
    # rational s, and p = 1 for a prime p
    assert in_domain({sym: outside}) is False
    assert in_domain({sym: inside}) is True


REDTEAM_DECLARED_TRUE = [
    # true for a rational s (sqrt(2) is irrational); was refuted at the z3 model s = sqrt(2)
    Claim("rt_rational_square_is_not_two", show=sp.Ne(s_rat ** 2, 2)),
    Claim("rt_rational_square_is_not_three", given=[s_rat >= 1], show=sp.Ne(s_rat ** 2, 3)),
    Claim("rt_prime_at_least_two", show=sp.Ge(p_prime, 2, evaluate=False)),
    Claim("rt_even_is_not_one", show=sp.Ne(m_even, 1, evaluate=False)),
    Claim("rt_nonzero_square_positive", show=sp.Gt(q_nonzero ** 2, 0, evaluate=False)),
]
REDTEAM_DECLARED_FALSE = [
    # false at s = 2 (and -2); refuted with a rational counterexample
    Claim("rt_rational_square_is_not_four", show=sp.Ne(s_rat ** 2, 4)),
    # false at p = 2; was refuted at p = 1, which is not prime
    Claim("rt_prime_at_least_three", show=p_prime >= 3),
    Claim("rt_even_is_not_two", show=sp.Ne(m_even, 2)),
]


@pytest.mark.parametrize("claim", REDTEAM_DECLARED_TRUE, ids=lambda c: c.name)
def test_declared_facts_true_claims_are_not_refuted(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status in (Status.PROVED, Status.TESTED, Status.UNKNOWN), v.explain()


@pytest.mark.parametrize("claim", REDTEAM_DECLARED_FALSE, ids=lambda c: c.name)
def test_declared_facts_false_claims_are_refuted_in_their_domain(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim, v)
    assert_in_declared_domain(claim, v)


c_imag = sp.Symbol("c", imaginary=True)


@pytest.mark.parametrize("claim", [
    # false for an imaginary c (c = I, x = 0: -1 >= 0); was proved by Farkas, c taken as real
    Claim("rt_imaginary_square", show=c_imag ** 2 + x ** 2 >= 0),
    Claim("rt_imaginary_linear", given=[y >= 0], show=c_imag * y + y >= c_imag * y),
    Claim("rt_declared_not_real", show=sp.Symbol("r", real=False) ** 2 + x ** 2 >= 0),
], ids=lambda c: c.name)
def test_a_symbol_declared_non_real_is_an_error(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.ERROR and "non-real" in v.message, v.explain()


def test_farkas_even_power_of_a_non_real_generator_is_not_a_square():
    # farkas._nonneg_monomial: sympy writes x**(2*y) as the square of the generator x**y, which is not
    # real at x = -2, y = 1/2, where x**(2*y) = -2. Was proved.
    false = Claim("rt_symbolic_even_power", given=[y >= 0], show=x ** (2 * y) + 1 > 0)
    assert holds(false.show, {x: -2, y: sp.Rational(1, 2)}) is False
    v = check(false, seconds=3, seed=0)
    assert v.status is not Status.PROVED, v.explain()
    for claim in (Claim("rt_symbolic_even_power_nonneg", show=x ** (2 * y) >= 0),        # -1 at (-1, 1/2)
                  Claim("rt_symbolic_even_power_sum", show=x ** 2 + x ** (2 * y) >= 0)):  # -1/4 at (-1/2, 1/2)
        v = check(claim, seconds=3, seed=0)
        assert v.status is Status.REFUTED, v.explain()  # was error (Farkas' proof against the attack)
        assert_counterexample_is_real(claim, v)
    for claim in (Claim("rt_positive_base_even_power", show=sp.Ge(a ** (2 * y), 0, evaluate=False)),
                  Claim("rt_integer_even_power", show=x ** (2 * k) + 1 > 0)):
        v = check(claim, seconds=3, seed=0)
        assert v.status in (Status.PROVED, Status.TESTED), v.explain()


def test_a_relation_is_undefined_where_a_log_or_root_term_is_not_real():
    # exact._check_partial_terms: log(x)**2 = -pi**2 at x = -1 is real, so the re-check confirmed x = -1
    # as a counterexample of log(x)**2 >= 0, which z3 and Farkas prove where log(x) is defined
    from verify.core.counterexamples import Rejected, confirm
    from verify.core.exact import NotReal
    from verify.core.problem import prepare

    log_square = Claim("rt_log_square", show=sp.log(x) ** 2 >= 0)
    with pytest.raises(NotReal):
        holds(log_square.show, {x: -1})
    with pytest.raises(Rejected):
        confirm(prepare(log_square), {"x": -1})
    assert holds(log_square.show, {x: 2}) is True
    assert check(log_square, seconds=3, seed=0).status is Status.PROVED
    # a term only needs to be defined where its alternative or branch counts
    assert holds(sp.Or(x <= 0, sp.log(x) ** 2 >= 1), {x: -1}) is True
    assert holds(sp.Piecewise((sp.log(x) ** 2, x > 0), (-1, True)) >= -1, {x: -1}) is True
    # acosh(0)**2 = -pi**2/4 likewise; was error (z3's proof against the confirmed point x = 0)
    acosh_square = Claim("rt_acosh_square", show=sp.acosh(x) ** 2 >= 0)
    with pytest.raises(NotReal):
        holds(acosh_square.show, {x: 0})
    assert check(acosh_square, seconds=3, seed=0).status is Status.PROVED
    false = Claim("rt_log_square_positive", show=sp.log(x) ** 2 >= sp.Rational(1, 100))  # 0 at x = 1
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"x": 1}, v.explain()


def test_a_sum_of_real_terms_is_refuted_at_its_index():
    # the twin of the xfail below: log(2)**2 < 1 at n = 1
    false = Claim("rt_sum_log_square_small", given=[n >= 1, n <= 1], show=sp.Sum(sp.log(j + 1) ** 2, (j, 1, n)) >= 1)
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"n": 1}, v.explain()


def test_a_sum_whose_term_is_undefined_at_an_index_is_not_refuted():
    # Sum(log(j - 2)**2, (j, 1, n)) at n = 1 is log(-1)**2 = -pi**2: real, but its term log(j - 2) is not
    # defined at j = 1 (domains.py), so the claim holds vacuously there; it is refuted at n = 1
    true = Claim("rt_sum_log_square_undefined", given=[n >= 1, n <= 1], show=sp.Sum(sp.log(j - 2) ** 2, (j, 1, n)) >= 0)
    v = check(true, seconds=3, seed=0)
    assert v.status is not Status.REFUTED, v.explain()


@pytest.mark.parametrize("start", [0.5, 1.0, sp.Rational(1, 2), sp.Float(0.5)])
def test_induction_start_must_be_an_integer(start):
    # rules.induction accepted start=0.5, and check() raised TypeError from range() in the base case
    with pytest.raises(TypeError, match="start must be an int"):
        induction(k, start)


def test_induction_start_as_a_sympy_integer_still_proves():
    true = Claim("rt_induction_sympy_start", given=[k >= 4], show=2 ** k >= k ** 2, by=induction(k, sp.Integer(4)))
    assert check(true, seconds=4, seed=0).status is Status.PROVED
    false = Claim("rt_induction_sympy_start_false", given=[k >= 3], show=2 ** k >= k ** 2, by=induction(k, sp.Integer(3)))
    v = check(false, seconds=4, seed=0)  # 8 < 9 at k = 3
    assert v.status is Status.REFUTED and v.counterexample == {"k": 3}, v.explain()


def test_use_obliges_every_declared_fact_of_a_replaced_symbol():
    # rules._domain obliged only sign and integrality: a lemma about a prime p, an even m, a nonzero q or a
    # rational s was instantiated at any integer or real value
    from verify.core.rules import _domain

    yy = sp.Symbol("yy", integer=True, positive=True)
    assert sp.false in _domain(p_prime, yy) and sp.false not in _domain(p_prime, sp.Integer(7))
    assert sp.Eq(sp.Mod(yy, 2), 0) in _domain(m_even, yy) and _domain(m_even, 2 * yy) == []
    assert sp.Ne(x, 0) in _domain(q_nonzero, x) and _domain(q_nonzero, x ** 2 + 1) == []
    assert sp.false in _domain(s_rat, x) and _domain(s_rat, sp.Rational(1, 3)) == []
    assert _domain(n, yy + 1) in ([], [sp.true])  # a nonnegative integer needs nothing beyond its sign
    lemma = Claim("rt_prime_at_least_two_lemma", show=p_prime >= sp.Integer(2) - p_prime * 0)
    misuse = Claim("rt_prime_lemma_at_an_integer", given=[use(lemma, {p_prime: yy})], show=yy >= 2)  # false at 1
    v = check(misuse, seconds=3, seed=0)
    assert v.status is not Status.PROVED, v.explain()


def test_z3_does_not_prove_a_matrix_identity_by_commuting_its_factors():
    # smt.py abstracted B.T and A.T as opaque commuting reals and "proved" (A B)^T = A^T B^T (gram corpus)
    from verify.core.deciders.base import NotApplicable as _NotApplicable
    from verify.core.deciders.smt import decide_z3
    from verify.core.problem import prepare as _prepare

    nn = sp.Symbol("nn", integer=True, positive=True)
    A_, B_ = _Mat("A", nn, nn), _Mat("B", nn, nn)
    claim = Claim("rt_transpose_unswapped", show=sp.Eq((A_ * B_).T, A_.T * B_.T))
    with pytest.raises(_NotApplicable):
        decide_z3(_prepare(claim))
    assert check(claim, seconds=4, seed=0).status is Status.REFUTED


def test_gram_frame_does_not_prove_claims_true_only_in_lower_dimensions():
    # a claim true for k vectors of R^d with d < k only must not be proved one dimension up
    from verify.core.deciders.gram import decide_gram
    from verify.core.problem import prepare as _prepare

    x2, y2, z2 = _Vec("x", 2), _Vec("y", 2), _Vec("z", 2)
    e3, f3, w3 = _Vec("e", 3, structure="unit"), _Vec("f", 3, structure="unit"), _Vec("w", 3)
    nn = sp.Symbol("nn", integer=True, positive=True)
    a, b = _Vec("a", nn), _Vec("b", nn)
    for claim in (Claim("rt_three_products_r2", show=_la.inner(x2, y2) * _la.inner(y2, z2) * _la.inner(z2, x2) >= 0),
                  Claim("rt_parseval_r3", given=[sp.Eq(_la.inner(e3, f3), 0)],
                        show=sp.Eq(_la.norm(w3) ** 2, _la.inner(w3, e3) ** 2 + _la.inner(w3, f3) ** 2)),
                  Claim("rt_parallel_symbolic", show=sp.Eq(_la.inner(a, b) ** 2, _la.norm(a) ** 2 * _la.norm(b) ** 2))):
        out = decide_gram(_prepare(claim))
        assert out is None or not out.proved, claim.name
        assert check(claim, seconds=4, seed=0).status is Status.REFUTED, claim.name
# -- grounding decides each term's domain at its index (grounding.instantiate) ---------------------------
# sympy evaluates a closed term as soon as the index is set: log(j - 2)**2 at j = 1 is -pi**2, real, though
# log(-1) is not defined. Each pair: a claim undefined at its only index (not refuted: it holds where it is
# defined, nowhere here) and its twin where a defined index really violates it (refuted there).

ONLY_ONE = [n >= 1, n <= 1]

UNDEFINED_AT_AN_INDEX = [
    # log of a negative number, squared (real)
    Claim("rt_idx_log_square", given=ONLY_ONE, show=sp.Sum(sp.log(j - 2) ** 2, (j, 1, n)) >= 0),
    # the modulus of a root of a negative number (real)
    Claim("rt_idx_abs_sqrt", given=ONLY_ONE, show=sp.Sum(sp.Abs(sp.sqrt(j - 3)), (j, 1, n)) >= 2),
    # a Piecewise whose selected branch is undefined at the index
    Claim("rt_idx_piecewise", given=ONLY_ONE,
          show=sp.Sum(sp.Piecewise((sp.log(j - 2) ** 2, j >= 1), (1, True)), (j, 1, n)) >= 0),
    # the index outside the sum: log(n - 2)**2 at n = 1
    Claim("rt_idx_outside_the_sum", given=ONLY_ONE, show=sp.Sum(j, (j, 1, n)) + sp.log(n - 2) ** 2 >= 1),
    # division by zero at an index, with a free symbol beside it (zoo * x, nan at x = 0)
    Claim("rt_idx_division_by_zero", given=[n >= 2, n <= 2], show=sp.Sum(sp.Abs(x) / (j - 2) ** 2, (j, 1, n)) >= 1),
    # an open condition the written-out term no longer shows: Piecewise((log(-1)**2, x > 0), (0, True))
    Claim("rt_idx_piecewise_open", given=ONLY_ONE + [x >= 1, x <= 2],
          show=sp.Sum(sp.Piecewise((sp.log(j - 2) ** 2, x > 0), (0, True)), (j, 1, n)) >= 0),
    # a product: its factor log(j - 2)**2 at j = 1
    Claim("rt_idx_product", given=ONLY_ONE, show=sp.Product(sp.log(j - 2) ** 2 + 11, (j, 1, n)) >= 2),
]

DEFINED_AND_VIOLATED = [
    (Claim("rt_idx_log_square_defined", given=[n >= 3, n <= 3], show=sp.Sum(sp.log(j - 2) ** 2, (j, 3, n)) >= 1), {"n": 3}),
    (Claim("rt_idx_abs_sqrt_defined", given=ONLY_ONE, show=sp.Sum(sp.Abs(sp.sqrt(j + 1)), (j, 1, n)) >= 2), {"n": 1}),
    (Claim("rt_idx_piecewise_defined", given=ONLY_ONE,
           show=sp.Sum(sp.Piecewise((sp.log(j - 2) ** 2, j >= 3), (-1, True)), (j, 1, n)) >= 0), {"n": 1}),
    (Claim("rt_idx_outside_defined", given=ONLY_ONE, show=sp.Sum(j, (j, 1, n)) + sp.log(n + 1) ** 2 >= 2), {"n": 1}),
    (Claim("rt_idx_division_defined", given=[n >= 3, n <= 3], show=sp.Sum(sp.Abs(x) / (j - 2) ** 2, (j, 3, n)) >= 1), None),
    (Claim("rt_idx_product_defined", given=ONLY_ONE, show=sp.Product(sp.log(j + 2) ** 2 + 1, (j, 1, n)) >= 3), {"n": 1}),
    # some indices undefined, a later one defined and violating: the first index where all terms are
    # defined is n = 3 (the sum from j = 3), where log(1)**2 = 0 < 1/2
    (Claim("rt_idx_from_three", given=[n >= 3], show=sp.Sum(sp.log(j - 2) ** 2, (j, 3, n)) >= sp.Rational(1, 2)), {"n": 3}),
]


@pytest.mark.parametrize("claim", UNDEFINED_AT_AN_INDEX, ids=lambda c: c.name)
def test_a_term_undefined_at_its_index_is_no_counterexample(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is not Status.REFUTED, v.explain()


@pytest.mark.parametrize("claim, point", DEFINED_AND_VIOLATED, ids=lambda c: getattr(c, "name", ""))
def test_a_defined_index_that_violates_is_still_refuted(claim, point):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    if point is not None:
        assert {key: v.counterexample[key] for key in point} == point, v.explain()


def test_instantiate_marks_undefined_terms_and_keeps_open_conditions():
    from verify.core.grounding import UNDEFINED, expand_sums, instantiate

    assert instantiate(sp.log(j - 2) ** 2, {j: sp.Integer(1)}) is UNDEFINED
    assert instantiate(sp.log(j - 2) ** 2, {j: sp.Integer(3)}) == 0
    assert expand_sums(sp.Sum(sp.log(j - 2) ** 2, (j, 1, 3))) is UNDEFINED
    assert expand_sums(sp.Sum(sp.log(j + 1), (j, 1, 2))) == sp.log(2) + sp.log(3)
    kept = instantiate(sp.Piecewise((sp.log(j - 2) ** 2, x > 0), (0, True)), {j: sp.Integer(1)})
    assert holds(sp.Ge(kept, 0, evaluate=False), {x: sp.Integer(-1)}) is True  # the other branch: defined
    with pytest.raises(Exception):
        holds(sp.Ge(kept, 0, evaluate=False), {x: sp.Integer(1)})  # log(-1)**2: undefined, not -pi**2 < 0
    # a reversed range follows sympy's convention (the negated sum over hi + 1, ..., lo - 1)
    assert expand_sums(sp.Sum(j, (j, 5, 2))) == sp.Sum(j, (j, 5, 2)).doit()


def test_a_schema_instance_undefined_at_its_index_is_not_a_satisfied_hypothesis():
    # for all j >= 0: D(j + 1) <= D(j) + log(j - 1)**2; at j = 0 the instance is log(-1)**2 = -pi**2, which
    # made D(1) <= D(0) - pi**2 a hypothesis and D(0) = 0, D(1) = -9.9 a "counterexample" to D(1) <= D(0) - 10
    claim = Claim("rt_schema_undefined_instance", given=[forall(j, D(j + 1) <= D(j) + sp.log(j - 1) ** 2), *ONLY_ONE],
                  show=D(n) <= D(0) - 10)
    v = check(claim, seconds=3, seed=0)
    assert v.status is not Status.REFUTED, v.explain()
    twin = Claim("rt_schema_defined_instance", given=[forall(j, D(j + 1) <= D(j) + sp.log(j + 1) ** 2), *ONLY_ONE],
                 show=D(n) <= D(0) - 10)  # D(1) = D(0) satisfies the instance at 0 (log(1) = 0) and fails
    v = check(twin, seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()


def test_exact_recheck_sees_a_partial_term_inside_a_piecewise_branch():
    # exact._check_partial_terms skipped Piecewise: log(x - 2)**2 = -pi**2 at x = 1 was confirmed, and the
    # z3 proof (log abstracted) met the attack's "counterexample": error (kernel inconsistency)
    claim = Claim("rt_piecewise_branch_log", given=[x >= 1, x <= 1],
                  show=sp.Piecewise((sp.log(x - 2) ** 2, x > 0), (0, True)) >= 0)
    v = check(claim, seconds=3, seed=0)
    assert v.status not in (Status.REFUTED, Status.ERROR), v.explain()
    false = Claim("rt_piecewise_branch_log_defined", given=[x >= 3, x <= 3],
                  show=sp.Piecewise((sp.log(x - 2) ** 2, x > 0), (0, True)) >= 1)  # log(1)**2 = 0
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"x": 3}, v.explain()


# -- monotone over a box (deciders/monotone.py) -------------------------------------------------------------

def test_monotone_in_a_bounded_variable_is_decided_at_the_corner():
    # e**1000 = 1.97e434: above 10**434, below 10**435 (so the red team's "exp(x) > 10**435 given x >= 1000"
    # is false, at x = 1000)
    true = Claim("rt_exp_above_10_434", given=[x >= 1000], show=sp.exp(x) > 10**434)
    v = check(true, seconds=3, seed=0)
    assert v.status is Status.PROVED and any(e.rule == "monotone" for e in v.evidence), v.explain()
    false = Claim("rt_exp_above_10_435", given=[x >= 1000], show=sp.exp(x) > 10**435)
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"x": 1000}, v.explain()


MONOTONE_TRUE = [
    Claim("rt_mono_log", given=[x >= 404], show=sp.log(x) >= 6),                   # e**6 = 403.43
    Claim("rt_mono_exp_minus", given=[x >= 1000], show=sp.exp(-x) < sp.Rational(1, 10**434)),
    Claim("rt_mono_two_vars", given=[x >= 1000, y >= 2], show=sp.exp(x) + y**3 >= 10**434 + 8),
    Claim("rt_mono_product", given=[x >= 1000], show=x * sp.exp(x) >= 1000 * sp.exp(1000)),
    Claim("rt_mono_reciprocal", given=[x >= 1], show=1 / x <= 1),
    Claim("rt_mono_root", given=[x >= 5, x <= 30], show=sp.sqrt(x - 5) <= 5),
    Claim("rt_mono_square_on_nonneg_base", given=[x >= 2], show=(x - 1) ** 2 >= 1),
]
MONOTONE_FALSE = [
    (Claim("rt_mono_log_false", given=[x >= 403], show=sp.log(x) >= 6), {"x": 403}),
    (Claim("rt_mono_reciprocal_false", given=[x >= sp.Rational(1, 2)], show=1 / x <= 1), None),
    # (x - 3)**2 is not monotone on x >= 2 (its base changes sign): no corner argument; false at 3
    (Claim("rt_mono_square_sign_change", given=[x >= 2], show=(x - 3) ** 2 >= 1), None),
    (Claim("rt_mono_two_vars_false", given=[x >= 1000, y >= 2], show=sp.exp(x) + y**3 >= 10**435), None),
]


@pytest.mark.parametrize("claim", MONOTONE_TRUE, ids=lambda c: c.name)
def test_monotone_true_claims_are_proved(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.PROVED, v.explain()


@pytest.mark.parametrize("claim, point", MONOTONE_FALSE, ids=lambda c: getattr(c, "name", ""))
def test_monotone_false_claims_are_refuted(claim, point):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim, v)
    if point is not None:
        assert v.counterexample == point


def test_monotone_rules_refuse_what_they_cannot_order():
    from verify.core.deciders.base import NotApplicable
    from verify.core.deciders.monotone import Box, directions

    box = Box([x, y], [x >= 2, y >= 0])
    assert directions(sp.exp(x) + sp.log(x) + x**3, box) == {x: 1}
    assert directions(-sp.exp(-x), box) == {x: 1}
    assert directions(x - y, box) == {x: 1, y: -1}
    for e in (x - x**3 / 100, (x - 3) ** 2, sp.sin(x), sp.log(y), x * (y - 1), x**y):
        with pytest.raises(NotApplicable):
            directions(e, box)


# -- large magnitudes (attack/scalar.py, _magnitude_phase) --------------------------------------------------

def test_a_tiny_cubic_coefficient_is_found_at_a_large_power_of_ten():
    # sin(x) < x - 1e-20 x**3 holds for small x but fails once 1e-20 x**2 > 1 - sin(x)/x (x ~ 1e10 and up)
    false = Claim("rt_sin_tiny_cubic", given=[x > 0], show=sp.sin(x) < x - sp.Float(1e-20) * x**3)
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample["x"] >= 10**10, v.explain()
    assert_counterexample_is_real(false, v)
    true = Claim("rt_sin_tiny_cubic_plus", given=[x > 0], show=sp.sin(x) < x + sp.Float(1e-20) * x**3)
    assert check(true, seconds=3, seed=0).status is not Status.REFUTED
    false = Claim("rt_tiny_square_bounded", show=sp.Rational(1, 10**30) * x**2 <= 1)  # false for |x| > 1e15
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and abs(v.counterexample["x"]) > 10**15, v.explain()
    false = Claim("rt_tiny_reciprocal", given=[x > 0], show=x + 10**-25 / x <= 10**20)  # false for x > 1e20
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()


def test_a_side_past_the_float_range_does_not_crash_the_attack():
    v = check(Claim("rt_huge_constant", given=[x >= 0, x <= 10], show=sp.exp(x) < 10**400), seconds=3, seed=0)
    assert v.status is Status.PROVED and "attack failed" not in v.explain(), v.explain()


# -- a relation already evaluated when it was built (problem._refuse_constant) ------------------------------

v_ = sp.Symbol("v_", real=True)


@pytest.mark.parametrize("show", [sp.Float(0.1) * v_ <= v_ / 10, True, False, sp.true, sp.false, v_**2 + 1 > 0],
                         ids=["float_folded", "python_true", "python_false", "sympy_true", "sympy_false", "assumptions"])
def test_a_conclusion_already_constant_is_an_error_naming_it(show):
    v = check(Claim("rt_folded_show", given=[v_ >= 0], show=show), seconds=2, seed=0)
    assert v.status is Status.ERROR and "show is the constant" in v.message and "evaluate=False" in v.message, v.message


def test_a_hypothesis_already_false_is_an_error_and_one_already_true_is_named_as_dropped():
    v = check(Claim("rt_folded_given_false", given=[sp.Float(0.1) * v_ > v_ / 10], show=v_ >= 0), seconds=2, seed=0)
    assert v.status is Status.ERROR and "given[0] is the constant False" in v.message, v.message
    v = check(Claim("rt_folded_given_true", given=[sp.Float(0.1) * v_ >= v_ / 10], show=v_ >= 0), seconds=2, seed=0)
    assert v.status is Status.REFUTED and "already True when it was built" in v.explain(), v.explain()
    # built unevaluated, the float is its binary value: 0.1 > 1/10, so the hypothesis says v >= 0
    kept = Claim("rt_unevaluated_given", given=[sp.Ge(sp.Float(0.1) * v_, v_ / 10, evaluate=False)], show=v_ >= 0)
    assert check(kept, seconds=3, seed=0).status is Status.PROVED


def test_the_shell_reads_a_decimal_exactly_so_nothing_folds():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "verify", "check", "0.1*v <= v/10", "--seconds", "2"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "proved" in out.stdout, out.stdout + out.stderr
    out = subprocess.run([sys.executable, "-m", "verify", "check", "0.1*v < v/10", "--seconds", "2"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "refuted" in out.stdout, out.stdout + out.stderr


def test_schemas_unsatisfiable_beyond_the_point_do_not_refute():
    claim = Claim("rt_schemas_contradict_later", given=[forall(j, D(j) >= j), forall(j, D(j) <= 5), n <= 1],
                  show=D(n) >= 100)
    assert check(claim, seconds=3, seed=0).status is not Status.REFUTED


def test_nested_and_multi_limit_sums_are_grounded_term_by_term():
    # index_symbols took the inner sum's bound j (the outer sum's variable) for an index, and the attack
    # failed with "Invalid limits"; a multi-limit sum was left to doit, which evaluates log(0)**2 early
    from verify.core.grounding import UNDEFINED, expand_sums

    i_ = sp.Symbol("i_", integer=True)
    assert expand_sums(sp.Sum(i_ * j, (i_, 1, j), (j, 1, 3))) == 25
    assert expand_sums(sp.Sum(sp.log(i_ - 1) ** 2, (i_, 1, j), (j, 1, 2))) is UNDEFINED
    false = Claim("rt_nested_sum_small", given=[n >= 1, n <= 2],
                  show=sp.Sum(sp.Sum(sp.log(i_ + 1) ** 2, (i_, 1, j)), (j, 1, n)) >= 1)  # log(2)**2 < 1 at n = 1
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"n": 1}, v.explain()
    true = Claim("rt_nested_sum_undefined", given=[n >= 1, n <= 2],
                 show=sp.Sum(sp.Sum(sp.log(i_ - 1) ** 2, (i_, 1, j)), (j, 1, n)) >= 0)  # log(0) at i = 1
    assert check(true, seconds=3, seed=0).status is not Status.REFUTED


def test_exact_sign_of_an_unevaluated_sum_is_uncertified_not_a_crash():
    # exact.sign compared an unevaluated Sum's imaginary part with a float (TypeError out of farkas)
    from verify.core.exact import NotReal, sign

    i_ = sp.Symbol("i_", integer=True)
    assert sign(sp.Sum(sp.log(i_ + 1) ** 2, (i_, 1, j), (j, 1, 1)) - 1) in (None, -1)
    assert sign(sp.log(2) ** 2 - 1) == -1
    with pytest.raises(NotReal):
        sign(1 + sp.I)


def test_a_conjunction_with_an_undefined_conjunct_is_no_counterexample():
    # exact._holds returned False for And(sqrt(x) >= 0, x >= 0) at x = -1 (its second conjunct is false),
    # so the attack "confirmed" x = -1 against z3's proof: kernel inconsistency (refuted with a weaker prover)
    for show in (sp.And(sp.sqrt(x) >= 0, x >= 0), sp.And(sp.log(x) ** 2 >= 0, x > 0)):
        v = check(Claim("rt_and_undefined_conjunct", show=show), seconds=3, seed=0)
        assert v.status not in (Status.REFUTED, Status.ERROR), v.explain()
    false = Claim("rt_and_defined_conjunct_false", show=sp.And(sp.sqrt(x) >= 0, x >= 1))  # x = 0
    v = check(false, seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample["x"] >= 0, v.explain()


# --- independent red-team pass (issue 8; benchmarks/redteam_claims.py holds the full list and its table) ---
_rt_x = sp.Symbol("x", real=True)
_rt_k = sp.Symbol("k", integer=True)
_rt_n = sp.Symbol("n", integer=True, nonnegative=True)


@pytest.mark.parametrize("claim, true", [
    # fl(0.3) = 0.29999999999999998889... < 3/10, so 10 fl(0.3) < 3
    (Claim("rt3_float_third_ge", given=[sp.Eq(_rt_x, sp.Float(0.3))], show=10 * _rt_x >= 3), False),
    (Claim("rt3_float_third_le", given=[sp.Eq(_rt_x, sp.Float(0.3))], show=10 * _rt_x <= 3), True),
    # 2**-1074 is the least positive double; fl(1e-323) = 2 * 2**-1074
    (Claim("rt3_denormal", given=[sp.Eq(_rt_x, sp.Float(5e-324))], show=_rt_x >= sp.Float(1e-323)), False),
    # x**2 - 137 x + 4692 = (x - 68)(x - 69): >= 0 on the integers, = 0 at 68 and 69
    (Claim("rt3_integer_gap_ge", show=_rt_n ** 2 - 137 * _rt_n + 4692 >= 0), True),
    (Claim("rt3_integer_gap_gt", show=_rt_n ** 2 - 137 * _rt_n + 4692 > 0), False),
    # even squares are 0 or 4 mod 8 (k = 2), odd ones 1; mod 4 they are 0 and 1
    (Claim("rt3_mod8", show=sp.Eq(sp.Mod(_rt_k ** 2, 8), sp.Mod(_rt_k, 2))), False),
    # max(sin, cos) has its least value -sqrt(2)/2 = -0.7071... at 5 pi / 4
    (Claim("rt3_max_trig", show=sp.Max(sp.sin(_rt_x), sp.cos(_rt_x)) >= -sp.Rational(7, 10)), False),
    # e^1000 = 1.9700711e434
    (Claim("rt3_exp1000", show=sp.StrictGreaterThan(sp.exp(1000), sp.Rational(198, 100) * sp.Integer(10) ** 434, evaluate=False)), False),
    (Claim("rt3_exp1000_ok", show=sp.StrictGreaterThan(sp.exp(1000), sp.Integer(10) ** 434, evaluate=False)), True),
    # sin(10**30) = -0.0901169019... (80-digit mpmath); built unevaluated, as sympy would fold both to False
    (Claim("rt3_sin_far", show=sp.StrictGreaterThan(sp.sin(sp.Integer(10) ** 30), 0, evaluate=False)), False),
    # sum_{i<=n} 1/(i(i+1)) = 1 - 1/(n+1) <= 1 - 1/(n+2)
    (Claim("rt3_telescoping", show=sp.Sum(1 / ((j + 1) * (j + 2)), (j, 0, _rt_n - 1)) <= 1 - 1 / (_rt_n + 2)), True),
])
def test_red_team_twins(claim, true):
    v = check(claim, seconds=4, seed=0)
    if true:
        assert v.status is not Status.REFUTED, v.explain()
    else:
        assert v.status is not Status.PROVED, v.explain()
        assert v.status is Status.REFUTED, v.explain()
        assert_counterexample_is_real(claim, v)


def test_red_team_wide_and_chained_spectral_traps():
    # a wide A (2 x 3) times a tall B (3 x 2): AB can be singular with A and B of full rank (range B in null A)
    A_, B_ = _Mat("A", 2, 3), _Mat("B", 3, 2)
    trap = Claim("rt3_smin_product_wide", show=_la.sigma_min(A_ * B_) >= _la.sigma_min(A_) * _la.sigma_min(B_))
    assert check(trap, seconds=4, seed=0).status is Status.REFUTED
    M_, z_ = _Mat("M", 2, 3), _Vec("z", 3)
    wide = Claim("rt3_wide_lower_bound", show=_la.norm(M_ * z_) >= _la.sigma_min(M_) * _la.norm(z_))
    assert check(wide, seconds=4, seed=0).status is Status.REFUTED
    w_ = _Vec("w", 2)
    transposed = Claim("rt3_wide_transposed", show=_la.norm(M_.T * w_) >= _la.sigma_min(M_) * _la.norm(w_))
    assert check(transposed, seconds=4, seed=0).status is Status.PROVED


# -- a schema point counts only when it extends to whole sequences; explicit matrix equations (ground) --
_E = sp.Function("E")
_q_seq = sp.Symbol("q_seq", nonnegative=True)
_c_seq = sp.Symbol("c_seq", positive=True)


@pytest.mark.parametrize("claim", [
    # D(j) >= j and D(j) <= 5 fail together at j = 6: no sequence satisfies the hypotheses (vacuously true)
    Claim("ext_bounds_cross", given=[forall(j, D(j) >= j), forall(j, D(j) <= 5), n <= 1], show=D(n) >= 100),
    # D grows by 1 each step but stays <= 10: false at j = 11 on every sequence (vacuously true)
    Claim("ext_growth_capped", given=[forall(j, D(j + 1) >= D(j) + 1), forall(j, D(j) <= 10), n <= 1],
          show=D(n) >= 100),
    # 2**j <= D(j) <= 1000 fails at j = 10 (vacuously true)
    Claim("ext_exponential_capped", given=[forall(j, D(j) >= 2**j), forall(j, D(j) <= 1000), n <= 2],
          show=D(n) <= -1),
    # c j <= D(j + 1) <= 5 with c > 0 fails for large j, whatever c
    Claim("ext_scalar_in_schema", given=[forall(j, D(j + 1) >= _c_seq * j), forall(j, D(j) <= 5), n <= 1],
          show=D(n) >= 100 * _c_seq),
    # true and not vacuous: a non-increasing sequence stays below its start
    Claim("ext_true_monotone", given=[forall(j, D(j + 1) <= D(j)), n <= 3], show=D(n) <= D(0)),
], ids=lambda c: c.name)
def test_schema_points_that_extend_to_no_sequence_do_not_refute(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is not Status.REFUTED, v.explain()
    if v.status is not Status.PROVED and claim.name != "ext_true_monotone":
        assert "extend to no proposed whole sequences" in v.explain(), v.explain()


@pytest.mark.parametrize("claim, grows", [
    # D = 0 from D(0) = 0 on satisfies 0 <= D(j) <= 5, and D(0) >= 1 fails
    (Claim("ext_false_bounds", given=[forall(j, D(j) >= 0), forall(j, D(j) <= 5), n <= 1], show=D(n) >= 1), False),
    # D(i) = i (the schema's own bound) satisfies D(j) >= j at every j: proved for all j beyond the point
    (Claim("ext_false_linear_tail", given=[forall(j, D(j) >= j)], show=D(n) >= n + 1), True),
    # halving: D(0) = 2, D(1) = 1, then D = 0 (or halving on) satisfies both schemas; D(1) > D(0)/3
    (Claim("ext_false_halving", given=[forall(j, D(j + 1) <= D(j) / 2), forall(j, D(j) >= 0), n >= 1],
           show=D(n) <= D(0) / 3), False),
    # strictly positive halving: the tail must stay positive (zero does not do), a geometric one does
    (Claim("ext_false_positive_halving", given=[forall(j, D(j + 1) <= D(j) / 2), forall(j, D(j) > 0), n >= 1],
           show=D(n) <= D(0) / 3), True),
    # two sequences: E >= D >= 0, E = D = 0 everywhere, and E(n) >= 1 fails
    (Claim("ext_false_two_sequences", given=[forall(j, _E(j) >= D(j)), forall(j, D(j) >= 0)], show=_E(n) >= 1),
     False),
    # a contraction with q <= 1: at n = 0 the bound minus 1/10 fails for every D(0)
    (Claim("ext_false_contraction", given=[forall(j, D(j + 1) <= _q_seq * D(j)), forall(j, D(j) >= 0), _q_seq <= 1],
           show=D(n) <= _q_seq**n * D(0) - sp.Rational(1, 10)), False),
], ids=lambda c: getattr(c, "name", ""))
def test_schema_points_that_extend_to_whole_sequences_refute(claim, grows):
    v = check(claim, seconds=4, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    ext = [e.detail for e in v.evidence if e.rule == "extension"]
    assert ext and "satisfying every schema at every index" in ext[0], v.explain()
    if grows:  # a tail that is not constant needs the deciders' proof beyond the fixed terms
        assert "proved beyond" in ext[0], v.explain()


def test_a_schema_point_without_a_proposed_extension_is_rejected():
    # the core's re-check on its own: the grounded point n = 0, D(0) = 1 satisfies every instance it reads, but
    # without tails (or with tails that break a schema) it is no counterexample
    from verify.core.counterexamples import Rejected, confirm
    from verify.core.extension import SEQUENCES
    from verify.core.problem import prepare

    i_ = sp.Symbol("i", integer=True)
    problem = prepare(Claim("ext_core", given=[forall(j, D(j) >= j), forall(j, D(j) <= 5), n <= 1], show=D(n) >= 100))
    for tails in ({}, {"D": sp.Lambda(i_, 5)}, {"D": sp.Lambda(i_, i_)}, {"D": sp.Lambda(i_, sp.Min(i_, 5))}):
        with pytest.raises(Rejected):
            confirm(problem, {"n": 0, "D(0)": 1, SEQUENCES: tails}, prove=lambda ob: None)
    ok = prepare(Claim("ext_core_ok", given=[forall(j, D(j) >= 0), forall(j, D(j) <= 5), n <= 1], show=D(n) >= 1))
    found = confirm(ok, {"n": 0, "D(0)": 0, SEQUENCES: {"D": sp.Lambda(i_, 3)}})
    assert "D(i) = 3" in found.extension
    with pytest.raises(Rejected):  # a tail outside the bounds fails exactly beyond the point
        confirm(ok, {"n": 0, "D(0)": 0, SEQUENCES: {"D": sp.Lambda(i_, 6)}})
    with pytest.raises(Rejected):  # a tail that needs a proof for every j, and no prover: not certified
        confirm(ok, {"n": 0, "D(0)": 0, SEQUENCES: {"D": sp.Lambda(i_, 5 * sp.Rational(1, 2)**i_)}})
    loose = prepare(Claim("ext_core_scalar", given=[forall(j, D(j + 1) >= _c_seq * j), n <= 1], show=D(n) >= 100),
                    connected=False)
    with pytest.raises(Rejected, match="unassigned"):  # c_seq is read by the schema only, and the point omits it
        confirm(loose, {"n": 0, "D(0)": 0, SEQUENCES: {"D": sp.Lambda(i_, 0)}}, prove=lambda ob: "any")


_M = sp.ImmutableMatrix


@pytest.mark.parametrize("show", [
    sp.Eq(_M([[x + x, 1]]), _M([[2 * x, 1]]), evaluate=False),
    sp.Eq(_M([[(x + 1)**2], [x * y]]), _M([[x**2 + 2 * x + 1], [y * x]]), evaluate=False),
    sp.Ne(_M([[x, 1]]), _M([[x, 2]]), evaluate=False),
    sp.Eq(_M([[x - x, 0], [0, y * 0]]), sp.ZeroMatrix(2, 2), evaluate=False),
    sp.Eq(_M([[x**2 - x * x]]), 0, evaluate=False),
], ids=str)
def test_true_explicit_matrix_equations_are_proved(show):
    v = check(Claim("mat_eq_true", show=show), seconds=3, seed=0)
    assert v.status is Status.PROVED, v.explain()


@pytest.mark.parametrize("show", [
    sp.Eq(_M([[x, 1]]), _M([[x, 2]]), evaluate=False),
    sp.Ne(_M([[x, 1]]), _M([[x, 1]]), evaluate=False),
    sp.Eq(_M([[x**2 - 1, 0], [0, x]]), sp.ZeroMatrix(2, 2), evaluate=False),  # no x makes both 0
    sp.Eq(_M([[x, y]]), _M([[y, x]]), evaluate=False),                        # any x != y
    sp.Eq(_M([[x**2 + 1]]), 0, evaluate=False),
], ids=str)
def test_false_explicit_matrix_equations_are_refuted(show):
    v = check(Claim("mat_eq_false", show=show), seconds=3, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    point = {s: v.counterexample[s.name] for s in show.free_symbols}
    lhs, rhs = (side.xreplace(point) if isinstance(side, sp.MatrixBase) else side for side in (show.lhs, show.rhs))
    lhs, rhs = (sp.zeros(*show.lhs.shape) if side == 0 or isinstance(side, sp.ZeroMatrix) else sp.Matrix(side)
                for side in (lhs, rhs))
    assert (sp.Matrix(lhs) == sp.Matrix(rhs)) is (show.rel_op == "!="), (point, lhs, rhs)


def test_explicit_matrix_hypotheses_are_their_entries():
    given = [sp.Eq(_M([[x, y]]), _M([[1, 2]]), evaluate=False)]
    assert check(Claim("mat_hyp_true", given=given, show=x + y >= 3), seconds=3, seed=0).status is Status.PROVED
    v = check(Claim("mat_hyp_false", given=given, show=x + y > 3), seconds=3, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"x": 1, "y": 2}, v.explain()


@pytest.mark.parametrize("claim", [
    Claim("mat_shape_row_col", show=sp.Eq(_M([[x, 1]]), _M([[x], [1]]), evaluate=False)),
    Claim("mat_shape_sizes", show=sp.Ne(_M([[x]]), _M([[x, 1]]), evaluate=False)),
    Claim("mat_shape_zero", show=sp.Eq(_M([[x, 1]]), sp.ZeroMatrix(2, 1), evaluate=False)),
    Claim("mat_shape_given", given=[sp.Eq(_M([[x, y]]), _M([[1], [2]]), evaluate=False)], show=x + y >= 3),
], ids=lambda c: c.name)
def test_explicit_matrix_equations_of_different_shapes_are_errors(claim):
    v = check(claim, seconds=3, seed=0)
    assert v.status is Status.ERROR and "different shapes" in v.message, v.explain()


# -- expm at 50 digits: an eigenvalue lost in cancellation is no counterexample (red team, stop 21) -----------
from verify.core import matrix_exact as _mx  # noqa: E402

_n = sp.Symbol("n", integer=True, positive=True)
_S, _A = _Mat("S", _n, _n, structure="symmetric"), _Mat("A", _n, _n)
_T3 = _Mat("T", 3, 3, structure="symmetric")
EXPM_TRUE = [
    Claim("sigma_min_expm_positive", show=_la.sigma_min(_la.expm(_A)) > 0),
    Claim("lambda_min_expm_sym_positive", show=_la.lambda_min(_la.expm(_S)) > 0),
    Claim("lambda_min_expm_3x3_positive", show=_la.lambda_min(_la.expm(_T3)) > 0),
    Claim("lambda_min_expm_is_exp", show=sp.Eq(_la.lambda_min(_la.expm(_S)), sp.exp(_la.lambda_min(_S)))),
    Claim("sigma_min_expm_is_exp", show=sp.Eq(_la.sigma_min(_la.expm(_S)), sp.exp(_la.lambda_min(_S)))),
]


@pytest.mark.parametrize("claim", EXPM_TRUE, ids=lambda c: c.name)
def test_true_claims_about_expm_are_never_refuted(claim):
    """These were refuted at points where ``expm``'s entries reach 1e90: the smallest eigenvalue, lost below
    50 digits, came out as an exact 0 (``sp.Float(mpf(0))`` is ``S.Zero``)."""
    v = check(claim, seed=0)
    assert v.status is not Status.REFUTED, v.explain()


def test_an_eigenvalue_below_the_noise_floor_is_undecided_not_zero():
    """expm's entries reach 1e91 here and its least eigenvalue is 1.0: below the noise floor at 50 digits,
    decided at 160; five times the matrix needs about 600 digits, and stays undecided."""
    T = sp.ImmutableMatrix([[82, 99, 20], [99, 121, 33], [20, 33, 58]])
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) > 0, {_T3: T}, {}) is True
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) <= 0, {_T3: T}, {}) is False
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) > 0, {_T3: 5 * T}, {}) is None
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) <= 0, {_T3: 5 * T}, {}) is None
    assert isinstance(_mx._float(0, 50), sp.Float)
    small = {_T3: sp.ImmutableMatrix([[1, 0, 0], [0, 2, 0], [0, 0, -1]])}           # well conditioned: decided
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) > 0, small, {}) is True
    assert _mx.truth(_la.lambda_min(_la.expm(_T3)) > 1, small, {}) is False


def test_false_claims_about_expm_are_still_refuted():
    for show in (_la.lambda_min(_la.expm(_S)) >= 1, _la.sigma_min(_la.expm(_A)) <= sp.Rational(1, 2),
                 _la.lambda_max(_la.expm(_T3)) <= 3):
        v = check(Claim("expm_twin", show=show), seed=0)
        assert v.status is Status.REFUTED, v.explain()
