"""The parametric SOS search: certificates whose multipliers are rational functions of the parameters.

For a ``verify.core.parametric.ParametricProblem`` (variables ``x``, parameters ``p`` with their region
``R``) it

1. picks rational points ``p_1, ..., p_K`` strictly inside ``R`` (a fixed pseudo-random sequence, so the
   search is reproducible);
2. at each point solves the constant SDP in ``x`` alone (``sos._solve`` with the canonical objective: the
   least ``trace Q + sum of the multipliers``, so that each point's answer is one vertex-like point that
   moves with ``p``), on one Gram basis and one list of hypothesis products for all points;
3. fits every unknown (multiplier, Gram entry, constant, equality-multiplier coefficient) by a rational
   function ``N(p)/D(p)`` of low degree (least squares on ``N(p_i) - y_i D(p_i) = 0``, the smallest degrees
   first, checked on all points), rounds its coefficients to simple fractions, and
4. corrects the Gram matrix exactly over QQ(p) so that the identity holds (each monomial's residual spread
   over the Gram entries that produce it).

Nothing here is trusted: ``verify.core.parametric.check_parametric`` proves the identity, the signs and
``Q(p)`` PSD on ``R`` from scratch. A first point whose SDP is infeasible ends the search at once (no
certificate of this shape exists there).
"""
from __future__ import annotations

import importlib
import random
import time
from fractions import Fraction

import numpy as np
import sympy as sp

from ..core.certificates import PolynomialProblem, Proposal
from ..core.parametric import ParametricCertificate, ParametricProblem
from .sos import MAX_BASIS, SOLVER, _monomials, _Setup, _solve

#: parameter points solved before fitting, and at most (more when a fit needs them)
POINTS, MAX_POINTS = 14, 40
#: (numerator degree, denominator degree) of the rational functions tried, fewest coefficients first
MAX_NUMERATOR, MAX_DENOMINATOR = 3, 2
#: a fit is accepted when it matches every point within this (relative to the largest value)
FIT_TOL = 1e-5
#: seconds the fitting may take at most (it runs on graph nodes the constant search left open: kept short)
FIT_SECONDS = 2.5
#: the exact solve of the identity on the support is skipped above this many unknowns
MAX_EXACT_UNKNOWNS = 150
#: denominators tried for the fitted coefficients
COEFFICIENT_BOUNDS = (1, 12, 100, 1000, 10**4)


def _value(expr: sp.Expr, point: dict) -> sp.Rational:
    return sp.Rational(expr.xreplace(point))


def parameter_points(problem: ParametricProblem, count: int, seed: int = 0, tries: int = 4000) -> list[dict]:
    """``count`` rational points where every parameter fact holds strictly (fewer if the sequence runs out)."""
    rng = random.Random(seed)
    facts = [sp.sympify(h) for h, _ in problem.region_facts()]
    out, seen = [], set()
    for _ in range(tries):
        if len(out) >= count:
            break
        values = tuple(sp.Rational(rng.randint(1, 12), rng.randint(1, 12)) for _ in problem.parameters)
        if values in seen:
            continue
        seen.add(values)
        point = dict(zip(problem.parameters, values))
        if all(_value(h, point) > 0 for h in facts):
            out.append(point)
    return out


def _at(problem: ParametricProblem, point: dict, xhyps: list[int]) -> PolynomialProblem:
    base = problem.base
    return PolynomialProblem(problem.variables, sp.expand(base.goal.xreplace(point)), base.strict,
                             tuple((sp.expand(sp.sympify(base.inequalities[i][0]).xreplace(point)),
                                    base.inequalities[i][1]) for i in xhyps),
                             tuple(sp.expand(sp.sympify(e).xreplace(point)) for e in base.equalities), base.name)


def _shape(setup: _Setup) -> tuple:
    return (tuple(setup.basis), tuple(idx for idx, _, _ in setup.candidates),
            tuple(tuple(m) for m in setup.eq_monomials))


def _design(P: np.ndarray, monos: list[tuple[int, ...]]) -> np.ndarray:
    return np.column_stack([np.prod(P ** np.array(m, dtype=float), axis=1) for m in monos])


