"""Every registered matrix fact attacked numerically on its own: its instances on example terms are evaluated
with numpy (independently of the core's evaluator) on random and adversarial matrices (rank-deficient,
nearly singular, zero, dimension 1, tall and wide), and every fact has false twins in the spectral corpus
(wrong side, tall/wide swapped, a missing condition) that the tool must refute (tests/test_spectral_corpus.py).

Also: a fact whose shape condition fails is not instantiated (the tall/wide trap), and rank unknown means
no pseudo-inverse equality without the scalar full-rank guard."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from sympy.core.relational import Relational

from verify.core import linalg as la
from verify.core.linalg import (Matrix, P_Omega, Vector, expm, eye, inner, lambda_max, lambda_min, norm, op_norm,
                                pinv, sampling_mask, sigma_max, sigma_min, trace)
from verify.core.matrix_facts import FACTS, HEADS

from corpus_spectral import FALSE

c, eta = sp.Symbol("c", real=True), sp.Symbol("eta", positive=True)
t = sp.Symbol("t", nonnegative=True)
Wd, Tl, Sq = Matrix("Wd", 2, 4), Matrix("Tl", 4, 2), Matrix("Sq", 3, 3)
Sq2 = Matrix("Sq2", 3, 3)
One, One2 = Matrix("One", 1, 1), Matrix("One2", 1, 1)
S, S2 = Matrix("S", 3, 3, structure="symmetric"), Matrix("S2", 3, 3, structure="symmetric")
Pp = Matrix("Pp", 3, 3, structure="psd", rank=1)
Q = Matrix("Q", 3, 3, structure="orthogonal")
Wd2 = Matrix("Wd2", 2, 4)
x2, x3, x4 = Vector("x2", 2), Vector("x3", 3), Vector("x4", 4)
u3 = Vector("u3", 3, structure="unit")
Om = sampling_mask("Om", 2, 4)
Rk = Matrix("Rk", 4, 4, rank=2)
kk = sp.Symbol("k", integer=True, nonnegative=True)

#: terms each fact is instantiated on (shapes chosen so that every branch of its rule is exercised)
EXAMPLES = {
    "homogeneity": [norm(-eta * x3), op_norm(c * Wd), sigma_min(-3 * Tl), sigma_max(c * Sq)],
    "transpose_invariance": [norm(Wd.T), op_norm(Tl.T), sigma_min(Wd.T), sigma_max(Sq.T)],
    "triangle": [norm(Wd - Wd2), op_norm(Sq + Sq2 - S), norm(x3 + Sq * x3)],
    "operator_bound": [norm(Wd * x4), norm(Tl * Wd), norm(Sq * Sq2 * x3), norm(One * One2)],
    "lower_bound": [norm(Tl * x2), norm(Wd * x4), norm(Tl * Wd), norm(Sq * x3), norm(Wd * Tl)],
    "submultiplicative": [op_norm(Wd * Tl), op_norm(Tl * Wd), op_norm(Sq * Sq2 * S)],
    "gram_rayleigh": [norm(Wd.T * x2), norm(Tl * Wd), norm(Sq * x3)],
    "op_below_frobenius": [op_norm(Wd), norm(Tl), norm(Rk), op_norm(x3), norm(One)],
    "op_norm_gram": [op_norm(Wd), op_norm(Tl), sigma_max(Sq)],
    "sigma_min_gram": [sigma_min(Wd), sigma_min(Tl), sigma_min(Sq), sigma_min(One)],
    "gram_spectrum": [lambda_min(Wd * Wd.T), lambda_min(Tl * Tl.T), lambda_max(Tl.T * Tl), trace(Wd.T * Wd)],
    "weyl_singular": [sigma_min(Wd + Wd2), sigma_min(Sq - Q), sigma_min(Tl + Tl)],
    "weyl_perturbation": [norm(Wd - Wd2), op_norm(Sq - S)],
    "weyl_eigenvalues": [lambda_min(Sq + S), lambda_max(S + S2), lambda_min(Sq + Sq2 + S)],
    "spectrum_affine": [lambda_min(eye(3) - eta * S), lambda_max(2 * eye(3) + c * Sq), lambda_min(-Sq),
                        lambda_max(Sq + c * eye(3))],
    "spectrum_bounds": [lambda_min(Sq), lambda_max(S), lambda_min(One)],
    "op_norm_polynomial": [op_norm(eye(3) - eta * S), op_norm(c * eye(2) + Wd * Wd.T), op_norm(S),
                           op_norm(eye(3) - Pp)],
    "op_norm_expm": [op_norm(expm(-t * Pp)), op_norm(expm(t * S)), op_norm(expm(c * S)),
                     op_norm(expm(eye(3) - S))],
    "spectrum_expm": [lambda_min(expm(-t * Pp)), lambda_max(expm(t * S)), lambda_min(expm(c * S)),
                      sigma_min(expm(eye(3) - S)), sigma_max(expm(-t * S)), lambda_max(expm(c * S + eye(3)))],
    "op_norm_pinv": [op_norm(pinv(Wd)), op_norm(pinv(Tl)), op_norm(pinv(Rk))],
    "pinv_inverse": [norm(Wd * pinv(Wd) * x2 - x2), norm(pinv(Tl) * Tl * x2), op_norm(Sq * pinv(Sq)),
                     norm(Tl * pinv(Tl) * x4 - x4), norm(pinv(Wd) * Wd * x4 - x4),
                     trace(pinv(Tl) * Tl), inner(x4, pinv(Wd) * Wd * x4), norm(One * pinv(One) * One2),
                     lambda_min(Rk * pinv(Rk)), sigma_min(Wd * pinv(Wd) * Wd2)],
    "lower_bound_row_space": [norm(Wd * Wd.T * x2), norm(Tl * Tl.T * x4), norm(Tl.T * Tl * x2),
                              op_norm(Wd * Wd.T * Wd), norm(x4.T * Wd.T * Wd), norm(One * One.T * One2),
                              norm(Rk * Rk.T * x4)],
    "spectrum_power": [op_norm((eye(3) - eta * S) ** 2), lambda_min(S ** 3), lambda_max(S ** 2), lambda_min(S ** 2),
                       lambda_min(Pp ** 2), lambda_max(Pp ** kk), op_norm(S ** kk), lambda_max(One ** 2),
                       lambda_min((S + S2) ** 4)],
    "spectrum_polynomial": [lambda_max(eye(3) - 2 * eta * S + eta ** 2 * S * S), lambda_min(S * S - S),
                            lambda_min(c * S * S + S), op_norm(S * S - 2 * S + eye(3)), lambda_max(S - S ** 2),
                            lambda_min(S ** 3 - S), lambda_max(Wd * Wd.T * Wd * Wd.T + c * Wd * Wd.T)],
    "trace_spectrum": [trace(Sq), trace(Pp), trace(Wd * Wd.T), trace(One)],
    "rayleigh": [inner(x3, Sq * x3), inner(S * x3, x3), inner(Tl, Rk * Tl), inner(x4, Tl * Wd * x4), inner(x3, x3)],
    "cauchy_schwarz": [inner(x3, Sq * x3), inner(Wd, Wd2)],
    "orthogonal_invariance": [norm(Q * Sq), op_norm(Sq * Q), sigma_min(Q * Sq), op_norm(Q), norm(Q), sigma_min(Q)],
    "unit_vector": [norm(u3), op_norm(u3)],
    "mask_idempotent": [norm(P_Omega(Om, P_Omega(Om, Wd))), inner(P_Omega(Om, P_Omega(Om, Wd)), Wd2)],
    "mask_norm": [norm(P_Omega(Om, Wd))],
    "mask_self_adjoint": [inner(P_Omega(Om, Wd), Wd2), inner(Wd2, P_Omega(Om, Wd))],
}

#: false twins of each fact in the spectral corpus (each must be refuted: tests/test_spectral_corpus.py)
TWINS = {
    "homogeneity": ["lambda_negation_wrong"], "transpose_invariance": ["sigma_min_gram_wide_wrong"],
    "triangle": ["triangle_op_reversed"], "operator_bound": ["operator_bound_reversed"],
    "lower_bound": ["lower_bound_wide"], "submultiplicative": ["supermultiplicative_op"],
    "gram_rayleigh": ["gauss_newton_lambda_max"], "op_below_frobenius": ["frobenius_below_op"],
    "op_norm_gram": ["op_gram_wrong_power"], "sigma_min_gram": ["sigma_min_gram_tall_wrong",
                                                                "sigma_min_gram_wide_wrong"],
    "gram_spectrum": ["sigma_min_gram_tall_wrong"], "weyl_singular": ["weyl_singular_plus", "weyl_singular_half"],
    "weyl_perturbation": ["weyl_singular_half"], "weyl_eigenvalues": ["weyl_eigen_wrong_side"],
    "spectrum_affine": ["lambda_negation_wrong"], "spectrum_bounds": ["max_of_eigenvalues_strict"],
    "op_norm_polynomial": ["op_polynomial_no_abs", "gd_contraction_step_too_long", "gd_contraction_tall"],
    "op_norm_expm": ["expm_lambda_max", "expm_growth_sign"], "op_norm_pinv": ["pinv_times_op"],
    "spectrum_expm": ["expm_flow_lambda_min_wrong_end", "expm_sigma_min_general"],
    "pinv_inverse": ["pinv_right_inverse_tall", "pinv_left_inverse_wide", "pinv_right_inverse_rank_unknown"],
    "lower_bound_row_space": ["row_space_bound_wrong_power", "row_space_of_another_matrix"],
    "spectrum_power": ["squared_contraction_wrong_end", "squared_contraction_step_too_long",
                       "even_power_lambda_min_wrong", "power_op_wrong_exponent"],
    "spectrum_polynomial": ["quadratic_bottom_at_ends", "quadratic_vertex_too_high"],
    "trace_spectrum": ["psd_trace_below_max", "symmetric_lambda_max_below_trace"],
    "rayleigh": ["rayleigh_wrong_side", "rayleigh_wrong_power"], "cauchy_schwarz": ["dimension_one_strict"],
    "orthogonal_invariance": ["orthogonal_scales_sigma"], "unit_vector": ["dimension_one_strict"],
    "mask_idempotent": ["mask_inner_twice"], "mask_norm": ["mask_expands", "mask_inner_twice"],
    "mask_self_adjoint": ["mask_inner_twice"],
}


# --- an independent numpy evaluator ------------------------------------------------------------------

def _mat(e, env):
    if isinstance(e, sp.MatrixSymbol):
        return env[e]
    if isinstance(e, sp.Identity):
        return np.eye(int(e.shape[0]))
    if isinstance(e, sp.ZeroMatrix):
        return np.zeros((int(e.shape[0]), int(e.shape[1])))
    if isinstance(e, sp.MatAdd):
        return sum(_mat(a, env) for a in e.args)
    if isinstance(e, sp.MatMul):
        out, scale = None, 1.0
        for a in e.args:
            if isinstance(a, sp.MatrixExpr):
                m = _mat(a, env)
                out = m if out is None else out @ m
            else:
                scale *= _num(a, env)
        return scale * out
    if isinstance(e, sp.Transpose):
        return _mat(e.args[0], env).T
    if isinstance(e, sp.HadamardProduct):
        out = _mat(e.args[0], env)
        for a in e.args[1:]:
            out = out * _mat(a, env)
        return out
    if isinstance(e, la.Pinv):
        return np.linalg.pinv(_mat(e.arg, env))
    if isinstance(e, sp.MatPow):
        return np.linalg.matrix_power(_mat(e.args[0], env), int(_num(e.args[1], env)))
    if isinstance(e, la.Expm):
        return scipy.linalg.expm(_mat(e.arg, env))
    raise AssertionError(f"no numpy value for {e}")


def _singular(m):
    return np.linalg.svd(m, compute_uv=False)


def _num(e, env):  # noqa: C901
    if isinstance(e, sp.Symbol):
        return env[e]
    if e.is_Number:
        return float(e)
    if isinstance(e, la.Norm):
        return float(np.linalg.norm(_mat(e.args[0], env)))
    if isinstance(e, (la.OpNorm, la.SigmaMax, la.SigmaMin, la.LambdaMin, la.LambdaMax)) \
            and not np.all(np.isfinite(_mat(e.args[0], env))):
        return float("nan")   # an overflowed expm: no value (holds() says None)
    if isinstance(e, (la.OpNorm, la.SigmaMax)):
        return float(_singular(_mat(e.args[0], env)).max())
    if isinstance(e, la.SigmaMin):
        return float(_singular(_mat(e.args[0], env)).min())
    if isinstance(e, (la.LambdaMin, la.LambdaMax)):
        m = _mat(e.args[0], env)
        w = np.linalg.eigvalsh((m + m.T) / 2)
        return float(w.min() if isinstance(e, la.LambdaMin) else w.max())
    if isinstance(e, la.Tr):
        return float(np.trace(_mat(e.args[0], env)))
    if isinstance(e, la.Inner):
        return float(np.sum(_mat(e.args[0], env) * _mat(e.args[1], env)))
    if isinstance(e, sp.Add):
        return sum(_num(a, env) for a in e.args)
    if isinstance(e, sp.Mul):
        return float(np.prod([_num(a, env) for a in e.args]))
    if isinstance(e, sp.Pow):
        return _num(e.base, env) ** _num(e.exp, env)
    if isinstance(e, sp.Abs):
        return abs(_num(e.args[0], env))
    if isinstance(e, (sp.Max, sp.Min)):
        return (max if isinstance(e, sp.Max) else min)(_num(a, env) for a in e.args)
    if isinstance(e, sp.exp):
        return float(np.exp(_num(e.args[0], env)))
    raise AssertionError(f"no numpy value for {e}")


def holds(rel, env, tol=1e-7) -> bool | None:
    """The relation at the instance, with a tolerance relative to the sides' size (None: a side overflowed)."""
    if isinstance(rel, sp.Implies):
        a, b = rel.args
        return True if not _strictly(a, env) else holds(b, env, tol)
    assert isinstance(rel, Relational), rel
    with np.errstate(all="ignore"):
        lhs, rhs = _num(rel.lhs, env), _num(rel.rhs, env)
    if not (np.isfinite(lhs) and np.isfinite(rhs)):
        return None
    slack = tol * (1 + abs(lhs) + abs(rhs) + _scale(rel, env))
    return {"==": abs(lhs - rhs) <= slack, "<=": lhs <= rhs + slack, ">=": lhs >= rhs - slack,
            "<": lhs < rhs + slack, ">": lhs > rhs - slack}[rel.rel_op]


