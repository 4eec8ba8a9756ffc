"""Cited matrix facts (axioms with a source) that the spectral decider instantiates on a claim's terms.

Each ``MatrixFact`` has a statement, its shape and structure conditions, a source, the kinds of term it is
instantiated on (``heads``) and a rule that, given one such term, returns the fact's instances as scalar
relations between spectral terms, or nothing when a condition is not certain (a tall/wide shape that the
dimensions do not settle, a structure not recognisable by form). A condition on a scalar (full rank as
``sigma_min(A) > 0``) is kept in the instance as an implication. Every fact holds for real matrices of
every size allowed by its conditions; ``lambda_min``/``lambda_max`` are those of the symmetric part
``(A + A^T)/2`` and ``sigma_min`` the smallest of the ``min(rows, cols)`` singular values
(``verify.core.linalg``), which is what makes the conditions below exactly the right ones.

Sources: Horn & Johnson, *Matrix Analysis*, 2nd ed. (2013), cited ``HJ``; theorem numbers as given there.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp

from . import linalg as la
from .matrix_forms import (affine, at_least, canon, coefficient, cols, factors, is_square, is_symmetric,
                           is_vector, product, rows, summands)

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


def _split_product(X: Any) -> tuple[Any, Any, Any, Any] | None:
    """``X = A R = L B`` for a product of at least two matrix factors: (A, R, L, B)."""
    mats = factors(X)
    if len(mats) < 2:
        return None
    return mats[0], product(mats[1:]), product(mats[:-1]), mats[-1]


def _gram(G: Any) -> Any | None:
    """``X`` when ``G`` is by form ``X X^T`` (a product whose second half is the transpose of the first)."""
    mats = factors(G)
    if len(mats) < 2 or len(mats) % 2:
        return None
    X = product(mats[: len(mats) // 2])
    return X if canon(X.T) == product(mats[len(mats) // 2:]) else None


def _rank_bound(A: Any) -> sp.Expr | None:
    """A certain upper bound on the rank: a declared rank, else the smaller dimension when certain."""
    if isinstance(A, la.Matrix) and A.rank is not None:
        return A.rank
    r, c = rows(A), cols(A)
    if at_least(r, c):
        return c
    if at_least(c, r):
        return r
    return None


def _mask_split(X: Any) -> tuple[Any, Any] | None:
    """``X = Omega o Y`` (``P_Omega(Y)``) with ``Omega`` a mask variable: (Omega, Y)."""
    if not isinstance(X, sp.HadamardProduct):
        return None
    masks = [a for a in X.args if isinstance(a, la.Matrix) and a.structure == "mask"]
    if not masks:
        return None
    rest = list(X.args)
    rest.remove(masks[0])
    return masks[0], rest[0] if len(rest) == 1 else sp.HadamardProduct(*rest)


def _abs(x: Any) -> sp.Expr:
    """``|x|``, unevaluated when sympy cannot tell the sign (its sign simplification rebuilds matrix
    arguments of spectral terms and fails on them)."""
    if x.is_nonnegative:
        return x
    if x.is_nonpositive:
        return -x
    return sp.Abs(x, evaluate=False)


# --- rules ---------------------------------------------------------------------------------------------

def _homogeneous(t: Any) -> list:
    c, X = coefficient(t.args[0])
    return [] if c == 1 else [sp.Eq(t, _abs(c) * t.func(X))]


def _transpose(t: Any) -> list:
    X = t.args[0]
    return [sp.Eq(t, t.func(X.args[0]))] if isinstance(X, sp.Transpose) else []


def _triangle(t: Any) -> list:
    parts = summands(t.args[0])
    if len(parts) < 2:
        return []
    out = [t <= sp.Add(*[t.func(p) for p in parts])]
    for i, p in enumerate(parts):  # reverse triangle: |T(S_i) - T(S - S_i)| <= T(S)
        rest = parts[:i] + parts[i + 1:]
        r = t.func(rest[0] if len(rest) == 1 else canon(sp.MatAdd(*rest)))
        out += [t >= t.func(p) - r, t >= r - t.func(p)]
    return out


def _operator_bound(t: Any) -> list:
    split = _split_product(t.args[0])
    if split is None:
        return []
    A, R, L, B = split
    return [t <= la.OpNorm(A) * la.Norm(R), t <= la.Norm(L) * la.OpNorm(B)]


def _lower_bound(t: Any) -> list:
    split = _split_product(t.args[0])
    if split is None:
        return []
    A, R, L, B = split
    out = []
    if at_least(rows(A), cols(A)):  # A tall or square: A has a left inverse on its range
        out.append(t >= la.SigmaMin(A) * la.Norm(R))
    if at_least(cols(B), rows(B)):  # B wide or square
        out.append(t >= la.Norm(L) * la.SigmaMin(B))
    return out


def _gram_rayleigh(t: Any) -> list:
    split = _split_product(t.args[0])
    if split is None:
        return []
    A, R, L, B = split
    ata, bbt = canon(A.T * A), canon(B * B.T)
    return [la.LambdaMin(ata) * la.Norm(R) ** 2 <= t ** 2, t ** 2 <= la.LambdaMax(ata) * la.Norm(R) ** 2,
            la.LambdaMin(bbt) * la.Norm(L) ** 2 <= t ** 2, t ** 2 <= la.LambdaMax(bbt) * la.Norm(L) ** 2]


def _frobenius(t: Any) -> list:
    A = t.args[0]
    if is_vector(A) or rows(A) == 1:
        return [sp.Eq(la.OpNorm(A), la.Norm(A))]
    out = [la.OpNorm(A) <= la.Norm(A)]
    r = _rank_bound(A)
    if r is not None:
        out.append(la.Norm(A) ** 2 <= r * la.OpNorm(A) ** 2)
    return out


def _op_gram(t: Any) -> list:
    A = t.args[0]
    out = [sp.Eq(la.OpNorm(A) ** 2, la.LambdaMax(canon(A.T * A))),
           sp.Eq(la.OpNorm(A) ** 2, la.LambdaMax(canon(A * A.T))), la.SigmaMin(A) <= la.OpNorm(A)]
    if isinstance(t, la.SigmaMax):
        out.append(sp.Eq(t, la.OpNorm(A)))
    return out


def _sigma_gram(t: Any) -> list:
    A = t.args[0]
    out = []
    if at_least(cols(A), rows(A)):  # wide or square: A A^T is the smaller Gram matrix
        out.append(sp.Eq(t ** 2, la.LambdaMin(canon(A * A.T))))
    if at_least(rows(A), cols(A)):  # tall or square
        out.append(sp.Eq(t ** 2, la.LambdaMin(canon(A.T * A))))
    return out


def _gram_spectrum(t: Any) -> list:
    X = _gram(t.args[0])
    if X is None:
        return []
    if isinstance(t, la.LambdaMax):
        return [sp.Eq(t, la.OpNorm(X) ** 2)]
    if isinstance(t, la.Tr):
        return [sp.Eq(t, la.Norm(X) ** 2)]
    if at_least(cols(X), rows(X)):  # X wide or square: X X^T has the squared singular values
        return [sp.Eq(t, la.SigmaMin(X) ** 2)]
    if (rows(X) - cols(X)).is_positive:  # X strictly tall: X X^T has rank <= cols < rows
        return [sp.Eq(t, 0)]
    return []


def _weyl_singular(t: Any) -> list:
    parts = summands(t.args[0])
    if len(parts) < 2:
        return []
    out = []
    for i, p in enumerate(parts):
        rest = parts[:i] + parts[i + 1:]
        r = la.OpNorm(rest[0] if len(rest) == 1 else canon(sp.MatAdd(*rest)))
        out += [t >= la.SigmaMin(p) - r, t <= la.SigmaMin(p) + r]
    return out


def _weyl_difference(t: Any) -> list:
    """On ``||X - Y||``-like terms (two summands ``P + Q``, ``Y = -Q``): Weyl between ``X`` and ``Y``."""
    parts = summands(t.args[0])
    if len(parts) != 2 or is_vector(t.args[0]) or rows(t.args[0]) == 1:
        return []
    P, Y = parts[0], canon(-parts[1])
    d = la.OpNorm(t.args[0])
    out = [la.SigmaMin(P) >= la.SigmaMin(Y) - d, la.SigmaMin(Y) >= la.SigmaMin(P) - d]
    if is_square(P):
        out += [la.LambdaMin(P) >= la.LambdaMin(Y) - d, la.LambdaMin(Y) >= la.LambdaMin(P) - d,
                la.LambdaMax(P) >= la.LambdaMax(Y) - d, la.LambdaMax(Y) >= la.LambdaMax(P) - d]
    return out


def _weyl_eigen(t: Any) -> list:
    S = t.args[0]
    parts = summands(S)
    if len(parts) < 2 or any(isinstance(coefficient(p)[1], sp.Identity) for p in parts):
        return []  # a shift by a multiple of I is the affine fact
    out = []
    for i, p in enumerate(parts):
        rest = parts[:i] + parts[i + 1:]
        R = rest[0] if len(rest) == 1 else canon(sp.MatAdd(*rest))
        lo, hi = la.LambdaMin, la.LambdaMax
        if isinstance(t, la.LambdaMin):
            out += [t >= lo(p) + lo(R), t <= lo(p) + hi(R)]
        else:
            out += [t <= hi(p) + hi(R), t >= hi(p) + lo(R)]
    return out


def _lambda_affine(t: Any) -> list:
    form = affine(t.args[0])
    if form is None:
        return []
    a, b, K = form
    if (a, b) == (0, 1) or not is_square(K):
        return []
    low, high = a + b * la.LambdaMin(K), a + b * la.LambdaMax(K)
    if b.is_nonnegative:
        value = low if isinstance(t, la.LambdaMin) else high
    elif b.is_nonpositive:
        value = high if isinstance(t, la.LambdaMin) else low
    else:
        value = (sp.Min if isinstance(t, la.LambdaMin) else sp.Max)(low, high, evaluate=False)
    return [sp.Eq(t, value)]


def _lambda_bounds(t: Any) -> list:
    A = t.args[0]
    return [la.LambdaMin(A) <= la.LambdaMax(A), -la.OpNorm(A) <= la.LambdaMin(A), la.LambdaMax(A) <= la.OpNorm(A)]


def _op_affine(t: Any) -> list:
    form = affine(t.args[0])
    if form is None:
        return []
    a, b, K = form
    if not is_symmetric(K):
        return []
    low, high = _abs(a + b * la.LambdaMin(K)), _abs(a + b * la.LambdaMax(K))
    return [sp.Eq(t, sp.Max(low, high, evaluate=False))]


def _op_expm(t: Any) -> list:
    E = t.args[0]
    if not isinstance(E, la.Expm):
        return []
    form = affine(E.arg)
    if form is None or not is_symmetric(form[2]):
        return []
    a, b, K = form
    low, high = sp.exp(a + b * la.LambdaMin(K)), sp.exp(a + b * la.LambdaMax(K))
    if b.is_nonpositive:
        return [sp.Eq(t, low)]
    if b.is_nonnegative:
        return [sp.Eq(t, high)]
    return [sp.Eq(t, sp.Max(low, high, evaluate=False))]


def _op_pinv(t: Any) -> list:
    P = t.args[0]
    if not isinstance(P, la.Pinv):
        return []
    s = la.SigmaMin(P.arg)
    return [sp.Implies(s > 0, sp.Eq(t * s, 1))]


def _trace_spectrum(t: Any) -> list:
    A = t.args[0]
    if not is_square(A):
        return []
    n = rows(A)
    out = [n * la.LambdaMin(A) <= la.Tr(A), la.Tr(A) <= n * la.LambdaMax(A)]
    if la.is_psd(A):
        out += [la.LambdaMin(A) >= 0, la.LambdaMax(A) <= la.Tr(A)]
    return out


def _rayleigh(t: Any) -> list:
    X, Y = t.args
    if X == Y:
        return [sp.Eq(t, la.Norm(X) ** 2)]
    out = []
    for v, MX in ((X, Y), (Y, X)):
        mats = factors(MX)
        if len(mats) >= 2 and mats[-1] == v:
            M = product(mats[:-1])
            if is_square(M):
                out += [la.LambdaMin(M) * la.Norm(v) ** 2 <= t, t <= la.LambdaMax(M) * la.Norm(v) ** 2]
            break
    return out


def _cauchy_schwarz(t: Any) -> list:
    X, Y = t.args
    bound = la.Norm(X) * la.Norm(Y)
    return [t <= bound, -t <= bound]


def _orthogonal(t: Any) -> list:
    X = t.args[0]
    mats = factors(X)
    q = lambda m: isinstance(m, la.Matrix) and m.structure == "orthogonal"  # noqa: E731
    if len(mats) == 1:
        if not q(X):
            return []
        value = {la.Norm: sp.sqrt(rows(X))}.get(t.func, sp.Integer(1))
        return [sp.Eq(t, value)]
    out = []
    if q(mats[0]):
        out.append(sp.Eq(t, t.func(product(mats[1:]))))
    if q(mats[-1]):
        out.append(sp.Eq(t, t.func(product(mats[:-1]))))
    return out


def _unit(t: Any) -> list:
    X = t.args[0]
    return [sp.Eq(t, 1)] if isinstance(X, la.Vector) and X.structure == "unit" else []


def _is_mask_power(e: Any) -> bool:
    return (isinstance(e, sp.HadamardPower) and isinstance(e.args[0], la.Matrix) and e.args[0].structure == "mask"
            and e.args[1].is_Integer and int(e.args[1]) >= 1)


def _mask_idempotent(t: Any) -> list:
    if not t.has(sp.HadamardProduct, sp.HadamardPower):
        return []
    powers = t.replace(_is_mask_power, lambda e: e.args[0])  # Omega^(o k) = Omega entrywise
    reduced = powers.replace(lambda e: isinstance(e, sp.HadamardProduct) and _mask_split(e) is not None
                        and isinstance(_mask_split(e)[1], sp.HadamardProduct)
                        and _mask_split(_mask_split(e)[1]) is not None
                        and _mask_split(_mask_split(e)[1])[0] == _mask_split(e)[0],
                        lambda e: _mask_split(e)[1])
    return [] if reduced == t else [sp.Eq(t, reduced)]


def _mask_norm(t: Any) -> list:
    split = _mask_split(t.args[0])
    if split is None:
        return []
    _, Y = split
    return [sp.Eq(t ** 2, la.Inner(t.args[0], Y)), t <= la.Norm(Y)]


def _mask_adjoint(t: Any) -> list:
    X, Y = t.args
    out = []
    for a, b in ((X, Y), (Y, X)):
        split = _mask_split(a)
        if split is not None and _mask_split(b) is None:
            mask, Z = split
            out += [sp.Eq(t, la.Inner(Z, sp.HadamardProduct(mask, b))),
                    sp.Eq(t, la.Inner(a, sp.HadamardProduct(mask, b)))]
    return out


_NORMS = (la.Norm, la.OpNorm)
_SINGULAR = (la.Norm, la.OpNorm, la.SigmaMin, la.SigmaMax)
_LAMBDA = (la.LambdaMin, la.LambdaMax)

#: The registry, in the order the decider tries them.
FACTS: list[MatrixFact] = [
    MatrixFact("homogeneity", "T(c X) = |c| T(X) for T = norm, op_norm, sigma_min, sigma_max",
               "any shape, c a real scalar", f"{HJ}, §5.1 (norm axioms) and Thm 2.6.3 (SVD)", _SINGULAR, _homogeneous),
    MatrixFact("transpose_invariance", "T(X^T) = T(X) for T = norm, op_norm, sigma_min, sigma_max",
               "any shape (X and X^T have the same min(rows, cols) singular values)",
               f"{HJ}, Thm 2.6.3 (SVD: X^T = V S^T U^T)", _SINGULAR, _transpose),
    MatrixFact("triangle", "T(S_1 + ... + S_k) <= T(S_1) + ... + T(S_k), and T(S) >= |T(S_i) - T(S - S_i)|",
               "T = norm or op_norm; summands of one shape", f"{HJ}, §5.1 (norm axioms) and §5.6 (spectral norm)",
               _NORMS, _triangle),
    MatrixFact("operator_bound", "||A R|| <= ||A||_op ||R|| and ||L B|| <= ||L|| ||B||_op",
               "any product (R, L a vector or a matrix, ||.|| Euclidean/Frobenius)",
               f"{HJ}, Example 5.6.6 (op_norm is induced by the Euclidean norm), applied column by column",
               (la.Norm,), _operator_bound),
    MatrixFact("lower_bound", "||A R|| >= sigma_min(A) ||R|| if rows(A) >= cols(A); ||L B|| >= ||L|| sigma_min(B) "
                              "if cols(B) >= rows(B)",
               "A tall or square (B wide or square), certain from the dimensions: a wide A has a null space",
               f"{HJ}, Thm 4.2.2 (Rayleigh) on A^T A, whose eigenvalues are the squared singular values when "
               f"rows >= cols (Thm 2.6.3)", (la.Norm,), _lower_bound),
    MatrixFact("submultiplicative", "||A B||_op <= ||A||_op ||B||_op (and ||L B||_op likewise)",
               "any product", f"{HJ}, Example 5.6.6 and (5.6.0.4) (induced norms are submultiplicative)",
               (la.OpNorm,), lambda t: [] if _split_product(t.args[0]) is None else
               [t <= la.OpNorm(_split_product(t.args[0])[0]) * la.OpNorm(_split_product(t.args[0])[1])]),
    MatrixFact("gram_rayleigh", "lambda_min(A^T A) ||R||^2 <= ||A R||^2 <= lambda_max(A^T A) ||R||^2 (and with "
                                "B B^T for ||L B||)", "any product", f"{HJ}, Thm 4.2.2 (Rayleigh) on the "
                                                                      f"quadratic form R^T (A^T A) R", (la.Norm,),
               _gram_rayleigh),
    MatrixFact("op_below_frobenius", "||A||_op <= ||A||_F <= sqrt(r) ||A||_op (r = rank bound); equal for vectors",
               "r: a declared rank, or the smaller dimension when the dimensions settle it",
               f"{HJ}, Thm 2.6.3 (||A||_F^2 = sum of the squared singular values, at most r of them)", _NORMS,
               _frobenius),
    MatrixFact("op_norm_gram", "||A||_op^2 = lambda_max(A^T A) = lambda_max(A A^T); sigma_min(A) <= ||A||_op = "
                               "sigma_max(A)", "any shape", f"{HJ}, Example 5.6.6 and Thm 2.6.3",
               (la.OpNorm, la.SigmaMax), _op_gram),
    MatrixFact("sigma_min_gram", "sigma_min(A)^2 = lambda_min(A A^T) if rows(A) <= cols(A); = lambda_min(A^T A) "
                                 "if rows(A) >= cols(A)",
               "the smaller Gram matrix only, certain from the dimensions (the larger one is singular)",
               f"{HJ}, Thm 2.6.3 (SVD)", (la.SigmaMin,), _sigma_gram),
    MatrixFact("gram_spectrum", "for G = X X^T: lambda_max(G) = ||X||_op^2, tr(G) = ||X||_F^2, lambda_min(G) = "
                                "sigma_min(X)^2 if X is wide or square, 0 if X is strictly tall",
               "G of the form X X^T; the shape of X certain from the dimensions", f"{HJ}, Thm 2.6.3 (SVD)",
               (la.LambdaMin, la.LambdaMax, la.Tr), _gram_spectrum),
    MatrixFact("weyl_singular", "sigma_min(A) - ||B||_op <= sigma_min(A + B) <= sigma_min(A) + ||B||_op",
               "A, B of one shape (any, tall or wide)", f"{HJ}, Corollary 7.3.5 (Weyl for singular values)",
               (la.SigmaMin,), _weyl_singular),
    MatrixFact("weyl_perturbation", "for D = X - Y: |sigma_min(X) - sigma_min(Y)| <= ||D||_op, and for square X, Y "
                                    "|lambda_min(X) - lambda_min(Y)|, |lambda_max(X) - lambda_max(Y)| <= ||D||_op",
               "instantiated on the norms of differences of two matrices of one shape (not vectors)",
               f"{HJ}, Corollary 7.3.5 and Thm 4.3.1 (Weyl) with Y + D = X", _NORMS, _weyl_difference),
    MatrixFact("weyl_eigenvalues", "lambda_min(A) + lambda_min(B) <= lambda_min(A + B) <= lambda_min(A) + "
                                   "lambda_max(B); lambda_max(A) + lambda_min(B) <= lambda_max(A + B) <= "
                                   "lambda_max(A) + lambda_max(B)",
               "A, B square of one size (eigenvalues of the symmetric parts)", f"{HJ}, Thm 4.3.1 (Weyl)", _LAMBDA,
               _weyl_eigen),
    MatrixFact("spectrum_affine", "the eigenvalues of a I + b K are a + b lambda_i(K): lambda_min(a I + b K) = "
                                  "min(a + b lambda_min(K), a + b lambda_max(K)), lambda_max likewise with max",
               "K square (symmetric part), a, b real", f"{HJ}, Thm 2.5.6 (spectral theorem for real symmetric "
                                                       f"matrices) on (K + K^T)/2", _LAMBDA, _lambda_affine),
    MatrixFact("spectrum_bounds", "lambda_min(A) <= lambda_max(A) and |lambda_min(A)|, |lambda_max(A)| <= ||A||_op",
               "A square", f"{HJ}, Thm 4.2.2 (Rayleigh) and Example 5.6.6", _LAMBDA, _lambda_bounds),
    MatrixFact("op_norm_polynomial", "||a I + b K||_op = max(|a + b lambda_min(K)|, |a + b lambda_max(K)|)",
               "K symmetric by form (a symmetric/psd variable, X X^T, ...), a, b real",
               f"{HJ}, Thm 2.5.6 (spectral theorem): a I + b K = Q (a I + b Lambda) Q^T", (la.OpNorm,), _op_affine),
    MatrixFact("op_norm_expm", "||expm(a I + b K)||_op = exp(a + b lambda_min(K)) if b <= 0 (e.g. b = -t, t >= 0), "
                               "exp(a + b lambda_max(K)) if b >= 0, the larger of the two otherwise",
               "K symmetric by form", f"{HJ}, Thm 2.5.6: expm(Q D Q^T) = Q expm(D) Q^T", (la.OpNorm,), _op_expm),
    MatrixFact("op_norm_pinv", "sigma_min(A) > 0 (full rank) implies ||pinv(A)||_op = 1 / sigma_min(A)",
               "any shape; full rank as the scalar condition sigma_min(A) > 0 (rank unknown: not used)",
               f"{HJ}, Thm 2.6.3 (SVD: pinv(A) = V S^+ U^T)", (la.OpNorm,), _op_pinv),
    MatrixFact("trace_spectrum", "n lambda_min(A) <= tr(A) <= n lambda_max(A); for PSD A: lambda_min(A) >= 0 and "
                                 "lambda_max(A) <= tr(A)",
               "A square n x n; PSD by form (a psd variable, X X^T, ...) for the second part",
               f"{HJ}, (1.2.12) (the trace is the sum of the eigenvalues) and Thm 4.1.8 (PSD: eigenvalues >= 0)",
               (la.Tr,), _trace_spectrum),
    MatrixFact("rayleigh", "lambda_min(M) ||X||^2 <= <X, M X> <= lambda_max(M) ||X||^2; <X, X> = ||X||^2",
               "M square (its symmetric part), X a vector or a matrix with rows(X) = size of M",
               f"{HJ}, Thm 4.2.2 (Rayleigh quotient theorem), column by column", (la.Inner,), _rayleigh),
    MatrixFact("cauchy_schwarz", "|<X, Y>| <= ||X|| ||Y||", "X, Y of one shape (Frobenius inner product)",
               f"{HJ}, (5.1.8) (Cauchy-Schwarz inequality)", (la.Inner,), _cauchy_schwarz),
    MatrixFact("orthogonal_invariance", "T(Q X) = T(X Q) = T(X) for orthogonal Q; op_norm(Q) = sigma_min(Q) = 1, "
                                        "||Q||_F = sqrt(n)",
               "Q an orthogonal variable (Q^T Q = I, square)", f"{HJ}, Thm 2.6.3 (SVD) and §2.1 (unitary matrices)",
               _SINGULAR, _orthogonal),
    MatrixFact("unit_vector", "||u|| = 1 (and ||u||_op = 1) for a unit vector", "u declared structure='unit'",
               "the declaration of u", _NORMS, _unit),
    MatrixFact("mask_idempotent", "Omega o (Omega o X) = Omega o X (P_Omega(P_Omega(X)) = P_Omega(X)); "
                                  "Omega^(o k) = Omega for k >= 1",
               "Omega a 0/1 sampling mask (entries in {0, 1}, so Omega_ij^2 = Omega_ij)",
               "003, remark after (8.18): P_Omega is the orthogonal projection onto matrices supported on Omega",
               (la.Norm, la.OpNorm, la.Inner, la.Tr), _mask_idempotent),
    MatrixFact("mask_norm", "||P_Omega(X)||_F^2 = <P_Omega(X), X> and ||P_Omega(X)||_F <= ||X||_F",
               "Omega a 0/1 sampling mask", "003, remark after (8.18) (P_Omega is an orthogonal projection)",
               (la.Norm,), _mask_norm),
    MatrixFact("mask_self_adjoint", "<P_Omega(X), Y> = <X, P_Omega(Y)> = <P_Omega(X), P_Omega(Y)>",
               "Omega a 0/1 sampling mask", "003, remark after (8.18) (P_Omega is an orthogonal projection)",
               (la.Inner,), _mask_adjoint),
]

BY_NAME: dict[str, MatrixFact] = {f.name: f for f in FACTS}

#: the kinds of term the facts are instantiated on
HEADS = (la.Norm, la.OpNorm, la.SigmaMin, la.SigmaMax, la.LambdaMin, la.LambdaMax, la.Tr, la.Inner)

__all__ = ["MatrixFact", "FACTS", "BY_NAME", "HEADS", "HJ"]