def fit_rational(P: np.ndarray, y: np.ndarray, parameters: tuple[sp.Symbol, ...]) -> sp.Expr | None:
    """A rational function ``N/D`` of low degree with simple coefficients through the points ``(P[i], y[i])``,
    or None. ``D`` is positive at the points."""
    scale = float(np.max(np.abs(y))) if len(y) else 0.0
    if scale < 1e-9:
        return sp.Integer(0)
    n, K = P.shape[1], P.shape[0]
    pairs = sorted(((dn, dd) for dn in range(MAX_NUMERATOR + 1) for dd in range(MAX_DENOMINATOR + 1)),
                   key=lambda d: (len(_monomials(n, d[0])) + len(_monomials(n, d[1])), d[1]))
    for dn, dd in pairs:
        mn, md = _monomials(n, dn), _monomials(n, dd)
        if len(mn) + len(md) > K - 2:
            break
        An, Ad = _design(P, mn), _design(P, md)
        A = np.hstack([An, -(y / scale)[:, None] * Ad])
        norms = np.linalg.norm(A, axis=0)
        norms[norms == 0] = 1.0
        _, sv, vt = np.linalg.svd(A / norms, full_matrices=False)
        if sv[-1] > 1e-6 * sv[0]:
            continue
        v = vt[-1] / norms
        num, den = v[:len(mn)] * scale, v[len(mn):]
        top = den[np.argmax(np.abs(den))]
        if abs(top) < 1e-12:
            continue
        num, den = num / top, den / top
        if np.any(Ad @ den <= 0):
            num, den = -num, -den
        for bound in COEFFICIENT_BOUNDS:
            qn = [Fraction(float(c)).limit_denominator(bound) for c in num]
            qd = [Fraction(float(c)).limit_denominator(bound) for c in den]
            dv = _design(P, md) @ np.array([float(c) for c in qd])
            if np.any(dv <= 0):
                continue
            pred = (An @ np.array([float(c) for c in qn])) / dv
            if float(np.max(np.abs(pred - y))) <= FIT_TOL * scale:
                def poly(coeffs, monos):
                    return sp.Add(*[sp.Rational(c.numerator, c.denominator)
                                    * sp.Mul(*[s ** e for s, e in zip(parameters, m)]) for c, m in zip(coeffs, monos)])
                return sp.cancel(poly(qn, mn) / poly(qd, md))
    return None


def _monomial_expr(m, variables) -> sp.Expr:
    return sp.Mul(*[v ** e for v, e in zip(variables, m)])


def _exact_gram(problem: ParametricProblem, products, eq_mults, basis_monos, gram: sp.Matrix, constant) -> sp.Matrix | None:
    """``gram`` moved (exactly, over QQ(params)) so that the identity holds; None when some monomial of the
    residual is no product of two basis monomials."""
    base, xs = problem.base, problem.variables
    hyps = [h for h, _ in base.inequalities]
    z = sp.Matrix([_monomial_expr(m, xs) for m in basis_monos])
    total = sp.Add(*[lam * sp.Mul(*[hyps[i] for i in idx]) for idx, lam in products])
    total += sp.Add(*[p * e for p, e in zip(eq_mults, base.equalities)]) + constant
    if basis_monos:
        total += (z.T * gram * z)[0, 0]
    num, den = sp.fraction(sp.together(base.goal - total))
    num = sp.expand(num)
    if num == 0:
        return gram
    pairs: dict = {}
    for a, ma in enumerate(basis_monos):
        for b, mb in enumerate(basis_monos):
            pairs.setdefault(tuple(x + y for x, y in zip(ma, mb)), []).append((a, b))
    out = sp.Matrix(gram)
    for mono, coeff in sp.Poly(num, *xs).terms():
        where = pairs.get(mono)
        if not where:
            return None
        share = coeff / den / len(where)
        for a, b in where:
            out[a, b] = sp.cancel(out[a, b] + share)
    return out