def _scale(rel, env) -> float:
    """The largest Frobenius norm of a matrix the relation's terms are taken of: a float eigenvalue or singular
    value is accurate to about machine precision times it (so a value near 0 of a huge matrix is not exact)."""
    with np.errstate(all="ignore"):
        mats = [np.asarray(_mat(a, env), dtype=float) for h in rel.atoms(*HEADS) for a in h.args]
        # ||A||_F <= sqrt(#entries) max |a_ij|, without squaring entries (those of an expm reach 1e180)
        sizes = [float(np.abs(m).max() * np.sqrt(m.size)) if m.size else 0.0 for m in mats]
    return max([x for x in sizes if np.isfinite(x)], default=0.0)


def _strictly(rel, env) -> bool:
    """The antecedent of a guarded fact, decided with a margin (a tiny sigma_min counts as zero)."""
    if isinstance(rel, sp.And):
        return all(_strictly(a, env) for a in rel.args)
    lhs, rhs = _num(rel.lhs, env), _num(rel.rhs, env)
    return {">": lhs > rhs + 1e-6, ">=": lhs >= rhs + 1e-6}[rel.rel_op]


# --- random and adversarial instances -------------------------------------------------------------------

def _general(rng, r, k, kind):
    if kind == "zero":
        return np.zeros((r, k))
    if kind == "rank1":
        return np.outer(rng.standard_normal(r), rng.standard_normal(k))
    g = rng.standard_normal((r, k))
    if kind in ("near_singular", "barely_full_rank"):  # smallest singular value 1e-7 (below the guards' 1e-6
        u, sv, vt = np.linalg.svd(g, full_matrices=False)  # margin: counts as singular) or 1e-3 (full rank)
        sv[-1] = 1e-7 if kind == "near_singular" else 1e-3
        g = (u * sv) @ vt
    if kind == "large":
        g *= 1e3
    return g


