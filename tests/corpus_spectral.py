"""A corpus of spectral claims with known truth: every cited matrix fact (verify/core/matrix_facts.py) in
use, beside its false twins (wrong side, wrong power, tall and wide swapped, a missing step-size or
full-rank condition), in symbolic and fixed dimensions, with rank-deficient and dimension-1 cases, and
case splits on Min/Max of norms.

``CLAIMS = [(name, claim, expected_truth), ...]`` (also ``TRUE`` and ``FALSE``, lists of ``Claim``); the
source field says why each false one fails.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim
from verify.core.linalg import (Matrix, P_Omega, Vector, expm, eye, inner, lambda_max, lambda_min, norm, op_norm,
                                pinv, sampling_mask, sigma_max, sigma_min, trace)

n = sp.Symbol("n", integer=True, positive=True)
eta, s, L = sp.symbols("eta s L", positive=True)
t = sp.Symbol("t", nonnegative=True)
c = sp.Symbol("c", real=True)
f0, f1, f2 = sp.symbols("f0 f1 f2", real=True)

v, x = Vector("v", n), Vector("x", n)
M = Matrix("M", n, n, structure="symmetric")
Mg = Matrix("Mg", n, n)                               # a general square matrix (symmetric part)
P = Matrix("P", n, n, structure="psd")
P3 = Matrix("P", 3, 3, structure="psd", rank=1)       # rank-deficient
J = Matrix("J", 2, 5)                                 # wide Jacobian: J J^T is 2 x 2
Jt = Matrix("Jt", 5, 2)                               # tall
r2, r5 = Vector("r", 2), Vector("r", 5)
Phi, E = Matrix("Phi", 3, 4), Matrix("E", 3, 4)       # wide
Tall = Matrix("T", 4, 3)
y3, y4, z4 = Vector("y", 3), Vector("y", 4), Vector("z", 4)
A, B = Matrix("A", n, n), Matrix("B", n, n)
G = Matrix("G", 3, n)                                 # 3 x n, with n symbolic: tall or wide unknown
W, W2 = Matrix("W", 2, 4), Matrix("W2", 2, 4)
s2 = Vector("s", 2)
K = Matrix("K", 3, 3, structure="symmetric")
Kp = Matrix("Kp", 3, 3, structure="psd")
w3 = Vector("w", 3)
Om = sampling_mask("Omega", 3, 4)
X, Y = Matrix("X", 3, 4), Matrix("Y", 3, 4)
a1, b1 = Matrix("a", 1, 1), Matrix("b", 1, 1)         # dimension 1
Q = Matrix("Q", 3, 3, structure="orthogonal")
C3 = Matrix("C", 3, 3)
y2, z3 = Vector("y", 2), Vector("z", 3)
k = sp.Symbol("k", integer=True, nonnegative=True)

TRUE = [
    Claim("rayleigh_lower_symbolic", show=lambda_min(M) * norm(v) ** 2 <= inner(v, M * v), source="HJ 4.2.2"),
    Claim("rayleigh_upper_symbolic", show=inner(v, M * v) <= lambda_max(M) * norm(v) ** 2),
    Claim("rayleigh_general_square", show=lambda_min(Mg) * norm(v) ** 2 <= inner(v, Mg * v),
          source="lambda_min is that of the symmetric part"),
    Claim("psd_lambda_max_below_trace", show=lambda_max(P) <= trace(P), source="issue 10 target"),
    Claim("psd_rank1_trace_equals_max", show=trace(P3) >= lambda_max(P3)),
    Claim("trace_between_spectrum", show=trace(Mg) <= n * lambda_max(Mg)),
    Claim("gauss_newton_thm1_004", show=norm(J.T * r2) ** 2 / 2 >= lambda_min(J * J.T) * norm(r2) ** 2 / 2,
          source="004, Theorem 1"),
    Claim("gd_contraction_8_118_sigma", given=[sigma_min(Phi) >= s, eta <= 1 / op_norm(Phi) ** 2],
          show=op_norm(eye(3) - eta * Phi * Phi.T) <= 1 - eta * s ** 2, source="003, (8.118)"),
    Claim("operator_bound_vector", show=norm(Phi * y4) <= op_norm(Phi) * norm(y4)),
    Claim("operator_bound_symbolic", show=norm(A * x) <= op_norm(A) * norm(x)),
    Claim("lower_bound_tall", show=norm(Tall * y3) >= sigma_min(Tall) * norm(y3), source="T is 4 x 3: tall"),
    Claim("lower_bound_square_symbolic", show=norm(A * x) >= sigma_min(A) * norm(x)),
    Claim("submultiplicative_op", show=op_norm(A * B) <= op_norm(A) * op_norm(B)),
    Claim("triangle_op", show=op_norm(A + B) <= op_norm(A) + op_norm(B)),
    Claim("triangle_frobenius_difference", show=norm(X - Y) <= norm(X) + norm(Y)),
    Claim("op_below_frobenius_symbolic", show=op_norm(G) <= norm(G)),
    Claim("op_gram_identity", show=sp.Eq(op_norm(Phi) ** 2, lambda_max(Phi.T * Phi))),
    Claim("sigma_min_gram_wide", show=sp.Eq(sigma_min(J) ** 2, lambda_min(J * J.T))),
    Claim("sigma_min_gram_tall", show=sp.Eq(sigma_min(Jt) ** 2, lambda_min(Jt.T * Jt))),
    Claim("gram_tall_singular", show=sp.Eq(lambda_min(Jt * Jt.T), 0), source="J_t J_t^T is 5 x 5 of rank <= 2"),
    Claim("weyl_eigen_lower", show=lambda_min(A + B) >= lambda_min(A) + lambda_min(B)),
    Claim("weyl_eigen_mixed", show=lambda_max(A + B) >= lambda_max(A) + lambda_min(B)),
    Claim("weyl_singular_values", show=sigma_min(Phi + E) >= sigma_min(Phi) - op_norm(E)),
    Claim("weyl_singular_difference", given=[op_norm(E - Phi) <= s / 4, sigma_min(Phi) >= s],
          show=sigma_min(E) >= 3 * s / 4, source="003, (8.143)"),
    Claim("op_polynomial_symmetric", given=[lambda_min(K) >= 0, lambda_max(K) <= 1],
          show=op_norm(eye(3) - K) <= 1 - lambda_min(K)),
    Claim("op_polynomial_exact", show=sp.Eq(op_norm(2 * eye(3) + K), sp.Max(sp.Abs(2 + lambda_min(K)),
                                                                            sp.Abs(2 + lambda_max(K))))),
    Claim("lambda_shift", show=sp.Eq(lambda_min(M + c * eye(n)), lambda_min(M) + c)),
    Claim("lambda_negation", show=sp.Eq(lambda_min(-M), -lambda_max(M))),
    Claim("psd_lambda_min_nonneg_gram", show=sp.Ge(lambda_min(J.T * J), 0, evaluate=False),
          source="unevaluated: sympy knows lambda_min of a Gram form is >= 0 and would fold the relation to True"),
    Claim("pinv_full_row_rank", given=[sigma_min(W) > 0], show=norm(pinv(W) * s2) <= norm(s2) / sigma_min(W),
          source="003, Lemma 8.25, (8.66): W wide of full row rank"),
    Claim("expm_decay", show=op_norm(expm(-t * Kp)) <= sp.exp(-t * lambda_min(Kp)),
          source="001, Lemma 1"),
    Claim("expm_flow_slowest_mode", show=sp.Eq(lambda_min(expm(-t * Kp)), sp.exp(-t * lambda_max(Kp))),
          source="HJ 2.5.6: the eigenvalues of expm(-t K) are exp(-t lambda_i), least at lambda_max"),
    Claim("expm_positive_definite", show=inner(x, expm(M) * x) >= 0, source="expm(M) = Q expm(D) Q^T, D real"),
    Claim("expm_sigma_min_symmetric", show=sp.Eq(sigma_min(expm(t * M)), sp.exp(t * lambda_min(M)))),
    Claim("pinv_of_symmetric_is_symmetric", show=sp.Eq(inner(x, pinv(M) * v), inner(pinv(M) * x, v)),
          source="pinv(M)^T = pinv(M^T) (Penrose)"),
    Claim("expm_flow_vector", show=norm(expm(-t * K) * w3) <= sp.exp(-t * lambda_min(K)) * norm(w3)),
    Claim("mask_norm_is_inner", show=sp.Eq(norm(P_Omega(Om, X)) ** 2, inner(P_Omega(Om, X), X)),
          source="003, remark after (8.18)"),
    Claim("mask_idempotent_norm", show=sp.Eq(norm(P_Omega(Om, P_Omega(Om, X))), norm(P_Omega(Om, X)))),
    Claim("mask_contraction", show=inner(P_Omega(Om, X), X) <= norm(X) ** 2),
    Claim("dimension_one_sigma", show=norm(a1 * b1) <= op_norm(a1) * norm(b1)),
    Claim("orthogonal_product_sigma", show=sp.Eq(sigma_min(Q * C3), sigma_min(C3))),
    Claim("sigma_max_is_op", show=sp.Eq(sigma_max(Phi), op_norm(Phi))),
    Claim("min_of_gradient_norms", given=[f1 <= f0 - 3 * norm(x) / (8 * L), f2 <= f1 - 3 * norm(v) / (8 * L)],
          show=sp.Min(norm(x), norm(v)) <= sp.Rational(4, 3) * L * (f0 - f2), source="issue 10, item 5"),
    Claim("min_of_diagonal_norms", show=sp.Min(norm(x + v), norm(x - v)) ** 2 <= norm(x) ** 2 + norm(v) ** 2,
          source="parallelogram: the smaller square is at most the mean"),
    Claim("gauss_newton_larger_gram", show=norm(J.T * r2) ** 2 >= lambda_min(J.T * J) * norm(r2) ** 2,
          source="the tall/wide swap is true here, trivially: J^T J is 5 x 5 of rank <= 2, lambda_min = 0"),
    Claim("max_of_eigen_magnitudes", show=sp.Max(lambda_max(M), -lambda_min(M)) <= op_norm(M)),
    Claim("pinv_right_inverse_wide", given=[sigma_min(W) > 0], show=sp.Eq(norm(W * pinv(W) * s2 - s2), 0),
          source="003, (8.25) proof: W wide (2 x 4) of full row rank, W W^+ = I"),
    Claim("pinv_left_inverse_tall", given=[sigma_min(Tall) > 0], show=sp.Eq(norm(pinv(Tall) * Tall * y3 - y3), 0),
          source="T tall (4 x 3) of full column rank, T^+ T = I"),
    Claim("pinv_inverse_square_symbolic", given=[sigma_min(A) > 0], show=sp.Eq(norm(A * pinv(A) * x - x), 0),
          source="A square n x n, invertible"),
    Claim("pinv_projector_trace", given=[sigma_min(W) > 0], show=sp.Eq(trace(W * pinv(W)), 2),
          source="W W^+ = I_2 for a wide W of full row rank"),
    Claim("row_space_inverse_bound", given=[sigma_min(Phi) > 0],
          show=norm(Phi.T * y3) <= norm(Phi * Phi.T * y3) / sigma_min(Phi),
          source="003, (8.162) corrected (Phi 3 x 4)"),
    Claim("row_space_bound_shape_unknown", show=norm(G * G.T * y3) >= sigma_min(G) * norm(G.T * y3),
          source="G 3 x n: the row-space bound needs no shape condition"),
    Claim("row_space_bound_tall", show=norm(Tall * Tall.T * y4) >= sigma_min(Tall) * norm(Tall.T * y4)),
    Claim("squared_contraction_power", given=[lambda_min(K) >= 0, lambda_max(K) <= 1, eta <= 1],
          show=op_norm((eye(3) - eta * K) ** 2) <= (1 - eta * lambda_min(K)) ** 2,
          source="the eigenvalues of I - eta K lie in [1 - eta lambda_max, 1 - eta lambda_min], inside [0, 1]"),
    Claim("psd_power_lambda_min", show=sp.Eq(lambda_min(Kp ** k), lambda_min(Kp) ** k),
          source="Kp PSD, k >= 0 symbolic: x^k is non-decreasing on [0, oo)"),
    Claim("symmetric_square_top", show=sp.Eq(lambda_max(K ** 2), op_norm(K) ** 2)),
    Claim("symmetric_cube_op", show=sp.Eq(op_norm(K ** 3), op_norm(K) ** 3)),
    Claim("quadratic_top_at_ends", show=sp.Eq(lambda_max(K * K - 2 * K + eye(3)),
                                              sp.Max((lambda_min(K) - 1) ** 2, (lambda_max(K) - 1) ** 2)),
          source="K^2 - 2K + I = (K - I)^2: convex in each eigenvalue, largest at an end of the spectrum"),
    Claim("quadratic_vertex_bound", show=lambda_min(K * K - 2 * K) >= -1, source="x^2 - 2x >= -1 at every eigenvalue"),
]

FALSE = [
    Claim("rayleigh_wrong_side", show=lambda_max(M) * norm(v) ** 2 <= inner(v, M * v), source="lambda_max, not min"),
    Claim("rayleigh_wrong_power", show=lambda_min(M) * norm(v) <= inner(v, M * v), source="||v||, not ||v||^2"),
    Claim("psd_trace_below_max", show=trace(P) <= lambda_max(P), source="reversed"),
    Claim("symmetric_lambda_max_below_trace", show=lambda_max(M) <= trace(M), source="needs PSD"),
    Claim("gauss_newton_lambda_max", show=norm(J.T * r2) ** 2 >= lambda_max(J * J.T) * norm(r2) ** 2,
          source="lambda_max instead of lambda_min"),
    Claim("gd_contraction_step_too_long", given=[sigma_min(Phi) >= s, eta <= 3 / op_norm(Phi) ** 2],
          show=op_norm(eye(3) - eta * Phi * Phi.T) <= 1 - eta * s ** 2, source="missing step-size condition"),
    Claim("gd_contraction_linear_sigma", given=[sigma_min(Phi) >= s, eta <= 1 / op_norm(Phi) ** 2],
          show=op_norm(eye(3) - eta * Phi * Phi.T) <= 1 - eta * s, source="003, (8.150) as written: power 1"),
    Claim("gd_contraction_tall", given=[sigma_min(Tall) >= s, eta <= 1 / op_norm(Tall) ** 2],
          show=op_norm(eye(4) - eta * Tall * Tall.T) <= 1 - eta * s ** 2,
          source="tall Phi: Phi Phi^T is singular, the contraction factor is 1"),
    Claim("operator_bound_reversed", show=norm(Phi * y4) >= op_norm(Phi) * norm(y4)),
    Claim("lower_bound_wide", show=norm(Phi * y4) >= sigma_min(Phi) * norm(y4),
          source="the tall/wide trap: a wide Phi has a null space"),
    Claim("lower_bound_wide_symbolic_G", show=norm(G.T * y3) <= sigma_min(G) * norm(y3),
          source="upper bound by sigma_min is false"),
    Claim("supermultiplicative_op", show=op_norm(A * B) >= op_norm(A) * op_norm(B)),
    Claim("triangle_op_reversed", show=op_norm(A + B) >= op_norm(A) + op_norm(B)),
    Claim("frobenius_below_op", show=norm(Phi) <= op_norm(Phi), source="true only for rank <= 1"),
    Claim("op_gram_wrong_power", show=sp.Eq(op_norm(Phi), lambda_max(Phi.T * Phi)), source="missing square"),
    Claim("sigma_min_gram_tall_wrong", show=sp.Eq(sigma_min(Jt) ** 2, lambda_min(Jt * Jt.T)),
          source="tall: J_t J_t^T is singular, sigma_min(J_t) need not be 0"),
    Claim("sigma_min_gram_wide_wrong", show=sp.Eq(sigma_min(J) ** 2, lambda_min(J.T * J)),
          source="wide: J^T J is 5 x 5 and singular"),
    Claim("weyl_eigen_wrong_side", show=lambda_min(A + B) >= lambda_min(A) + lambda_max(B)),
    Claim("weyl_singular_plus", show=sigma_min(Phi + E) >= sigma_min(Phi) + op_norm(E)),
    Claim("weyl_singular_half", show=sigma_min(Phi + E) >= sigma_min(Phi) - op_norm(E) / 2),
    Claim("op_polynomial_no_abs", show=sp.Eq(op_norm(eye(3) - K), 1 - lambda_min(K)),
          source="needs 0 <= lambda(K) <= 2: the absolute value"),
    Claim("lambda_negation_wrong", show=sp.Eq(lambda_min(-M), -lambda_min(M))),
    Claim("rank_deficient_psd_positive", show=lambda_min(P3) > 0, source="rank 1 in dimension 3"),
    Claim("pinv_times_op", show=norm(pinv(W) * s2) <= norm(s2) * op_norm(W), source="1/sigma_min, not sigma_max"),
    Claim("pinv_without_full_rank", show=norm(pinv(W) * s2) * sigma_min(W) <= norm(s2) / 2,
          source="wrong constant; rank unknown"),
    Claim("expm_lambda_max", show=op_norm(expm(-t * Kp)) <= sp.exp(-t * lambda_max(Kp)),
          source="the slowest mode decays at lambda_min"),
    Claim("expm_flow_lambda_min_wrong_end", show=sp.Eq(lambda_min(expm(-t * Kp)), sp.exp(-t * lambda_min(Kp))),
          source="for -t the least eigenvalue of expm comes from lambda_max: K = diag(1, 0), t = 1"),
    Claim("expm_sigma_min_general", show=sp.Eq(sigma_min(expm(Mg)), sp.exp(lambda_min(Mg))),
          source="spectrum_expm needs K symmetric: for a general matrix the singular values of expm are not "
                 "exp of the eigenvalues of its symmetric part"),
    Claim("pinv_of_general_is_symmetric", show=sp.Eq(inner(x, pinv(A) * v), inner(pinv(A) * x, v))),
    Claim("expm_growth_sign", show=op_norm(expm(t * K)) <= sp.exp(t * lambda_min(K)),
          source="+t: the largest eigenvalue governs"),
    Claim("mask_expands", show=norm(P_Omega(Om, X)) >= norm(X)),
    Claim("mask_inner_twice", show=sp.Eq(norm(P_Omega(Om, X)) ** 2, 2 * inner(P_Omega(Om, X), X))),
    Claim("dimension_one_strict", show=norm(a1 * b1) < op_norm(a1) * norm(b1), source="equality in dimension 1"),
    Claim("orthogonal_scales_sigma", show=sp.Eq(sigma_min(Q * C3), 2 * sigma_min(C3))),
    Claim("min_of_gradient_norms_too_small",
          given=[f1 <= f0 - 3 * norm(x) / (8 * L), f2 <= f1 - 3 * norm(v) / (8 * L)],
          show=sp.Min(norm(x), norm(v)) <= sp.Rational(1, 3) * L * (f0 - f2), source="constant 1/3 < 4/3"),
    Claim("min_of_diagonal_norms_half", show=sp.Min(norm(x + v), norm(x - v)) ** 2 <= (norm(x) ** 2 + norm(v) ** 2) / 2),
    Claim("max_of_eigenvalues_strict", show=sp.Max(lambda_max(M), -lambda_min(M)) < op_norm(M),
          source="equality: ||M||_op is the largest |eigenvalue|"),
    Claim("pinv_right_inverse_tall", given=[sigma_min(Tall) > 0], show=sp.Eq(norm(Tall * pinv(Tall) * y4 - y4), 0),
          source="tall T: T T^+ is the projection onto the 3-dimensional range of T in R^4, not I"),
    Claim("pinv_left_inverse_wide", given=[sigma_min(W) > 0], show=sp.Eq(norm(pinv(W) * W * y4 - y4), 0),
          source="wide W: W^+ W projects onto the row space; a null vector of W is sent to 0"),
    Claim("pinv_right_inverse_rank_unknown", show=sp.Eq(norm(W * pinv(W) * s2 - s2), 0),
          source="missing full-rank condition: W = 0 gives W W^+ = 0"),
    Claim("row_space_bound_wrong_power", given=[sigma_min(Phi) > 0],
          show=norm(Phi.T * y3) <= norm(Phi * Phi.T * y3) / sigma_min(Phi) ** 2, source="sigma^2 instead of sigma"),
    Claim("row_space_bound_reversed", given=[sigma_min(Phi) > 0],
          show=norm(Phi * Phi.T * y3) <= sigma_min(Phi) * norm(Phi.T * y3),
          source="lower bound written as upper (Phi = [[2,0,0,0],[0,1,0,0],[0,0,1,0]], y = e1: 4 <= 2 is false; the "
                 "attack leaves it tested: its most violating candidates have sigma_min near 0 and rationalise to "
                 "rank 2, where the hypothesis fails)"),
    Claim("row_space_of_another_matrix", show=norm(W * W2.T * s2) >= sigma_min(W) * norm(W2.T * s2),
          source="W2^T s lies in the row space of W2, not of W (both 2 x 4): W may annihilate it"),
    Claim("squared_contraction_wrong_end", given=[lambda_min(K) >= 0, lambda_max(K) <= 1, eta <= 1],
          show=op_norm((eye(3) - eta * K) ** 2) <= (1 - eta * lambda_max(K)) ** 2,
          source="lambda_max instead of lambda_min: the slowest mode is the smallest eigenvalue"),
    Claim("squared_contraction_step_too_long", given=[lambda_min(K) >= 0, lambda_max(K) <= 1],
          show=op_norm((eye(3) - eta * K) ** 2) <= (1 - eta * lambda_min(K)) ** 2,
          source="missing eta <= 1: K with eigenvalues 0 and 1, eta = 3 gives ||(I - 3K)^2||_op = 4 > 1"),
    Claim("even_power_lambda_min_wrong", show=sp.Eq(lambda_min(K ** 2), lambda_min(K) ** 2),
          source="K symmetric, not PSD: lambda_min(K^2) is the smallest |lambda|^2"),
    Claim("power_op_wrong_exponent", show=sp.Eq(op_norm(K ** 3), op_norm(K) ** 2)),
    Claim("quadratic_bottom_at_ends", show=sp.Eq(lambda_min(K * K - 2 * K + eye(3)),
                                                 sp.Min((lambda_min(K) - 1) ** 2, (lambda_max(K) - 1) ** 2)),
          source="the convex side is the top; an interior eigenvalue (lambda = 1) gives 0 at the bottom"),
    Claim("quadratic_vertex_too_high", show=lambda_min(K * K - 2 * K) >= 0, source="x^2 - 2x < 0 on (0, 2)"),
]

CLAIMS = [(cl.name, cl, True) for cl in TRUE] + [(cl.name, cl, False) for cl in FALSE]