def propose_parametric(problem: ParametricProblem, seconds: float, solver: str = SOLVER) -> Proposal:
    """Search a parametric certificate within ``seconds`` (module docstring); a ``Proposal`` whose note says
    what happened."""
    try:
        importlib.import_module("cvxpy")
    except ImportError:
        return Proposal(None, "cvxpy is not installed (pip install cvxpy clarabel): no parametric SOS search")
    start = time.monotonic()
    seconds = min(seconds, FIT_SECONDS + 1.0)
    xhyps = [i for i in range(len(problem.base.inequalities)) if i not in problem.region]
    points = parameter_points(problem, MAX_POINTS)
    if len(points) < 4:
        return Proposal(None, "too few rational points found strictly inside the parameter region")
    solved: list[tuple[dict, dict]] = []
    shape = setup0 = support = None
    W = None
    for point in points:
        if len(solved) >= POINTS and len(solved) % 6 == POINTS % 6 and _fits(problem, solved) is not None:
            break
        left = seconds - (time.monotonic() - start)
        if left <= 0.05:
            break
        setup = _Setup(_at(problem, point, xhyps))
        if setup0 is None:
            setup0, shape = setup, _shape(setup)
            if len(setup.basis) > MAX_BASIS:
                return Proposal(None, f"Gram basis of {len(setup.basis)} monomials exceeds {MAX_BASIS}")
            W = [{mono: Fraction(1)} for mono in setup.basis]
            support = _support(setup, W, left, solver)
            if isinstance(support, str):
                return Proposal(None, f"at the parameter point {point}: {support}",
                                {"seconds": round(time.monotonic() - start, 3)})
            exact = _exact(problem, setup, xhyps, support)
            if exact is not None:
                return Proposal(exact, f"the multipliers on the support found at {point} solved exactly over "
                                       f"QQ({', '.join(map(str, problem.parameters))}) from the identity (basis "
                                       f"{len(setup.basis)}, {len(support)} products)",
                                {"points": 1, "seconds": round(time.monotonic() - start, 3), "exact": True})
        elif _shape(setup) != shape:
            continue
        setup.candidates = [c for c in setup.candidates if c[0] in support]
        x = _solve(setup, W, left, solver, canonical=True)
        if isinstance(x, str):
            continue
        solved.append((point, x))
    if setup0 is not None:
        setup0.candidates = [c for c in setup0.candidates if c[0] in support]
    info = {"points": len(solved), "seconds": round(time.monotonic() - start, 3)}
    if len(solved) < POINTS:
        return Proposal(None, f"time limit of {seconds:.1f} s reached after {len(solved)} parameter points", info)
    fitted = _fits(problem, solved)
    if fitted is None:
        return Proposal(None, f"no low-degree rational function of the parameters fits the multipliers at "
                              f"{len(solved)} points", info)
    cols = solved[0][1]["cols"]
    xs = problem.variables
    products, constant = [], sp.Integer(0)
    eq_mults = [sp.Integer(0)] * len(problem.base.equalities)
    m = len(setup0.basis)
    gram = sp.zeros(m, m)
    for (kind, key, _), f in zip(cols, fitted):
        if kind == "lam" and f != 0:
            idx = tuple(xhyps[i] for i in setup0.candidates[key][0])
            products.append((idx, f))
        elif kind == "p":
            j, mono = key
            eq_mults[j] += f * _monomial_expr(mono, xs)
        elif kind == "c":
            constant = f
        elif kind == "Q" and f is not None:
            a, b = key
            gram[a, b] = gram[b, a] = f
    gram = _exact_gram(problem, products, eq_mults, setup0.basis, gram, constant)
    info["seconds"] = round(time.monotonic() - start, 3)
    if gram is None:
        return Proposal(None, "the fitted multipliers leave a residual no Gram entry can absorb", info)
    cert = ParametricCertificate(tuple(products), tuple(sp.expand(p) for p in eq_mults),
                                 tuple(_monomial_expr(mn, xs) for mn in setup0.basis), gram, constant)
    return Proposal(cert, f"fitted from {len(solved)} parameter points by {solver} (basis {m}, "
                          f"{len(setup0.candidates)} products), rational functions of "
                          f"{', '.join(map(str, problem.parameters))}, Gram matrix corrected exactly", info)


