"""Cited matrix facts (axioms with a source) that the spectral decider instantiates on a claim's terms.

Each ``MatrixFact`` has a statement, its shape and structure conditions, a source, the kinds of term it is
instantiated on (``heads``) and a rule that, given one such term, returns the fact's instances as scalar
relations between spectral terms, or nothing when a condition is not certain (a tall/wide shape that the
dimensions do not settle, a structure not recognisable by form). A condition on a scalar (full rank as
``sigma_min(A) > 0``) is kept in the instance as an implication. Every fact holds for real matrices of
every size allowed by its conditions; ``lambda_min``/``lambda_max`` are those of the symmetric part
``(A + A^T)/2`` and ``sigma_min`` the smallest of the ``min(rows, cols)`` singular values
(``verify.core.linalg``), which is what makes the conditions below exactly the right ones.

Sources: Horn & Johnson, *Matrix Analysis*, 2nd ed. (2013), cited ``HJ``. A theorem number is given where
citations of the book elsewhere agree with it (Thm 2.6.3, the SVD; Thm 4.2.2, Rayleigh; Thm 4.3.1, Weyl;
Cor. 7.3.5, singular values of a perturbed matrix; Thm 2.5.6, the real spectral theorem); otherwise the
section (``§5.6``) is cited, not a number that could not be confirmed (docs/matrix_facts.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp

from . import linalg as la
from .matrix_fact_rules import (rule_cauchy_schwarz, rule_frobenius, rule_gram_rayleigh, rule_gram_spectrum,
                               rule_homogeneous, rule_lambda_affine, rule_lambda_bounds, rule_lower_bound,
                               rule_lower_bound_row_space, rule_mask_adjoint, rule_mask_idempotent, rule_mask_norm,
                               rule_op_affine, rule_op_expm, rule_op_gram, rule_op_pinv, rule_operator_bound,
                               rule_orthogonal, rule_pinv_inverse, rule_rayleigh, rule_sigma_gram, rule_spectrum_expm,
                               rule_submultiplicative, rule_trace_spectrum, rule_transpose, rule_triangle, rule_unit,
                               rule_weyl_difference, rule_weyl_eigen, rule_weyl_singular)
from .matrix_polynomial_rules import rule_spectrum_polynomial, rule_spectrum_power

HJ = "Horn & Johnson, Matrix Analysis, 2nd ed. (2013)"


@dataclass(frozen=True)
class MatrixFact:
    """A cited fact: ``rule(term)`` gives its instances on ``term`` (a ``heads`` term), [] if it does not apply."""

    name: str
    statement: str
    conditions: str
    source: str
    heads: tuple
    rule: Callable[[Any], list]

    def instances(self, term: Any) -> list:
        """The fact's instances on ``term``; [] when the term is not one of its heads or a condition fails."""
        if not isinstance(term, self.heads):
            return []
        try:
            out = [sp.sympify(r) for r in self.rule(term)]
        except (la.LinalgError, NotImplementedError, TypeError):
            return []  # a term the fact would build is malformed or beyond sympy: the fact is not used
        if any(r is sp.false for r in out):
            raise ValueError(f"matrix fact {self.name!r} gave a false instance on {term}: a bug in the registry")
        return [r for r in out if r is not sp.true]


#: the kinds of term the facts are instantiated on
HEADS = (la.Norm, la.OpNorm, la.SigmaMin, la.SigmaMax, la.LambdaMin, la.LambdaMax, la.Tr, la.Inner)
_NORMS = (la.Norm, la.OpNorm)
_SINGULAR = (la.Norm, la.OpNorm, la.SigmaMin, la.SigmaMax)
_LAMBDA = (la.LambdaMin, la.LambdaMax)

