"""The kernel's public behaviour: verdicts, evidence, bad input, derivations, rules."""
from __future__ import annotations

import pytest
import sympy as sp

from verify import Claim, Derivation, Status, check, forall, induction, substitute, use
from verify.core.exact import holds

mu, L = sp.symbols("mu L", positive=True)
delta, g, dn = sp.symbols("delta g delta_next", nonnegative=True)
x, y = sp.symbols("x y", positive=True)
z = sp.Symbol("z", real=True)


def assert_counterexample_is_real(claim: Claim, verdict) -> None:
    """Independent re-check: every hypothesis holds and the conclusion fails at the point."""
    names = {s.name: s for s in claim.symbols()}
    point = {names[k]: v for k, v in verdict.counterexample.items() if k in names}
    for h in claim.given:
        assert holds(h, point) is True, (h, point)
    assert holds(claim.show, point) is False


def test_design_card_example_is_proved_with_evidence():
    one_step = Claim("gd_pl_one_step", given=[g >= 2 * mu * delta, mu <= L],
                     show=delta - g / (2 * L) <= (1 - mu / L) * delta, source="000, Theorem 2")
    v = check(one_step)
    assert v.status is Status.PROVED
    assert v.evidence[0].rule in ("farkas", "z3", "sign")
    assert v.seconds > 0


def test_wrong_constant_is_refuted_with_exact_counterexample():
    c = Claim("too_strong", given=[g >= 2 * mu * delta, mu <= L],
              show=delta - g / (2 * L) <= (1 - 2 * mu / L) * delta)
    v = check(c, seed=1)
    assert v.status is Status.REFUTED
    assert all(isinstance(val, sp.Basic) and val.is_number for val in v.counterexample.values())
    assert_counterexample_is_real(c, v)
    assert v.sides is not None


@pytest.mark.parametrize("claim", [
    Claim("needle_exp", show=sp.exp(z) > 1 + z),
    Claim("needle_square", show=x ** 2 + 1 > 2 * x),
    Claim("strict_log", given=[z > 0], show=sp.log(z) < z - 1),
    Claim("flipped_amgm", show=x ** 2 + y ** 2 <= 2 * x * y),
])
def test_needles_are_found_exactly(claim):
    v = check(claim, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim, v)


def test_numeric_pass_is_tested_not_proved():
    # true (x^2 + 3 sin^2 x grows) but beyond the symbolic deciders
    c = Claim("sin_bound", show=sp.Ge(z ** 2 + 3 * sp.sin(z) ** 2, z ** 2 / 4, evaluate=False))
    v = check(c, seed=0)
    assert v.status in (Status.TESTED, Status.PROVED)
    if v.status is Status.TESTED:
        assert any(e.rule == "numeric attack" for e in v.evidence)


def test_same_seed_same_result():
    c = Claim("rep", given=[z >= 1], show=z ** 3 - 3 * z + 2 > 0)
    a, b = check(c, seed=7), check(c, seed=7)
    assert a.status == b.status == Status.REFUTED
    assert a.counterexample == b.counterexample


@pytest.mark.parametrize("show,fragment", [
    (x + 1, "not a relation"),
    (None, "missing"),
    ("x <= 1", "string"),
    (sp.Eq(z ** 2 + sp.I * z, 1), "non-real"),
])
def test_malformed_show_is_an_error_naming_the_claim(show, fragment):
    v = check(Claim("bad", show=show))
    assert v.status is Status.ERROR
    assert "bad" in v.message and fragment in v.message


def test_disconnected_hypothesis_is_an_error():
    w = sp.Symbol("w", positive=True)
    v = check(Claim("typo", given=[w <= 1], show=x * y <= x ** 2 + y ** 2))
    assert v.status is Status.ERROR and "given[0]" in v.message


def test_two_symbols_with_one_name_is_an_error():
    other = sp.Symbol("x", real=True)
    v = check(Claim("clash", given=[other <= 1], show=x <= 1))
    assert v.status is Status.ERROR and "'x'" in v.message


def test_non_real_values_are_outside_the_domain():
    # a claim holds where it is defined (docs/claims.md): sqrt(z) <= 1 + z**2 for z >= 0, so z < 0 is not in question
    v = check(Claim("sqrt_neg", show=sp.sqrt(z) <= 1 + z ** 2))
    assert v.status is Status.PROVED, v.explain()
    assert any(e.rule == "domain" and "not real" in e.detail for e in v.evidence), v.explain()


