"""Exact and 50-digit evaluation of scalar/matrix expressions at an exact instance.

An instance maps scalar symbols to exact sympy numbers and vector/matrix symbols to
``ImmutableMatrix`` of rationals. Quantities polynomial in the entries (products, sums,
``inner``, ``trace``, ``norm`` as the square root of a rational) are computed exactly.
Spectral quantities are exact for matrices up to ``EXACT_SPECTRAL_MAX`` rows (the real roots of
the characteristic polynomial of ``(A + A^T)/2`` or ``A^T A``, as rationals or ``CRootOf``),
otherwise 50-digit ``mpmath`` values (``eigsy`` / ``svd_r`` at ``mp.dps = 50``).

``truth(rel, inst)`` decides a relation: exactly when both sides are exact, else from 50-digit
values only when the difference exceeds ``1e-30`` relative to the sides, is stable at 80 digits, and
no eigenvalue behind it lies below its matrix's noise floor (``Imprecise``; else ``None``).
"""
from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from . import linalg as la
from .exact import NotReal, sign
from .limits import TimeLimitExceeded, time_limit

DPS = 50
CONFIRM_DPS = 80
#: the second try when an eigenvalue is below its noise floor at DPS (each extra digit costs little at n <= 10)
HIGH_DPS = 160
EXACT_SPECTRAL_MAX = 6
_MARGIN = sp.Float(10, DPS) ** -30
_precision = [DPS]  # working precision of the numeric (spectral) path; raised to confirm a sign


def expand_sum(e: sp.Sum, dims: dict) -> sp.Expr:
    """A ``Sum`` whose bounds involve dimension symbols, written out at those dimensions (the
    summand keeps its matrix symbols untouched)."""
    sub = {sp.sympify(k): sp.Integer(v) for k, v in dims.items()}
    limits = [(i, sp.sympify(lo).xreplace(sub), sp.sympify(hi).xreplace(sub)) for i, lo, hi in e.limits]
    return sp.Sum(e.function, *limits).doit()


def evaluate(expr: Any, inst: dict, dims: dict) -> Any:
    """The value of ``expr`` at the instance: an exact sympy number, a 50-digit ``Float``, or an
    ``ImmutableMatrix`` for matrix expressions."""
    e = sp.sympify(expr)
    if isinstance(e, (MatrixExpr, sp.ImmutableMatrix)):
        return _matrix(e, inst, dims)
    if e.is_Number or e.is_NumberSymbol:
        return e
    if isinstance(e, sp.Symbol):
        if e in dims:
            return sp.Integer(dims[e])
        if e not in inst:
            raise KeyError(f"no value for {e}")
        return inst[e]
    if isinstance(e, la.MatrixFunction):
        return _matrix_function(type(e), _matrix(e.args[0], inst, dims))
    if isinstance(e, la.Inner):
        a, b = _matrix(e.args[0], inst, dims), _matrix(e.args[1], inst, dims)
        return sp.expand(sum(x * y for x, y in zip(a, b)))
    if isinstance(e, sp.Sum):
        expanded = expand_sum(e, dims)
        if expanded.has(sp.Sum):
            raise KeyError(f"cannot expand the sum {e}")
        return evaluate(expanded, inst, dims)
    if isinstance(e, MatrixElement):
        m = _matrix(e.args[0], inst, dims)
        return m[int(sp.sympify(e.args[1]).xreplace(dims)), int(sp.sympify(e.args[2]).xreplace(dims))]
    if not e.args:
        raise KeyError(f"no value for {e}")
    return e.func(*[evaluate(a, inst, dims) for a in e.args])


def _dim(value: Any, dims: dict) -> int:
    return int(sp.sympify(value).xreplace(dims))


def _matrix(e: Any, inst: dict, dims: dict) -> sp.ImmutableMatrix:  # noqa: C901
    if isinstance(e, sp.ImmutableMatrix):
        return e.applyfunc(lambda x: evaluate(x, inst, dims))
    if isinstance(e, sp.MatrixSymbol):
        return inst[e]
    if isinstance(e, sp.Identity):
        return sp.ImmutableMatrix(sp.eye(_dim(e.shape[0], dims)))
    if isinstance(e, sp.ZeroMatrix):
        return sp.ImmutableMatrix(sp.zeros(_dim(e.shape[0], dims), _dim(e.shape[1], dims)))
    if isinstance(e, sp.OneMatrix):
        return sp.ImmutableMatrix(sp.ones(_dim(e.shape[0], dims), _dim(e.shape[1], dims)))
    if isinstance(e, sp.MatAdd):
        out = _matrix(e.args[0], inst, dims)
        for a in e.args[1:]:
            out = out + _matrix(a, inst, dims)
        return sp.ImmutableMatrix(out)
    if isinstance(e, sp.MatMul):
        scal = sp.Integer(1)
        out = None
        for a in e.args:
            if isinstance(a, (MatrixExpr, sp.ImmutableMatrix)):
                m = _matrix(a, inst, dims)
                out = m if out is None else out * m
            else:
                scal = scal * evaluate(a, inst, dims)
        return sp.ImmutableMatrix(out * scal)
    if isinstance(e, sp.Transpose):
        return _matrix(e.args[0], inst, dims).T
    if isinstance(e, sp.MatPow):
        base = _matrix(e.args[0], inst, dims)
        return sp.ImmutableMatrix(base ** int(e.args[1]))
    if isinstance(e, sp.Inverse):
        return sp.ImmutableMatrix(_matrix(e.args[0], inst, dims).inv())
    if isinstance(e, la.Pinv):
        return sp.ImmutableMatrix(_matrix(e.args[0], inst, dims).pinv())
    if isinstance(e, la.Expm):
        return _expm(_matrix(e.args[0], inst, dims))
    if isinstance(e, sp.HadamardProduct):
        out = _matrix(e.args[0], inst, dims)
        for a in e.args[1:]:
            out = out.multiply_elementwise(_matrix(a, inst, dims))
        return sp.ImmutableMatrix(out)
    raise KeyError(f"cannot evaluate the matrix expression {e} exactly")


