"""The SOS search: an SDP (cvxpy with Clarabel, or SCS) that proposes a certificate for the core to check.

For ``g >= 0`` from ``h_i >= 0`` and ``e_j == 0`` (a ``verify.core.certificates.PolynomialProblem``) it
looks for ``lam_k >= 0`` on the hypotheses and their pairwise products (those of degree at most ``2d``),
polynomial multipliers ``p_j`` of the equalities and a PSD Gram matrix ``Q`` on the monomials ``z`` of
degree at most ``d`` with

    g = sum_k lam_k P_k + sum_j p_j e_j + z^T Q z + c,     2d = the even degree bound of the problem,

maximising ``t`` with ``Q - t I`` PSD (an interior Gram matrix survives rounding), and for a strict goal
also ``c + sum of the strict lam_k``. The floats are then made rational (``rounding``): rounded to
fractions of growing denominators, projected exactly onto the identity's affine space, and the first
rounding whose ``Q`` passes the exact ``L D L^T`` test is proposed; a Gram matrix with a kernel is first
reduced to its face. The core (``verify.core.certificates.check_certificate``) checks it again from
scratch.

Problems with parameters get a second search when this one fails: ``verify.certificates.parametric``.
"""
from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations_with_replacement

import numpy as np
import sympy as sp

from ..core.certificates import PolynomialProblem, Proposal
from .rational import Monomial, Poly, multiply
from .rounding import face, rationalised

#: largest Gram basis (monomials of degree <= d) the search will set up
MAX_BASIS = 45
#: denominators tried when rounding the solver's floats, smallest first (simple certificates read better)
DENOMINATORS = (1, 12, 10**3, 10**6, 10**9)
SOLVER = "CLARABEL"
#: how much of a strict goal the constant and the strict hypotheses must carry (in the goal's units)
STRICT_SLACK = 1e-2
#: at most this many rounds of facial reduction (``rounding.face``)
FACES = 2


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


