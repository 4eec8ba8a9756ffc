"""Rounding an SDP's floats to an exact certificate: fractions of growing denominators, an exact
least-norm projection of the unknowns onto the identity (Peyrl and Parrilo, 2008), and facial reduction
when the Gram matrix found has a kernel (so that the next solve has an interior to round in).

Used by ``verify.certificates.sos``; nothing here is trusted (the core re-checks what comes out).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..core.certificates import SOSCertificate, ldl
from .rational import Monomial, Poly, add_to, nearest, project_gram, solve_min_norm

#: eigenvalues below this (relative) are the Gram matrix's kernel in facial reduction
KERNEL_TOL = 1e-6
#: the exact least-norm projection (after facial reduction) is skipped above this many monomials
MAX_EXACT_ROWS = 100


def _expr(m: Monomial, variables: tuple) -> sp.Expr:
    return sp.Mul(*[v ** e for v, e in zip(variables, m)])


def round_value(v: float, bound: int, tol: float = 1e-7) -> Fraction:
    """``v`` (in the solver's scaled units) to a fraction of denominator <= ``bound``: solver noise below
    ``tol`` becomes 0, and a value clearly non-zero never does (a strict goal's positive constant must
    stay positive)."""
    q = nearest(v, bound, tol)
    return q if q or abs(v) <= 1e-4 else nearest(v, max(bound, 10**6), tol)


def _promising(cols: list, free: list[int], u0: list[Fraction], residual: Poly, m: int) -> bool:
    """The projection in floating point: False when its Gram matrix is clearly not PSD (the exact
    projection, which costs much more, would fail too)."""
    index: dict[Monomial, int] = {}
    for k in free:
        for mono in cols[k][2]:
            index.setdefault(mono, len(index))
    if any(mono not in index for mono in residual):
        return False
    A = np.zeros((len(index), len(free)))
    for j, k in enumerate(free):
        for mono, v in cols[k][2].items():
            A[index[mono], j] = float(v)
    r = np.zeros(len(index))
    for mono, v in residual.items():
        r[index[mono]] = float(v)
    d = np.linalg.lstsq(A, r, rcond=None)[0] if residual else np.zeros(len(free))
    Q = np.zeros((m, m))
    for j, k in enumerate(free):
        kind, key, _ = cols[k]
        if kind == "Q":
            a, b = key
            Q[a, b] = Q[b, a] = float(u0[k]) + d[j]
        elif kind in ("lam", "c") and float(u0[k]) + d[j] < -1e-12:
            return False
    scale = max(1.0, float(np.abs(Q).max())) if m else 1.0
    return m == 0 or float(np.linalg.eigvalsh(Q).min()) >= -1e-9 * scale


def rationalised(setup: Any, W: list[Poly], x: dict, bound: int) -> tuple[SOSCertificate, int] | None:
    """Round at ``bound``, project every unknown exactly onto the identity (least-norm change; a
    multiplier rounded to 0 stays 0), then the certificate if its signs hold and its Gram matrix is PSD."""
    goal_scale, col_scale = x["scales"]
    cols = x["cols"]
    # round in the solver's units (relative to each column's scale), then back to exact units
    u0 = [round_value(v * float(s / goal_scale), bound) * goal_scale / s for v, s in zip(x["values"], col_scale)]
    free = [k for k, (kind, _, _) in enumerate(cols) if kind in ("p", "Q") or u0[k] > 0]
    residual: Poly = dict(setup.goal)
    for k, (_, _, poly) in enumerate(cols):
        if u0[k]:
            add_to(residual, poly, -u0[k])
    monomial_basis = all(len(w) == 1 and next(iter(w.values())) == 1 for w in W)
    if monomial_basis and residual:
        # the Gram entries of monomials: the residual of each monomial spread over its own entries
        m = len(W)
        Q = [[Fraction(0)] * m for _ in range(m)]
        q_keys = {}
        for k, (kind, key, _) in enumerate(cols):
            if kind == "Q":
                a, b = key
                Q[a][b] = Q[b][a] = u0[k]
                q_keys[key] = k
        Q = project_gram(Q, [next(iter(w)) for w in W], residual)
        if Q is not None:   # else some monomial needs the multipliers moved too: the general projection
            for (a, b), k in q_keys.items():
                u0[k] = Q[a][b]
            residual = {}
    if not _promising(cols, free, u0, residual, len(W)):
        return None
    if residual:
        index: dict[Monomial, int] = {}
        columns = [{index.setdefault(mono, len(index)): v for mono, v in cols[k][2].items()} for k in free]
        if any(mono not in index for mono in residual) or len(index) > MAX_EXACT_ROWS:
            return None
        d = solve_min_norm(columns, {index[mono]: v for mono, v in residual.items()})
        if d is None:
            return None
        for j, k in enumerate(free):
            u0[k] += d[j]
    if any(u0[k] < 0 for k, (kind, _, _) in enumerate(cols) if kind in ("lam", "c")):
        return None
    m = len(W)
    gram = sp.zeros(m, m)
    lam: dict[int, Fraction] = {}
    p_polys: list[Poly] = [{} for _ in setup.eqs]
    constant = Fraction(0)
    for k, (kind, key, _) in enumerate(cols):
        v = u0[k]
        if kind == "Q":
            a, b = key
            gram[a, b] = gram[b, a] = sp.Rational(v.numerator, v.denominator)
        elif kind == "lam" and v:
            lam[key] = v
        elif kind == "p" and v:
            p_polys[key[0]][key[1]] = v
        elif kind == "c":
            constant = v
    if ldl(gram) is None:
        return None
    variables = setup.problem.variables

    def expr(poly: Poly) -> sp.Expr:
        return sp.Add(*[sp.Rational(q.numerator, q.denominator) * _expr(mono, variables) for mono, q in poly.items()])

    cert = SOSCertificate(
        products=tuple((setup.candidates[k][0], sp.Rational(v.numerator, v.denominator)) for k, v in sorted(lam.items())),
        equality_multipliers=tuple(expr(pj) for pj in p_polys), basis=tuple(expr(w) for w in W), gram=gram,
        constant=sp.Rational(constant.numerator, constant.denominator))
    return cert, bound


def face(Q: np.ndarray, W: list[Poly]) -> list[Poly] | None:
    """Facial reduction: the Gram matrix's numerical kernel, made rational, removed from the basis.

    The new basis spans the exact rational complement of the rounded kernel (``Q = B^T R B`` with ``w' = B w``),
    so that the next solve can find an interior ``R``. None when ``Q`` has no clear kernel."""
    from scipy.linalg import qr

    vals, vecs = np.linalg.eigh((Q + Q.T) / 2)
    top = max(float(vals.max()), 1e-12)
    kernel = vecs[:, vals < KERNEL_TOL * max(top, 1.0)]
    k = kernel.shape[1]
    if k == 0 or k == len(W):
        return None
    _, _, piv = qr(kernel.T, pivoting=True)
    N = np.linalg.solve(kernel.T[:, piv[:k]], kernel.T)
    rational = sp.Matrix(k, len(W), lambda i, j: sp.Rational(nearest(float(N[i, j]), 1000, 1e-7)))
    complement = rational.nullspace()
    if not complement:
        return None
    out = []
    for vec in complement:
        vec = vec / max(abs(v) for v in vec)
        w: Poly = {}
        for j, c in enumerate(vec):
            if c != 0:
                add_to(w, W[j], Fraction(int(sp.Rational(c).p), int(sp.Rational(c).q)))
        out.append(w)
    return out


__all__ = ["rationalised", "face", "round_value"]