class Imprecise(ValueError):
    """A numeric eigenvalue below the noise floor of its matrix: at ``dps`` digits an eigenvalue of ``A`` is
    known only to about ``||A||_F 10^-dps`` (backward stability), so a smaller one has no certain digit (the
    smallest eigenvalue of ``expm`` of a matrix with a wide spectrum, for instance)."""


#: an eigenvalue must exceed ``||A||_F`` times ``10**-(dps - NOISE_DIGITS)`` to count at ``dps`` digits
NOISE_DIGITS = 10


def _float(v: Any, dps: int) -> sp.Float:
    """An mpmath value as a sympy ``Float`` of ``dps`` digits, zero included: ``sp.Float(mpf(0), dps)`` is
    the exact ``S.Zero``, which would make an approximate zero (the clamped square root of a rounded
    eigenvalue, an eigenvalue lost in cancellation) pass for an exact one."""
    f = sp.Float(v, dps)
    return f if isinstance(f, sp.Float) else sp.Float(0.0, dps)


def _expm(m: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    """``exp(m)``: exact for the zero matrix, otherwise ``mpmath.expm`` at the working precision."""
    if all(x == 0 for x in m):
        return sp.ImmutableMatrix(sp.eye(m.shape[0]))
    dps = _precision[-1]
    with mpmath.workdps(dps):
        a = mpmath.matrix([[mpmath.mpf(sp.N(x, dps + 10)) for x in row] for row in m.tolist()])
        e = mpmath.expm(a)
        return sp.ImmutableMatrix(m.shape[0], m.shape[1], [_float(e[i, j], dps) for i in range(m.shape[0])
                                                            for j in range(m.shape[1])])


def _is_exact_matrix(m: sp.ImmutableMatrix) -> bool:
    return all(x.is_Rational for x in m)


def _matrix_function(kind: type, m: sp.ImmutableMatrix) -> Any:
    if kind is la.Norm:
        return sp.sqrt(sp.expand(sum(x * x for x in m)))
    if kind is la.Tr:
        return sp.expand(m.trace())
    if kind in (la.LambdaMin, la.LambdaMax):
        sym = (m + m.T) / 2
        return _eigs(sym, "min" if kind is la.LambdaMin else "max")
    # singular values: square roots of the eigenvalues of the smaller Gram matrix
    gram = m.T * m if m.shape[1] <= m.shape[0] else m * m.T
    if kind is la.SigmaMin:
        low = _eigs(sp.ImmutableMatrix(gram), "min")
        low = sp.Integer(0) if (low.is_number and low.is_Rational and low < 0) else low
        return _sqrt(low)
    return _sqrt(_eigs(sp.ImmutableMatrix(gram), "max"))


def _sqrt(x: Any) -> Any:
    if isinstance(x, sp.Float):
        dps = _precision[-1]
        with mpmath.workdps(dps):
            return _float(mpmath.sqrt(max(mpmath.mpf(x), 0)), dps)
    return sp.sqrt(x)


def _eigs(sym: sp.ImmutableMatrix, which: str) -> Any:
    """The least (``which="min"``) or largest (``"max"``) eigenvalue of a symmetric matrix: exact for small
    rational ones, else at the working precision, ``Imprecise`` when it lies below the noise floor."""
    n = sym.shape[0]
    if n <= EXACT_SPECTRAL_MAX and _is_exact_matrix(sym):
        try:
            with time_limit(5):
                roots = sym.charpoly().real_roots()
            if len(roots) == n:
                ordered = sorted(roots, key=lambda r: sp.N(r, 30))
                return ordered[0] if which == "min" else ordered[-1]
        except (TimeLimitExceeded, sp.PolynomialError, NotImplementedError):
            pass
    dps = _precision[-1]
    with mpmath.workdps(dps):
        a = mpmath.matrix([[mpmath.mpf(sp.N(x, dps + 10)) for x in row] for row in sym.tolist()])
        values = mpmath.eigsy(a, eigvals_only=True)
        value = min(values) if which == "min" else max(values)
        floor = mpmath.mnorm(a, "f") * mpmath.mpf(10) ** (NOISE_DIGITS - dps)
        if abs(value) <= floor:
            raise Imprecise(f"the {'least' if which == 'min' else 'largest'} eigenvalue of a {n} x {n} matrix is "
                            f"below its noise floor {mpmath.nstr(floor, 3)} at {dps} digits")
        return _float(value, dps)


def truth(rel: Any, inst: dict, dims: dict) -> bool | None:
    """Whether a relation (or And/Or/Not of relations) holds at the instance; None if undecided."""
    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    if isinstance(rel, sp.And):
        vals = [truth(a, inst, dims) for a in rel.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(rel, sp.Or):
        vals = [truth(a, inst, dims) for a in rel.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(rel, sp.Not):
        v = truth(rel.args[0], inst, dims)
        return None if v is None else not v
    if not isinstance(rel, Relational):
        return None
    found = _precise_sides(rel, inst, dims)
    if found is None:
        return None
    lhs, rhs, dps = found
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return _matrix_truth(rel, lhs, rhs)
    s = _sign(lhs - rhs, lhs, rhs)
    if s is None:
        return None
    if _approximate(lhs, rhs) and not _stable(rel, inst, dims, lhs - rhs, dps + CONFIRM_DPS - DPS):
        return None
    return {"==": s == 0, "!=": s != 0, "<=": s <= 0, "<": s < 0, ">=": s >= 0, ">": s > 0}[rel.rel_op]


def _precise_sides(rel: Relational, inst: dict, dims: dict) -> tuple[Any, Any, int] | None:
    """Both sides at ``DPS`` digits, or at ``HIGH_DPS`` when an eigenvalue was below its noise floor there
    (``expm`` of a matrix with a wide spectrum), with the precision used; None when even that does not do."""
    for dps in (DPS, HIGH_DPS):
        _precision.append(dps)
        try:
            lhs, rhs = sides(rel, inst, dims)
        except Imprecise:
            continue
        finally:
            _precision.pop()
        return lhs, rhs, dps
    return None


def _stable(rel: Relational, inst: dict, dims: dict, diff: Any, confirm: int = CONFIRM_DPS) -> bool:
    """A numerically decided sign is kept only if recomputing at ``confirm`` digits (30 more than the value
    was computed at) moves the difference by less than 1% of its size (an a-posteriori error check)."""
    _precision.append(confirm)
    try:
        lhs2, rhs2 = sides(rel, inst, dims)
        d2 = sp.N(lhs2 - rhs2, confirm)
    except Imprecise:
        return False
    finally:
        _precision.pop()
    d1 = sp.N(diff, DPS)
    return bool(abs(d2 - d1) < abs(d1) / 100)


def sides(rel: Relational, inst: dict, dims: dict) -> tuple[Any, Any]:
    """Both sides of a relation evaluated at the instance."""
    return evaluate(rel.lhs, inst, dims), evaluate(rel.rhs, inst, dims)


def _matrix_truth(rel: Relational, lhs: Any, rhs: Any) -> bool | None:
    if rel.rel_op not in ("==", "!="):
        raise NotReal(f"{rel}: only == and != compare matrices; compare scalar functions of them")
    signs = [_sign(a - b, a, b) for a, b in zip(lhs, rhs)]
    if any(s not in (0, None) for s in signs):
        equal = False
    elif None in signs:
        return None
    else:
        equal = True
    return equal if rel.rel_op == "==" else not equal


def _approximate(*values: Any) -> bool:
    """Whether a value carries a numeric (``Float``) part: then ``a - b`` may have folded to an exact 0
    (sympy's ``Float(0.0) - 0`` is ``0``) although neither side is exact."""
    return any(sp.sympify(v).has(sp.Float) for v in values)


def _sign(diff: Any, lhs: Any, rhs: Any) -> int | None:
    """Sign of ``diff``: certified when it is exact, else only when it clears the 50-digit margin."""
    diff = sp.sympify(diff)
    if _approximate(lhs, rhs) and not diff.has(sp.Float):
        diff = sp.Float(sp.N(diff, DPS), DPS) if diff != 0 else sp.Float(0.0, DPS)   # not exact: no exact path
    if diff.is_Rational:
        return 1 if diff.is_positive else (-1 if diff.is_negative else 0)
    if not diff.has(sp.Float):
        return sign(diff)
    try:
        with time_limit(5):
            d = sp.N(diff, DPS)
            scale = 1 + abs(sp.N(lhs, DPS)) + abs(sp.N(rhs, DPS))
    except TimeLimitExceeded:
        return None
    if not d.is_real:
        raise NotReal(f"{diff} is not real")
    if abs(d) <= _MARGIN * scale:
        return None
    return 1 if d > 0 else -1


def certainly(rel: Any, inst: dict, dims: dict) -> bool:
    """``truth(...) is True``; a value that is undefined or not real there counts as not holding."""
    try:
        return truth(rel, inst, dims) is True
    except (NotReal, ZeroDivisionError, TypeError, ValueError, KeyError, TimeLimitExceeded):
        return False