def _value(m, rng, kind):
    r, k = int(m.shape[0]), int(m.shape[1])
    st = getattr(m, "structure", "general")
    if st == "unit":
        v = rng.standard_normal((r, 1))
        return v / np.linalg.norm(v)
    if st == "symmetric":
        g = _general(rng, r, r, kind)
        return (g + g.T) / 2
    if st == "psd":
        b = _general(rng, r, int(m.rank) if m.rank is not None else r, kind)
        return b @ b.T
    if st == "orthogonal":
        q, _ = np.linalg.qr(rng.standard_normal((r, r)))
        return q
    if st == "mask":
        return (rng.random((r, k)) < 0.5).astype(float)
    if m.rank is not None:
        return _general(rng, r, int(m.rank), kind) @ _general(rng, k, int(m.rank), "random").T
    return _general(rng, r, k, kind)


KINDS = ["random", "zero", "rank1", "near_singular", "barely_full_rank", "large"]


def _instances(rel, rng, count=12):
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        env = {}
        for m in rel.atoms(sp.MatrixSymbol):
            env[m] = _value(m, rng, kind)
        for s in rel.free_symbols:
            if isinstance(s, sp.Symbol) and s.is_integer:  # an exponent: 0, 1, ..., 4
                env[s] = int(rng.integers(0, 5))
            elif isinstance(s, sp.Symbol) and not isinstance(s, sp.MatrixSymbol):
                scale = [1.0, 0.0, 1e-6, 10.0][i % 4]
                value = abs(rng.standard_normal()) * scale if s.is_nonnegative else rng.standard_normal() * 3
                env[s] = value if not s.is_positive else max(value, 1e-9)
        yield kind, env


