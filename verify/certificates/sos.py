"""The SOS search: an SDP (cvxpy with Clarabel, or SCS) that proposes a certificate for the core to check.

For ``g >= 0`` from ``h_i >= 0`` and ``e_j == 0`` (a ``verify.core.certificates.PolynomialProblem``) it
looks for ``lam_k >= 0`` on the hypotheses and their pairwise products (those of degree at most ``2d``),
polynomial multipliers ``p_j`` of the equalities and a PSD Gram matrix ``Q`` on the monomials ``z`` of
degree at most ``d`` with

    g = sum_k lam_k P_k + sum_j p_j e_j + z^T Q z + c,     2d = the even degree bound of the problem,

maximising ``t`` with ``Q - t I`` PSD (an interior Gram matrix survives rounding), and for a strict goal
also ``c + sum of the strict lam_k``. The floats are then made rational: rounded to fractions of growing
denominators, the Gram matrix projected exactly onto the identity's affine space
(``rational.project_gram``), and the first rounding whose ``Q`` passes the exact ``L D L^T`` test is
proposed. The core (``verify.core.certificates.check_certificate``) checks it again from scratch.
"""
from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations_with_replacement

import numpy as np
import sympy as sp

from ..core.certificates import PolynomialProblem, Proposal, SOSCertificate, ldl
from .rational import Monomial, Poly, add_to, multiply, nearest, project_gram

#: largest Gram basis (monomials of degree <= d) the search will set up
MAX_BASIS = 45
#: denominators tried when rounding the solver's floats, smallest first (simple certificates read better)
DENOMINATORS = (1, 2, 4, 12, 60, 10**3, 10**4, 10**6, 10**8, 10**10)
SOLVER = "CLARABEL"


def _monomials(n: int, degree: int) -> list[Monomial]:
    """Exponent vectors of total degree <= ``degree`` in ``n`` variables, by degree."""
    out: list[Monomial] = [(0,) * n]
    for d in range(1, degree + 1):
        for combo in combinations_with_replacement(range(n), d):
            m = [0] * n
            for i in combo:
                m[i] += 1
            out.append(tuple(m))
    return out


def _poly(expr: sp.Expr, variables: tuple) -> Poly:
    if not variables:
        v = sp.Rational(expr)
        return {(): Fraction(int(v.p), int(v.q))} if v != 0 else {}
    return {m: Fraction(int(c.p), int(c.q)) for m, c in sp.Poly(expr, *variables, domain="QQ").terms()}


def _degree(p: Poly) -> int:
    return max((sum(m) for m in p), default=0)


def _scale(p: Poly) -> Fraction:
    return max((abs(c) for c in p.values()), default=Fraction(1)) or Fraction(1)


def _expr(m: Monomial, variables: tuple) -> sp.Expr:
    return sp.Mul(*[v ** e for v, e in zip(variables, m)])


class _Setup:
    """The SDP's data: candidate products, equality multiplier monomials, the Gram basis, the monomials."""

    def __init__(self, problem: PolynomialProblem) -> None:
        self.problem = problem
        v = problem.variables
        self.n = len(v)
        self.goal = _poly(problem.goal, v)
        hyps = [(_poly(h, v), strict) for h, strict in problem.inequalities]
        eqs = [_poly(e, v) for e in problem.equalities]
        degree = max([2, _degree(self.goal)] + [_degree(h) for h, _ in hyps] + [_degree(e) for e in eqs])
        self.half = (degree + 1) // 2
        self.degree = 2 * self.half
        self.candidates: list[tuple[tuple[int, ...], Poly, bool]] = []
        for i, (h, s) in enumerate(hyps):
            self.candidates.append(((i,), h, s))
        for i, j in combinations_with_replacement(range(len(hyps)), 2):
            if _degree(hyps[i][0]) + _degree(hyps[j][0]) <= self.degree:
                self.candidates.append(((i, j), multiply(hyps[i][0], hyps[j][0]), hyps[i][1] and hyps[j][1]))
        self.eqs = eqs
        self.eq_monomials = [_monomials(self.n, self.degree - _degree(e)) for e in eqs]
        self.basis = _monomials(self.n, self.half)


