"""PCA, the best rank-1 approximation: all local minima are global (003, Section 8.3.1, Theorem 8.7).

Main results (sources in each node):

* ``pca_objective`` (8.1): ``g(x) = (1/2)||M - x x^T||_F^2`` for symmetric PSD ``M``.
* ``remark_8_8_d1``: for d = 1, ``g = (1/2)(m - x^2)^2``; a point with ``g' = 0`` and ``g'' >= 0`` is a global
  minimum (Remark 8.8).
* The gradient (8.2): ``pca_gradient_as_written`` (erratum: the notes' ``grad g(x) = -(M - x x^T) x`` misses a
  factor 2; sympy's gradient of (8.1) at d = 2 refutes it) beside ``pca_gradient_d2`` / ``pca_gradient_d3``
  (``grad g = -2 (M - x x^T) x``, proved from sympy's ``diff``) and ``pca_hessian_d2``
  (``hess g = 2 (2 x x^T + ||x||^2 I - M)``); ``pca_stationary_eigenvector`` (8.2): ``grad g = 0`` gives
  ``M x = ||x||^2 x``.
* ``pca_expansion`` (8.4)-(8.5) with the higher-order terms written out, and ``pca_hessian_form`` (8.6)-(8.8):
  ``(1/2)<v, hess g(x) v> = 2<x, v>^2 + ||x||^2 ||v||^2 - v^T M v``, in every dimension.
* (8.9): ``pca_second_order_at_v1_as_written`` (erratum: the displayed value is half of ``<v1, hess g v1>``)
  beside ``pca_second_order_at_v1``; (8.10): ``pca_case2_value``, ``eigenvectors_orthogonal`` and
  ``top_rayleigh_value`` (``v_1^T M v_1 = lambda_1``); ``eigenvalue_at_most_top`` (``||x||^2 <= lambda_1``).
* ``eckart_young_mirsky`` (axiom, cited): ``||M - x x^T||_F^2 >= ||M||_F^2 - lambda_max(M)^2``.
* Theorem 8.7: ``pca_theorem_8_7_cases`` (the proof's two cases, in the scalars ``lambda = ||x||^2``,
  ``lambda_1``, ``<x, v1>``) and ``pca_theorem_8_7`` (vector form: a point satisfying the second-order
  necessary conditions attains the Eckart-Young-Mirsky value); ``pca_local_minima_run`` (experiment: every
  stationary point of random instances, enumerated exactly and classified by its Hessian).

Kernel gaps: the vector identities in symbolic dimension n (``pca_expansion``, ``pca_hessian_form``,
``pca_second_order_at_v1``, ``pca_case2_value``, ``pca_value_at_eigenvector``) and the eigenvector statements
(``pca_stationary_eigenvector``, ``eigenvectors_orthogonal``) are proved by the Gram-matrix reduction;
``pca_theorem_8_7`` is proved from them with ``use``, in the notes' order.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from verify import (Claim, Derivation, Experiment, Matrix, Vector, cayley_orthogonal, classify, exact_completion_value,
                    inner, lambda_max, node, norm, pca_hessian, pca_stationary_points_exact, pca_symbolic, use)

TOPIC = "PCA"
SOURCE_87 = "003, Theorem 8.7"

n = sp.Symbol("n", integer=True, positive=True)
x, v, y = Vector("x", n), Vector("v", n), Vector("y", n)
v1 = Vector("v1", n, structure="unit")                    # the top unit eigenvector
M = Matrix("M", n, n, structure="psd")
lam, lam1 = sp.symbols("lambda lambda_1", nonnegative=True)

residual = M - x * x.T
cross_term = x * v.T + v * x.T
HESS_PART = 4 * x * x.T - 2 * M     # hess g(x) = HESS_PART + 2 ||x||^2 I; checked against sympy in pca_hessian_d2


def quad(w: sp.MatrixExpr) -> sp.Expr:
    """``<w, hess g(x) w>`` for ``hess g(x) = 4 x x^T - 2 M + 2 ||x||^2 I``, the identity part applied by
    linearity: written ``inner(w, (... + 2 ||x||^2 I) w)`` the kernel's identity decider raises
    "Mix of Matrix and Scalar symbols" (reported; the claim then comes out ``error``)."""
    return inner(w, HESS_PART * w) + 2 * norm(x) ** 2 * inner(w, w)


# -- Remark 8.8 (d = 1) ----------------------------------------------------------------------------------
m = sp.Symbol("m", nonnegative=True)
s1, t1 = sp.symbols("s t", real=True)
g_d1 = sp.Rational(1, 2) * (m - s1 ** 2) ** 2
remark_8_8_d1 = Claim(
    "remark_8_8_d1", given=[sp.Eq(sp.diff(g_d1, s1), 0), sp.diff(g_d1, s1, 2) >= 0],
    show=g_d1 <= g_d1.subs(s1, t1),
    source="003, Remark 8.8: for d = 1, g(x) = (1/2)(m - x^2)^2 (m >= 0); every point with g' = 0 and "
           "g'' >= 0 (derivatives by sympy) is a global minimum", expect="proved")

# -- (8.2): the gradient, the Hessian, stationary points -------------------------------------------------


def _gradient_claim(name: str, d: int, factor: int, source: str, expect: str) -> Claim:
    """sympy's gradient of (8.1) at dimension d equals ``-factor (M - x x^T) x``, entry by entry."""
    g, xs, Ms = pca_symbolic(d)
    X = sp.Matrix(xs)
    formula = -factor * (Ms - X * X.T) * X
    grad = [sp.diff(g, xi) for xi in xs]
    return Claim(name, given=[], show=sp.And(*[sp.Eq(grad[i], formula[i]) for i in range(d)]),
                 source=source, expect=expect)


