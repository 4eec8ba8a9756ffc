"""Vector and matrix variables, their domains, and matrix-valued constructions.

``Matrix``/``Vector`` are ``MatrixSymbol``s that record a structure (general, symmetric, psd,
orthogonal, diagonal, mask; unit for vectors), a rank bound and a mask's sampling rate; dimensions
are positive ints or positive integer symbols. Matrix-valued helpers: ``eye``, ``outer``,
``P_Omega``, ``pinv``, ``expm``. The public names are re-exported by ``verify.core.linalg``.
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
    """The stored rate: 0 stands for unspecified (so that ``M.func(*M.args)`` rebuilds a mask without one)."""
    if rate is None or (isinstance(rate, (int, sp.Integer)) and not isinstance(rate, bool) and int(rate) == 0):
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


def matrix_symbols(expr: Any) -> list[Matrix]:
    """The ``Matrix``/``Vector`` variables in an expression (or relation), sorted by name."""
    if not isinstance(expr, sp.Basic):
        return []
    return sorted(expr.atoms(Matrix), key=lambda m: m.name)


def has_linalg(expr: Any) -> bool:
    """Whether an expression mentions a vector or matrix (the matrix attack applies)."""
    return isinstance(expr, sp.Basic) and (bool(expr.atoms(Matrix)) or bool(expr.atoms(sp.MatrixSymbol))
                                           or bool(expr.atoms(sp.Identity)))


def substitution_obligations(key: Any, value: Any) -> list:
    """What ``value`` must satisfy to stand for the lemma's vector/matrix variable ``key`` in
    ``use(lemma, {key: value})``: nothing when ``value`` is a variable declared with a domain at
    least as small; else symmetric ``Eq(A, A^T)``, psd also ``lambda_min(A) >= 0``, orthogonal
    ``Eq(A^T A, I)``, unit ``Eq(norm(a), 1)``, diagonal the off-diagonal entries 0. A mask or a rank
    bound cannot be stated as a relation: ``value`` must then be declared so (else ``LinalgError``)."""
    from ._linalg_functions import LambdaMin, Norm

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
