"""Syntactic forms of matrix expressions that the matrix facts' conditions are checked on.

Shapes (``at_least(a, b)``: ``a >= b`` is certain for every value of the dimension symbols), symmetric
by form, a scalar coefficient split off a product (``c * A``), the factors of a product, the summands
of a sum, and the affine form ``a I + b K``. Each recogniser answers only when it is certain: a form it
does not recognise gives ``None`` or ``False``, so a fact whose condition it cannot establish is not used.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from . import linalg as la


@lru_cache(maxsize=4096)
def canon(e: Any) -> Any:
    """A matrix expression rebuilt by sympy's own simplification of products, sums and transposes
    (``(A^T)^T = A``, ``(A B)^T = B^T A^T``), so that terms built by a fact meet those of the claim."""
    try:
        return e.doit() if isinstance(e, MatrixExpr) else e
    except (TypeError, ValueError, la.LinalgError):
        return e


def at_least(a: Any, b: Any) -> bool:
    """``a >= b`` holds for all positive integer values of the symbols (a dimension comparison)."""
    diff = sp.sympify(a) - sp.sympify(b)
    return diff == 0 or diff.is_nonnegative is True


def rows(A: Any) -> sp.Expr:
    return sp.sympify(A.shape[0])


def cols(A: Any) -> sp.Expr:
    return sp.sympify(A.shape[1])


def is_square(A: Any) -> bool:
    return sp.simplify(rows(A) - cols(A)) == 0


def is_vector(A: Any) -> bool:
    return cols(A) == 1


def coefficient(A: Any) -> tuple[sp.Expr, Any]:
    """``A = c * B`` with ``c`` a scalar and ``B`` a matrix expression without a scalar factor."""
    if isinstance(A, sp.MatMul):
        scalars = [a for a in A.args if not isinstance(a, MatrixExpr)]
        mats = [a for a in A.args if isinstance(a, MatrixExpr)]
        if scalars and mats:
            rest = mats[0] if len(mats) == 1 else sp.MatMul(*mats)
            return sp.Mul(*scalars), rest
    return sp.Integer(1), A


def factors(A: Any) -> list:
    """The matrix factors of a product without a scalar coefficient (``[A]`` for anything else)."""
    if isinstance(A, sp.MatMul) and all(isinstance(a, MatrixExpr) for a in A.args):
        return list(A.args)
    return [A]


def product(mats: list) -> Any:
    return mats[0] if len(mats) == 1 else canon(sp.MatMul(*mats))


def summands(A: Any) -> list:
    return list(A.args) if isinstance(A, sp.MatAdd) else [A]


def is_symmetric(A: Any) -> bool:
    """Symmetric by form: a symmetric/psd/diagonal variable, the identity or zero, a PSD form
    (``X X^T``, ``X^T P X``), a palindromic product ``S1 S2 S1^T``-like, real scalar multiples, sums,
    integer powers, exponentials and pseudo-inverses of symmetric matrices."""
    if isinstance(A, la.Matrix):
        return A.structure in ("symmetric", "psd", "diagonal")
    if isinstance(A, (sp.Identity, sp.ZeroMatrix)):
        return True
    if la.is_psd(A):
        return True
    if isinstance(A, sp.MatAdd):
        return all(is_symmetric(a) for a in A.args)
    if isinstance(A, sp.MatMul):
        _, rest = coefficient(A)  # scalars are real (problem.prepare rejects non-real ones)
        mats = factors(rest)
        if len(mats) == 1:
            return rest is not A and is_symmetric(rest)
        half = len(mats) // 2
        if any(canon(mats[i].T) != mats[-1 - i] for i in range(half)):
            return False
        return len(mats) % 2 == 0 or is_symmetric(mats[half])
    if isinstance(A, sp.MatPow):
        return bool(A.args[1].is_Integer) and is_symmetric(A.args[0])
    if isinstance(A, (la.Expm, la.Pinv)):   # expm(S) = Q expm(D) Q^T; pinv(S)^T = pinv(S^T) (Penrose)
        return is_symmetric(A.arg)
    return False


def affine(A: Any) -> tuple[sp.Expr, sp.Expr, Any] | None:
    """``A = a I + b K`` with scalars ``a, b`` and ``K`` a matrix expression that is not a multiple of
    the identity: ``(a, b, K)``; ``(0, 1, A)`` when there is no identity term; None for ``a I`` alone."""
    identity, rest = sp.Integer(0), []
    for term in summands(A):
        c, m = coefficient(term)
        if isinstance(m, sp.Identity):
            identity += c
        else:
            rest.append(term)
    if not rest:
        return None
    if len(rest) == 1:
        b, K = coefficient(rest[0])
        return identity, b, K
    return identity, sp.Integer(1), canon(sp.MatAdd(*rest))


__all__ = ["canon", "at_least", "rows", "cols", "is_square", "is_vector", "coefficient", "factors", "product",
           "summands", "is_symmetric", "affine"]