pca_gradient_as_written = _gradient_claim(
    "pca_gradient_as_written", 2, 1,
    "003, Theorem 8.7 proof, Step 1 (before (8.2)), as written: 'grad g(x) = -(M - x x^T) x'; the gradient "
    "of (8.1) is -2 (M - x x^T) x (checked at d = 2 by sympy)", "refuted")
pca_gradient_d2 = _gradient_claim(
    "pca_gradient_d2", 2, 2, "003, (8.2) corrected: grad g(x) = -2 (M - x x^T) x for symmetric M (d = 2, by sympy)",
    "proved")
pca_gradient_d3 = _gradient_claim(
    "pca_gradient_d3", 3, 2, "003, (8.2) corrected: grad g(x) = -2 (M - x x^T) x for symmetric M (d = 3, by sympy)",
    "proved")


def _hessian_claim(d: int) -> Claim:
    """sympy's Hessian of (8.1) at dimension d equals ``2 (2 x x^T + ||x||^2 I - M)``."""
    g, xs, Ms = pca_symbolic(d)
    X = sp.Matrix(xs)
    formula = 2 * (2 * X * X.T + (X.T * X)[0, 0] * sp.eye(d) - Ms)
    H = sp.hessian(g, xs)
    return Claim(f"pca_hessian_d{d}", given=[],
                 show=sp.And(*[sp.Eq(H[i, j], formula[i, j], evaluate=False) for i in range(d) for j in range(d)]),
                 source=f"003, (8.3): the Hessian of (8.1) is 2 (2 x x^T + ||x||^2 I - M) (d = {d}, by sympy)",
                 expect="proved")


pca_hessian_d2 = _hessian_claim(2)

pca_stationary_eigenvector = Claim(
    "pca_stationary_eigenvector", given=[sp.Eq(norm(-2 * residual * x), 0)],
    show=sp.Eq(norm(M * x - norm(x) ** 2 * x), 0),
    source="003, (8.2): grad g(x) = 0 implies M x = ||x||^2 x (x is an eigenvector with eigenvalue ||x||^2, "
           "or x = 0)", expect="proved")

# -- (8.4)-(8.8): the expansion and the Hessian quadratic form --------------------------------------------
HIGHER = inner(cross_term, v * v.T) + sp.Rational(1, 2) * norm(v * v.T) ** 2   # the terms of order 3 and 4 in v
pca_expansion = Claim(
    "pca_expansion", given=[],
    show=sp.Eq(sp.Rational(1, 2) * norm(M - (x + v) * (x + v).T) ** 2,
               sp.Rational(1, 2) * norm(residual) ** 2 - inner(residual, cross_term)
               + sp.Rational(1, 2) * inner(cross_term, cross_term) - inner(residual, v * v.T) + HIGHER),
    source="003, (8.4)-(8.5): g(x + v) = g(x) - <M - x x^T, x v^T + v x^T> + (1/2)<x v^T + v x^T, x v^T + v x^T> "
           "- <M - x x^T, v v^T> + higher order terms; here the higher-order terms are written out: "
           "<x v^T + v x^T, v v^T> + (1/2)||v v^T||_F^2", expect="proved")

