"""Real scalar functions of vectors and matrices, as sympy ``Function``s.

``norm`` (Euclidean / Frobenius), ``inner`` (``tr(A^T B)``), ``op_norm``, ``sigma_min``/``sigma_max``
(extreme singular values of the ``min(rows, cols)``), ``lambda_min``/``lambda_max`` (extreme
eigenvalues of the symmetric part), ``trace``. Their signs are known to sympy's assumption system
where the mathematics says so (norms and singular values are non-negative; ``lambda_*``, ``trace``
and ``<x, P x>`` of PSD forms, see ``is_psd``). The public names are re-exported by ``verify.core.linalg``.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from ._linalg_core import LinalgError, Matrix, _matrix_arg

class MatrixFunction(sp.Function):
    """A real scalar function of one matrix argument (validated when built)."""

    is_real = True
    is_finite = True
    square_only = False
    nargs = 1

    @classmethod
    def eval(cls, arg):
        fixed = _matrix_arg(arg, cls.__name__)
        if cls.square_only and fixed.shape[0] != fixed.shape[1]:
            raise LinalgError(f"{cls.__name__}: needs a square matrix, got {fixed} of shape {fixed.shape}")
        return cls(fixed) if fixed is not arg else None

    def _eval_is_nonnegative(self):
        return True if self.nonnegative_always else None

    nonnegative_always = False

    def _latex(self, printer):
        return rf"{self.latex_name}\left({printer._print(self.args[0])}\right)"

    latex_name = r"\operatorname{f}"


class Norm(MatrixFunction):
    """Euclidean norm of a vector, Frobenius norm of a matrix: ``sqrt(sum_ij A_ij^2)``."""

    nonnegative_always = True

    def _latex(self, printer):
        return rf"\left\|{printer._print(self.args[0])}\right\|"


class OpNorm(MatrixFunction):
    """Spectral (operator 2-) norm: the largest singular value."""

    nonnegative_always = True

    def _latex(self, printer):
        return rf"\left\|{printer._print(self.args[0])}\right\|_{{\mathrm{{op}}}}"


class SigmaMin(MatrixFunction):
    """Smallest of the ``min(rows, cols)`` singular values."""

    nonnegative_always = True
    latex_name = r"\sigma_{\min}"


class SigmaMax(MatrixFunction):
    """Largest singular value (equals ``op_norm``)."""

    nonnegative_always = True
    latex_name = r"\sigma_{\max}"


def _product(mats: list) -> Any:
    return mats[0] if len(mats) == 1 else sp.MatMul(*mats).doit()


def _is_symmetric(A: Any) -> bool:
    return isinstance(A, Matrix) and A.structure in ("symmetric", "psd", "diagonal")


def is_psd(A: Any) -> bool:
    """Whether ``A`` is positive semidefinite by its form: a PSD variable, the identity, a Gram
    product ``X X^T`` / ``X^T X``, ``X^T P X`` with ``P`` PSD, an even power of a symmetric
    variable, and non-negative combinations of these."""
    if isinstance(A, Matrix):
        return A.structure == "psd"
    if isinstance(A, (sp.Identity, sp.ZeroMatrix)):
        return True
    if isinstance(A, sp.MatPow):
        k = A.args[1]
        return bool(k.is_Integer and int(k) % 2 == 0 and _is_symmetric(A.args[0])) or \
            bool(k.is_Integer and int(k) > 0 and is_psd(A.args[0]))
    if isinstance(A, sp.MatAdd):
        return all(is_psd(a) for a in A.args)
    if isinstance(A, sp.MatMul):
        scalars = [a for a in A.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in A.args if isinstance(a, MatrixExpr)]
        if any(sp.sympify(c).is_nonnegative is not True for c in scalars):
            return False
        if len(mats) == 1:
            return is_psd(mats[0])
        half = len(mats) // 2
        if len(mats) % 2 == 0:  # X X^T or X^T X
            return _product(mats[:half]).T.doit() == _product(mats[half:])
        left, right = _product(mats[:half]), _product(mats[half + 1:])  # X^T P X with P PSD
        return left.T.doit() == right and is_psd(mats[half])
    return False


class LambdaMin(MatrixFunction):
    """Smallest eigenvalue of the symmetric part ``(A + A^T)/2`` = ``min_{|u|=1} u^T A u``
    (known non-negative when ``A`` is PSD by its form, see ``is_psd``)."""

    square_only = True
    latex_name = r"\lambda_{\min}"

    def _eval_is_nonnegative(self):
        return True if is_psd(self.args[0]) else None


class LambdaMax(MatrixFunction):
    """Largest eigenvalue of the symmetric part ``(A + A^T)/2`` = ``max_{|u|=1} u^T A u``."""

    square_only = True
    latex_name = r"\lambda_{\max}"

    def _eval_is_nonnegative(self):
        return True if is_psd(self.args[0]) else None


class Tr(MatrixFunction):
    """Trace ``sum_i A_ii`` (non-negative for PSD forms)."""

    square_only = True
    latex_name = r"\operatorname{tr}"

    def _eval_is_nonnegative(self):
        return True if is_psd(self.args[0]) else None


class Inner(sp.Function):
    """Frobenius inner product ``<A, B> = tr(A^T B) = sum_ij A_ij B_ij`` (dot product for vectors);
    ``<A, A> >= 0`` and ``<x, P x> >= 0`` for PSD ``P`` are known to the assumption system."""

    is_real = True
    is_finite = True
    nargs = 2

    def _eval_is_nonnegative(self):
        a, b = self.args
        if a == b:
            return True
        if isinstance(b, sp.MatMul) and len(b.args) == 2 and b.args[1] == a and is_psd(b.args[0]):
            return True
        return None

    @classmethod
    def eval(cls, a, b):
        fa, fb = _matrix_arg(a, "inner"), _matrix_arg(b, "inner")
        if tuple(fa.shape) != tuple(fb.shape):
            raise LinalgError(f"inner: shapes differ: {fa} is {fa.shape[0]} x {fa.shape[1]}, "
                              f"{fb} is {fb.shape[0]} x {fb.shape[1]}")
        return cls(fa, fb) if (fa is not a or fb is not b) else None

    def _latex(self, printer):
        return rf"\left\langle {printer._print(self.args[0])}, {printer._print(self.args[1])}\right\rangle"


SPECTRAL = (OpNorm, SigmaMin, SigmaMax, LambdaMin, LambdaMax)
POLYNOMIAL = (Inner, Tr)  # polynomial in the entries; Norm is the square root of one
FUNCTIONS = (Norm, Inner, Tr) + SPECTRAL


def norm(A: Any) -> sp.Expr:
    """Euclidean norm of a vector / Frobenius norm of a matrix."""
    return Norm(A)


def inner(A: Any, B: Any) -> sp.Expr:
    """``<A, B> = tr(A^T B)``; for vectors the dot product."""
    return Inner(A, B)


def op_norm(A: Any) -> sp.Expr:
    """Spectral norm ``max_{|u|=1} |A u|``."""
    return OpNorm(A)


def sigma_min(A: Any) -> sp.Expr:
    """Smallest singular value (of the ``min(rows, cols)`` ones)."""
    return SigmaMin(A)


def sigma_max(A: Any) -> sp.Expr:
    """Largest singular value."""
    return SigmaMax(A)


def lambda_min(A: Any) -> sp.Expr:
    """Smallest eigenvalue of the symmetric part of a square matrix."""
    return LambdaMin(A)


def lambda_max(A: Any) -> sp.Expr:
    """Largest eigenvalue of the symmetric part of a square matrix."""
    return LambdaMax(A)


def trace(A: Any) -> sp.Expr:
    """Sum of the diagonal of a square matrix."""
    return Tr(A)


def loewner_le(A: Any, B: Any) -> sp.Basic:
    """``A <= B`` in the Loewner order for symmetric ``A, B`` (``B - A`` PSD), written as the scalar
    relation ``lambda_min(B - A) >= 0`` (e.g. ``loewner_le(mu * eye(n), K)`` for ``K >= mu I``)."""
    a, b = _matrix_arg(A, "loewner_le"), _matrix_arg(B, "loewner_le")
    if tuple(a.shape) != tuple(b.shape) or a.shape[0] != a.shape[1]:
        raise LinalgError(f"loewner_le: needs two square matrices of the same shape, got {a.shape} and {b.shape}")
    return LambdaMin(b - a) >= 0


def substitution_obligations(key: Any, value: Any) -> list:
    """What ``value`` must satisfy to stand for the lemma's vector/matrix variable ``key`` in
    ``use(lemma, {key: value})``: nothing when ``value`` is a variable declared with a domain at
    least as small; else symmetric ``Eq(A, A^T)``, psd also ``lambda_min(A) >= 0``, orthogonal
    ``Eq(A^T A, I)``, unit ``Eq(norm(a), 1)``, diagonal the off-diagonal entries 0. A mask or a rank
    bound cannot be stated as a relation: ``value`` must then be declared so (else ``LinalgError``)."""
    where = f"use: {getattr(key, 'name', key)} := {value}"
    if not isinstance(value, MatrixExpr) or tuple(value.shape) != tuple(key.shape):
        raise LinalgError(f"{where}: the lemma's {key} is {key.shape[0]} x {key.shape[1]}, the value is "
                          f"{getattr(value, 'shape', 'not a matrix')}")
    if not isinstance(key, Matrix):
        return []
    declared = value.structure if isinstance(value, Matrix) else None
    if key.rank is not None and not _rank_implied(key.rank, value):
        raise LinalgError(f"{where}: {key} has rank at most {key.rank}; replace it by a variable declared "
                          f"with rank <= {key.rank} (a rank bound is not checked as an obligation)")
    structure = key.structure
    if structure == "general" or declared == structure or (structure == "symmetric" and
                                                              declared in ("psd", "diagonal")):
        return []
    if structure == "mask":
        raise LinalgError(f"{where}: {key} is a 0/1 mask; replace it by a sampling_mask(...) variable")
    out: list = []
    if structure in ("symmetric", "psd"):
        out.append(sp.Eq(value, value.T))
    if structure == "psd":
        out.append(LambdaMin(value) >= 0)
    if structure == "orthogonal":
        out.append(sp.Eq(value.T * value, sp.Identity(value.shape[1])))
    if structure == "unit":
        out.append(sp.Eq(Norm(value), 1))
    if structure == "diagonal":
        rows, cols = value.shape
        if not (rows.is_Integer and cols.is_Integer):
            raise LinalgError(f"{where}: {key} is diagonal; replace it by a diagonal variable")
        out += [sp.Eq(value[i, j], 0) for i in range(int(rows)) for j in range(int(cols)) if i != j]
    return [o for o in out if o is not sp.true]

def _rank_implied(bound: sp.Expr, value: Any) -> bool:
    """Whether ``value`` has rank at most ``bound`` by its declaration (or its shape)."""
    rank = value.rank if isinstance(value, Matrix) else None
    if rank is not None and (rank == bound or (rank.is_Integer and bound.is_Integer and rank <= bound)):
        return True
    small = sp.Min(*value.shape)
    return bool(small.is_Integer and bound.is_Integer and small <= bound) or small == bound

