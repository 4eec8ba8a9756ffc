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
    Claim("matrix_and_vector_named_alike", show=_la.norm(_A2) ** 2 + _la.norm(_A_0) ** 2 >= _la.norm(_A_0) ** 2),
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
    # the claim: false only at x_0 = 1234567/1000 (and x = [0], or any x with x^2 < x_0^2); the
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
        # (proved before core/domains.py: it does not yet understand B[0, 0], so the fact is vacuous)
        assert verdict(right, seconds=3).status in (Status.PROVED, Status.TESTED), right.name
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