def test_wrong_argument_types_raise():
    with pytest.raises(TypeError):
        check("x <= 1")
    with pytest.raises(TypeError):
        Claim(3, show=x <= 1)
    with pytest.raises(ValueError):
        Claim("c", show=x <= 1, expect="maybe")
    with pytest.raises(ValueError):
        check(Claim("c", show=x <= x + 1), seconds=-1)


def test_vacuous_false_hypothesis_is_an_error():
    v = check(Claim("vacuous", given=[sp.false], show=x <= 1))
    assert v.status is Status.ERROR


def test_time_limit_gives_an_answer_quickly():
    import time
    c = Claim("hard", given=[z >= 0], show=sp.exp(sp.sin(z) ** 2) * sp.cos(z) ** 3 <= sp.exp(1) + 1)
    t0 = time.monotonic()
    v = check(c, seconds=3, seed=0)
    assert time.monotonic() - t0 < 15
    assert v.status in (Status.PROVED, Status.TESTED, Status.UNKNOWN)


# ---------------------------------------------------------------- derivations

def gd_chain(mutate: str | None = None) -> Derivation:
    """000, Theorem 2, one step, as a chain; ``mutate`` breaks one link on purpose."""
    pl = g >= 2 * mu * delta
    descent = dn <= delta - g / (2 * L)
    d = Derivation("gd_one_step", given=[pl, descent, mu <= L], start=dn)
    d.le(delta - g / (2 * L), by=substitute(descent))
    second = {None: delta - 2 * mu * delta / (2 * L), "constant": delta - 3 * mu * delta / (2 * L),
              "sign": delta + 2 * mu * delta / (2 * L)}.get(mutate, delta - 2 * mu * delta / (2 * L))
    d.le(second, by="PL")
    if mutate == "flip":
        d.eq((1 + mu / L) * delta, by="algebra")
    elif mutate == "factor":
        d.eq((1 - mu / (2 * L)) * delta, by="algebra")
    else:
        d.eq((1 - mu / L) * delta, by="algebra")
    return d


def test_true_derivation_is_proved_link_by_link():
    v = check(gd_chain())
    assert v.status is Status.PROVED, v.explain()
    assert [link.status for link in v.links] == [Status.PROVED] * 3
    assert v.links[0].evidence[1].rule == "substitution" or v.links[0].evidence[0].rule == "substitution"


@pytest.mark.parametrize("mutation,link", [("constant", 2), ("sign", 3), ("flip", 3), ("factor", 3)])
def test_mutated_link_is_named(mutation, link):
    v = check(gd_chain(mutation), seed=0)
    assert v.status in (Status.REFUTED, Status.BLOCKED), v.explain()
    assert v.failed_link == link and v.failing is v.links[link - 1], v.explain()
    assert v.links[link - 1].status is Status.REFUTED
    assert f"link {link}" in v.message or v.status is Status.REFUTED


def test_derivation_with_false_conclusion_is_refuted():
    d = Derivation("false_chain", given=[x <= 1], start=x)
    d.le(1, by="hypothesis").le(x ** 2, by="wrong")
    v = check(d, seed=0)
    assert v.status is Status.REFUTED
    assert v.failed_link == 2  # counted from 1, as the message counts links


def test_derivation_must_prove_exactly_its_stated_conclusion():
    d = Derivation("overclaims", given=[x <= 1], start=x, show=x < 1)
    d.le(1, by="hypothesis")
    v = check(d)
    assert v.status is Status.ERROR and "does not give the stated" in v.message
    d2 = Derivation("wrong_ends", given=[x <= 1], start=x, show=x <= 2)
    d2.le(1)
    assert check(d2).status is Status.ERROR


def test_derivation_in_opposite_directions_is_an_error():
    d = Derivation("zigzag", given=[], start=x).le(x + 1).ge(x)
    v = check(d)
    assert v.status is Status.ERROR and "link 2" in v.message and v.failed_link == 2