def test_every_fact_has_examples_and_twins():
    assert set(EXAMPLES) == {f.name for f in FACTS}
    names = {cl.name for cl in FALSE}
    for fact in FACTS:
        assert TWINS.get(fact.name), fact.name
        assert set(TWINS[fact.name]) <= names, fact.name
        assert fact.source and fact.conditions and fact.statement


def test_every_fact_cites_a_source_with_a_number_or_the_notes():
    for fact in FACTS:
        assert any(ch.isdigit() for ch in fact.source) or "declaration" in fact.source, fact.name


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.name)
def test_fact_holds_numerically(fact):
    rng = np.random.default_rng(sum(map(ord, fact.name)))
    produced, finite, tried = 0, 0, 0
    for term in EXAMPLES[fact.name]:
        assert isinstance(term, HEADS)
        for rel in fact.instances(term):
            produced += 1
            for kind, env in _instances(rel, rng):
                result = holds(rel, env)
                tried += 1
                finite += result is not None
                assert result is not False, f"{fact.name} on {term}: {rel} fails on a {kind} instance"
    assert produced > 0, f"{fact.name} gave no instance on its examples"
    assert finite >= 0.7 * tried, f"{fact.name}: too many instances overflowed ({tried - finite} of {tried})"


def test_tall_wide_trap():
    """The lower bound ||A x|| >= sigma_min(A) ||x|| is offered only for tall or square A; with a symbolic
    shape that the dimensions do not settle, not at all."""
    from verify.core.matrix_facts import BY_NAME

    lower = BY_NAME["lower_bound"]
    assert lower.instances(norm(Tl * x2)) and not any(
        "SigmaMin(Wd)" in str(r) for r in lower.instances(norm(Wd * x4)))
    n, m = sp.symbols("n m", integer=True, positive=True)
    G, z = Matrix("G", n, m), Vector("z", m)
    assert not any("SigmaMin(G)" in str(r) for r in lower.instances(norm(G * z)))
    G2, z2 = sp.MatrixSymbol("G2", n + 1, n), Vector("z2", n)  # a plain sympy matrix: shapes may be n + 1
    assert any("SigmaMin(G2)" in str(r) for r in lower.instances(norm(G2 * z2)))
    gram = BY_NAME["sigma_min_gram"].instances(sigma_min(Wd))
    assert [str(r) for r in gram] == ["Eq(SigmaMin(Wd)**2, LambdaMin(Wd*Wd.T))"]


