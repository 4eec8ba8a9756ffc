"""Lower a scalar/matrix sympy expression to a batched numpy function.

``compile_batched(expr, dims)`` walks the expression tree once and returns ``f(env) -> array``
where ``env`` maps each scalar symbol to an array of shape ``(N,)`` and each vector/matrix
symbol to an array ``(N, rows, cols)``; scalar results have shape ``(N,)``, matrix results
``(N, rows, cols)``. Every node is one numpy operation on the whole batch (``np.linalg.svd`` /
``eigvalsh`` are batched), so ``N = 10^5`` instances cost one pass, never a loop over points.

``dims`` fixes each dimension symbol to an int for the batch. Non-finite values propagate as
``nan`` (callers drop such instances).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import numpy as np
import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from ..core import linalg as la
from ..core.matrix_exact import expand_sum

Env = dict
Fn = Callable[[Env], Any]


class LoweringError(ValueError):
    """The expression contains something the batched evaluator cannot compute (names it)."""


def _shape(expr: MatrixExpr, dims: dict) -> tuple[int, int]:
    r, c = (sp.sympify(s).xreplace(dims) for s in expr.shape)
    if not (r.is_Integer and c.is_Integer):
        raise LoweringError(f"the shape {expr.shape} of {expr} has an unassigned dimension")
    return int(r), int(c)


def _scal(v: Any) -> Any:
    """A batch of scalars broadcast against matrices ``(N, r, c)``."""
    return v[:, None, None] if isinstance(v, np.ndarray) and v.ndim == 1 else v


@lru_cache(maxsize=None)
def _scalar_function(func: type, nargs: int) -> Callable:
    """A numpy implementation of a sympy scalar function class, via lambdify of a template."""
    ds = sp.symbols(f"_a0:{nargs}", real=True)
    return sp.lambdify(ds, func(*ds), modules=["numpy", "scipy"], docstring_limit=0)


def _robust(fn: Callable[[np.ndarray], np.ndarray], a: np.ndarray, width: int) -> np.ndarray:
    """Apply a batched LAPACK routine; non-finite or non-converging instances give ``nan``."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 2:
        a = a[None]
    finite = np.all(np.isfinite(a), axis=(-2, -1))
    out = np.full((a.shape[0], width), np.nan)
    if finite.all():
        try:
            return fn(a)
        except np.linalg.LinAlgError:
            pass
    for i in np.flatnonzero(finite):
        try:
            out[i] = fn(a[i:i + 1])[0]
        except np.linalg.LinAlgError:
            pass
    return out


def _svals(a: np.ndarray) -> np.ndarray:
    """Singular values, descending."""
    return _robust(lambda m: np.linalg.svd(m, compute_uv=False), a, min(np.shape(a)[-2:]))


def _sym_eigs(a: np.ndarray) -> np.ndarray:
    """Eigenvalues of the symmetric part, ascending."""
    return _robust(lambda m: np.linalg.eigvalsh(0.5 * (m + np.swapaxes(m, -1, -2))), a, np.shape(a)[-1])


_MATFUNC: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    la.Norm: lambda a: np.sqrt(np.sum(a * a, axis=(-2, -1))),
    la.Tr: lambda a: np.trace(a, axis1=-2, axis2=-1),
    la.OpNorm: lambda a: _svals(a)[..., 0],
    la.SigmaMax: lambda a: _svals(a)[..., 0],
    la.SigmaMin: lambda a: _svals(a)[..., -1],
    la.LambdaMin: lambda a: _sym_eigs(a)[..., 0],
    la.LambdaMax: lambda a: _sym_eigs(a)[..., -1],
}


def compile_batched(expr: Any, dims: dict) -> Fn:
    """Compile ``expr`` (scalar or matrix expression) for batched evaluation at fixed ``dims``."""
    expr = sp.sympify(expr)
    return _lower(expr, {sp.sympify(k): sp.Integer(v) for k, v in dims.items()})