def _solve(setup: _Setup, seconds: float, solver: str):
    """The floats (lam', p', c', Q') in scaled units, or a string saying why there are none."""
    import cvxpy as cp

    m = len(setup.basis)
    rows: dict[Monomial, int] = {}

    def row(mono: Monomial) -> int:
        return rows.setdefault(mono, len(rows))

    lam_cols, p_cols, q_cols = [], [], []   # (row, col, value)
    cand_scale = [_scale(p) for _, p, _ in setup.candidates]
    for k, (_, p, _) in enumerate(setup.candidates):
        for mono, c in p.items():
            lam_cols.append((row(mono), k, float(c / cand_scale[k])))
    eq_scale = [_scale(e) for e in setup.eqs]
    n_p = 0
    for j, (e, monos) in enumerate(zip(setup.eqs, setup.eq_monomials)):
        for mono in monos:
            for me, c in e.items():
                p_cols.append((row(tuple(a + b for a, b in zip(me, mono))), n_p, float(c / eq_scale[j])))
            n_p += 1
    for a, ma in enumerate(setup.basis):
        for b, mb in enumerate(setup.basis):
            q_cols.append((row(tuple(x + y for x, y in zip(ma, mb))), a + b * m, 1.0))
    goal_scale = _scale(setup.goal)
    const = row((0,) * setup.n)
    for mono in setup.goal:
        row(mono)
    n_rows = len(rows)
    rhs = np.zeros(n_rows)
    for mono, c in setup.goal.items():
        rhs[rows[mono]] = float(c / goal_scale)

    def dense(entries, cols):
        A = np.zeros((n_rows, max(cols, 1)))
        for r, c, v in entries:
            A[r, c] += v
        return A

    K = len(setup.candidates)
    lam = cp.Variable(max(K, 1), nonneg=True)
    p = cp.Variable(max(n_p, 1))
    c = cp.Variable(nonneg=True)
    Q = cp.Variable((m, m), symmetric=True)
    t = cp.Variable()
    e0 = np.zeros(n_rows)
    e0[const] = 1.0
    expr = dense(lam_cols, K) @ lam + dense(q_cols, m * m) @ cp.vec(Q, order="F") + e0 * c
    if n_p:
        expr = expr + dense(p_cols, n_p) @ p
    constraints = [expr == rhs, Q - t * np.eye(m) >> 0, t >= 0, t <= 1]
    if K == 0:
        constraints.append(lam == 0)
    objective = t
    if setup.problem.strict:
        strict = [k for k, cand in enumerate(setup.candidates) if cand[2]]
        s = c + (cp.sum(lam[strict]) if strict else 0)
        constraints.append(s <= 1)
        objective = t + s
    prob = cp.Problem(cp.Maximize(objective), constraints)
    opts = {"time_limit": max(seconds, 0.01)} if solver == "CLARABEL" else {"time_limit_secs": max(seconds, 0.01)}
    try:
        prob.solve(solver=solver, **opts)
    except cp.error.SolverError as exc:
        return f"{solver} failed: {exc}"
    if prob.status not in ("optimal", "optimal_inaccurate"):
        return f"{solver}: {prob.status}"
    scale_lam = [float(goal_scale / s) for s in cand_scale]
    return {"lam": [float(x) for x in np.atleast_1d(lam.value)][:K], "p": [float(x) for x in np.atleast_1d(p.value)][:n_p] if n_p else [],
            "c": float(c.value), "Q": np.asarray(Q.value, dtype=float), "t": float(t.value),
            "goal_scale": goal_scale, "cand_scale": cand_scale, "eq_scale": eq_scale, "status": prob.status,
            "scale_lam": scale_lam}