def test_substitution_rule_checks_the_rewrite_and_monotonicity():
    pl = g >= 2 * mu * delta
    ok = Derivation("subst_ok", given=[pl], start=delta - g / (2 * L)).le(delta - mu * delta / L, by=substitute(pl))
    assert check(ok).status is Status.PROVED
    wrong_place = Derivation("subst_bad", given=[pl], start=delta - g / (2 * L)).le(delta - mu * delta / (3 * L),
                                                                                     by=substitute(pl))
    v = check(wrong_place)
    assert v.status in (Status.ERROR, Status.BLOCKED) and v.failed_link == 1
    # replacing in a decreasing position the wrong way: -g is decreasing in g, so g -> 2 mu delta goes up
    backwards = Derivation("subst_dir", given=[pl], start=delta - g / (2 * L)).ge(delta - mu * delta / L,
                                                                                   by=substitute(pl))
    assert check(backwards, seed=0).status in (Status.REFUTED, Status.BLOCKED)


def test_substitution_of_a_hypothesis_not_given_is_rejected():
    # a cited relation that follows from the hypotheses is accepted (here from x's positivity)
    v = check(Derivation("implied", given=[y >= 1], start=x + 1).le(x + y, by=substitute(sp.Le(1, y))))
    assert v.status is Status.PROVED, v.explain()
    v2 = check(Derivation("not_given2", given=[], start=x + y).le(2 * x, by=substitute(y <= x)))
    assert v2.status in (Status.ERROR, Status.BLOCKED, Status.REFUTED)


# ---------------------------------------------------------------- induction and lemmas