def _lower(e: Any, dims: dict) -> Fn:  # noqa: C901 - one branch per node type
    if isinstance(e, MatrixExpr) or isinstance(e, sp.ImmutableMatrix):
        return _lower_matrix(e, dims)
    if e.is_Number or e.is_NumberSymbol:
        value = float(e)
        return lambda env: value
    if isinstance(e, sp.Symbol):
        if e in dims:
            value = float(dims[e])
            return lambda env: value
        return lambda env: env[e]
    if isinstance(e, sp.Add):
        parts = [_lower(a, dims) for a in e.args]
        return lambda env: sum_all(env, parts)
    if isinstance(e, sp.Mul):
        parts = [_lower(a, dims) for a in e.args]
        return lambda env: prod_all(env, parts)
    if isinstance(e, sp.Pow):
        base, ex = _lower(e.args[0], dims), e.args[1]
        if ex == sp.Rational(1, 2):
            return lambda env: np.sqrt(base(env))
        if ex.is_Integer:
            k = int(ex)
            return lambda env: np.power(np.asarray(base(env), dtype=float), k)
        exf = _lower(ex, dims)
        return lambda env: np.power(np.asarray(base(env), dtype=float), exf(env))
    if isinstance(e, tuple(_MATFUNC)):
        arg = _lower_matrix(e.args[0], dims)
        fn = _MATFUNC[type(e)]
        return lambda env: fn(arg(env))
    if isinstance(e, la.Inner):
        a, b = _lower_matrix(e.args[0], dims), _lower_matrix(e.args[1], dims)
        return lambda env: np.sum(a(env) * b(env), axis=(-2, -1))
    if isinstance(e, sp.Sum):  # e.g. (x.T*x)[0, 0] with a symbolic dimension: expand at these dims
        expanded = expand_sum(e, dims)
        if expanded.has(sp.Sum):
            raise LoweringError(f"cannot expand the sum {e} at dimensions {dims}")
        return _lower(expanded, dims)
    if isinstance(e, MatrixElement):
        m = _lower_matrix(e.args[0], dims)
        i, j = (int(sp.sympify(k).xreplace(dims)) for k in e.args[1:])
        return lambda env: m(env)[..., i, j]
    if isinstance(e, (sp.Max, sp.Min)):
        parts = [_lower(a, dims) for a in e.args]
        red = np.maximum if isinstance(e, sp.Max) else np.minimum
        return lambda env: _reduce(red, [p(env) for p in parts])
    if isinstance(e, sp.Abs):
        arg = _lower(e.args[0], dims)
        return lambda env: np.abs(arg(env))
    if isinstance(e, sp.Function) and not isinstance(e, sp.core.function.AppliedUndef):
        fn = _scalar_function(type(e), len(e.args))
        parts = [_lower(a, dims) for a in e.args]
        return lambda env: fn(*[p(env) for p in parts])
    raise LoweringError(f"cannot evaluate {e} ({type(e).__name__}) numerically")




def _reduce(op, values):
    out = values[0]
    for v in values[1:]:
        out = op(out, v)
    return out


def sum_all(env: Env, parts: list[Fn]) -> Any:
    out = parts[0](env)
    for p in parts[1:]:
        out = out + p(env)
    return out


def prod_all(env: Env, parts: list[Fn]) -> Any:
    out = parts[0](env)
    for p in parts[1:]:
        out = out * p(env)
    return out


