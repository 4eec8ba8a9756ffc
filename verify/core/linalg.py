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
  symmetric part ``(A + A^T)/2``, i.e. ``min/max_{|u|=1} u^T A u``), ``trace``;
  ``loewner_le(A, B)`` is the relation ``lambda_min(B - A) >= 0``.
* ``eye(n)``, ``outer(x, y) = x y^T``, ``P_Omega(mask, A)`` (entries of ``A`` outside the mask
  zeroed: the Hadamard product with the 0/1 mask), ``pinv(A)`` (Moore-Penrose pseudo-inverse),
  ``expm(A)`` (matrix exponential).

Products are sympy's: ``A * B`` or ``A @ B``, ``A.T``, ``A + B``, ``c * A``.
"""
from __future__ import annotations

from ._linalg_core import (STRUCTURES, VECTOR_STRUCTURES, Expm, LinalgError, Matrix, MatrixOperator, P_Omega,
                           Pinv, Vector, as_matrix_expr, expm, eye, has_linalg, matrix_symbols, outer, pinv,
                           sampling_mask)
from ._linalg_functions import (FUNCTIONS, POLYNOMIAL, SPECTRAL, Inner, LambdaMax, LambdaMin, MatrixFunction,
                                Norm, OpNorm, SigmaMax, SigmaMin, Tr, inner, is_psd, lambda_max, lambda_min,
                                loewner_le, norm, op_norm, sigma_max, sigma_min, trace)

__all__ = [
    "Matrix", "Vector", "sampling_mask", "eye", "outer", "P_Omega", "norm", "inner", "op_norm",
    "sigma_min", "sigma_max", "lambda_min", "lambda_max", "trace", "pinv", "expm", "loewner_le", "LinalgError",
    "STRUCTURES",
    "Pinv", "Expm",
    "Norm", "Inner", "OpNorm", "SigmaMin", "SigmaMax", "LambdaMin", "LambdaMax", "Tr",
    "matrix_symbols", "has_linalg", "is_psd", "as_matrix_expr", "MatrixFunction", "MatrixOperator",
    "SPECTRAL", "POLYNOMIAL", "FUNCTIONS", "VECTOR_STRUCTURES",
]
