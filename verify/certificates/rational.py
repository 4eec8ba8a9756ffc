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


def solve_min_norm(A: list[list[Fraction]], r: list[Fraction]) -> list[Fraction] | None:
    """The least-norm exact solution ``d`` of ``A d = r`` (``d = A^T y`` with ``A A^T y = r``), or None
    when ``r`` is not in the range of ``A``. Gaussian elimination over the rationals."""
    rows, cols = len(A), len(A[0]) if A else 0
    G = [[sum((A[i][k] * A[j][k] for k in range(cols) if A[i][k] and A[j][k]), Fraction(0)) for j in range(rows)]
         + [r[i]] for i in range(rows)]
    pivots: list[int] = []
    row = 0
    for col in range(rows):
        piv = next((i for i in range(row, rows) if G[i][col] != 0), None)
        if piv is None:
            continue
        G[row], G[piv] = G[piv], G[row]
        inv = 1 / G[row][col]
        G[row] = [v * inv for v in G[row]]
        for i in range(rows):
            if i != row and G[i][col] != 0:
                f = G[i][col]
                G[i] = [a - f * b for a, b in zip(G[i], G[row])]
        pivots.append(col)
        row += 1
    if any(G[i][rows] != 0 for i in range(row, rows)):
        return None
    y = [Fraction(0)] * rows
    for i, col in enumerate(pivots):
        y[col] = G[i][rows]
    return [sum((A[i][k] * y[i] for i in range(rows) if A[i][k] and y[i]), Fraction(0)) for k in range(cols)]


__all__ = ["solve_min_norm", "rationalise", "nearest", "add_to", "multiply", "project_gram", "Monomial", "Poly"]
