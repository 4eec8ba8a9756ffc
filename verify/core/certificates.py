"""Sum-of-squares certificates, checked exactly: the core's half of the SOS procedure.

A polynomial problem (``PolynomialProblem``) asks for ``g >= 0`` (or ``g > 0``) from inequalities
``h_i >= 0`` (some strict) and equalities ``e_j == 0`` over real variables. A certificate
(``SOSCertificate``) is

    g = sum_k lam_k prod(h_i : i in S_k) + sum_j p_j e_j + z^T Q z + c

with rational ``lam_k >= 0`` on products of at most two hypotheses (a degree-2 Positivstellensatz),
polynomials ``p_j`` with rational coefficients, a rational symmetric ``Q`` that is PSD and a vector
``z`` of polynomials, and a rational ``c >= 0``. Where the hypotheses hold every term on the right is
``>= 0`` (the equality terms vanish), so ``g >= 0``; for a strict goal ``c > 0`` or some ``lam_k > 0``
on a product of strict hypotheses is required. ``check_certificate`` verifies all of it in rational
arithmetic: the identity by expansion over QQ, ``Q`` PSD by an exact ``L D L^T`` factorisation
(``D >= 0``). Who found the certificate (an SDP solver, outside the core) is never trusted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Sequence

import sympy as sp


@dataclass(frozen=True)
class PolynomialProblem:
    """``goal >= 0`` (``> 0`` if ``strict``) from ``inequalities`` (``(h, strict)``: ``h >= 0`` or
    ``h > 0``) and ``equalities`` (``e == 0``), all polynomials with rational coefficients in the real
    ``variables``."""

    variables: tuple[sp.Symbol, ...]
    goal: sp.Expr
    strict: bool = False
    inequalities: tuple[tuple[sp.Expr, bool], ...] = ()
    equalities: tuple[sp.Expr, ...] = ()
    name: str = ""

    def describe(self) -> str:
        hyps = [f"{h} {'>' if s else '>='} 0" for h, s in self.inequalities] + [f"{e} == 0" for e in self.equalities]
        return f"{self.goal} {'>' if self.strict else '>='} 0 from " + ("; ".join(hyps) if hyps else "nothing")


@dataclass(frozen=True)
class SOSCertificate:
    """``goal = sum lam_k prod(h_i, i in products[k]) + sum p_j e_j + basis^T gram basis + constant``."""

    products: tuple[tuple[tuple[int, ...], sp.Rational], ...]
    equality_multipliers: tuple[sp.Expr, ...]
    basis: tuple[sp.Expr, ...]
    gram: sp.Matrix
    constant: sp.Rational = sp.Integer(0)


@dataclass
class Proposal:
    """What a proposer (an SDP search outside the core) returns: a certificate or None, and what it did."""

    certificate: SOSCertificate | None
    note: str
    data: dict = field(default_factory=dict)


#: ``proposer(problem, seconds) -> Proposal``: searches a certificate; the core checks what it returns
Proposer = Callable[[PolynomialProblem, float], Proposal]


@dataclass
class CertificateCheck:
    """The exact verdict on a certificate: ``ok``, or the first reason it fails; the ``L D L^T`` of ``Q``."""

    ok: bool
    reason: str = ""
    squares: list[tuple[sp.Rational, sp.Expr]] = field(default_factory=list)


def _rational(x: object) -> sp.Rational | None:
    try:
        r = sp.sympify(x)
    except (sp.SympifyError, TypeError):
        return None
    return r if isinstance(r, sp.Rational) else None


def _rational_polynomial(p: sp.Expr, variables: Sequence[sp.Symbol]) -> bool:
    """``p`` is a polynomial with rational coefficients in ``variables`` (and nothing else)."""
    p = sp.sympify(p)
    if not p.free_symbols <= set(variables):
        return False
    if not variables:
        return p.is_Rational
    try:
        sp.Poly(p, *variables, domain="QQ")
    except (sp.PolynomialError, sp.polys.polyerrors.CoercionFailed, sp.GeneratorsNeeded):
        return False
    return True


def ldl(Q: sp.Matrix) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """``Q = L D L^T`` exactly (``L`` unit lower triangular) when ``Q`` is PSD, else None.

    Semidefinite pivoting: a zero pivot needs a zero column below it (else ``Q`` is indefinite)."""
    n = Q.rows
    A = [[Fraction(int(sp.Rational(Q[i, j]).p), int(sp.Rational(Q[i, j]).q)) for j in range(n)] for i in range(n)]
    L = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    D: list[Fraction] = []
    for k in range(n):
        d = A[k][k]
        if d < 0:
            return None
        if d == 0:
            if any(A[i][k] != 0 for i in range(k + 1, n)):
                return None
            D.append(Fraction(0))
            continue
        D.append(d)
        for i in range(k + 1, n):
            L[i][k] = A[i][k] / d
        for i in range(k + 1, n):
            if A[i][k] == 0:
                continue
            for j in range(k + 1, i + 1):
                A[i][j] -= L[i][k] * A[j][k]
                A[j][i] = A[i][j]
    return D, L


def _validate(problem: PolynomialProblem, cert: SOSCertificate) -> str:
    """The first structural defect of a certificate for ``problem`` ('' when there is none)."""
    variables = problem.variables
    if any(not isinstance(v, sp.Symbol) or v.is_real is False for v in variables):
        return "a variable is not a real symbol"
    m = len(cert.basis)
    if not isinstance(cert.gram, sp.MatrixBase) or cert.gram.shape != (m, m):
        return f"the Gram matrix is not {m} x {m}"
    if any(_rational(q) is None for q in cert.gram):
        return "a Gram entry is not rational"
    if cert.gram != cert.gram.T:
        return "the Gram matrix is not symmetric"
    for idx, lam in cert.products:
        if not 1 <= len(idx) <= 2 or any(not isinstance(i, int) or not 0 <= i < len(problem.inequalities) for i in idx):
            return f"multiplier on {idx}: not a product of one or two hypotheses"
        r = _rational(lam)
        if r is None or r < 0:
            return f"multiplier {lam} of hypotheses {idx} is not a non-negative rational"
    c = _rational(cert.constant)
    if c is None or c < 0:
        return f"constant {cert.constant} is not a non-negative rational"
    if len(cert.equality_multipliers) != len(problem.equalities):
        return "one multiplier per equality is needed"
    for p in (*cert.equality_multipliers, *cert.basis):
        if not _rational_polynomial(p, variables):
            return f"{p} is not a polynomial with rational coefficients in {list(variables)}"
    if problem.strict and c == 0 and not any(
            _rational(lam) > 0 and all(problem.inequalities[i][1] for i in idx) for idx, lam in cert.products):
        return "the goal is strict but no positive constant or strict hypothesis carries it"
    return ""


def certificate_sum(problem: PolynomialProblem, cert: SOSCertificate) -> sp.Expr:
    """The right side of the certificate's identity, expanded."""
    hyps = [h for h, _ in problem.inequalities]
    z = sp.Matrix(cert.basis)
    terms = [sp.Rational(lam) * sp.Mul(*[hyps[i] for i in idx]) for idx, lam in cert.products]
    terms += [p * e for p, e in zip(cert.equality_multipliers, problem.equalities)]
    square = (z.T * cert.gram * z)[0, 0] if cert.basis else sp.Integer(0)
    return sp.expand(sp.Add(*terms) + square + sp.Rational(cert.constant))


