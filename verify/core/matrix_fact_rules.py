"""The rules of the matrix facts: given one term, a fact's instances, or [] when a condition is not certain.

Each ``rule_NAME(term)`` belongs to the fact ``NAME``-like entry of ``verify.core.matrix_facts.FACTS``, whose
statement, conditions and source say what it instantiates; the helpers recognise products, Gram forms
``X X^T``, rank bounds and masks by form (``verify.core.matrix_forms``).
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from . import linalg as la
from .matrix_forms import (affine, at_least, canon, coefficient, cols, factors, is_square, is_symmetric,
                           is_vector, product, rows, summands)


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

def rule_homogeneous(t: Any) -> list:
    c, X = coefficient(t.args[0])
    return [] if c == 1 else [sp.Eq(t, _abs(c) * t.func(X))]


def rule_transpose(t: Any) -> list:
    X = t.args[0]
    return [sp.Eq(t, t.func(X.args[0]))] if isinstance(X, sp.Transpose) else []


def rule_triangle(t: Any) -> list:
    parts = summands(t.args[0])
    if len(parts) < 2:
        return []
    out = [t <= sp.Add(*[t.func(p) for p in parts])]
    for i, p in enumerate(parts):  # reverse triangle: |T(S_i) - T(S - S_i)| <= T(S)
        rest = parts[:i] + parts[i + 1:]
        r = t.func(rest[0] if len(rest) == 1 else canon(sp.MatAdd(*rest)))
        out += [t >= t.func(p) - r, t >= r - t.func(p)]
    return out


def rule_operator_bound(t: Any) -> list:
    split = _split_product(t.args[0])
    if split is None:
        return []
    A, R, L, B = split
    return [t <= la.OpNorm(A) * la.Norm(R), t <= la.Norm(L) * la.OpNorm(B)]


def rule_lower_bound(t: Any) -> list:
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


def rule_gram_rayleigh(t: Any) -> list:
    split = _split_product(t.args[0])
    if split is None:
        return []
    A, R, L, B = split
    ata, bbt = canon(A.T * A), canon(B * B.T)
    return [la.LambdaMin(ata) * la.Norm(R) ** 2 <= t ** 2, t ** 2 <= la.LambdaMax(ata) * la.Norm(R) ** 2,
            la.LambdaMin(bbt) * la.Norm(L) ** 2 <= t ** 2, t ** 2 <= la.LambdaMax(bbt) * la.Norm(L) ** 2]


def rule_frobenius(t: Any) -> list:
    A = t.args[0]
    if is_vector(A) or rows(A) == 1:
        return [sp.Eq(la.OpNorm(A), la.Norm(A))]
    out = [la.OpNorm(A) <= la.Norm(A)]
    r = _rank_bound(A)
    if r is not None:
        out.append(la.Norm(A) ** 2 <= r * la.OpNorm(A) ** 2)
    return out


def rule_op_gram(t: Any) -> list:
    A = t.args[0]
    out = [sp.Eq(la.OpNorm(A) ** 2, la.LambdaMax(canon(A.T * A))),
           sp.Eq(la.OpNorm(A) ** 2, la.LambdaMax(canon(A * A.T))), la.SigmaMin(A) <= la.OpNorm(A)]
    if isinstance(t, la.SigmaMax):
        out.append(sp.Eq(t, la.OpNorm(A)))
    return out


def rule_sigma_gram(t: Any) -> list:
    A = t.args[0]
    out = []
    if at_least(cols(A), rows(A)):  # wide or square: A A^T is the smaller Gram matrix
        out.append(sp.Eq(t ** 2, la.LambdaMin(canon(A * A.T))))
    if at_least(rows(A), cols(A)):  # tall or square
        out.append(sp.Eq(t ** 2, la.LambdaMin(canon(A.T * A))))
    return out


def rule_gram_spectrum(t: Any) -> list:
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


def rule_weyl_singular(t: Any) -> list:
    parts = summands(t.args[0])
    if len(parts) < 2:
        return []
    out = []
    for i, p in enumerate(parts):
        rest = parts[:i] + parts[i + 1:]
        r = la.OpNorm(rest[0] if len(rest) == 1 else canon(sp.MatAdd(*rest)))
        out += [t >= la.SigmaMin(p) - r, t <= la.SigmaMin(p) + r]
    return out


def rule_weyl_difference(t: Any) -> list:
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


def rule_weyl_eigen(t: Any) -> list:
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


def rule_lambda_affine(t: Any) -> list:
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


def rule_lambda_bounds(t: Any) -> list:
    A = t.args[0]
    return [la.LambdaMin(A) <= la.LambdaMax(A), -la.OpNorm(A) <= la.LambdaMin(A), la.LambdaMax(A) <= la.OpNorm(A)]


def rule_op_affine(t: Any) -> list:
    form = affine(t.args[0])
    if form is None:
        return []
    a, b, K = form
    if not is_symmetric(K):
        return []
    low, high = _abs(a + b * la.LambdaMin(K)), _abs(a + b * la.LambdaMax(K))
    return [sp.Eq(t, sp.Max(low, high, evaluate=False))]


def _expm_spectrum(E: Any) -> tuple[Any, Any] | None:
    """``(least, largest)`` eigenvalue of ``E = expm(a I + b K)`` for K symmetric by form: the eigenvalues are
    ``exp(a + b lambda_i(K))``, monotone in ``lambda_i`` with the sign of ``b``; None for any other E."""
    if not isinstance(E, la.Expm):
        return None
    form = affine(E.arg)
    if form is None or not is_symmetric(form[2]):
        return None
    a, b, K = form
    at_low, at_high = sp.exp(a + b * la.LambdaMin(K)), sp.exp(a + b * la.LambdaMax(K))
    if b.is_nonnegative:
        return at_low, at_high
    if b.is_nonpositive:
        return at_high, at_low
    return sp.Min(at_low, at_high, evaluate=False), sp.Max(at_low, at_high, evaluate=False)


def rule_op_expm(t: Any) -> list:
    spectrum = _expm_spectrum(t.args[0])
    return [] if spectrum is None else [sp.Eq(t, spectrum[1])]


def rule_spectrum_expm(t: Any) -> list:
    """E symmetric positive definite: its singular values are its eigenvalues."""
    spectrum = _expm_spectrum(t.args[0])
    if spectrum is None:
        return []
    return [sp.Eq(t, spectrum[0] if isinstance(t, (la.LambdaMin, la.SigmaMin)) else spectrum[1])]


def rule_op_pinv(t: Any) -> list:
    P = t.args[0]
    if not isinstance(P, la.Pinv):
        return []
    s = la.SigmaMin(P.arg)
    return [sp.Implies(s > 0, sp.Eq(t * s, 1))]


def rule_trace_spectrum(t: Any) -> list:
    A = t.args[0]
    if not is_square(A):
        return []
    n = rows(A)
    out = [n * la.LambdaMin(A) <= la.Tr(A), la.Tr(A) <= n * la.LambdaMax(A)]
    if la.is_psd(A):
        out += [la.LambdaMin(A) >= 0, la.LambdaMax(A) <= la.Tr(A)]
    return out


def rule_rayleigh(t: Any) -> list:
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


def rule_cauchy_schwarz(t: Any) -> list:
    X, Y = t.args
    bound = la.Norm(X) * la.Norm(Y)
    return [t <= bound, -t <= bound]


def rule_orthogonal(t: Any) -> list:
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


def rule_unit(t: Any) -> list:
    X = t.args[0]
    return [sp.Eq(t, 1)] if isinstance(X, la.Vector) and X.structure == "unit" else []


def _is_mask_power(e: Any) -> bool:
    return (isinstance(e, sp.HadamardPower) and isinstance(e.args[0], la.Matrix) and e.args[0].structure == "mask"
            and e.args[1].is_Integer and int(e.args[1]) >= 1)


def rule_mask_idempotent(t: Any) -> list:
    if not t.has(sp.HadamardProduct, sp.HadamardPower):
        return []
    powers = t.replace(_is_mask_power, lambda e: e.args[0])  # Omega^(o k) = Omega entrywise
    reduced = powers.replace(lambda e: isinstance(e, sp.HadamardProduct) and _mask_split(e) is not None
                        and isinstance(_mask_split(e)[1], sp.HadamardProduct)
                        and _mask_split(_mask_split(e)[1]) is not None
                        and _mask_split(_mask_split(e)[1])[0] == _mask_split(e)[0],
                        lambda e: _mask_split(e)[1])
    return [] if reduced == t else [sp.Eq(t, reduced)]


def rule_mask_norm(t: Any) -> list:
    split = _mask_split(t.args[0])
    if split is None:
        return []
    _, Y = split
    return [sp.Eq(t ** 2, la.Inner(t.args[0], Y)), t <= la.Norm(Y)]


def rule_mask_adjoint(t: Any) -> list:
    X, Y = t.args
    out = []
    for a, b in ((X, Y), (Y, X)):
        split = _mask_split(a)
        if split is not None and _mask_split(b) is None:
            mask, Z = split
            out += [sp.Eq(t, la.Inner(Z, sp.HadamardProduct(mask, b))),
                    sp.Eq(t, la.Inner(a, sp.HadamardProduct(mask, b)))]
    return out


def _cancel_pinv(mats: list, guards: list) -> list:
    """The factors with each ``A A^+`` (A wide or square) and ``A^+ A`` (A tall or square) replaced by an
    identity; ``guards`` gets the full-rank condition ``sigma_min(A) > 0`` of each replacement."""
    out: list = []
    i = 0
    while i < len(mats):
        m = mats[i]
        if isinstance(m, la.Pinv):
            A = m.arg
            pf = factors(A)
            k = len(pf)
            if len(out) >= k and out[-k:] == pf and at_least(cols(A), rows(A)):  # A A^+ = I_rows
                del out[-k:]
                out.append(sp.Identity(rows(A)))
                guards.append(la.SigmaMin(A) > 0)
                i += 1
                continue
            if mats[i + 1:i + 1 + k] == pf and at_least(rows(A), cols(A)):  # A^+ A = I_cols
                out.append(sp.Identity(cols(A)))
                guards.append(la.SigmaMin(A) > 0)
                i += 1 + k
                continue
        out.append(m)
        i += 1
    return out


def _pinv_cancelled(X: Any, guards: list) -> Any:
    """``X`` with the pseudo-inverse products of every matrix product in it cancelled (``_cancel_pinv``)."""
    def cancel(e: Any) -> Any:
        c, rest = coefficient(e)
        mats = factors(rest)
        kept = _cancel_pinv(mats, guards)
        return e if kept == mats else c * product(kept)
    return canon(X.replace(lambda e: isinstance(e, sp.MatMul), cancel))


def _value_at(t: Any) -> Any:
    """``t`` itself, or its value when an argument is a zero or an identity matrix (the definitions)."""
    args = t.args
    if any(isinstance(a, sp.ZeroMatrix) for a in args):
        return sp.Integer(0)  # every head (norms, singular values, eigenvalues, trace, inner) is 0 at 0
    if len(args) == 1 and isinstance(args[0], sp.Identity):
        n = rows(args[0])
        return {la.Norm: sp.sqrt(n), la.Tr: n}.get(t.func, sp.Integer(1))
    return t


def rule_pinv_inverse(t: Any) -> list:
    guards: list = []
    args = [_pinv_cancelled(a, guards) for a in t.args]
    if not guards:
        return []
    return [sp.Implies(sp.And(*guards), sp.Eq(t, _value_at(t.func(*args))))]


def rule_lower_bound_row_space(t: Any) -> list:
    """``||A A^T Z|| >= sigma_min(A) ||A^T Z||`` (and ``||Z B^T B|| >= ||Z B^T|| sigma_min(B)``), any shape."""
    mats = factors(t.args[0])
    out = []
    for k in range(1, len(mats)):
        A, R = product(mats[:k]), mats[k:]
        at = factors(canon(A.T))
        if R[:len(at)] == at:  # R = A^T Z: its columns lie in the row space of A
            out.append(t >= la.SigmaMin(A) * t.func(product(R)))
        L, B = mats[:k], product(mats[k:])
        bt = factors(canon(B.T))
        if L[-len(bt):] == bt:  # L = Z B^T: its rows lie in the row space of B
            out.append(t >= t.func(product(L)) * la.SigmaMin(B))
    return out


def rule_submultiplicative(t: Any) -> list:
    split = _split_product(t.args[0])
    return [] if split is None else [t <= la.OpNorm(split[0]) * la.OpNorm(split[1])]


__all__ = ["rule_cauchy_schwarz", "rule_frobenius", "rule_gram_rayleigh", "rule_gram_spectrum", "rule_homogeneous",
           "rule_lambda_affine", "rule_lambda_bounds", "rule_lower_bound", "rule_lower_bound_row_space",
           "rule_mask_adjoint", "rule_mask_idempotent", "rule_mask_norm", "rule_op_affine", "rule_op_expm",
           "rule_spectrum_expm",
           "rule_op_gram", "rule_op_pinv", "rule_operator_bound", "rule_orthogonal", "rule_pinv_inverse",
           "rule_rayleigh", "rule_sigma_gram", "rule_submultiplicative", "rule_trace_spectrum", "rule_transpose",
           "rule_triangle", "rule_unit", "rule_weyl_difference", "rule_weyl_eigen", "rule_weyl_singular"]