pca_hessian_form = (
    Derivation("pca_hessian_form", given=[], start=sp.Rational(1, 2) * quad(v),
               source="003, (8.6)-(8.8): (1/2)<v, hess g(x) v> = (1/2)<x v^T + v x^T, x v^T + v x^T> - "
                      "<M - x x^T, v v^T> = 2<x, v>^2 + ||x||^2 ||v||^2 - v^T M v", expect="proved")
    .eq(sp.Rational(1, 2) * inner(cross_term, cross_term) - inner(residual, v * v.T),
        by="(8.6): the quadratic term of (8.5)")
    .eq(inner(x, v) ** 2 + norm(x) ** 2 * norm(v) ** 2 - inner(v, M * v) + inner(x, v) ** 2,
        by="(8.7): expand the Frobenius inner products")
    .eq(2 * inner(x, v) ** 2 + norm(x) ** 2 * norm(v) ** 2 - inner(v, M * v), by="(8.8): collect")
)

# -- (8.9)-(8.10) -----------------------------------------------------------------------------------------
SECOND_AT_V1 = 2 * inner(x, v1) ** 2 - inner(v1, M * v1) + norm(x) ** 2
pca_second_order_at_v1_as_written = Claim(
    "pca_second_order_at_v1_as_written", given=[], show=sp.Eq(quad(v1), SECOND_AT_V1),
    source="003, (8.9) as written: '<v1, hess g(x) v1> = 2<x, v1>^2 - v1^T M v1 + ||x||^2'; by (8.8) that is "
           "half of <v1, hess g(x) v1> (the sign condition >= 0 is unaffected)", expect="refuted")
pca_second_order_at_v1 = Claim(
    "pca_second_order_at_v1", given=[], show=sp.Eq(sp.Rational(1, 2) * quad(v1), SECOND_AT_V1),
    source="003, (8.9) corrected: (1/2)<v1, hess g(x) v1> = 2<x, v1>^2 - v1^T M v1 + ||x||^2 for a unit v1",
    expect="proved")

TOP = [sp.Eq(norm(M * v1 - lam1 * v1), 0), sp.Eq(lam1, lambda_max(M))]   # v1: unit top eigenvector
EIGEN_X = [sp.Eq(norm(M * x - lam * x), 0), sp.Eq(norm(x) ** 2, lam)]    # x: eigenvector with eigenvalue ||x||^2
eigenvectors_orthogonal = Claim(
    "eigenvectors_orthogonal", given=[sp.Eq(norm(M * x - lam * x), 0), sp.Eq(norm(M * v1 - lam1 * v1), 0)],
    show=sp.Or(sp.Eq(lam, lam1), sp.Eq(inner(x, v1), 0)),
    source="003, Theorem 8.7 proof, Case 2 ('eigenvectors with different eigenvalues are always orthogonal'), "
           "for symmetric M: either the eigenvalues are equal or <x, v1> = 0", expect="proved")
eigenvalue_at_most_top = Claim(
    "eigenvalue_at_most_top", given=EIGEN_X, show=lam <= lambda_max(M),
    source="003, Theorem 8.7 proof, the two cases after (8.9): the eigenvalue lambda = ||x||^2 of x is at most "
           "the largest one, lambda_1 (Rayleigh: lambda ||x||^2 = <x, M x> <= lambda_max(M) ||x||^2; lambda = 0 "
           "when x = 0)", expect="proved")
top_rayleigh_value = Claim(
    "top_rayleigh_value", given=TOP[:1], show=sp.Eq(inner(v1, M * v1), lam1),
    source="003, (8.10): v_1^T M v_1 = lambda_1 for the unit eigenvector v_1", expect="proved")
pca_case2_value = Claim(
    "pca_case2_value", given=[*TOP, *EIGEN_X, sp.Eq(inner(x, v1), 0)], show=sp.Eq(SECOND_AT_V1, lam - lam1),
    source="003, (8.10): for an eigenvector x orthogonal to v1, 2<x, v1>^2 - v1^T M v1 + ||x||^2 = "
           "0 - lambda_1 + lambda", expect="proved")

# -- Eckart-Young-Mirsky and Theorem 8.7 ------------------------------------------------------------------
eckart_young_mirsky = Claim(
    "eckart_young_mirsky", given=[], show=norm(M - x * x.T) ** 2 >= norm(M) ** 2 - lambda_max(M) ** 2,
    source="axiom (Eckart-Young-Mirsky 1936, rank 1, PSD M): min over x of ||M - x x^T||_F^2 is "
           "||M||_F^2 - lambda_max(M)^2, attained at sqrt(lambda_1) v1; cited in 003, Theorem 8.7 proof, Step 1",
    expect="tested")