def test_rank_unknown_keeps_the_full_rank_guard():
    (inst,) = [r for f in FACTS if f.name == "op_norm_pinv" for r in f.instances(op_norm(pinv(Wd)))]
    assert isinstance(inst, sp.Implies) and str(inst.args[0]) == "SigmaMin(Wd) > 0"


def test_false_instances_are_caught_numerically():
    """The numeric check can fail: a wrong fact (the wide lower bound) is caught on random instances."""
    wrong = norm(Wd * x4) >= sigma_min(Wd) * norm(x4)
    rng = np.random.default_rng(0)
    assert any(holds(wrong, env) is False for _, env in _instances(wrong, rng))


def test_symmetric_by_form():
    from verify.core.matrix_forms import affine, is_symmetric

    assert is_symmetric(eye(2) - eta * Wd * Wd.T) and is_symmetric(S) and is_symmetric(Tl.T * Rk * Rk.T * Tl)
    assert not is_symmetric(Sq) and not is_symmetric(Wd * Tl) and not is_symmetric(eye(3) - Sq)
    assert affine(eye(2) - eta * Wd * Wd.T) == (1, -eta, Wd * Wd.T)
    assert affine(2 * eye(3)) is None


# --- the new facts' conditions: each one matters (the fact fails numerically without it) ------------------