def _lower_matrix(e: Any, dims: dict) -> Fn:  # noqa: C901
    """Matrix-valued node -> function returning ``(N, r, c)`` (or ``(r, c)`` for constants)."""
    if isinstance(e, sp.MatrixSymbol):
        return lambda env: env[e]
    if isinstance(e, sp.Identity):
        n, _ = _shape(e, dims)
        eye = np.eye(n)
        return lambda env: eye
    if isinstance(e, sp.ZeroMatrix):
        zero = np.zeros(_shape(e, dims))
        return lambda env: zero
    if isinstance(e, sp.OneMatrix):
        one = np.ones(_shape(e, dims))
        return lambda env: one
    if isinstance(e, sp.ImmutableMatrix):
        cells = [[_lower(x, dims) for x in row] for row in e.tolist()]
        return lambda env: _stack_cells(env, cells)
    if isinstance(e, sp.MatAdd):
        parts = [_lower_matrix(a, dims) for a in e.args]
        return lambda env: sum_all(env, parts)
    if isinstance(e, sp.MatMul):
        scal = [_lower(a, dims) for a in e.args if not isinstance(a, (MatrixExpr, sp.ImmutableMatrix))]
        mats = [_lower_matrix(a, dims) for a in e.args if isinstance(a, (MatrixExpr, sp.ImmutableMatrix))]

        def matmul(env: Env) -> Any:
            out = mats[0](env)
            for m in mats[1:]:
                out = np.matmul(out, m(env))
            for s in scal:
                out = _scal(s(env)) * out
            return out
        return matmul
    if isinstance(e, sp.Transpose):
        arg = _lower_matrix(e.args[0], dims)
        return lambda env: np.swapaxes(arg(env), -1, -2)
    if isinstance(e, sp.MatPow):
        arg, ex = _lower_matrix(e.args[0], dims), e.args[1]
        if not ex.is_Integer:
            raise LoweringError(f"{e}: only integer matrix powers are supported")
        k = int(ex)
        if k < 0:
            return lambda env: np.linalg.matrix_power(np.linalg.inv(arg(env)), -k)
        return lambda env: np.linalg.matrix_power(arg(env), k)
    if isinstance(e, sp.Inverse):
        arg = _lower_matrix(e.args[0], dims)
        return lambda env: _safe_inv(arg(env))
    if isinstance(e, sp.HadamardProduct):
        parts = [_lower_matrix(a, dims) for a in e.args]
        return lambda env: prod_all(env, parts)
    if isinstance(e, la.Pinv):
        arg = _lower_matrix(e.args[0], dims)
        return lambda env: _batched(np.linalg.pinv, arg(env), _shape(e, dims))
    if isinstance(e, la.Expm):
        arg = _lower_matrix(e.args[0], dims)
        return lambda env: _batched(_expm, arg(env), _shape(e, dims))
    raise LoweringError(f"cannot evaluate the matrix expression {e} ({type(e).__name__}) numerically")


def _batched(fn: Callable[[np.ndarray], np.ndarray], a: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A batched matrix function; non-finite or failing instances give ``nan`` matrices."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 2:
        a = a[None]
    finite = np.all(np.isfinite(a), axis=(-2, -1))
    out = np.full((a.shape[0], *shape), np.nan)
    try:
        if finite.any():
            out[finite] = fn(a[finite])
    except (np.linalg.LinAlgError, ValueError):
        pass
    return out


def _expm(a: np.ndarray) -> np.ndarray:
    """``exp(A)`` in batch: through ``eigh`` for symmetric instances, scipy's Pade otherwise."""
    from scipy.linalg import expm as scipy_expm

    sym = np.all(np.isclose(a, np.swapaxes(a, -1, -2), rtol=0, atol=1e-14 * (1 + np.abs(a).max())), axis=(-2, -1))
    out = np.empty_like(a)
    if sym.any():
        w, v = np.linalg.eigh(a[sym])
        out[sym] = np.matmul(v * np.exp(w)[:, None, :], np.swapaxes(v, -1, -2))
    for i in np.flatnonzero(~sym):
        out[i] = scipy_expm(a[i])
    return out


def _safe_inv(a: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(a)
    except np.linalg.LinAlgError:
        out = np.full(a.shape, np.nan)
        ok = np.abs(np.linalg.det(a)) > 0
        out[ok] = np.linalg.inv(a[ok])
        return out


def _stack_cells(env: Env, cells: list[list[Fn]]) -> np.ndarray:
    vals = [[np.asarray(c(env), dtype=float) for c in row] for row in cells]
    n = max((v.shape[0] for row in vals for v in row if v.ndim == 1), default=None)
    if n is None:
        return np.array(vals, dtype=float)
    return np.stack([np.stack([np.broadcast_to(v, (n,)) for v in row], axis=-1) for row in vals], axis=-2)


def as_batch(value: Any, n: int) -> np.ndarray:
    """Broadcast a scalar result to shape ``(n,)``."""
    return np.broadcast_to(np.asarray(value, dtype=float), (n,))
