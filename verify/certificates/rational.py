"""From a solver's floats to exact rationals: simplest nearby fractions, and the exact projection of a
rounded Gram matrix onto the affine space of its identity (Peyrl and Parrilo, 2008).

Shared by the SOS search (``verify.certificates.sos``) and the PEP certificates
(``verify.solvers.pep_certificate``). Nothing here is trusted: the core re-checks what comes out.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping

Monomial = tuple[int, ...]
Poly = dict[Monomial, Fraction]


def rationalise(x: float, max_denominator: int = 1000, tol: float = 1e-6) -> Fraction | None:
    """The simplest fraction with denominator <= ``max_denominator`` within ``tol`` of ``x`` (0 if
    ``|x| < tol``), or None when there is none."""
    if abs(x) < tol:
        return Fraction(0)
    q = Fraction(x).limit_denominator(max_denominator)
    return q if abs(float(q) - x) <= tol else None


def nearest(x: float, max_denominator: int, tol: float = 0.0) -> Fraction:
    """The closest fraction with denominator <= ``max_denominator`` (0 when ``|x| <= tol``)."""
    if abs(x) <= tol:
        return Fraction(0)
    return Fraction(x).limit_denominator(max_denominator)


def add_to(p: Poly, q: Mapping[Monomial, Fraction], scale: Fraction = Fraction(1)) -> None:
    """``p += scale * q`` in place (zero coefficients dropped)."""
    for m, c in q.items():
        v = p.get(m, Fraction(0)) + scale * c
        if v:
            p[m] = v
        else:
            p.pop(m, None)


def multiply(p: Mapping[Monomial, Fraction], q: Mapping[Monomial, Fraction]) -> Poly:
    """The product of two polynomials given by their coefficients."""
    out: Poly = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(a + b for a, b in zip(m1, m2))
            v = out.get(m, Fraction(0)) + c1 * c2
            if v:
                out[m] = v
            else:
                out.pop(m, None)
    return out


def project_gram(Q: list[list[Fraction]], basis: list[Monomial], residual: Mapping[Monomial, Fraction]) -> list[list[Fraction]] | None:
    """The Frobenius-nearest ``Q'`` with ``z^T Q' z = z^T Q z + residual`` (``z`` the monomials ``basis``):
    each monomial's residual spread evenly over the Gram entries ``(a, b)`` with ``z_a z_b`` equal to it.
    None when some monomial of the residual is no product of two basis monomials."""
    pairs: dict[Monomial, list[tuple[int, int]]] = {}
    for a, ma in enumerate(basis):
        for b, mb in enumerate(basis):
            pairs.setdefault(tuple(x + y for x, y in zip(ma, mb)), []).append((a, b))
    out = [row[:] for row in Q]
    for m, r in residual.items():
        where = pairs.get(m)
        if not where:
            return None
        share = r / len(where)
        for a, b in where:
            out[a][b] += share
    return out


def solve_min_norm(columns: list[Mapping[int, Fraction]], r: Mapping[int, Fraction]) -> list[Fraction] | None:
    """The least-norm exact solution ``d`` of ``A d = r`` (``d = A^T y`` with ``A A^T y = r``), or None
    when ``r`` is not in the range of ``A``. ``A`` is given by its sparse columns (row -> value), ``r`` by
    its non-zero rows; Gaussian elimination over the rationals on the sparse rows of ``A A^T``."""
    G: dict[int, dict[int, Fraction]] = {}
    for col in columns:
        items = [(i, v) for i, v in col.items() if v]
        for i, vi in items:
            row = G.setdefault(i, {})
            for j, vj in items:
                row[j] = row.get(j, Fraction(0)) + vi * vj
    rhs = {i: Fraction(v) for i, v in r.items() if v}
    if any(i not in G for i in rhs):
        return None
    RHS = -1   # the augmented column
    rows = {i: {j: v for j, v in row.items() if v} for i, row in G.items()}
    for i, v in rhs.items():
        rows[i][RHS] = v
    pivot_of: dict[int, int] = {}   # pivot column -> row
    for i in sorted(rows):
        row = rows[i]
        for col, prow in pivot_of.items():   # reduce by the earlier pivots (kept fully reduced)
            f = row.get(col)
            if f:
                for j, v in rows[prow].items():
                    nv = row.get(j, Fraction(0)) - f * v
                    if nv:
                        row[j] = nv
                    else:
                        row.pop(j, None)
        col = next((j for j in sorted(row) if j != RHS), None)
        if col is None:
            if row.get(RHS):
                return None   # 0 = non-zero: r is not in the range
            continue
        inv = 1 / row[col]
        rows[i] = row = {j: v * inv for j, v in row.items()}
        for other in pivot_of.values():   # keep the earlier pivot rows reduced in the new pivot column
            orow = rows[other]
            f = orow.get(col)
            if f:
                for j, v in row.items():
                    nv = orow.get(j, Fraction(0)) - f * v
                    if nv:
                        orow[j] = nv
                    else:
                        orow.pop(j, None)
        pivot_of[col] = i
    y = {col: rows[i].get(RHS, Fraction(0)) for col, i in pivot_of.items()}
    return [sum((v * y[i] for i, v in col.items() if i in y and y[i]), Fraction(0)) for col in columns]


__all__ = ["solve_min_norm", "rationalise", "nearest", "add_to", "multiply", "project_gram", "Monomial", "Poly"]