def _full_rank(rng, r, k, smallest=1.0):
    u, _, vt = np.linalg.svd(rng.standard_normal((r, k)), full_matrices=False)
    sv = np.linspace(2.0, smallest, min(r, k))
    return (u * sv) @ vt


def test_pinv_inverse_shape_condition():
    """A A^+ = I is offered for a wide or square A, A^+ A = I for a tall or square one, never the other way nor
    for a shape the dimensions do not settle; numerically the identity fails exactly where it is not offered."""
    from verify.core.matrix_facts import BY_NAME

    fact = BY_NAME["pinv_inverse"]
    assert fact.instances(norm(Wd * pinv(Wd) * x2)) and fact.instances(norm(pinv(Tl) * Tl * x2))
    assert not fact.instances(norm(Tl * pinv(Tl) * x4)) and not fact.instances(norm(pinv(Wd) * Wd * x4))
    assert fact.instances(norm(One * pinv(One) * One2)) and fact.instances(norm(pinv(One) * One * One2))
    n = sp.Symbol("n", integer=True, positive=True)
    G, y3 = Matrix("G", 3, n), Vector("y3", 3)
    assert not fact.instances(norm(G * pinv(G) * y3)) and not fact.instances(norm(pinv(G) * G * Vector("z", n)))
    (inst,) = fact.instances(norm(Wd * pinv(Wd) * x2 - x2))
    assert str(inst) == "Implies(SigmaMin(Wd) > 0, Eq(Norm(Wd*Pinv(Wd)*x2 - x2), 0))"
    rng = np.random.default_rng(1)
    for smallest in (1.0, 1e-4):  # well conditioned and nearly singular, both of full rank
        wide, tall = _full_rank(rng, 2, 4, smallest), _full_rank(rng, 4, 2, smallest)
        assert np.allclose(wide @ np.linalg.pinv(wide), np.eye(2), atol=1e-8)
        assert np.allclose(np.linalg.pinv(tall) @ tall, np.eye(2), atol=1e-8)
        assert not np.allclose(tall @ np.linalg.pinv(tall), np.eye(4), atol=1e-2)   # a rank-2 projection
        assert not np.allclose(np.linalg.pinv(wide) @ wide, np.eye(4), atol=1e-2)
    deficient = np.outer(rng.standard_normal(2), rng.standard_normal(4))           # rank 1: sigma_min = 0
    assert not np.allclose(deficient @ np.linalg.pinv(deficient), np.eye(2), atol=1e-2)