def _half_newton(basis: list[Monomial], polys: list[Poly]) -> list[Monomial]:
    """The basis monomials ``m`` with ``2m`` in the convex hull of the polynomials' supports (Reznick: a
    square's terms lie in half the Newton polytope of what it represents; the SOS part is a combination of
    these polynomials, so its support lies in their hull). A linear feasibility problem per monomial."""
    from scipy.optimize import linprog

    support = sorted({m for p in polys for m in p})
    if not support or len(basis) <= 1:
        return basis
    pts = np.array(support, dtype=float).T          # n x |S|
    A_eq = np.vstack([pts, np.ones((1, pts.shape[1]))])
    keep = []
    for m in basis:
        b_eq = np.concatenate([2 * np.array(m, dtype=float), [1.0]])
        res = linprog(np.zeros(pts.shape[1]), A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if res.status == 0:
            keep.append(m)
    return keep or basis[:1]


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
        if not eqs:
            self.basis = _half_newton(self.basis, [self.goal] + [p for _, p, _ in self.candidates])


def _products(W: list[Poly]) -> dict[tuple[int, int], Poly]:
    """``w_a w_b`` for ``a <= b``."""
    return {(a, b): multiply(W[a], W[b]) for a in range(len(W)) for b in range(a, len(W))}


def _columns(setup: _Setup, W: list[Poly]) -> tuple[list[tuple[str, object, Poly]], int]:
    """The unknowns of the identity and the polynomial each multiplies: ``("lam", k)``, ``("p", (j, mono))``,
    ``("c", None)``, ``("Q", (a, b))`` with ``a <= b`` (an off-diagonal entry counts twice)."""
    cols: list[tuple[str, object, Poly]] = [("lam", k, p) for k, (_, p, _) in enumerate(setup.candidates)]
    for j, (e, monos) in enumerate(zip(setup.eqs, setup.eq_monomials)):
        cols += [("p", (j, mono), multiply(e, {mono: Fraction(1)})) for mono in monos]
    cols.append(("c", None, {(0,) * setup.n: Fraction(1)}))
    for (a, b), prod in _products(W).items():
        cols.append(("Q", (a, b), prod if a == b else {m: 2 * v for m, v in prod.items()}))
    return cols, len(W)


def _solve(setup: _Setup, W: list[Poly], seconds: float, solver: str, canonical: bool = False):
    """The SDP over the Gram basis ``W``: floats by column (in the goal's units), or why there are none.

    ``canonical``: instead of the largest margin, the least ``trace Q + sum of the multipliers`` (a linear
    objective, so that the answer is a vertex-like point of the feasible set: the parametric search fits
    rational functions to these answers across parameter points)."""
    import cvxpy as cp

    cols, m = _columns(setup, W)
    rows: dict[Monomial, int] = {}
    for _, _, poly in cols:
        for mono in poly:
            rows.setdefault(mono, len(rows))
    for mono in setup.goal:
        rows.setdefault(mono, len(rows))
    goal_scale = _scale(setup.goal)
    # the Gram entries are not rescaled: Q itself must be PSD
    col_scale = [Fraction(1) if kind == "Q" else _scale(poly) for kind, _, poly in cols]
    A = np.zeros((len(rows), len(cols)))
    for k, (_, _, poly) in enumerate(cols):
        for mono, v in poly.items():
            A[rows[mono], k] = float(v / col_scale[k])
    rhs = np.zeros(len(rows))
    for mono, v in setup.goal.items():
        rhs[rows[mono]] = float(v / goal_scale)
    kinds = [kind for kind, _, _ in cols]
    n_free = sum(kind != "Q" for kind in kinds)
    u = cp.Variable(n_free)
    Q = cp.Variable((m, m), symmetric=True)
    t = cp.Variable()
    q_index = [(key, k) for k, (kind, key, _) in enumerate(cols) if kind == "Q"]
    AQ = np.zeros((len(rows), m * m))   # on vec(Q) (column-major): (a, b) and (b, a) each carry w_a w_b once
    for (a, b), k in q_index:
        col = A[:, k] / (1.0 if a == b else 2.0)
        AQ[:, a + b * m] += col
        if a != b:
            AQ[:, b + a * m] += col
    expr = A[:, :n_free] @ u + AQ @ cp.vec(Q, order="F")
    constraints = [expr == rhs, Q - t * np.eye(m) >> 0, t >= 0, t <= 1]
    nonneg = [k for k, kind in enumerate(kinds) if kind in ("lam", "c")]
    constraints.append(u[nonneg] >= 0)
    objective = t
    if canonical:
        constraints.append(t == 0)
        # the constant c and the Gram entry of 1 * 1 add the same to the identity: weighting c twice puts
        # it at 0 instead of an arbitrary split of the tie (which no rational function of the parameters fits)
        weights = np.array([2.0 if kinds[k] == "c" else 1.0 for k in nonneg])
        objective = -(cp.trace(Q) + weights @ u[nonneg]) / max(m, 1)
    if setup.problem.strict:
        strict = [k for k, (kind, key, _) in enumerate(cols) if kind == "c"
                  or (kind == "lam" and setup.candidates[key][2])]
        s = cp.Variable()
        constraints += [s <= cp.sum(u[strict]), s <= STRICT_SLACK]
        objective = objective + s
    prob = cp.Problem(cp.Maximize(objective), constraints)
    opts = {"time_limit": max(seconds, 0.01)} if solver == "CLARABEL" else {"time_limit_secs": max(seconds, 0.01)}
    try:
        prob.solve(solver=solver, **opts)
    except cp.error.SolverError as exc:
        return f"{solver} failed: {exc}"
    if prob.status not in ("optimal", "optimal_inaccurate"):
        return f"{solver}: {prob.status}"
    values = [float(v) for v in u.value] + [float(Q.value[a, b]) for (a, b), _ in q_index]
    # unscale: column k multiplies poly_k / col_scale[k] in the goal divided by goal_scale
    values = [v * float(goal_scale / s) for v, s in zip(values, col_scale)]
    return {"cols": cols, "values": values, "Q": np.asarray(Q.value, dtype=float) * float(goal_scale),
            "t": float(t.value), "status": prob.status, "scales": (goal_scale, col_scale)}


def propose_constant(problem: PolynomialProblem, seconds: float, solver: str = SOLVER) -> Proposal:
    """Search a certificate for ``problem`` within ``seconds``; a ``Proposal`` whose note says what happened."""
    try:
        import cvxpy  # noqa: F401  (its first import takes a second or more: not charged to the search)
    except ImportError:
        return Proposal(None, "cvxpy is not installed (pip install cvxpy clarabel): no SOS search")
    start = time.monotonic()
    setup = _Setup(problem)
    if len(setup.basis) > MAX_BASIS:
        return Proposal(None, f"Gram basis of {len(setup.basis)} monomials exceeds {MAX_BASIS}: not searched")
    W: list[Poly] = [{mono: Fraction(1)} for mono in setup.basis]
    shape = f"degree {setup.degree}, basis {len(W)}, {len(setup.candidates)} products"
    last = ""
    for stage in range(FACES + 1):
        left = seconds - (time.monotonic() - start)
        if left <= 0.01:
            return Proposal(None, f"time limit of {seconds:.1f} s reached ({shape}){last}",
                            {"seconds": time.monotonic() - start})
        x = _solve(setup, W, left, solver)
        if isinstance(x, str):
            return Proposal(None, f"{x} ({shape}){last}", {"seconds": time.monotonic() - start})
        for bound in DENOMINATORS:
            if time.monotonic() - start > seconds:
                return Proposal(None, f"time limit of {seconds:.1f} s reached while rounding ({shape})",
                                {"seconds": time.monotonic() - start})
            found = rationalised(setup, W, x, bound)
            if found is not None:
                cert, _ = found
                info = {"solver": solver, "status": x["status"], "margin": x["t"], "denominator_bound": bound,
                        "degree": setup.degree, "basis": len(W), "faces": stage,
                        "seconds": round(time.monotonic() - start, 3)}
                return Proposal(cert, f"found by {solver} ({shape}, margin {x['t']:.2g}"
                                      + (f", after {stage} facial reduction(s) to a basis of {len(W)}" if stage else "")
                                      + f"), rounded to denominators <= {bound} and projected exactly", info)
        W2 = face(x["Q"], W)
        if W2 is None:
            break
        last = f"; after {stage + 1} facial reduction(s), basis {len(W2)}"
        W = W2
    return Proposal(None, f"{solver} solved ({shape}) but no rounding gave an exactly PSD Gram matrix{last}",
                    {"seconds": time.monotonic() - start})


__all__ = ["propose_constant", "MAX_BASIS", "DENOMINATORS"]