pca_value_at_eigenvector = Claim(
    "pca_value_at_eigenvector", given=EIGEN_X, show=sp.Eq(norm(residual) ** 2, norm(M) ** 2 - lam ** 2),
    source="003, Theorem 8.7 proof, Case 1: at an eigenvector x with M x = ||x||^2 x = lambda x, "
           "||M - x x^T||_F^2 = ||M||_F^2 - lambda^2 (the Eckart-Young-Mirsky value when lambda = lambda_1)",
    expect="proved")

ip = sp.Symbol("c", real=True)                                     # <x, v1>
pca_theorem_8_7_cases = Claim(
    "pca_theorem_8_7_cases",
    given=[lam <= lam1, 2 * ip ** 2 - lam1 + lam >= 0, sp.Or(sp.Eq(lam, lam1), sp.Eq(ip, 0))],
    show=sp.Eq(lam, lam1),
    source="003, Theorem 8.7 proof, Step 2 and (8.9)-(8.10), the two cases in scalars: lambda = ||x||^2 is an "
           "eigenvalue (<= lambda_1); second order at v1: 2<x, v1>^2 - lambda_1 + lambda >= 0; either lambda = "
           "lambda_1 (Case 1) or x is orthogonal to v1 (Case 2), which forces lambda >= lambda_1; the three "
           "hypotheses are, in these scalars, the eigenvalue bound, pca_second_order_at_v1 with (8.9) >= 0, and "
           "eigenvectors_orthogonal with pca_case2_value", expect="proved")

S_X = norm(x) ** 2                                                 # the eigenvalue of x, by (8.2)
pca_theorem_8_7 = Claim(
    "pca_theorem_8_7",
    given=[sp.Eq(norm(-2 * residual * x), 0), quad(v1) >= 0, *TOP,
           use(pca_stationary_eigenvector, {}),
           use(eigenvalue_at_most_top, {lam: S_X}),
           use(pca_second_order_at_v1, {}),
           use(top_rayleigh_value, {}),
           use(eigenvectors_orthogonal, {lam: S_X}),
           use(pca_theorem_8_7_cases, {lam: S_X, ip: inner(x, v1)}),
           use(pca_value_at_eigenvector, {lam: S_X})],
    show=sp.Eq(norm(residual) ** 2, norm(M) ** 2 - lambda_max(M) ** 2),
    source=f"{SOURCE_87}: all local minima of g are global: a point with grad g(x) = 0 and "
           "<v1, hess g(x) v1> >= 0 attains min ||M - x x^T||_F^2 = ||M||_F^2 - lambda_max(M)^2 "
           "(Eckart-Young-Mirsky). Assumes the notes' hypotheses: M symmetric PSD with a unit top eigenvector v1 "
           "(M v1 = lambda_1 v1, lambda_1 = lambda_max(M)), and at x the second-order necessary conditions of a "
           "local minimum (grad g(x) = 0, <v1, hess g(x) v1> >= 0; second_order_first_order_part and "
           "second_order_second_order_part say why a local minimum has them). The proof as the notes give it, "
           "with use: (8.2) makes x an eigenvector with eigenvalue ||x||^2, at most lambda_1; (8.9) with "
           "v_1^T M v_1 = lambda_1 is the second-order condition in scalars; eigenvectors of different eigenvalues "
           "are orthogonal; the two cases give ||x||^2 = lambda_1 (pca_theorem_8_7_cases), and Case 1's value at an "
           "eigenvector is then the Eckart-Young-Mirsky value", expect="proved")


# -- the experiment: enumerate every stationary point, classify it, compare with the global minimum ------

def _pca_instance(data: tuple[list[int], list[int]]) -> tuple[list[Fraction], list[list[Fraction]], list[Fraction]]:
    """``(eigenvalues, Q, roots)``: distinct eigenvalues ``roots_i^2`` and a rational orthogonal ``Q``."""
    roots_int, skew = data
    d = len(roots_int)
    S = [[0] * d for _ in range(d)]
    it = iter(skew)
    for i in range(d):
        for j in range(i + 1, d):
            S[i][j] = next(it)
            S[j][i] = -S[i][j]
    roots = [Fraction(r, 2) for r in roots_int]
    return [r * r for r in roots], cayley_orthogonal(S), roots


