"""A corpus of vector/matrix claims with known truth: norm identities, Cauchy-Schwarz, Weyl-type
and spectral bounds, the notes' GD contraction, masks, and needles (false only on a thin set:
parallel vectors, rank-deficient or scalar matrices, tight step sizes).

``TRUE`` and ``FALSE`` are lists of ``Claim``; the source field says why each false one fails.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim
from verify.core.linalg import (Matrix, P_Omega, Vector, expm, eye, inner, lambda_max, lambda_min, norm, op_norm,
                           pinv, sampling_mask, sigma_min, trace)

n = sp.Symbol("n", integer=True, positive=True)
eta, s = sp.symbols("eta s", positive=True)
x, v = Vector("x", n), Vector("v", n)
x3, v3 = Vector("x", 3), Vector("v", 3)
u = Vector("u", 3, structure="unit")
A, B = Matrix("A", 3, 3, structure="symmetric"), Matrix("B", 3, 3, structure="symmetric")
G, H, C = Matrix("G", 3, 4), Matrix("H", 4, 2), Matrix("C", 3, 3)
R2 = Matrix("R", 4, 4, rank=2)
M = Matrix("M", 3, 3, structure="psd")
M1 = Matrix("M", 3, 3, structure="psd", rank=2)
Q = Matrix("Q", 3, 3, structure="orthogonal")
D = Matrix("D", 3, 3, structure="diagonal")
Phi, Phit, E = Matrix("Phi", 2, 3), Matrix("Phit", 2, 3), Matrix("E", 2, 3)
r, d, y = Vector("r", 2), Vector("d", 3), Vector("y", 2)
Om = sampling_mask("Omega", 3, rate=sp.Rational(1, 2))
K = Phi * Phi.T
Id2 = eye(2)
W = Matrix("W", 2, 4)
t = sp.Symbol("t", nonnegative=True)
v3b = Vector("w", 3)
Omn = sampling_mask("Omega", n, n)
Mn = Matrix("M", n, n, structure="psd")

TRUE = [
    Claim("frob_outer_identity", show=sp.Eq(norm(x * v.T + v * x.T) ** 2,
                                            2 * norm(x) ** 2 * norm(v) ** 2 + 2 * inner(x, v) ** 2),
          source="003, (8.6)-(8.10) Hessian term"),
    Claim("cauchy_schwarz", show=inner(x, v) ** 2 <= norm(x) ** 2 * norm(v) ** 2),
    Claim("triangle", show=norm(x + v) <= norm(x) + norm(v)),
    Claim("parallelogram", show=sp.Eq(norm(x + v) ** 2 + norm(x - v) ** 2, 2 * norm(x) ** 2 + 2 * norm(v) ** 2)),
    Claim("hessian_term_lower", show=norm(x * v.T + v * x.T) ** 2 >= 2 * norm(x) ** 2 * norm(v) ** 2),
    Claim("weyl_lower", show=lambda_min(A + B) >= lambda_min(A) + lambda_min(B)),
    Claim("weyl_upper", show=lambda_max(A + B) <= lambda_max(A) + lambda_max(B)),
    Claim("op_norm_submultiplicative", show=op_norm(G * H) <= op_norm(G) * op_norm(H)),
    Claim("op_below_frobenius", show=op_norm(G) <= norm(G)),
    Claim("frobenius_rank_bound", show=norm(R2) ** 2 <= 2 * op_norm(R2) ** 2),
    Claim("psd_lambda_min_nonneg", show=sp.Ge(lambda_min(M), 0, evaluate=False)),
    Claim("psd_trace_dominates", show=trace(M) >= lambda_max(M)),
    Claim("rayleigh_lower", show=inner(x3, A * x3) >= lambda_min(A) * norm(x3) ** 2),
    Claim("gd_contraction_8_118", given=[eta <= 1 / op_norm(Phi) ** 2],
          show=op_norm(Id2 - eta * K) <= 1 - eta * sigma_min(Phi) ** 2, source="003, (8.118)"),
    Claim("weyl_singular", show=sigma_min(Phi + E) >= sigma_min(Phi) - op_norm(E)),
    Claim("perturbed_sigma_8_143", given=[norm(Phit - Phi) <= s / 4, sigma_min(Phi) >= s],
          show=sigma_min(Phit) >= 3 * s / 4, source="003, (8.143) with sigma_min(Phi) >= sigma"),
    Claim("orthogonal_isometry", show=sp.Eq(norm(Q * x3), norm(x3))),
    Claim("orthogonal_op_norm", show=sp.Eq(op_norm(Q), 1)),
    Claim("mask_contracts", show=norm(P_Omega(Om, C)) <= norm(C)),
    Claim("mask_self_adjoint", show=sp.Eq(inner(P_Omega(Om, C), A), inner(C, P_Omega(Om, A))),
          source="003, remark after (8.18)"),
    Claim("mask_sum_of_observed_squares", show=sp.Eq(norm(P_Omega(Om, C)) ** 2,
                                                     sum(Om[i, j] * C[i, j] ** 2 for i in range(3) for j in range(3))),
          source="003, (8.12): Omega_ij^2 = Omega_ij"),
    Claim("mask_projection_norm", show=sp.Eq(norm(P_Omega(Om, C)) ** 2, inner(P_Omega(Om, C), C)),
          source="003, (8.17)-(8.18)"),
    Claim("mask_observed_zero_residual", given=[sp.Eq(norm(P_Omega(Om, C - x3 * x3.T)) ** 2, 0), sp.Eq(Om[0, 0], 1)],
          show=sp.Eq(x3[0, 0] ** 2, C[0, 0]), source="003, Remark 8.13: an observed entry is fitted exactly"),
    Claim("pca_gradient_inner", show=sp.Eq(inner(v3, (M - x3 * x3.T) * x3), inner(v3 * x3.T, M - x3 * x3.T)),
          source="003, (8.16) with <A, BC> = <A C^T, B>"),
    Claim("residual_recursion_8_114", show=sp.Eq((Id2 - eta * K) * Phi * d - (Id2 - eta * K) * y,
                                                 (Id2 - eta * K) * (Phi * d - y)), source="003, (8.113)-(8.114)"),
    Claim("unit_rayleigh_upper", show=inner(u, A * u) <= lambda_max(A)),
    Claim("tangent_kernel_pl", show=norm(Phi.T * r) ** 2 >= lambda_min(K) * norm(r) ** 2,
          source="000, tangent kernel: mu = lambda_min(K)"),
    Claim("trace_is_frobenius", show=sp.Eq(trace(G.T * G), norm(G) ** 2)),
    Claim("symmetric_lambda_bounded", show=sp.Abs(lambda_min(A)) <= op_norm(A)),
    Claim("diagonal_orthogonal_sigma", show=sp.Eq(sigma_min(D * Q), sigma_min(D))),
    Claim("min_norm_solution_8_66", given=[sigma_min(W) > 0], show=norm(pinv(W) * y) <= norm(y) / sigma_min(W),
          source="003, Lemma 8.25, (8.66)"),
    Claim("masked_gradient_inner", show=sp.Eq(inner(v, P_Omega(Omn, Mn - x * x.T) * x),
                                              inner(v * x.T, P_Omega(Omn, Mn - x * x.T))),
          source="003, (8.16): P_Omega(M - x x^T) as one matrix, in every dimension"),
    Claim("flow_symmetric_form", show=sp.Eq(inner(v3b, expm(-t * M) * x3), inner(x3, expm(-t * M) * v3b)),
          source="expm of a symmetric matrix is symmetric"),
    Claim("pinv_trace_cyclic", show=sp.Eq(trace(pinv(W) * W), trace(W * pinv(W)))),
    Claim("linearised_flow_decay", show=norm(expm(-t * M) * v3b) <= sp.exp(-lambda_min(M) * t) * norm(v3b),
          source="001, Lemma 1: v(t) = exp(-K t) v(0)"),
]

FALSE = [
    Claim("frob_identity_dropped_2", show=sp.Eq(norm(x * v.T + v * x.T) ** 2,
                                                2 * norm(x) ** 2 * norm(v) ** 2 + inner(x, v) ** 2),
          source="drops the factor 2 on <x, v>^2"),
    Claim("cauchy_schwarz_strict", show=inner(x, v) ** 2 < norm(x) ** 2 * norm(v) ** 2,
          source="needle: equality for parallel vectors"),
    Claim("triangle_reversed", show=norm(x + v) >= norm(x) + norm(v)),
    Claim("hessian_term_too_big", show=norm(x * v.T + v * x.T) ** 2 >= 4 * norm(x) ** 2 * norm(v) ** 2,
          source="holds only for parallel vectors"),
    Claim("distinct_vectors", show=norm(x - v) > 0, source="needle: x = v"),
    Claim("weyl_wrong_side", show=lambda_min(A + B) >= lambda_min(A) + lambda_max(B)),
    Claim("weyl_strict", show=lambda_min(A + B) > lambda_min(A) + lambda_min(B),
          source="needle: equality when A, B share the bottom eigenvector"),
    Claim("op_norm_supermultiplicative", show=op_norm(G * H) >= op_norm(G) * op_norm(H)),
    Claim("frobenius_below_op", show=norm(G) <= op_norm(G), source="true only for rank <= 1"),
    Claim("frobenius_rank_bound_too_small", show=norm(R2) ** 2 <= op_norm(R2) ** 2),
    Claim("psd_positive_definite", show=lambda_min(M) > 0, source="needle: rank-deficient PSD matrices"),
    Claim("psd_rank2_nonsingular", show=lambda_min(M1) > 0, source="rank <= 2 in dimension 3"),
    Claim("psd_trace_below_lambda_max", show=trace(M) <= lambda_max(M)),
    Claim("scalar_matrix_needle", show=3 * lambda_min(M) < trace(M), source="needle: M = c I"),
    Claim("rayleigh_upper_wrong", show=inner(x3, A * x3) >= lambda_max(A) * norm(x3) ** 2),
    Claim("gd_step_too_long", given=[eta <= 2 / op_norm(Phi) ** 2],
          show=op_norm(Id2 - eta * K) <= 1 - eta * sigma_min(Phi) ** 2, source="step 2/||Phi||^2 instead of 1/"),
    Claim("gd_contraction_8_150_as_written",
          given=[sigma_min(Phit) >= 3 * s / 4, eta <= 1 / op_norm(Phit) ** 2],
          show=op_norm(Id2 - eta * Phit * Phit.T) <= 1 - 3 * eta * s / 4,
          source="003, (8.150) as written: 1 - 3 eta sigma/4 instead of 1 - eta (3 sigma/4)^2"),
    Claim("perturbed_sigma_too_far", given=[norm(Phit - Phi) <= s / 2, sigma_min(Phi) >= s],
          show=sigma_min(Phit) >= 3 * s / 4),
    Claim("weyl_singular_half", show=sigma_min(Phi + E) >= sigma_min(Phi) - op_norm(E) / 2),
    Claim("orthogonal_near_identity", show=op_norm(Q - eye(3)) <= 1),
    Claim("mask_expands", show=norm(P_Omega(Om, C)) >= norm(C)),
    Claim("mask_squares_kept", show=sp.Eq(norm(P_Omega(Om, C)) ** 2, sum(Om[i, j] * C[i, j]
                                                                      for i in range(3) for j in range(3))),
          source="the squares of C dropped: wrong power"),
    Claim("mask_all_observed", show=sp.Eq(norm(P_Omega(Om, C)) ** 2, inner(C, C)), source="P_Omega dropped"),
    Claim("mask_unobserved_zero_residual", given=[sp.Eq(norm(P_Omega(Om, C - x3 * x3.T)) ** 2, 0),
                                                  sp.Eq(Om[0, 0], 0)],
          show=sp.Eq(x3[0, 0] ** 2, C[0, 0]), source="003, Remark 8.13: an unobserved entry is not fitted"),
    Claim("mask_keeps_psd", show=lambda_min(P_Omega(Om, M)) >= 0, source="masking a PSD matrix breaks PSD"),
    Claim("residual_recursion_garbled", show=sp.Eq((Id2 - eta * K) * Phi * d, Phi * d - eta * Phi * d),
          source="drops Phi Phi^T"),
    Claim("unit_rayleigh_wrong", show=inner(u, A * u) >= lambda_max(A)),
    Claim("tangent_kernel_lambda_max", show=norm(Phi.T * r) ** 2 >= lambda_max(K) * norm(r) ** 2),
    Claim("symmetric_abs_lambda_min", show=sp.Abs(lambda_min(A)) <= lambda_max(A),
          source="false for negative definite A"),
    Claim("trace_not_cyclic_for_swaps", show=sp.Eq(trace(A * B * C), trace(B * A * C))),
    Claim("pinv_bounded_by_op_norm", show=norm(pinv(W) * y) <= norm(y) * op_norm(W),
          source="|W^+| = 1/sigma_min(W), not sigma_max(W)"),
    Claim("masked_gradient_inner_transposed", show=sp.Eq(inner(v, P_Omega(Omn, Mn - x * x.T) * x),
                                                         inner(x * v.T, P_Omega(Omn, Mn - x * x.T))),
          source="<A, B C> = <A C^T, B>, with A C^T transposed: P_Omega(M - x x^T) need not be symmetric"),
    Claim("flow_general_not_symmetric", show=sp.Eq(inner(v3b, expm(-t * C) * x3), inner(x3, expm(-t * C) * v3b)),
          source="expm of a non-symmetric matrix is not symmetric"),
    Claim("pinv_trace_swapped_shapes", show=sp.Eq(trace(pinv(W) * W), trace(W.T * W)),
          source="tr(W^+ W) = rank W, not ||W||_F^2"),
    Claim("flow_decay_at_lambda_max", show=norm(expm(-t * M) * v3b) <= sp.exp(-lambda_max(M) * t) * norm(v3b),
          source="the slowest mode decays at lambda_min, not lambda_max"),
]
