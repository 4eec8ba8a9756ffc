"""Vectors, matrices and their scalar functions, as sympy expressions.

Main objects:

* ``Matrix(name, rows, cols, structure=..., rank=...)`` — a ``MatrixSymbol`` that also records its
  domain: ``"general"``, ``"symmetric"``, ``"psd"`` (symmetric positive semidefinite),
  ``"orthogonal"`` (``Q^T Q = I``, square), ``"diagonal"``, or ``"mask"`` (0/1 entries, see
  ``sampling_mask``); ``rank=r`` bounds the rank by ``r``. Dimensions are positive ints or positive
  integer symbols.
* ``Vector(name, n, structure="general" | "unit")`` — an ``n x 1`` matrix.
* Scalar functions (sympy ``Function`` subclasses, real-valued, so they mix with scalar symbols):
  ``norm`` (Euclidean for vectors, Frobenius for matrices), ``inner`` (``<A, B> = tr(A^T B)``),
  ``op_norm`` (largest singular value), ``sigma_min``/``sigma_max`` (smallest/largest of the
  ``min(rows, cols)`` singular values), ``lambda_min``/``lambda_max`` (extreme eigenvalues of the
  symmetric part ``(A + A^T)/2``, i.e. ``min/max_{|u|=1} u^T A u``), ``trace``.
* ``eye(n)``, ``outer(x, y) = x y^T``, ``P_Omega(mask, A)`` (entries of ``A`` outside the mask
  zeroed: the Hadamard product with the 0/1 mask), ``pinv(A)`` (Moore-Penrose pseudo-inverse),
  ``expm(A)`` (matrix exponential).

Products are sympy's: ``A * B`` or ``A @ B``, ``A.T``, ``A + B``, ``c * A``.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.symbol import Str
from sympy.core.sympify import SympifyError
from sympy.matrices.expressions.matexpr import MatrixExpr

STRUCTURES = ("general", "symmetric", "psd", "orthogonal", "diagonal", "mask")
VECTOR_STRUCTURES = ("general", "unit")


class LinalgError(ValueError):
    """A vector/matrix was declared or used wrongly; the message says where and what to change."""


def _dimension(value: Any, what: str) -> sp.Expr:
    """A dimension: a positive int, or a sympy symbol declared ``integer=True, positive=True``."""
    if isinstance(value, bool):
        raise LinalgError(f"{what}: a dimension must be a positive integer, got {value!r}")
    if isinstance(value, int):
        if value < 1:
            raise LinalgError(f"{what}: a dimension must be a positive integer, got {value}")
        return sp.Integer(value)
    if isinstance(value, sp.Integer):
        return _dimension(int(value), what)
    if isinstance(value, sp.Symbol):
        if value.is_integer is not True or value.is_positive is not True:
            raise LinalgError(f"{what}: the dimension symbol {value} must be declared "
                              f"Symbol('{value}', integer=True, positive=True)")
        return value
    raise LinalgError(f"{what}: a dimension must be a positive int or a positive integer symbol, "
                      f"got {value!r}")


def _name(value: Any, kind: str) -> sp.Symbol:
    if isinstance(value, Str):
        value = value.name
    if not isinstance(value, str) or not value.isidentifier():
        raise LinalgError(f"{kind}: the name must be an identifier such as 'Phi', got {value!r}")
    return Str(value)


class Matrix(sp.MatrixSymbol):
    """A matrix variable with a domain: ``Matrix("M", 4, 4, structure="psd", rank=2)``.

    ``args`` are ``(name, rows, cols, structure, rank, rate)``; ``rank`` 0 means unrestricted,
    ``rate`` is a mask's sampling rate (0 means unspecified).
    """

    is_commutative = False

    def __new__(cls, name: Any, rows: Any, cols: Any = None, structure: Any = "general",
                rank: Any = None, rate: Any = None) -> "Matrix":
        nm = _name(name, cls.__name__)
        if cols is None:
            raise LinalgError(f"Matrix {nm.name!r}: give rows and cols, e.g. Matrix('{nm.name}', 3, 3)")
        r = _dimension(rows, f"Matrix {nm.name!r} rows")
        c = _dimension(cols, f"Matrix {nm.name!r} cols")
        st = structure.name if isinstance(structure, Str) else structure
        if st not in STRUCTURES:
            raise LinalgError(f"Matrix {nm.name!r}: unknown structure {st!r}; use one of {STRUCTURES}")
        if st in ("symmetric", "psd", "orthogonal", "diagonal") and r != c:
            raise LinalgError(f"Matrix {nm.name!r}: structure {st!r} needs a square matrix, got {r} x {c}")
        rk = _rank(rank, nm.name)
        if st in ("orthogonal", "mask") and rk != 0:
            raise LinalgError(f"Matrix {nm.name!r}: rank= does not apply to structure {st!r}")
        rt = _rate(rate, nm.name, st)
        return sp.Basic.__new__(cls, nm, r, c, Str(st), rk, rt)

    @property
    def structure(self) -> str:
        return self.args[3].name

    @property
    def rank(self) -> sp.Expr | None:
        return None if self.args[4] == 0 else self.args[4]

    @property
    def rate(self) -> sp.Expr | None:
        return None if self.args[5] == 0 else self.args[5]

    @property
    def free_symbols(self) -> set:
        out = {self}
        for a in (self.args[1], self.args[2], self.args[4], self.args[5]):
            out |= a.free_symbols
        return out

    def _hashable_content(self):
        return self.args


def _rank(rank: Any, name: str) -> sp.Expr:
    if rank is None:
        return sp.Integer(0)
    if isinstance(rank, (sp.Integer, int)) and not isinstance(rank, bool) and int(rank) == 0:
        return sp.Integer(0)
    return _dimension(rank, f"Matrix {name!r} rank")


def _rate(rate: Any, name: str, structure: str) -> sp.Expr:
    if rate is None or (isinstance(rate, (int, sp.Integer)) and int(rate) == 0 and structure != "mask"):
        return sp.Integer(0)
    if structure != "mask":
        raise LinalgError(f"Matrix {name!r}: rate= applies only to a sampling mask")
    try:
        value = sp.sympify(rate)
    except SympifyError as exc:
        raise LinalgError(f"mask {name!r}: the rate must be a number in (0, 1] or a symbol") from exc
    if value.is_number and not (0 < value <= 1):
        raise LinalgError(f"mask {name!r}: the rate must lie in (0, 1], got {value}")
    if not value.is_number and not isinstance(value, sp.Symbol):
        raise LinalgError(f"mask {name!r}: the rate must be a number or a single symbol, got {value}")
    return value


class Vector(Matrix):
    """A column vector variable: ``Vector("x", n)``; ``structure="unit"`` means ``norm(x) = 1``."""

    def __new__(cls, name: Any, dim: Any, cols: Any = 1, structure: Any = "general",
                rank: Any = None, rate: Any = None) -> "Vector":
        nm = _name(name, "Vector")
        if cols not in (1, sp.Integer(1)):
            raise LinalgError(f"Vector {nm.name!r}: a vector has one column; use Matrix for {cols} columns")
        st = structure.name if isinstance(structure, Str) else structure
        if st not in VECTOR_STRUCTURES:
            raise LinalgError(f"Vector {nm.name!r}: unknown structure {st!r}; use one of {VECTOR_STRUCTURES}")
        d = _dimension(dim, f"Vector {nm.name!r} dimension")
        return sp.Basic.__new__(cls, nm, d, sp.Integer(1), Str(st), sp.Integer(0), sp.Integer(0))


def sampling_mask(name: str, rows: Any, cols: Any = None, rate: Any = None) -> Matrix:
    """A 0/1 sampling mask ``Omega``: each entry is observed (1) independently with probability
    ``rate`` (a number in (0, 1] or a scalar symbol; unspecified: any rate)."""
    return Matrix(name, rows, rows if cols is None else cols, structure="mask", rate=rate)


def eye(n: Any) -> sp.Identity:
    """The ``n x n`` identity matrix."""
    return sp.Identity(_dimension(n, "eye"))


def outer(x: Any, y: Any) -> MatrixExpr:
    """``x y^T`` for column vectors ``x`` and ``y``."""
    _vector_like(x, "outer (first argument)")
    _vector_like(y, "outer (second argument)")
    return x * y.T


def P_Omega(mask: Any, A: Any) -> MatrixExpr:
    """``P_Omega(A)``: ``A`` with every entry outside the mask zeroed (entrywise product with the mask)."""
    if not (isinstance(mask, Matrix) and mask.structure == "mask"):
        raise LinalgError(f"P_Omega: the first argument must be a sampling_mask(...), got {mask!r}")
    A = _matrix_arg(A, "P_Omega")
    if tuple(mask.shape) != tuple(A.shape):
        raise LinalgError(f"P_Omega: the mask {mask} is {mask.shape[0]} x {mask.shape[1]} but the matrix "
                          f"{A} is {A.shape[0]} x {A.shape[1]}")
    return sp.HadamardProduct(mask, A)


class MatrixOperator(MatrixExpr):
    """A matrix-valued function of one matrix (``pinv``, ``expm``)."""

    def __new__(cls, arg: Any) -> "MatrixOperator":
        arg = _matrix_arg(arg, cls.__name__)
        cls._validate(arg)
        return sp.Basic.__new__(cls, arg)

    @classmethod
    def _validate(cls, arg: MatrixExpr) -> None:
        return None

    @property
    def arg(self) -> MatrixExpr:
        return self.args[0]

    def _entry(self, i, j, **kwargs):
        from sympy.matrices.expressions.matexpr import MatrixElement

        return MatrixElement(self, i, j)


class Pinv(MatrixOperator):
    """Moore-Penrose pseudo-inverse ``A^+`` (``cols x rows``); ``|A^+|_op = 1 / sigma_min(A)`` for
    full-rank ``A``."""

    @property
    def shape(self):
        return (self.arg.shape[1], self.arg.shape[0])

    def _latex(self, printer):
        return rf"\left({printer._print(self.arg)}\right)^{{+}}"


class Expm(MatrixOperator):
    """Matrix exponential ``exp(A) = sum_k A^k / k!`` of a square matrix."""

    @classmethod
    def _validate(cls, arg: MatrixExpr) -> None:
        if arg.shape[0] != arg.shape[1]:
            raise LinalgError(f"expm: needs a square matrix, got {arg} of shape {arg.shape}")

    @property
    def shape(self):
        return self.arg.shape

    def _latex(self, printer):
        return rf"\exp\left({printer._print(self.arg)}\right)"


def pinv(A: Any) -> MatrixExpr:
    """Moore-Penrose pseudo-inverse."""
    return Pinv(A)


def expm(A: Any) -> MatrixExpr:
    """Matrix exponential of a square matrix (e.g. ``expm(-lam**2 * J * J.T * t)``)."""
    return Expm(A)


def _matrix_arg(value: Any, where: str) -> MatrixExpr:
    if isinstance(value, sp.MatrixBase):
        value = sp.ImmutableMatrix(value)
    if isinstance(value, (sp.Mul, sp.Add)) and getattr(value, "is_Matrix", False) is not True \
            and any(isinstance(a, MatrixExpr) for a in value.args):
        value = as_matrix_expr(value)
    if not isinstance(value, (MatrixExpr, sp.ImmutableMatrix)):
        raise LinalgError(f"{where}: expected a vector or matrix expression, got {value!r} "
                          f"({type(value).__name__})")
    return value


def _vector_like(value: Any, where: str) -> MatrixExpr:
    value = _matrix_arg(value, where)
    if value.shape[1] != 1:
        raise LinalgError(f"{where}: expected a column vector, got shape {value.shape}")
    return value


def as_matrix_expr(value: Any) -> Any:
    """Rebuild a scalar-style ``Mul``/``Add`` that wraps matrix expressions (sympy's simplification
    sometimes produces ``-(v - x)`` as a ``Mul``) as a ``MatMul``/``MatAdd``."""
    if isinstance(value, sp.Mul):
        return sp.MatMul(*[as_matrix_expr(a) for a in value.args]).doit(deep=False)
    if isinstance(value, sp.Add):
        return sp.MatAdd(*[as_matrix_expr(a) for a in value.args]).doit(deep=False)
    return value


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


def matrix_symbols(expr: Any) -> list[Matrix]:
    """The ``Matrix``/``Vector`` variables in an expression (or relation), sorted by name."""
    if not isinstance(expr, sp.Basic):
        return []
    return sorted(expr.atoms(Matrix), key=lambda m: m.name)


def has_linalg(expr: Any) -> bool:
    """Whether an expression mentions a vector or matrix (the matrix attack applies)."""
    return isinstance(expr, sp.Basic) and (bool(expr.atoms(Matrix)) or bool(expr.atoms(sp.MatrixSymbol))
                                           or bool(expr.atoms(sp.Identity)))


__all__ = [
    "Matrix", "Vector", "sampling_mask", "eye", "outer", "P_Omega", "norm", "inner", "op_norm",
    "sigma_min", "sigma_max", "lambda_min", "lambda_max", "trace", "pinv", "expm", "LinalgError", "STRUCTURES",
    "Pinv", "Expm",
    "Norm", "Inner", "OpNorm", "SigmaMin", "SigmaMax", "LambdaMin", "LambdaMax", "Tr",
    "matrix_symbols", "has_linalg",
]