k = sp.Symbol("k", integer=True, nonnegative=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
i = sp.Symbol("i", integer=True, nonnegative=True)
a = sp.Function("a")
q = sp.Symbol("q", nonnegative=True)
c = sp.Symbol("c", real=True)


def test_recursion_lemma_by_induction():
    rec = Claim("linear_recursion", given=[forall(j, a(j + 1) <= q * a(j) + c)],
                show=a(k) <= q ** k * a(0) + c * sp.Sum(q ** i, (i, 0, k - 1)), by=induction(k))
    v = check(rec, seed=0)
    assert v.status is Status.PROVED, v.explain()
    assert {e.rule for e in v.evidence} >= {"induction: base", "induction: step"}


def test_recursion_lemma_with_wrong_power_is_refuted():
    rec = Claim("bad_recursion", given=[forall(j, a(j + 1) <= q * a(j) + c)],
                show=a(k) <= q ** (k + 1) * a(0) + c * sp.Sum(q ** i, (i, 0, k - 1)), by=induction(k))
    v = check(rec, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert "k" in v.counterexample


def test_induction_needs_an_integer_symbol():
    with pytest.raises(ValueError):
        induction(z)


def test_powers_of_two_by_induction():
    n = sp.Symbol("n", integer=True, nonnegative=True)
    assert check(Claim("pow2", show=2 ** n >= n + 1, by=induction(n))).status is Status.PROVED
    assert check(Claim("pow2_bad", show=2 ** n >= n ** 2), seed=0).status is Status.REFUTED


def test_lemma_use_instantiates_and_records_the_edge():
    amgm = Claim("amgm", show=x * y <= (x ** 2 + y ** 2) / 2)
    s, t = sp.symbols("s t", positive=True)
    d = Derivation("uses_amgm", given=[s <= 1, t <= 1], start=s * t)
    d.le((s ** 2 + t ** 2) / 2, by=use(amgm, {x: s, y: t})).le(1)
    v = check(d)
    assert v.status is Status.PROVED, v.explain()
    assert d.uses == ["amgm"]


def test_using_a_refuted_lemma_blocks():
    bad = Claim("bad_lemma", show=x * y <= (x ** 2 + y ** 2) / 3)
    s, t = sp.symbols("s t", positive=True)
    v = check(Claim("uses_bad", given=[use(bad, {x: s, y: t})], show=s * t <= s ** 2 + t ** 2))
    assert v.status is Status.BLOCKED and "bad_lemma" in v.message


def test_lemma_hypotheses_become_obligations():
    lemma = Claim("inv_le", given=[x <= y], show=1 / y <= 1 / x)
    s = sp.Symbol("s", positive=True)
    ok = check(Claim("ok", given=[s >= 2, use(lemma, {x: 2, y: s})], show=1 / s <= sp.Rational(1, 2)))
    assert ok.status is Status.PROVED, ok.explain()
    unmet = check(Claim("unmet", given=[s >= 1, use(lemma, {x: 2, y: s})], show=1 / s <= sp.Rational(1, 2)), seed=0)
    assert unmet.status in (Status.BLOCKED, Status.REFUTED)
    assert unmet.status is not Status.PROVED
    if unmet.status is Status.BLOCKED:
        assert "does not follow from this claim's hypotheses" in unmet.message


def test_unknown_symbol_name_in_use_raises():
    lemma = Claim("l", show=x <= x + 1)
    with pytest.raises(ValueError, match="no symbol named"):
        use(lemma, {"nope": 1})


# -- increasing functions and rational powers (z3: monotonicity facts, q-th roots) ---------------------
_N = sp.Symbol("N", integer=True, positive=True)
MONOTONE_TRUE = [
    Claim("exp_increasing", given=[x <= y], show=sp.exp(x) <= sp.exp(y)),
    Claim("log_increasing_strict", given=[x < y], show=sp.log(x) < sp.log(y)),
    Claim("log_nonneg_above_one", given=[x >= y], show=sp.log(x / y) >= 0),
    Claim("power_three_fifths_increasing", given=[x <= y], show=x ** sp.Rational(3, 5) <= y ** sp.Rational(3, 5)),
    Claim("sqrt_below_two_thirds_power", given=[], show=sp.sqrt(_N) <= _N ** sp.Rational(2, 3)),
    Claim("exp_cubic_taylor_everywhere", given=[], show=sp.exp(z) >= 1 + z + z ** 2 / 2 + z ** 3 / 6),
    Claim("exp_neg_below_reciprocal", given=[], show=sp.exp(-x) <= 1 / (1 + x)),
    Claim("log1p_second_order", given=[], show=sp.log(1 + x) >= x - x ** 2 / 2),
    # b**c = exp(c log b) for b > 0, then log(u) <= u - 1 and log(u) >= 1 - 1/u
    Claim("compound_interest_below_e", given=[], show=(1 + 1 / x) ** x <= sp.E),
    Claim("compound_interest_above_e", given=[], show=(1 + 1 / x) ** (x + 1) >= sp.E),
    # exp(a) exp(b) = exp((a + b)/2)^2, then AM-GM
    Claim("exp_midpoint_convex", given=[], show=sp.exp(z / 2 + x / 2) <= sp.exp(z) / 2 + sp.exp(x) / 2),
]
MONOTONE_FALSE = [
    Claim("exp_decreasing", given=[x <= y], show=sp.exp(x) >= sp.exp(y)),
    Claim("log_nonneg_below_one", given=[x <= y], show=sp.log(x / y) >= 0),
    Claim("negative_power_increasing", given=[x <= y], show=x ** sp.Rational(-3, 5) <= y ** sp.Rational(-3, 5)),
    Claim("sqrt_below_two_thirds_power_reals", given=[], show=sp.sqrt(x) <= x ** sp.Rational(2, 3)),
    Claim("exp_quadratic_taylor_everywhere", given=[], show=sp.exp(z) >= 1 + z + z ** 2 / 2),
    Claim("exp_neg_below_reciprocal_too_tight", given=[], show=sp.exp(-x) <= 1 / (1 + x + x ** 2)),
    Claim("log1p_second_order_flipped", given=[], show=sp.log(1 + x) <= x - x ** 2 / 2),
    # false only for x beyond about 200, where the exact powers have thousands of digits
    Claim("compound_interest_below_2_71", given=[], show=(1 + 1 / x) ** x <= sp.Rational(271, 100)),
    Claim("compound_interest_above_2_72", given=[], show=(1 + 1 / x) ** (x + 1) >= sp.Rational(272, 100)),
    Claim("exp_midpoint_concave", given=[], show=sp.exp(z / 2 + x / 2) >= sp.exp(z) / 2 + sp.exp(x) / 2),
]


@pytest.mark.parametrize("claim", MONOTONE_TRUE, ids=lambda c: c.name)
def test_increasing_functions_are_compared_by_their_arguments(claim):
    assert check(claim, seed=0).status is Status.PROVED


@pytest.mark.parametrize("claim", MONOTONE_FALSE, ids=lambda c: c.name)
def test_wrong_monotonicity_is_refuted(claim):
    v = check(claim, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(claim, v)


def test_conclusion_sympy_already_evaluated_is_an_error_and_unevaluated_is_decided():
    """``x**2 + 1 > 0`` with real x is True before check sees it: what was written is lost (sympy also folds
    ``Float(0.1)*v <= v/10`` by rounding), so it is an error naming the place; built unevaluated, decided."""
    v = check(Claim("evaluated_true", given=[x >= 1], show=x ** 2 + 1 > 0), seed=0)
    assert v.status is Status.ERROR and "show is the constant True" in v.message, v.explain()
    v = check(Claim("unevaluated_true", given=[x >= 1], show=sp.Gt(x ** 2 + 1, 0, evaluate=False)), seed=0)
    assert v.status is Status.PROVED, v.explain()
    v = check(Claim("evaluated_false", given=[z >= 1], show=x + 1 < 0), seed=0)
    assert v.status is Status.ERROR and "show is the constant False" in v.message, v.explain()
    false_claim = Claim("unevaluated_false", given=[x >= 1], show=sp.Lt(x + 1, 0, evaluate=False))
    v = check(false_claim, seed=0)
    assert v.status is Status.REFUTED, v.explain()
    assert_counterexample_is_real(false_claim, v)


def test_exact_recheck_of_a_huge_power_is_fast_and_right():
    """(1 + 10**-15)**(10**15) would be expanded exactly by sympy, in C code no time limit stops."""
    import time

    from verify.core.exact import holds, sides

    rel = (1 + 1 / x) ** x <= sp.Rational(271, 100)
    started = time.monotonic()
    assert holds(rel, {x: sp.Integer(10) ** 15}) is False
    assert holds(rel, {x: sp.Rational(123456789, 1000)}) is False
    assert holds(rel, {x: sp.Integer(100)}) is True
    assert time.monotonic() - started < 1
    assert sides(rel, {x: sp.Integer(1000)}) == (sp.Pow(sp.Rational(1001, 1000), 1000, evaluate=False),
                                                 sp.Rational(271, 100))


def test_induction_stays_the_rule_after_the_kernel_has_used_induction():
    """Importing the kernel's induction module must not replace ``verify.induction`` (the rule)."""
    import verify

    n = sp.Symbol("n", integer=True, nonnegative=True)
    assert check(Claim("pow2_linear", given=[], show=2 ** n >= n + 1), seed=0).status is Status.PROVED
    assert callable(verify.induction) and verify.induction is induction


_n = sp.Symbol("n", integer=True, nonnegative=True)
_j = sp.Symbol("j", integer=True, positive=True)


@pytest.mark.parametrize("claim,status", [
    (Claim("bernoulli", given=[z >= -1], show=(1 + z) ** _n >= 1 + _n * z), Status.PROVED),
    (Claim("pow2_above_square_from_4", given=[_n >= 4], show=2 ** _n >= _n ** 2), Status.PROVED),
    (Claim("harmonic_below_n", given=[_n >= 1], show=sp.Sum(1 / _j, (_j, 1, _n)) <= _n), Status.PROVED),
    # the step needs exp(-(n+1) mu/L) split as exp(-n mu/L) exp(-mu/L)
    (Claim("linear_rate_below_exp", given=[mu <= L], show=(1 - mu / L) ** _n <= sp.exp(-_n * mu / L)), Status.PROVED),
    (Claim("linear_rate_below_exp_twice", given=[mu <= L], show=(1 - mu / L) ** _n <= sp.exp(-2 * _n * mu / L)),
     Status.REFUTED),
    # the same shapes, false: the step would go through for 2**n >= n**2 from 3 on, but the base fails
    (Claim("pow2_above_square_from_3", given=[_n >= 3], show=2 ** _n >= _n ** 2), Status.REFUTED),
    (Claim("bernoulli_past_minus_two", given=[z >= -3], show=(1 + z) ** _n >= 1 + _n * z), Status.REFUTED),
    (Claim("harmonic_below_half_n", given=[_n >= 1], show=sp.Sum(1 / _j, (_j, 1, _n)) <= _n / 2), Status.REFUTED),
], ids=lambda p: p.name if isinstance(p, Claim) else "")
def test_automatic_induction(claim, status):
    v = check(claim, seed=0)
    assert v.status is status, v.explain()
    if status is Status.PROVED:
        assert "tried automatically" in v.evidence[0].detail
    else:
        assert_counterexample_is_real(claim, v)


def test_proof_by_exhaustion_over_a_confined_integer():
    n = sp.Symbol("n", integer=True, nonnegative=True)
    v = check(Claim("tenth_power_bounded", given=[n >= 2, n <= 58], show=2 ** n <= n ** 10), seed=0)
    assert v.status is Status.PROVED and "exhaustion" in v.evidence[0].detail
    wider = Claim("tenth_power_to_60", given=[n >= 2, n <= 60], show=2 ** n <= n ** 10)
    v = check(wider, seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"n": 59}
    # with a real symbol left in each instance, the other deciders prove the instances
    v = check(Claim("bernoulli_by_cases", given=[n >= 1, n <= 4], show=(1 + z ** 2) ** n >= 1 + n * z ** 2), seed=0)
    assert v.status is Status.PROVED and "sign x3" in v.evidence[0].detail


@pytest.mark.parametrize("seconds", [0.01, 0.05])
def test_a_tiny_budget_still_refutes_or_says_unknown(seconds):
    """Float violations seen but never re-checked exactly must not be reported as 'tested'."""
    wrong = Claim("square_below_on_nonneg", given=[z >= 0], show=z ** 2 <= z)
    v = check(wrong, seconds=seconds, seed=0)
    assert v.status in (Status.REFUTED, Status.UNKNOWN), v.explain()
    assert check(Claim("nonneg", given=[], show=z >= 0), seconds=seconds, seed=0).status in (
        Status.REFUTED, Status.UNKNOWN)


def test_sum_with_a_non_integer_bound_is_an_error_naming_it():
    k = sp.Symbol("k", integer=True, positive=True)
    v = check(Claim("basel_half_declared", given=[], show=sp.Sum(1 / k ** 2, (k, 1, x)) <= 2), seed=0)
    assert v.status is Status.ERROR and "integer=True" in v.message and "x" in v.message


def test_contradictory_hypotheses_are_flagged_on_a_vacuous_proof():
    v = check(Claim("vacuous", given=[z >= 1, z <= 0], show=z >= 5), seed=0)
    assert v.status is Status.PROVED and "contradict each other" in v.message
    v = check(Claim("not_vacuous", given=[sp.Eq(z ** 2, 2)], show=z ** 2 <= 3), seed=0)
    assert v.status is Status.PROVED and "vacuous" not in v.message


def test_refutation_of_a_sum_shows_both_sides():
    n = sp.Symbol("n", integer=True, positive=True)
    k = sp.Symbol("k", integer=True, positive=True)
    v = check(Claim("harmonic_below_log", given=[], show=sp.Sum(1 / k, (k, 1, n)) <= sp.log(n) + sp.Rational(1, 2)),
              seed=0)
    assert v.status is Status.REFUTED and v.counterexample == {"n": 1}
    assert v.sides == (1, sp.Rational(1, 2))


def test_float_sides_are_shown_as_the_binary_values_they_are():
    v = check(Claim("float_sum", given=[], show=sp.Float(0.1) * z + sp.Float(0.2) * z <= sp.Float(0.3) * z), seed=0)
    assert v.status is Status.REFUTED
    left, right = v.sides  # sympy itself rounds 0.1*z + 0.2*z to 0.30000000000000004*z when it builds the sum
    assert left.is_Rational and right.is_Rational, "the sides are the exact binary values, not floats"
    assert left > right and str(sp.N(left, 20)).startswith("0.3000000000000000444")


def test_a_dimension_symbol_is_never_an_induction_variable():
    """Automatic induction stepped n in v = Vector('v', n) to n + 1 and check() raised LinalgError."""
    from verify import Matrix, Vector, inner

    n = sp.Symbol("n", integer=True, positive=True)
    v, M = Vector("v", n), Matrix("M", n, n, structure="symmetric")
    verdict = check(Claim("quadratic_form_as_entry", show=sp.Eq(inner(v, M * v), (v.T * M * v)[0, 0])), seconds=5)
    assert verdict.status in (Status.PROVED, Status.TESTED), verdict.explain()


def test_a_mask_without_a_rate_rebuilds():
    from verify import sampling_mask

    mask = sampling_mask("Om", 3)
    assert mask.func(*mask.args) == mask and mask.rate is None
