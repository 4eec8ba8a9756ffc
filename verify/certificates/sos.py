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
from .rational import Monomial, Poly, add_to, multiply, nearest, project_gram, solve_min_norm

#: largest Gram basis (monomials of degree <= d) the search will set up
MAX_BASIS = 45
#: denominators tried when rounding the solver's floats, smallest first (simple certificates read better)
DENOMINATORS = (1, 12, 10**3, 10**6, 10**9)
SOLVER = "CLARABEL"
#: how much of a strict goal the constant and the strict hypotheses must carry (in the goal's units)
STRICT_SLACK = 1e-2
#: eigenvalues below this (relative) are the Gram matrix's kernel in facial reduction; at most FACES rounds
KERNEL_TOL = 1e-6
FACES = 2
#: the exact least-norm projection (after facial reduction) is skipped above this many monomials
MAX_EXACT_ROWS = 100


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


def _solve(setup: _Setup, W: list[Poly], seconds: float, solver: str):
    """The SDP over the Gram basis ``W``: floats by column (in the goal's units), or why there are none."""
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
    if setup.problem.strict:
        strict = [k for k, (kind, key, _) in enumerate(cols) if kind == "c"
                  or (kind == "lam" and setup.candidates[key][2])]
        s = cp.Variable()
        constraints += [s <= cp.sum(u[strict]), s <= STRICT_SLACK]
        objective = t + s
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


def _round(v: float, bound: int, tol: float = 1e-7) -> Fraction:
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


def _rationalised(setup: _Setup, W: list[Poly], x: dict, bound: int) -> tuple[SOSCertificate, int] | None:
    """Round at ``bound``, project every unknown exactly onto the identity (least-norm change; a
    multiplier rounded to 0 stays 0), then the certificate if its signs hold and its Gram matrix is PSD."""
    goal_scale, col_scale = x["scales"]
    cols = x["cols"]
    # round in the solver's units (relative to each column's scale), then back to exact units
    u0 = [_round(v * float(s / goal_scale), bound) * goal_scale / s for v, s in zip(x["values"], col_scale)]
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


def _face(Q: np.ndarray, W: list[Poly]) -> list[Poly] | None:
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


def propose(problem: PolynomialProblem, seconds: float, solver: str = SOLVER) -> Proposal:
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
            found = _rationalised(setup, W, x, bound)
            if found is not None:
                cert, _ = found
                info = {"solver": solver, "status": x["status"], "margin": x["t"], "denominator_bound": bound,
                        "degree": setup.degree, "basis": len(W), "faces": stage,
                        "seconds": round(time.monotonic() - start, 3)}
                return Proposal(cert, f"found by {solver} ({shape}, margin {x['t']:.2g}"
                                      + (f", after {stage} facial reduction(s) to a basis of {len(W)}" if stage else "")
                                      + f"), rounded to denominators <= {bound} and projected exactly", info)
        W2 = _face(x["Q"], W)
        if W2 is None:
            break
        last = f"; after {stage + 1} facial reduction(s), basis {len(W2)}"
        W = W2
    return Proposal(None, f"{solver} solved ({shape}) but no rounding gave an exactly PSD Gram matrix{last}",
                    {"seconds": time.monotonic() - start})


__all__ = ["propose", "MAX_BASIS", "DENOMINATORS"]