#: The registry, in the order the decider tries them.
FACTS: list[MatrixFact] = [
    MatrixFact("homogeneity", "T(c X) = |c| T(X) for T = norm, op_norm, sigma_min, sigma_max",
               "any shape, c a real scalar", f"{HJ}, §5.1 (norm axioms) and Thm 2.6.3 (SVD)", _SINGULAR, rule_homogeneous),
    MatrixFact("transpose_invariance", "T(X^T) = T(X) for T = norm, op_norm, sigma_min, sigma_max",
               "any shape (X and X^T have the same min(rows, cols) singular values)",
               f"{HJ}, Thm 2.6.3 (SVD: X^T = V S^T U^T)", _SINGULAR, rule_transpose),
    MatrixFact("triangle", "T(S_1 + ... + S_k) <= T(S_1) + ... + T(S_k), and T(S) >= |T(S_i) - T(S - S_i)|",
               "T = norm or op_norm; summands of one shape", f"{HJ}, §5.1 (norm axioms) and §5.6 (spectral norm)",
               _NORMS, rule_triangle),
    MatrixFact("operator_bound", "||A R|| <= ||A||_op ||R|| and ||L B|| <= ||L|| ||B||_op",
               "any product (R, L a vector or a matrix, ||.|| Euclidean/Frobenius)",
               f"{HJ}, §5.6 (the spectral norm is the matrix norm induced by the Euclidean norm), applied column "
               f"by column",
               (la.Norm,), rule_operator_bound),
    MatrixFact("lower_bound", "||A R|| >= sigma_min(A) ||R|| if rows(A) >= cols(A); ||L B|| >= ||L|| sigma_min(B) "
                              "if cols(B) >= rows(B)",
               "A tall or square (B wide or square), certain from the dimensions: a wide A has a null space",
               f"{HJ}, Thm 4.2.2 (Rayleigh) on A^T A, whose eigenvalues are the squared singular values when "
               f"rows >= cols (Thm 2.6.3)", (la.Norm,), rule_lower_bound),
    MatrixFact("lower_bound_row_space", "||A R|| >= sigma_min(A) ||R|| when R = A^T Z (the columns of R lie in the row "
                                        "space of A); ||L B|| >= ||L|| sigma_min(B) when L = Z B^T; also for op_norm",
               "any shape: with A = U S V^T (thin SVD, min(rows, cols) singular values), A^T Z = V S U^T Z and "
               "A A^T Z = U S^2 U^T Z, so the bound holds factor by factor; the form A^T Z recognised syntactically",
               f"{HJ}, Thm 2.6.3 (SVD), applied to R = V (S U^T Z)", (la.Norm, la.OpNorm),
               rule_lower_bound_row_space),
    MatrixFact("submultiplicative", "||A B||_op <= ||A||_op ||B||_op (and ||L B||_op likewise)",
               "any product", f"{HJ}, §5.6 (matrix norms induced by vector norms are submultiplicative)",
               (la.OpNorm,), rule_submultiplicative),
    MatrixFact("gram_rayleigh", "lambda_min(A^T A) ||R||^2 <= ||A R||^2 <= lambda_max(A^T A) ||R||^2 (and with "
                                "B B^T for ||L B||)", "any product", f"{HJ}, Thm 4.2.2 (Rayleigh) on the "
                                                                      f"quadratic form R^T (A^T A) R", (la.Norm,),
               rule_gram_rayleigh),
    MatrixFact("op_below_frobenius", "||A||_op <= ||A||_F <= sqrt(r) ||A||_op (r = rank bound); equal for vectors",
               "r: a declared rank, or the smaller dimension when the dimensions settle it",
               f"{HJ}, Thm 2.6.3 (||A||_F^2 = sum of the squared singular values, at most r of them)", _NORMS,
               rule_frobenius),
    MatrixFact("op_norm_gram", "||A||_op^2 = lambda_max(A^T A) = lambda_max(A A^T); sigma_min(A) <= ||A||_op = "
                               "sigma_max(A)", "any shape", f"{HJ}, §5.6 (the spectral norm) and Thm 2.6.3 (SVD)",
               (la.OpNorm, la.SigmaMax), rule_op_gram),
    MatrixFact("sigma_min_gram", "sigma_min(A)^2 = lambda_min(A A^T) if rows(A) <= cols(A); = lambda_min(A^T A) "
                                 "if rows(A) >= cols(A)",
               "the smaller Gram matrix only, certain from the dimensions (the larger one is singular)",
               f"{HJ}, Thm 2.6.3 (SVD)", (la.SigmaMin,), rule_sigma_gram),
    MatrixFact("gram_spectrum", "for G = X X^T: lambda_max(G) = ||X||_op^2, tr(G) = ||X||_F^2, lambda_min(G) = "
                                "sigma_min(X)^2 if X is wide or square, 0 if X is strictly tall",
               "G of the form X X^T; the shape of X certain from the dimensions", f"{HJ}, Thm 2.6.3 (SVD)",
               (la.LambdaMin, la.LambdaMax, la.Tr), rule_gram_spectrum),
    MatrixFact("weyl_singular", "sigma_min(A) - ||B||_op <= sigma_min(A + B) <= sigma_min(A) + ||B||_op",
               "A, B of one shape (any, tall or wide)", f"{HJ}, Corollary 7.3.5 (Weyl for singular values)",
               (la.SigmaMin,), rule_weyl_singular),
    MatrixFact("weyl_perturbation", "for D = X - Y: |sigma_min(X) - sigma_min(Y)| <= ||D||_op, and for square X, Y "
                                    "|lambda_min(X) - lambda_min(Y)|, |lambda_max(X) - lambda_max(Y)| <= ||D||_op",
               "instantiated on the norms of differences of two matrices of one shape (not vectors)",
               f"{HJ}, Corollary 7.3.5 and Thm 4.3.1 (Weyl) with Y + D = X", _NORMS, rule_weyl_difference),
    MatrixFact("weyl_eigenvalues", "lambda_min(A) + lambda_min(B) <= lambda_min(A + B) <= lambda_min(A) + "
                                   "lambda_max(B); lambda_max(A) + lambda_min(B) <= lambda_max(A + B) <= "
                                   "lambda_max(A) + lambda_max(B)",
               "A, B square of one size (eigenvalues of the symmetric parts)", f"{HJ}, Thm 4.3.1 (Weyl)", _LAMBDA,
               rule_weyl_eigen),
    MatrixFact("spectrum_affine", "the eigenvalues of a I + b K are a + b lambda_i(K): lambda_min(a I + b K) = "
                                  "min(a + b lambda_min(K), a + b lambda_max(K)), lambda_max likewise with max",
               "K square (symmetric part), a, b real", f"{HJ}, Thm 2.5.6 (spectral theorem for real symmetric "
                                                       f"matrices) on (K + K^T)/2", _LAMBDA, rule_lambda_affine),
    MatrixFact("spectrum_power", "for M symmetric and k >= 0 an integer: ||M^k||_op = ||M||_op^k; k odd (or M PSD): "
                                 "lambda_min(M^k) = lambda_min(M)^k, lambda_max(M^k) = lambda_max(M)^k; k even: "
                                 "lambda_max(M^k) = ||M||_op^k and 0 <= lambda_min(M^k) <= lambda_min(M)^k, "
                                 "lambda_max(M)^k",
               "M symmetric by form (so M^k = Q diag(lambda_i^k) Q^T); PSD by form for a symbolic k on lambda",
               f"{HJ}, Thm 2.5.6 (spectral theorem for real symmetric matrices): M^k = Q Lambda^k Q^T",
               (la.OpNorm, la.LambdaMin, la.LambdaMax), rule_spectrum_power),
    MatrixFact("spectrum_polynomial", "for P = p(K) = sum_j c_j K^j of degree >= 2: p(lambda_min(K)) and "
                                      "p(lambda_max(K)) are eigenvalues of P, so lambda_min(P) <= p(.) <= "
                                      "lambda_max(P) and |p(.)| <= ||P||_op there; for degree 2 with c_2 >= 0 "
                                      "(convex p) lambda_max(P) = max(p(lambda_min(K)), p(lambda_max(K))) and, if "
                                      "c_2 > 0, lambda_min(P) >= c_0 - c_1^2/(4 c_2); the mirror image for c_2 <= 0",
               "K symmetric by form, one K in every summand (I, K, K^j, K K ...); the sign of c_2 certain",
               f"{HJ}, Thm 2.5.6 (spectral theorem): p(K) = Q p(Lambda) Q^T, eigenvalues p(lambda_i) with every "
               f"lambda_i in [lambda_min(K), lambda_max(K)]", _LAMBDA + (la.OpNorm,), rule_spectrum_polynomial),
    MatrixFact("spectrum_bounds", "lambda_min(A) <= lambda_max(A) and |lambda_min(A)|, |lambda_max(A)| <= ||A||_op",
               "A square", f"{HJ}, Thm 4.2.2 (Rayleigh) and §5.6 (the spectral norm)", _LAMBDA, rule_lambda_bounds),
    MatrixFact("op_norm_polynomial", "||a I + b K||_op = max(|a + b lambda_min(K)|, |a + b lambda_max(K)|)",
               "K symmetric by form (a symmetric/psd variable, X X^T, ...), a, b real",
               f"{HJ}, Thm 2.5.6 (spectral theorem): a I + b K = Q (a I + b Lambda) Q^T", (la.OpNorm,), rule_op_affine),
    MatrixFact("op_norm_expm", "||expm(a I + b K)||_op = exp(a + b lambda_min(K)) if b <= 0 (e.g. b = -t, t >= 0), "
                               "exp(a + b lambda_max(K)) if b >= 0, the larger of the two otherwise",
               "K symmetric by form", f"{HJ}, Thm 2.5.6: expm(Q D Q^T) = Q expm(D) Q^T", (la.OpNorm,), rule_op_expm),
    MatrixFact("spectrum_expm", "for E = expm(a I + b K): lambda_min(E) = sigma_min(E) = exp(a + b lambda_min(K)) and "
                                "lambda_max(E) = sigma_max(E) = exp(a + b lambda_max(K)) if b >= 0; lambda_min and "
                                "lambda_max swapped if b <= 0; the smaller and the larger of the two otherwise",
               "K symmetric by form, a, b real",
               f"{HJ}, Thm 2.5.6: expm(Q D Q^T) = Q expm(D) Q^T, a symmetric matrix with the eigenvalues "
               f"exp(a + b lambda_i) > 0, so its singular values are the same", _LAMBDA + (la.SigmaMin, la.SigmaMax),
               rule_spectrum_expm),
    MatrixFact("op_norm_pinv", "sigma_min(A) > 0 (full rank) implies ||pinv(A)||_op = 1 / sigma_min(A)",
               "any shape; full rank as the scalar condition sigma_min(A) > 0 (rank unknown: not used)",
               f"{HJ}, Thm 2.6.3 (SVD: pinv(A) = V S^+ U^T)", (la.OpNorm,), rule_op_pinv),
    MatrixFact("pinv_inverse", "A A^+ = I (rows x rows) if A is wide or square and sigma_min(A) > 0 (full row rank); "
                               "A^+ A = I (cols x cols) if A is tall or square and sigma_min(A) > 0 (full column rank)",
               "the shape certain from the dimensions (a tall A A^+ is a projection of rank cols < rows, not I); "
               "full rank as the scalar guard sigma_min(A) > 0, where sigma_min is the smallest of the "
               "min(rows, cols) singular values (verify.core.linalg): for a wide A the smallest of its rows ones, "
               "so sigma_min(A) > 0 is rank A = rows",
               f"{HJ}, Thm 2.6.3 (SVD): A^+ = V S^+ U^T, so A A^+ = U (S S^+) U^T = I when all rows singular values "
               f"are positive; Golub & Van Loan, Matrix Computations, 4th ed. (2013), §5.5 (the pseudo-inverse)",
               HEADS, rule_pinv_inverse),
    MatrixFact("trace_spectrum", "n lambda_min(A) <= tr(A) <= n lambda_max(A); for PSD A: lambda_min(A) >= 0 and "
                                 "lambda_max(A) <= tr(A)",
               "A square n x n; PSD by form (a psd variable, X X^T, ...) for the second part",
               f"{HJ}, §1.2 (the characteristic polynomial: the trace is the sum of the eigenvalues) and Ch. 7 "
               f"(positive semidefinite matrices: their eigenvalues are >= 0)",
               (la.Tr,), rule_trace_spectrum),
    MatrixFact("rayleigh", "lambda_min(M) ||X||^2 <= <X, M X> <= lambda_max(M) ||X||^2; <X, X> = ||X||^2",
               "M square (its symmetric part), X a vector or a matrix with rows(X) = size of M",
               f"{HJ}, Thm 4.2.2 (Rayleigh quotient theorem), column by column", (la.Inner,), rule_rayleigh),
    MatrixFact("cauchy_schwarz", "|<X, Y>| <= ||X|| ||Y||", "X, Y of one shape (Frobenius inner product)",
               f"{HJ}, §5.1 (the Cauchy-Schwarz inequality for an inner product)", (la.Inner,), rule_cauchy_schwarz),
    MatrixFact("orthogonal_invariance", "T(Q X) = T(X Q) = T(X) for orthogonal Q; op_norm(Q) = sigma_min(Q) = 1, "
                                        "||Q||_F = sqrt(n)",
               "Q an orthogonal variable (Q^T Q = I, square)", f"{HJ}, Thm 2.6.3 (SVD) and §2.1 (unitary matrices)",
               _SINGULAR, rule_orthogonal),
    MatrixFact("unit_vector", "||u|| = 1 (and ||u||_op = 1) for a unit vector", "u declared structure='unit'",
               "the declaration of u", _NORMS, rule_unit),
    MatrixFact("mask_idempotent", "Omega o (Omega o X) = Omega o X (P_Omega(P_Omega(X)) = P_Omega(X)); "
                                  "Omega^(o k) = Omega for k >= 1",
               "Omega a 0/1 sampling mask (entries in {0, 1}, so Omega_ij^2 = Omega_ij)",
               "003, remark after (8.18): P_Omega is the orthogonal projection onto matrices supported on Omega",
               (la.Norm, la.OpNorm, la.Inner, la.Tr), rule_mask_idempotent),
    MatrixFact("mask_norm", "||P_Omega(X)||_F^2 = <P_Omega(X), X> and ||P_Omega(X)||_F <= ||X||_F",
               "Omega a 0/1 sampling mask", "003, remark after (8.18) (P_Omega is an orthogonal projection)",
               (la.Norm,), rule_mask_norm),
    MatrixFact("mask_self_adjoint", "<P_Omega(X), Y> = <X, P_Omega(Y)> = <P_Omega(X), P_Omega(Y)>",
               "Omega a 0/1 sampling mask", "003, remark after (8.18) (P_Omega is an orthogonal projection)",
               (la.Inner,), rule_mask_adjoint),
]

BY_NAME: dict[str, MatrixFact] = {f.name: f for f in FACTS}

__all__ = ["MatrixFact", "FACTS", "BY_NAME", "HEADS", "HJ"]
