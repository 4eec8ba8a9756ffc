"""The rules of the spectral-mapping facts: eigenvalues of a power or a polynomial of a symmetric matrix.

For ``K`` symmetric, ``K = Q diag(lambda_i) Q^T`` (spectral theorem), so ``p(K) = Q diag(p(lambda_i)) Q^T``:
the eigenvalues of ``p(K)`` are the ``p(lambda_i)``. Only ``lambda_min(K)`` and ``lambda_max(K)`` are named
terms, so a rule states what those two determine: ``p(lambda_min(K))`` and ``p(lambda_max(K))`` are
eigenvalues of ``p(K)``; for a power ``M^k``, ``||M^k||_op = ||M||_op^k`` and the monotone cases; for a
quadratic, the convex (concave) side is attained at an end of ``[lambda_min(K), lambda_max(K)]``, the other
side is bounded by the vertex. Each rule answers ``[]`` unless the symmetric structure is certain by form
(``verify.core.matrix_forms.is_symmetric``). The facts are ``spectrum_power`` and ``spectrum_polynomial`` of
``verify.core.matrix_facts``.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from . import linalg as la
from .matrix_forms import coefficient, factors, is_symmetric, summands


def _power(M: Any) -> tuple[Any, sp.Expr] | None:
    """``(B, k)`` when ``M = B^k`` with ``B`` symmetric by form and ``k`` a non-negative integer."""
    if not isinstance(M, sp.MatPow):
        return None
    B, k = M.args
    if not (sp.sympify(k).is_integer and sp.sympify(k).is_nonnegative) or not is_symmetric(B):
        return None
    return B, sp.sympify(k)


def rule_spectrum_power(t: Any) -> list:
    form = _power(t.args[0])
    if form is None:
        return []
    B, k = form
    if isinstance(t, la.OpNorm):  # the largest |lambda_i|^k is (the largest |lambda_i|)^k
        return [sp.Eq(t, la.OpNorm(B) ** k)]
    low, high = la.LambdaMin(B), la.LambdaMax(B)
    if la.is_psd(B):  # lambda_i >= 0: x^k is non-decreasing there
        return [sp.Eq(t, (low if isinstance(t, la.LambdaMin) else high) ** k)]
    if not k.is_Integer:
        return []
    if int(k) % 2:  # x^k increasing on the reals
        return [sp.Eq(t, (low if isinstance(t, la.LambdaMin) else high) ** k)]
    if isinstance(t, la.LambdaMax):  # even k: the largest lambda_i^k is the largest |lambda_i|^k
        return [sp.Eq(t, la.OpNorm(B) ** k)]
    return [t >= 0, t <= low ** k, t <= high ** k]  # even k: lambda_min(K)^k and lambda_max(K)^k are eigenvalues


def _degree(m: Any, K: Any) -> int | None:
    """``j`` when ``m`` is ``K^j`` (``I`` for ``j = 0``, ``K``, ``K**j`` or a product of ``j`` copies of K)."""
    if isinstance(m, sp.Identity):
        return 0
    if m == K:
        return 1
    if isinstance(m, sp.MatPow) and m.args[0] == K and m.args[1].is_Integer and int(m.args[1]) >= 1:
        return int(m.args[1])
    kf, mf = factors(K), factors(m)
    if len(mf) > len(kf) and len(mf) % len(kf) == 0 and mf == kf * (len(mf) // len(kf)):
        return len(mf) // len(kf)
    return None


def polynomial(P: Any) -> tuple[Any, dict[int, sp.Expr]] | None:
    """``(K, {j: c_j})`` when ``P = sum_j c_j K^j`` has degree at least 2 in one matrix ``K`` (symmetric by
    form, not a multiple of the identity); else None."""
    terms = [coefficient(s) for s in summands(P)]
    bases = [m.args[0] if isinstance(m, sp.MatPow) else m for _, m in terms if not isinstance(m, sp.Identity)]
    if not bases:
        return None
    K = min(bases, key=lambda b: len(factors(b)))  # K itself, or the base of its powers
    if isinstance(K, sp.Identity) or not is_symmetric(K):
        return None
    coeffs: dict[int, sp.Expr] = {}
    for c, m in terms:
        j = _degree(m, K)
        if j is None:
            return None
        coeffs[j] = coeffs.get(j, sp.Integer(0)) + c
    return (K, coeffs) if max(coeffs) >= 2 else None


def rule_spectrum_polynomial(t: Any) -> list:
    form = polynomial(t.args[0])
    if form is None:
        return []
    K, coeffs = form

    def p(x: Any) -> sp.Expr:
        return sp.Add(*[c * x ** j for j, c in coeffs.items()])

    ends = [p(la.LambdaMin(K)), p(la.LambdaMax(K))]
    if isinstance(t, la.OpNorm):
        return [t >= sp.Abs(v, evaluate=False) for v in ends]
    lowest = isinstance(t, la.LambdaMin)
    out = [t <= v for v in ends] if lowest else [t >= v for v in ends]
    if max(coeffs) != 2:
        return out
    a, b, c = (coeffs.get(j, sp.Integer(0)) for j in (0, 1, 2))
    # convex (c >= 0): every lambda_i lies between the two ends, so p(lambda_i) <= the larger end value
    if (c.is_nonnegative and not lowest) or (c.is_nonpositive and lowest):
        out.append(sp.Eq(t, (sp.Min if lowest else sp.Max)(*ends, evaluate=False)))
    elif c.is_positive and lowest:  # p(x) >= its value at the vertex -b/(2c)
        out.append(t >= a - b ** 2 / (4 * c))
    elif c.is_negative and not lowest:
        out.append(t <= a - b ** 2 / (4 * c))
    return out


__all__ = ["rule_spectrum_power", "rule_spectrum_polynomial", "polynomial"]