def check_certificate(problem: PolynomialProblem, cert: SOSCertificate) -> CertificateCheck:
    """Verify ``cert`` for ``problem`` exactly: structure, signs, ``Q`` PSD (``L D L^T``), the identity."""
    why = _validate(problem, cert)
    if why:
        return CertificateCheck(False, why)
    factored = ldl(cert.gram) if cert.basis else ([], [])
    if factored is None:
        return CertificateCheck(False, "the Gram matrix is not PSD (exact L D L^T has a negative pivot or a zero "
                                       "pivot with a non-zero column)")
    D, L = factored
    gens = problem.variables
    difference = sp.expand(problem.goal - certificate_sum(problem, cert))
    if difference != 0:
        residual = sp.Poly(difference, *gens, domain="QQ") if gens else difference
        return CertificateCheck(False, f"the identity fails: exact residual {residual.as_expr() if gens else residual}")
    n = len(cert.basis)
    squares = []
    for k in range(n):
        if D[k] == 0:
            continue
        lin = sp.Add(*[sp.Rational(L[i][k].numerator, L[i][k].denominator) * cert.basis[i] for i in range(k, n)])
        squares.append((sp.Rational(D[k].numerator, D[k].denominator), lin))
    return CertificateCheck(True, "", squares)


def describe_certificate(problem: PolynomialProblem, cert: SOSCertificate, checked: CertificateCheck) -> str:
    """The identity in words a reader can re-check by hand."""
    hyps = [h for h, _ in problem.inequalities]
    parts = [f"{lam}*" + "*".join(f"({hyps[i]})" for i in idx) for idx, lam in cert.products if lam != 0]
    parts += [f"({p})*({e})" for p, e in zip(cert.equality_multipliers, problem.equalities) if p != 0]
    parts += [f"{d}*({lin})**2" for d, lin in checked.squares]
    if cert.constant != 0:
        parts.append(str(cert.constant))
    return f"{problem.goal} = " + (" + ".join(parts) or "0")


__all__ = ["PolynomialProblem", "SOSCertificate", "Proposal", "Proposer", "CertificateCheck", "check_certificate",
           "certificate_sum", "describe_certificate", "ldl"]
