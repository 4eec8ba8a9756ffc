"""Vector/matrix objects, their validation, and agreement of the batched and exact evaluators."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verify.core.matrix_exact import evaluate, truth
from verify.attack.matrix_forms import build_exact, build_np, exact_params, householder_np
from verify.attack.matrix_numeric import LoweringError, compile_batched
from verify.core.linalg import (LinalgError, Matrix, P_Omega, Vector, expm, eye, inner, lambda_max, lambda_min, norm,
                           op_norm, outer, pinv, sampling_mask, sigma_max, sigma_min, trace)

N = sp.Symbol("n", integer=True, positive=True)


def test_declarations_keep_structure_and_rebuild():
    m = Matrix("M", 4, 4, structure="psd", rank=2)
    assert (m.structure, m.rank, tuple(m.shape)) == ("psd", 2, (4, 4))
    assert m.func(*m.args) == m
    x = Vector("x", N, structure="unit")
    assert x.func(*x.args) == x and type(x.func(*x.args)) is Vector
    assert tuple(x.shape) == (N, 1) and N in x.free_symbols
    assert sampling_mask("Omega", 3, rate=sp.Rational(1, 2)).rate == sp.Rational(1, 2)


@pytest.mark.parametrize("build, fragment", [
    (lambda: Matrix("A", 2, 3, structure="psd"), "needs a square matrix"),
    (lambda: Matrix("A", 2, 2, structure="banded"), "unknown structure 'banded'"),
    (lambda: Matrix("A", 0, 2), "must be a positive integer"),
    (lambda: Matrix("A", sp.Symbol("k"), 2), "must be declared Symbol('k', integer=True, positive=True)"),
    (lambda: Vector("v", 3, structure="psd"), "unknown structure 'psd'"),
    (lambda: Matrix("2A", 2, 2), "must be an identifier"),
    (lambda: inner(Vector("x", 3), Vector("y", 4)), "shapes differ"),
    (lambda: lambda_min(Matrix("B", 2, 3)), "needs a square matrix"),
    (lambda: norm(3), "expected a vector or matrix expression"),
    (lambda: P_Omega(Matrix("A", 2, 2), Matrix("B", 2, 2)), "must be a sampling_mask"),
    (lambda: P_Omega(sampling_mask("O", 3), Matrix("B", 2, 2)), "the mask O is 3 x 3"),
    (lambda: sampling_mask("O", 2, rate=2), "must lie in (0, 1]"),
])
def test_bad_declarations_name_the_place(build, fragment):
    with pytest.raises(LinalgError) as info:
        build()
    assert fragment in str(info.value)


def test_scalar_functions_mix_with_symbols():
    eta = sp.Symbol("eta", positive=True)
    phi = Matrix("Phi", 2, 3)
    rel = op_norm(eye(2) - eta * phi * phi.T) <= 1 - eta * sigma_min(phi) ** 2
    assert isinstance(rel, sp.Le)
    assert norm(phi).is_nonnegative and sigma_min(phi).is_nonnegative
    assert lambda_min(phi * phi.T).is_real and lambda_min(phi * phi.T).is_nonnegative
    assert lambda_min(phi.T * phi - eye(3)).is_nonnegative is None
    assert sp.latex(op_norm(phi)) == r"\left\|\Phi\right\|_{\mathrm{op}}"


def _random_env(rng, n_inst=7):
    a, b = Matrix("A", 3, 3), Matrix("B", 3, 2)
    x, y = Vector("x", 3), Vector("y", 3)
    om = sampling_mask("Om", 3)
    t = sp.Symbol("t", real=True)
    env = {a: rng.normal(size=(n_inst, 3, 3)), b: rng.normal(size=(n_inst, 3, 2)),
           x: rng.normal(size=(n_inst, 3, 1)), y: rng.normal(size=(n_inst, 3, 1)),
           om: (rng.uniform(size=(n_inst, 3, 3)) < 0.5).astype(float), t: rng.normal(size=n_inst)}
    return (a, b, x, y, om, t), env


def test_batched_lowering_matches_numpy():
    rng = np.random.default_rng(0)
    (a, b, x, y, om, t), env = _random_env(rng)
    exprs = {
        "norm": (norm(a * x + t * y), lambda A, B, X, Y, O, T: np.linalg.norm((A @ X)[:, 0] + T * Y[:, 0])),
        "inner": (inner(x, y), lambda A, B, X, Y, O, T: X[:, 0] @ Y[:, 0]),
        "op": (op_norm(a), lambda A, B, X, Y, O, T: np.linalg.norm(A, 2)),
        "smin": (sigma_min(b), lambda A, B, X, Y, O, T: np.linalg.svd(B, compute_uv=False)[-1]),
        "smax": (sigma_max(b.T), lambda A, B, X, Y, O, T: np.linalg.svd(B, compute_uv=False)[0]),
        "lmin": (lambda_min(a), lambda A, B, X, Y, O, T: np.linalg.eigvalsh((A + A.T) / 2)[0]),
        "lmax": (lambda_max(b * b.T - eye(3)), lambda A, B, X, Y, O, T: np.linalg.eigvalsh(B @ B.T)[-1] - 1),
        "trace": (trace(a ** 2 * 3), lambda A, B, X, Y, O, T: 3 * np.trace(A @ A)),
        "pomega": (norm(P_Omega(om, a - outer(x, y))) ** 2,
                   lambda A, B, X, Y, O, T: np.sum((O * (A - X @ Y.T)) ** 2)),
        "elem": ((x.T * a * y)[0, 0] + sp.exp(t), lambda A, B, X, Y, O, T: (X.T @ A @ Y)[0, 0] + np.exp(T)),
    }
    for name, (expr, ref) in exprs.items():
        got = compile_batched(expr, {})(env)
        want = [ref(*(env[s][i] for s in (a, b, x, y, om, t))) for i in range(7)]
        assert np.allclose(got, want), name


def test_exact_evaluation_agrees_with_batched():
    rng = np.random.default_rng(1)
    (a, b, x, y, om, t), env = _random_env(rng, 1)
    inst = {}
    for s, v in env.items():
        if v.ndim == 1:
            inst[s] = sp.Rational(round(v[0] * 64), 64)
            env[s] = np.array([float(inst[s])])
        else:
            m = sp.ImmutableMatrix(v.shape[1], v.shape[2], [sp.Rational(round(z * 64), 64) for z in v[0].ravel()])
            inst[s] = m
            env[s] = np.array(m.tolist(), dtype=float)[None]
    for expr in (norm(a * x) ** 2, op_norm(a), sigma_min(b), lambda_min(a + a.T), inner(P_Omega(om, a), a),
                 trace(b * b.T) - t):
        exact = evaluate(expr, inst, {})
        assert abs(float(sp.N(exact, 30)) - float(compile_batched(expr, {})(env)[0])) < 1e-9, expr


def test_exact_spectral_values_are_exact_for_small_rational_matrices():
    a = Matrix("A", 2, 2)
    inst = {a: sp.ImmutableMatrix([[2, 1], [1, 2]])}
    assert evaluate(lambda_min(a), inst, {}) == 1
    assert evaluate(op_norm(a), inst, {}) == 3
    assert truth(sp.Eq(sigma_min(a), 1), inst, {}) is True
    assert truth(lambda_max(a) < 3, inst, {}) is False


def test_symbolic_dimension_lowering_and_errors():
    x = Vector("x", N)
    f = compile_batched(norm(x) ** 2 / N, {N: 4})
    assert np.allclose(f({x: np.ones((2, 4, 1))}), [1.0, 1.0])
    with pytest.raises(LoweringError):
        compile_batched(sp.Function("g")(norm(x)), {N: 4})


def test_forms_give_exact_structure():
    rng = np.random.default_rng(3)
    q = householder_np(rng.normal(size=(5, 4, 4)))
    assert np.allclose(q @ np.swapaxes(q, 1, 2), np.eye(4))
    params = {"W": rng.normal(size=(1, 3, 3)), "lam": np.array([[2.0, -0.0, 0.5]])}
    exact = build_exact("eig", "psd", exact_params(params, 0, 100), (3, 3))
    assert exact == exact.T and all(e >= 0 for e in exact.eigenvals())
    assert np.allclose(np.array(exact.tolist(), dtype=float), build_np("eig", "psd", params, (3, 3))[0], atol=0.1)
    unit = build_exact("stereo", "unit", exact_params({"t": rng.normal(size=(1, 3)), "s": np.ones((1, 1))}, 0, 50),
                       (4, 1))
    assert (unit.T * unit)[0, 0] == 1


def test_pinv_and_expm_numeric_and_exact():
    rng = np.random.default_rng(5)
    w, k = Matrix("W", 2, 3), Matrix("K", 2, 2, structure="symmetric")
    assert tuple(pinv(w).shape) == (3, 2) and tuple(expm(k).shape) == (2, 2)
    with pytest.raises(LinalgError):
        expm(w)
    env = {w: rng.normal(size=(4, 2, 3)), k: (lambda g: g + np.swapaxes(g, 1, 2))(rng.normal(size=(4, 2, 2)))}
    from scipy.linalg import expm as scipy_expm
    got_p = compile_batched(pinv(w), {})(env)
    got_e = compile_batched(expm(k), {})(env)
    for i in range(4):
        assert np.allclose(got_p[i], np.linalg.pinv(env[w][i]))
        assert np.allclose(got_e[i], scipy_expm(env[k][i]))
    inst = {w: sp.ImmutableMatrix([[1, 0, 0], [0, 2, 0]]), k: sp.ImmutableMatrix([[0, 0], [0, 0]])}
    assert evaluate(pinv(w), inst, {}) == sp.ImmutableMatrix([[1, 0], [0, sp.Rational(1, 2)], [0, 0]])
    assert evaluate(expm(k), inst, {}) == sp.eye(2)
    assert truth(sp.Eq(op_norm(pinv(w)), 1 / sigma_min(w)), inst, {}) is True


def test_psd_forms_are_known_nonnegative():
    from verify.core.linalg import is_psd

    phi, m = Matrix("Phi", 2, 3), Matrix("M", 3, 3, structure="psd")
    a, b = Matrix("A", 3, 3, structure="symmetric"), Matrix("B", 3, 3)
    x = Vector("x", 3)
    for form in (phi * phi.T, phi.T * phi, 2 * m + phi.T * phi, phi * m * phi.T, a * a, m ** 3, eye(3)):
        assert is_psd(form) and lambda_min(form).is_nonnegative, form
    for form in (a, -m, a * m, b * b, b * a * b.T, eye(3) - m):
        assert not is_psd(form) and lambda_min(form).is_nonnegative is None, form
    assert trace(m).is_nonnegative and inner(x, x).is_nonnegative and inner(x, m * x).is_nonnegative
    assert inner(x, a * x).is_nonnegative is None


def test_loewner_order_relation():
    from verify import Claim, check
    from verify.core.linalg import loewner_le

    phi, mu = Matrix("Phi", 2, 3), sp.Symbol("mu", positive=True)
    rel = loewner_le(mu * eye(2), phi * phi.T)
    assert rel == (lambda_min(phi * phi.T - mu * eye(2)) >= 0)
    with pytest.raises(LinalgError):
        loewner_le(phi, phi)
    # K >= mu I gives lambda_min(K) >= mu, and not the reverse
    good = check(Claim("cond", given=[rel], show=lambda_min(phi * phi.T) >= mu), seconds=2, seed=0)
    bad = check(Claim("cond_rev", given=[lambda_min(phi * phi.T) >= mu], show=sigma_min(phi) >= mu), seconds=2, seed=0)
    assert good.status.value == "proved" and bad.status.value == "refuted"  # good: a cited Weyl fact