def _matrix(eigenvalues, Q):
    d = len(eigenvalues)
    return [[sum(Q[i][k] * eigenvalues[k] * Q[j][k] for k in range(d)) for j in range(d)] for i in range(d)]


def _gaps_exact(data):
    """For each stationary point whose Hessian is PSD: ``g(x) - g*`` (exact), claimed 0."""
    eigenvalues, Q, roots = _pca_instance(data)
    Mx = _matrix(eigenvalues, Q)
    d = len(eigenvalues)
    ones = [[1] * d for _ in range(d)]
    g_star = (sum(e * e for e in eigenvalues) - max(eigenvalues) ** 2) / 2
    observed = []
    for p in pca_stationary_points_exact(eigenvalues, Q, roots):
        H = pca_hessian(np.array(Mx, dtype=float), np.array(p, dtype=float))
        if classify(H) in ("minimum", "degenerate"):
            observed.append(exact_completion_value(ones, Mx, p) - g_star)
    return observed, [Fraction(0)] * len(observed)


def _gaps_float(data):
    obs, claimed = _gaps_exact(data)
    return [float(o) for o in obs], [0.0] * len(obs)


def _distinct_roots(d: int):
    return st.lists(st.integers(1, 12), min_size=d, max_size=d, unique=True)


_instances = st.integers(2, 4).flatmap(
    lambda d: st.tuples(_distinct_roots(d), st.lists(st.integers(-3, 3), min_size=d * (d - 1) // 2,
                                                     max_size=d * (d - 1) // 2)))

pca_local_minima_run = Experiment(
    "pca_local_minima_run", instances=_instances, trajectory=_gaps_float, exact=_gaps_exact,
    describe=lambda data: {"sqrt_eigenvalues_times_2": list(data[0]), "cayley_skew": list(data[1])},
    source=f"{SOURCE_87}, run: for M = Q diag(lambda) Q^T (rational Q by Cayley's transform, distinct "
           "lambda_i = r_i^2), every stationary point (0 and +-r_i q_i, exactly) with a PSD Hessian "
           "has g(x) = g* = (||M||_F^2 - lambda_1^2)/2", expect="tested", max_examples=25,
    examples=(([2, 4], [1]), ([1, 2, 3], [1, -2, 3])),
    statement="g(x) - g* <= 0 at every stationary point with hess g(x) >= 0")

NODES = [
    node(None, "definition", name="pca_objective", topic=TOPIC,
         source="003, (8.1): g(x) = (1/2)||M - x x^T||_F^2 for symmetric PSD M, minimised over x in R^d"),
    node(remark_8_8_d1, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_gradient_as_written, "erratum", topic=TOPIC, uses=["pca_objective"], corrects="pca_gradient_d2",
         note="at d = 2 and x = (1, 0), M = 0: sympy's gradient is (2, 0), the notes' formula gives (1, 0)"),
    node(pca_gradient_d2, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_gradient_d3, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_hessian_d2, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_stationary_eigenvector, "lemma", topic=TOPIC, uses=["pca_objective", "pca_gradient_d2"]),
    node(pca_expansion, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_hessian_form, "lemma", topic=TOPIC, uses=["pca_objective", "pca_expansion", "pca_hessian_d2"]),
    node(pca_second_order_at_v1_as_written, "erratum", topic=TOPIC, corrects="pca_second_order_at_v1",
         note="x = v1 = e1, M = 0: <v1, hess g v1> = 6, the displayed expression is 3"),
    node(pca_second_order_at_v1, "lemma", topic=TOPIC, uses=["pca_hessian_form"]),
    node(eigenvectors_orthogonal, "lemma", topic=TOPIC),
    node(eigenvalue_at_most_top, "lemma", topic=TOPIC),
    node(top_rayleigh_value, "lemma", topic=TOPIC),
    node(pca_case2_value, "lemma", topic=TOPIC),
    node(eckart_young_mirsky, "axiom", topic=TOPIC, uses=["pca_objective"]),
    node(pca_value_at_eigenvector, "lemma", topic=TOPIC, uses=["pca_objective"]),
    node(pca_theorem_8_7_cases, "lemma", topic=TOPIC),
    node(pca_theorem_8_7, "theorem", topic=TOPIC, uses=["pca_objective", "local_minimum"],
         proof_uses=["eckart_young_mirsky"]),
    node(pca_local_minima_run, "experiment", topic=TOPIC, uses=["pca_objective", "pca_hessian_d2"]),
]
