"""A corpus of vector/matrix claims for the Gram reduction and the matrix-word normal form.

Identities and inequalities in inner products, norms and traces; symbolic and fixed dimensions; claims
true only below the number of vectors (three vectors in R^1, Parseval in R^2) beside their false twins
one dimension up; unit and orthogonal vectors, psd and symmetric matrices, vector and matrix equalities.
Each false claim is a twin of a true one (wrong direction, wrong power, missing factor, a structure
dropped, one dimension too many); its source says why it fails.

``TRUE`` and ``FALSE`` are lists of ``Claim``.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim
from verify.core.linalg import Matrix, Vector, eye, inner, norm, trace

n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
t = sp.Symbol("t", positive=True)
eta = sp.Symbol("eta", positive=True)
lam = sp.Symbol("lambda", nonnegative=True)

x, y, z, w = (Vector(s, n) for s in "xyzw")
u, v = Vector("u", n, structure="unit"), Vector("v", n, structure="unit")
x4, z4 = Vector("x", 4), Vector("z", 4)
x1, y1, z1 = (Vector(s, 1) for s in "xyz")
x2, y2, z2 = (Vector(s, 2) for s in "xyz")
e1, e2 = Vector("e", 2, structure="unit"), Vector("f", 2, structure="unit")
e3, f3, w3 = Vector("e", 3, structure="unit"), Vector("f", 3, structure="unit"), Vector("w", 3)
A, B, C = Matrix("A", n, n), Matrix("B", n, n), Matrix("C", n, n)
G, H = Matrix("G", n, m), Matrix("H", m, n)
S = Matrix("S", n, n, structure="symmetric")
P = Matrix("P", n, n, structure="psd")
Q = Matrix("Q", n, n, structure="orthogonal")
Phi = Matrix("Phi", m, n)
d, r = Vector("d", n), Vector("r", m)
K = Phi * Phi.T
Im = eye(m)

EQ_8_27 = norm(z * x.T + x * z.T) ** 2 - 2 * inner(z, (z * z.T - x * x.T) * z) >= 0
EIGEN = [sp.Eq(norm(P * x - lam * x), 0), sp.Eq(norm(x) ** 2, lam)]
ORTHONORMAL_2 = [sp.Eq(inner(e1, e2), 0)]
ORTHONORMAL_3 = [sp.Eq(inner(e3, f3), 0)]

TRUE = [
    Claim("cs_symbolic", show=inner(x, z) ** 2 <= norm(x) ** 2 * norm(z) ** 2),
    Claim("cs_dim4", show=inner(x4, z4) ** 2 <= norm(x4) ** 2 * norm(z4) ** 2, source="issue 10: Cauchy-Schwarz in R^4"),
    Claim("cs_abs", show=sp.Abs(inner(x, z)) <= norm(x) * norm(z)),
    Claim("triangle", show=norm(x + z) <= norm(x) + norm(z)),
    Claim("reverse_triangle", show=sp.Abs(norm(x) - norm(z)) <= norm(x - z)),
    Claim("parallelogram", show=sp.Eq(norm(x + z) ** 2 + norm(x - z) ** 2, 2 * norm(x) ** 2 + 2 * norm(z) ** 2)),
    Claim("polarisation", show=sp.Eq(inner(x, z), (norm(x + z) ** 2 - norm(x - z) ** 2) / 4)),
    Claim("pythagoras", given=[sp.Eq(inner(x, z), 0)], show=sp.Eq(norm(x + z) ** 2, norm(x) ** 2 + norm(z) ** 2)),
    Claim("young", show=2 * inner(x, z) <= norm(x) ** 2 + norm(z) ** 2),
    Claim("young_weighted", show=2 * inner(x, z) <= t * norm(x) ** 2 + norm(z) ** 2 / t),
    Claim("sum_square_bound", show=norm(x + z) ** 2 <= 2 * norm(x) ** 2 + 2 * norm(z) ** 2),
    Claim("three_sum_bound", show=norm(x + y + z) ** 2 <= 3 * (norm(x) ** 2 + norm(y) ** 2 + norm(z) ** 2)),
    Claim("lemma_8_20_form", given=[sp.Eq(norm(z), 1), EQ_8_27], show=norm(x) ** 2 >= sp.Rational(1, 3),
          source="003, Lemma 8.20: ||z|| = 1 and (8.27) imply ||x||^2 >= 1/3"),
    Claim("lemma_8_18_form", given=[sp.Eq(inner(x, (z * z.T - x * x.T) * x), 0)],
          show=sp.Eq(inner(x, z) ** 2, norm(x) ** 4), source="003, (8.20)-(8.21)"),
    Claim("distance_below_norms", show=norm(x - z) ** 2 >= (norm(x) - norm(z)) ** 2),
    Claim("homogeneity", show=sp.Eq(norm(2 * x), 2 * norm(x))),
    Claim("dim1_cs_equality", show=sp.Eq(inner(x1, z1) ** 2, norm(x1) ** 2 * norm(z1) ** 2),
          source="in R^1 any two vectors are parallel (rank <= 1)"),
    Claim("dim1_three_products", show=inner(x1, y1) * inner(y1, z1) * inner(z1, x1) >= 0,
          source="in R^1 the product is x^2 y^2 z^2 (rank <= 1)"),
    Claim("parseval_dim2", given=ORTHONORMAL_2, show=sp.Eq(norm(y2) ** 2, inner(y2, e1) ** 2 + inner(y2, e2) ** 2),
          source="two orthonormal vectors are a basis of R^2 (three vectors, rank <= 2)"),
    Claim("bessel", given=ORTHONORMAL_3, show=inner(w3, e3) ** 2 + inner(w3, f3) ** 2 <= norm(w3) ** 2),
    Claim("unit_distance", show=sp.Eq(norm(u - v) ** 2, 2 - 2 * inner(u, v))),
    Claim("unit_inner_at_most_1", show=inner(u, v) <= 1),
    Claim("trace_cyclic_rect", show=sp.Eq(trace(G * H), trace(H * G))),
    Claim("trace_transpose", show=sp.Eq(trace(A.T), trace(A))),
    Claim("trace_cyclic_three", show=sp.Eq(trace(A * B * C), trace(C * A * B))),
    Claim("inner_move_factor", show=sp.Eq(inner(A, B * C), inner(A * C.T, B)), source="<A, BC> = <A C^T, B>"),
    Claim("quadratic_form_8_6", show=sp.Eq(inner(x + z, S * (x + z)), inner(x, S * x) + 2 * inner(x, S * z)
                                           + inner(z, S * z)), source="003, (8.6)-(8.8) for a symmetric M"),
    Claim("hessian_frobenius_8_7", show=sp.Eq(norm(x * z.T + z * x.T) ** 2, 2 * norm(x) ** 2 * norm(z) ** 2
                                              + 2 * inner(x, z) ** 2), source="003, (8.7)"),
    Claim("outer_norm", show=sp.Eq(norm(x * x.T), norm(x) ** 2)),
    Claim("orthogonal_isometry", show=sp.Eq(norm(Q * x), norm(x))),
    Claim("orthogonal_similar_trace", show=sp.Eq(trace(Q.T * A * Q), trace(A))),
    Claim("psd_plus_square_form", show=sp.Ge(inner(x, (P + z * z.T) * x), 0, evaluate=False)),
    Claim("eigen_value_8_10", given=EIGEN, show=sp.Eq(norm(P - x * x.T) ** 2, norm(P) ** 2 - lam ** 2),
          source="003, Theorem 8.7: g at an eigenvector x with ||x||^2 = lambda"),
    Claim("eigen_quadratic_form", given=[sp.Eq(S * x, lam * x)], show=sp.Eq(inner(x, S * x), lam * norm(x) ** 2)),
    Claim("vector_equality_hyp", given=[sp.Eq(x, 2 * z)], show=sp.Eq(norm(x) ** 2, 4 * norm(z) ** 2)),
    Claim("residual_recursion", show=sp.Eq((Im - eta * K) * Phi * d - (Im - eta * K) * r,
                                          (Im - eta * K) * (Phi * d - r)), source="003, (8.113)-(8.114)"),
    Claim("transpose_of_sum", show=sp.Eq((A + B).T, A.T + B.T, evaluate=False)),
    Claim("outer_square", show=sp.Eq((x * x.T) ** 2, norm(x) ** 2 * (x * x.T))),
    Claim("cs_vector_word", show=inner(A * y, w) ** 2 <= norm(A * y) ** 2 * norm(w) ** 2),
    Claim("norm_of_image", show=sp.Eq(norm(A * x) ** 2, inner(x, A.T * A * x))),
    Claim("frobenius_square_trace", show=sp.Ge(trace(A.T * A), 0, evaluate=False)),
    Claim("trace_identity_plus", show=sp.Eq(trace(eye(n) + x * x.T), n + norm(x) ** 2)),
]

FALSE = [
    Claim("cs_reversed", show=inner(x, z) ** 2 >= norm(x) ** 2 * norm(z) ** 2, source="wrong direction"),
    Claim("cs_wrong_power", show=inner(x, z) <= norm(x) ** 2 * norm(z) ** 2, source="wrong power: x = z small"),
    Claim("cs_missing_square", show=inner(x, z) ** 2 <= norm(x) * norm(z), source="missing square: x = z large"),
    Claim("cs_dim4_reversed", show=inner(x4, z4) ** 2 >= norm(x4) ** 2 * norm(z4) ** 2, source="wrong direction"),
    Claim("triangle_reversed", show=norm(x + z) >= norm(x) + norm(z), source="wrong direction"),
    Claim("reverse_triangle_reversed", show=sp.Abs(norm(x) - norm(z)) >= norm(x - z), source="wrong direction"),
    Claim("parallelogram_missing_2", show=sp.Eq(norm(x + z) ** 2 + norm(x - z) ** 2, norm(x) ** 2 + norm(z) ** 2),
          source="missing factor 2"),
    Claim("polarisation_half", show=sp.Eq(inner(x, z), (norm(x + z) ** 2 - norm(x - z) ** 2) / 2),
          source="factor 1/2 instead of 1/4"),
    Claim("pythagoras_no_hyp", show=sp.Eq(norm(x + z) ** 2, norm(x) ** 2 + norm(z) ** 2),
          source="missing hypothesis <x, z> = 0"),
    Claim("young_missing_term", show=2 * inner(x, z) <= norm(x) ** 2, source="missing ||z||^2"),
    Claim("young_weighted_missing_1_over_t", show=2 * inner(x, z) <= t * norm(x) ** 2 + norm(z) ** 2,
          source="missing 1/t: small t"),
    Claim("sum_square_no_factor", show=norm(x + z) ** 2 <= norm(x) ** 2 + norm(z) ** 2, source="missing factor 2"),
    Claim("three_sum_factor_2", show=norm(x + y + z) ** 2 <= 2 * (norm(x) ** 2 + norm(y) ** 2 + norm(z) ** 2),
          source="factor 2 instead of 3: x = y = z"),
    Claim("lemma_8_20_half", given=[sp.Eq(norm(z), 1), EQ_8_27], show=norm(x) ** 2 >= sp.Rational(1, 2),
          source="003, Lemma 8.20 with 1/2: ||x||^2 = 1/3, x parallel to z, is allowed"),
    Claim("lemma_8_18_wrong_power", given=[sp.Eq(inner(x, (z * z.T - x * x.T) * x), 0)],
          show=sp.Eq(inner(x, z) ** 2, norm(x) ** 2), source="||x||^2 instead of ||x||^4"),
    Claim("distance_above_norms", show=norm(x - z) ** 2 <= (norm(x) - norm(z)) ** 2, source="wrong direction"),
    Claim("homogeneity_wrong_power", show=sp.Eq(norm(2 * x), 2 * norm(x) ** 2), source="wrong power"),
    Claim("dim2_cs_equality", show=sp.Eq(inner(x2, z2) ** 2, norm(x2) ** 2 * norm(z2) ** 2),
          source="true in R^1, false in R^2"),
    Claim("dim2_three_products", show=inner(x2, y2) * inner(y2, z2) * inner(z2, x2) >= 0,
          source="true in R^1, false in R^2 (three unit vectors at 120 degrees)"),
    Claim("parseval_dim3", given=ORTHONORMAL_3, show=sp.Eq(norm(w3) ** 2, inner(w3, e3) ** 2 + inner(w3, f3) ** 2),
          source="true in R^2, false in R^3 (w orthogonal to e and f)"),
    Claim("bessel_reversed", given=ORTHONORMAL_3, show=inner(w3, e3) ** 2 + inner(w3, f3) ** 2 >= norm(w3) ** 2,
          source="wrong direction"),
    Claim("unit_distance_missing_2", show=sp.Eq(norm(u - v) ** 2, 2 - inner(u, v)), source="missing factor 2"),
    Claim("unit_inner_nonpositive", show=inner(u, v) <= 0, source="u = v"),
    Claim("trace_not_transposed_product", show=sp.Eq(trace(A * B), trace(A.T * B)), source="A not symmetric"),
    Claim("trace_swap_three", show=sp.Eq(trace(A * B * C), trace(A * C * B)), source="not a cyclic rotation"),
    Claim("inner_move_untransposed", show=sp.Eq(inner(A, B * C), inner(A * C, B)), source="C^T dropped"),
    Claim("quadratic_form_general", show=sp.Eq(inner(x + z, A * (x + z)), inner(x, A * x) + 2 * inner(x, A * z)
                                               + inner(z, A * z)), source="003, (8.6)-(8.8) needs M symmetric"),
    Claim("hessian_frobenius_dropped_2", show=sp.Eq(norm(x * z.T + z * x.T) ** 2, 2 * norm(x) ** 2 * norm(z) ** 2
                                                    + inner(x, z) ** 2), source="003, (8.7) with a factor dropped"),
    Claim("outer_norm_wrong_power", show=sp.Eq(norm(x * x.T), norm(x)), source="wrong power"),
    Claim("general_not_isometry", show=sp.Eq(norm(A * x), norm(x)), source="A not orthogonal"),
    Claim("psd_minus_square_form", show=inner(x, (P - z * z.T) * x) >= 0, source="minus instead of plus"),
    Claim("eigen_value_wrong_sign", given=EIGEN, show=sp.Eq(norm(P - x * x.T) ** 2, norm(P) ** 2 + lam ** 2),
          source="003, Theorem 8.7 with the sign of lambda^2 flipped"),
    Claim("vector_equality_wrong_factor", given=[sp.Eq(x, 2 * z)], show=sp.Eq(norm(x) ** 2, 2 * norm(z) ** 2),
          source="factor 2 instead of 4"),
    Claim("outer_square_no_norm", show=sp.Eq((x * x.T) ** 2, x * x.T), source="missing ||x||^2"),
    Claim("transpose_of_product_unswapped", show=sp.Eq((A * B).T, A.T * B.T), source="order not reversed"),
    Claim("norm_of_image_wrong_side", show=sp.Eq(norm(A * x) ** 2, inner(x, A * A.T * x)), source="A A^T for A^T A"),
    Claim("trace_square_nonneg", show=trace(A * A) >= 0, source="A = [[0, 1], [-1, 0]] gives tr(A^2) = -2"),
    Claim("norm_minus_2g", show=norm(x - 2 * z) <= norm(x), source="issue 10: z = -x gives 3 ||x|| <= ||x||"),
]