def test_row_space_bound_needs_the_row_space_form():
    """||A A^T z|| >= sigma_min(A) ||A^T z|| holds for every shape (tall, wide, square, rank-deficient, 1 x 1);
    the same bound for a vector outside the row space of a wide A fails, and is not offered."""
    from verify.core.matrix_facts import BY_NAME

    fact = BY_NAME["lower_bound_row_space"]
    assert not fact.instances(norm(Wd * x4)) and not fact.instances(norm(Wd * Wd2.T * x2))
    rng = np.random.default_rng(2)
    for r, k in ((2, 4), (4, 2), (3, 3), (1, 1)):
        for smallest in (1.0, 1e-4, 0.0):
            a = _full_rank(rng, r, k, smallest)
            z = rng.standard_normal(r)
            s_min = np.linalg.svd(a, compute_uv=False).min()
            assert np.linalg.norm(a @ a.T @ z) >= s_min * np.linalg.norm(a.T @ z) - 1e-9
    a = _full_rank(rng, 2, 4)
    null = np.linalg.svd(a)[2][-1]                       # a null vector of the wide a
    assert np.linalg.norm(a @ null) < np.linalg.svd(a, compute_uv=False).min() * np.linalg.norm(null) - 0.5


def test_power_and_polynomial_need_a_symmetric_base():
    """The spectral mapping is offered only for a base symmetric by form: for a general square matrix it
    fails (||N^2||_op = 0 < ||N||_op^2 for a nilpotent N), and lambda_min(K^2) is not lambda_min(K)^2 for an
    indefinite K (only the bounds are offered)."""
    from verify.core.matrix_facts import BY_NAME
    from verify.core.matrix_polynomial_rules import polynomial

    power, poly = BY_NAME["spectrum_power"], BY_NAME["spectrum_polynomial"]
    assert not power.instances(op_norm(Sq ** 2)) and not poly.instances(lambda_min(Sq * Sq + Sq))
    nilpotent = np.array([[0.0, 1.0], [0.0, 0.0]])
    assert np.linalg.norm(nilpotent @ nilpotent, 2) == 0 < np.linalg.norm(nilpotent, 2) ** 2
    assert {str(r) for r in power.instances(lambda_min(S ** 2))} == {
        "LambdaMin(S**2) <= LambdaMin(S)**2", "LambdaMin(S**2) <= LambdaMax(S)**2"}
    indefinite = np.diag([-1.0, 0.0, 1.0])
    assert np.linalg.eigvalsh(indefinite @ indefinite).min() == 0 < np.linalg.eigvalsh(indefinite).min() ** 2
    assert polynomial(eye(3) - 2 * eta * S + eta ** 2 * S * S) == (S, {0: 1, 1: -2 * eta, 2: eta ** 2})
    assert polynomial(S * S + S2) is None and polynomial(eye(3) + S) is None and polynomial(Sq * Sq) is None
    assert polynomial(Wd * Wd.T * Wd * Wd.T - Wd * Wd.T) == (Wd * Wd.T, {2: 1, 1: -1})