def _exact(problem: ParametricProblem, setup: _Setup, xhyps: list[int], support: set) -> ParametricCertificate | None:
    """The certificate on ``support`` when the identity alone determines every unknown (a linear system over
    QQ(params) with a unique solution); None otherwise."""
    xs, base = problem.variables, problem.base
    hyps = [h for h, _ in base.inequalities]
    basis = [_monomial_expr(m, xs) for m in setup.basis]
    prods = [tuple(xhyps[i] for i in idx) for idx, _, _ in setup.candidates if idx in support]
    lam = sp.symbols(f"_lam0:{len(prods)}")
    m = len(basis)
    q = {(a, b): sp.Symbol(f"_q{a}_{b}") for a in range(m) for b in range(a, m)}
    Q = sp.Matrix(m, m, lambda a, b: q[min(a, b), max(a, b)])
    eqm = [[(sp.Symbol(f"_p{j}_{k}"), _monomial_expr(mono, xs)) for k, mono in enumerate(monos)]
           for j, monos in enumerate(setup.eq_monomials)]
    unknowns = [*lam, *q.values(), *(u for row in eqm for u, _ in row)]
    if len(unknowns) > MAX_EXACT_UNKNOWNS:
        return None
    z = sp.Matrix(basis)
    total = sp.Add(*[l * sp.Mul(*[hyps[i] for i in idx]) for l, idx in zip(lam, prods)])
    total += sp.Add(*[sum((u * mono for u, mono in row), sp.Integer(0)) * e for row, e in zip(eqm, base.equalities)])
    if basis:
        total += (z.T * Q * z)[0, 0]
    equations = sp.Poly(sp.expand(base.goal - total), *xs).coeffs()
    try:
        solution = sp.linsolve(equations, unknowns)
    except (ValueError, NotImplementedError):
        return None
    if not isinstance(solution, sp.FiniteSet) or len(solution) != 1:
        return None
    (values,) = solution
    if any(v.free_symbols & set(unknowns) for v in values):
        return None   # a family: the fit below chooses
    values = dict(zip(unknowns, (sp.cancel(v) for v in values)))
    gram = Q.xreplace(values)
    eq_mults = tuple(sp.expand(sum((values[u] * mono for u, mono in row), sp.Integer(0))) for row in eqm)
    products = tuple((idx, values[l]) for l, idx in zip(lam, prods) if values[l] != 0)
    return ParametricCertificate(products, eq_mults, tuple(basis), gram, sp.Integer(0))


def _support(setup: _Setup, W: list, seconds: float, solver: str) -> set | str:
    """A small set of hypothesis products that still admits a certificate at this point: those the canonical
    solve leaves at 0 dropped, then each other one dropped in turn (smallest first) while the SDP stays
    feasible. A minimal support tends to fix the multipliers by the identity alone, so that they are rational
    functions of the parameters of low degree."""
    start = time.monotonic()
    x = _solve(setup, W, seconds, solver, canonical=True)
    if isinstance(x, str):
        return x
    all_candidates = list(setup.candidates)
    values = {all_candidates[key][0]: v for (kind, key, _), v in zip(x["cols"], x["values"]) if kind == "lam"}
    top = max([abs(v) for v in x["values"]] + [1e-300])
    support = {idx for idx, v in values.items() if v > 1e-7 * top}
    for idx in sorted(support, key=lambda i: values[i]):
        left = seconds - (time.monotonic() - start)
        if left <= 0.05:
            break
        setup.candidates = [c for c in all_candidates if c[0] in support - {idx}]
        if not isinstance(_solve(setup, W, left, solver, canonical=True), str):
            support = support - {idx}
    setup.candidates = all_candidates
    return support


def _fits(problem: ParametricProblem, solved: list[tuple[dict, dict]]) -> list[sp.Expr] | None:
    """Every unknown's rational function of the parameters (None for a Gram entry that fits none), or None
    when a multiplier does not fit."""
    P = np.array([[float(pt[s]) for s in problem.parameters] for pt, _ in solved])
    values = np.array([x["values"] for _, x in solved])
    tops = np.max(np.abs(values), axis=1)
    kinds = [kind for kind, _, _ in solved[0][1]["cols"]]
    out = []
    for k in range(values.shape[1]):
        if np.all(np.abs(values[:, k]) <= 1e-7 * tops):   # solver noise around 0
            out.append(sp.Integer(0))
            continue
        f = fit_rational(P, values[:, k], problem.parameters)
        if f is None and kinds[k] != "Q":
            return None
        out.append(f)   # a Gram entry that fits no low-degree function is left to the exact correction
    return out


__all__ = ["propose_parametric", "parameter_points", "fit_rational"]