def _rationalised(setup: _Setup, x: dict, bound: int) -> SOSCertificate | None:
    """Round at ``bound``, project the Gram matrix exactly; the certificate if its Gram matrix is PSD."""
    gs = x["goal_scale"]
    tol = 1e-9
    lam = [nearest(v, bound, tol) * gs / s for v, s in zip(x["lam"], x["cand_scale"])]
    lam = [max(v, Fraction(0)) for v in lam]
    c = max(nearest(x["c"], bound, tol), Fraction(0)) * gs
    m = len(setup.basis)
    Q = [[nearest(float((x["Q"][a, b] + x["Q"][b, a]) / 2), bound, tol) * gs for b in range(m)] for a in range(m)]
    residual: Poly = dict(setup.goal)
    for v, (_, p, _) in zip(lam, setup.candidates):
        if v:
            add_to(residual, p, -v)
    p_polys: list[Poly] = []
    k = 0
    for j, (e, monos) in enumerate(zip(setup.eqs, setup.eq_monomials)):
        pj: Poly = {}
        for mono in monos:
            v = nearest(x["p"][k], bound, tol) * gs / x["eq_scale"][j]
            k += 1
            if v:
                pj[mono] = v
        p_polys.append(pj)
        add_to(residual, multiply(pj, e), Fraction(-1))
    if c:
        add_to(residual, {(0,) * setup.n: c}, Fraction(-1))
    for a, ma in enumerate(setup.basis):
        for b, mb in enumerate(setup.basis):
            if Q[a][b]:
                add_to(residual, {tuple(u + w for u, w in zip(ma, mb)): Q[a][b]}, Fraction(-1))
    Q = project_gram(Q, setup.basis, residual)
    if Q is None:
        return None
    strict_support = any(l and strict for l, (_, _, strict) in zip(lam, setup.candidates))
    if setup.problem.strict and not c and not strict_support and x["t"] > 0:
        # a strict goal needs a visible positive constant: move part of the margin out of Q's 1 x 1 entry
        shift = nearest(x["t"] / 2, max(bound, 100)) * gs
        Q[0][0] -= shift
        c += shift
    gram = sp.Matrix(m, m, lambda a, b: sp.Rational(Q[a][b].numerator, Q[a][b].denominator))
    if ldl(gram) is None:
        return None
    v = setup.problem.variables
    return SOSCertificate(
        products=tuple((idx, sp.Rational(l.numerator, l.denominator)) for (idx, _, _), l in zip(setup.candidates, lam) if l),
        equality_multipliers=tuple(sp.Add(*[sp.Rational(q.numerator, q.denominator) * _expr(mono, v)
                                            for mono, q in pj.items()]) for pj in p_polys),
        basis=tuple(_expr(mono, v) for mono in setup.basis),
        gram=gram, constant=sp.Rational(c.numerator, c.denominator))


def propose(problem: PolynomialProblem, seconds: float, solver: str = SOLVER) -> Proposal:
    """Search a certificate for ``problem`` within ``seconds``; a ``Proposal`` whose note says what happened."""
    start = time.monotonic()
    try:
        import cvxpy  # noqa: F401
    except ImportError:
        return Proposal(None, "cvxpy is not installed (pip install cvxpy clarabel): no SOS search")
    setup = _Setup(problem)
    if len(setup.basis) > MAX_BASIS:
        return Proposal(None, f"Gram basis of {len(setup.basis)} monomials exceeds {MAX_BASIS}: not searched")
    left = seconds - (time.monotonic() - start)
    if left <= 0.01:
        return Proposal(None, "time limit reached before the solve")
    x = _solve(setup, left, solver)
    if isinstance(x, str):
        return Proposal(None, x + f" (degree {setup.degree}, basis {len(setup.basis)}, "
                                  f"{len(setup.candidates)} products)", {"seconds": time.monotonic() - start})
    for bound in DENOMINATORS:
        if time.monotonic() - start > seconds:
            return Proposal(None, f"{solver} solved ({x['status']}), rounding ran out of time")
        cert = _rationalised(setup, x, bound)
        if cert is not None:
            info = {"solver": solver, "status": x["status"], "margin": x["t"], "denominator_bound": bound,
                    "degree": setup.degree, "basis": len(setup.basis), "seconds": round(time.monotonic() - start, 3)}
            return Proposal(cert, f"found by {solver} (degree {setup.degree}, margin {x['t']:.2g}), rounded to "
                                  f"denominators <= {bound} and projected exactly", info)
    return Proposal(None, f"{solver} solved ({x['status']}, margin {x['t']:.2g}) but no rounding gave an exactly "
                          f"PSD Gram matrix", {"seconds": time.monotonic() - start})


__all__ = ["propose", "MAX_BASIS", "DENOMINATORS"]
