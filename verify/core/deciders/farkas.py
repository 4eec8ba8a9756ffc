"""Linear arithmetic over the hypotheses, with a certificate (Farkas / degree-2 Positivstellensatz).

After clearing denominators of known sign, the goal ``g >= 0`` is proved by exhibiting rational
multipliers ``lam_k >= 0`` with

    g = sum_k lam_k q_k + sum_e nu_e e + r,

where the ``q_k`` are the hypotheses ``q >= 0`` and their pairwise products, the ``e`` the equality
hypotheses, and ``r`` a polynomial each of whose terms is non-negative by the symbols' assumptions.
Monomials (and atoms such as ``exp(x)``) are treated as independent unknowns, which can only lose
proofs, never make a false one. A floating LP (scipy/HiGHS) finds the multipliers; they are made
rational and the identity is re-checked exactly before anything is claimed.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations_with_replacement

import numpy as np
import sympy as sp
from scipy.optimize import linprog

from ..exact import NotReal, sign
from ..verdicts import Evidence
from .base import Fact, NotApplicable, Outcome, equality_substitution, goal_relations, normalise, \
    plain_hypotheses, sign_facts

MAX_FACTS = 14


def _cleared(fact: Fact) -> Fact | None:
    """``N/D kind 0`` to a polynomial fact; None when the denominator's sign is unknown."""
    numer, denom = sp.fraction(sp.together(fact.expr))
    if denom == 1:
        return Fact(sp.expand(numer), fact.kind)
    if fact.kind == "==":
        return Fact(sp.expand(numer), "==")
    if denom.is_positive:
        return Fact(sp.expand(numer), fact.kind)
    if denom.is_negative:
        return Fact(sp.expand(-numer), fact.kind)
    return None


def _goal_fact(fact: Fact) -> tuple[Fact, str]:
    """Goal ``N/D >= 0`` becomes ``N >= 0`` for a positive D, else ``N*D >= 0`` (same sign where D != 0)."""
    numer, denom = sp.fraction(sp.together(fact.expr))
    if denom == 1:
        return Fact(sp.expand(numer), fact.kind), ""
    if denom.is_positive:
        return Fact(sp.expand(numer), fact.kind), f"multiplied by the positive denominator {denom}"
    if denom.is_negative:
        return Fact(sp.expand(-numer), fact.kind), f"multiplied by the negative denominator {denom}"
    return Fact(sp.expand(numer * denom), fact.kind), f"multiplied by the square of the denominator {denom}"


def _nonneg_monomial(monom: tuple, gens: tuple) -> bool:
    """Each factor g**e is >= 0: g is, or e is even and g is real (the generator x**y of x**(2*y) is
    not: x**(2*y) = -2 at x = -2, y = 1/2; nor is log(x) of log(x)**2 = -pi**2 at x = -1)."""
    return all(e == 0 or (e % 2 == 0 and g.is_extended_real) or g.is_nonnegative for e, g in zip(monom, gens))


def _rational(x: float, bound: int) -> Fraction:
    return Fraction(x).limit_denominator(bound)


def _rescaled(value: Fraction, goal_scale: sp.Rational, scale: sp.Rational) -> Fraction:
    """A multiplier of ``q/scale`` in ``goal/goal_scale`` as a multiplier of ``q`` in ``goal``."""
    if goal_scale == 1 and scale == 1:
        return value
    exact = sp.Rational(value.numerator, value.denominator) * goal_scale / scale
    return Fraction(int(exact.p), int(exact.q))


def _certify(goal: sp.Expr, strict: bool, cands: list[tuple[sp.Expr, bool, tuple]], eqs: list[sp.Expr],
             gens: tuple, lam: list, nu: list) -> tuple[bool, sp.Expr]:
    """The exact check: ``goal - sum lam q - sum nu e``, expanded, has only non-negative terms."""
    total = sum((sp.Rational(l.numerator, l.denominator) * q for l, (q, _, _) in zip(lam, cands) if l != 0),
                sp.Integer(0))
    total += sum((sp.Rational(n.numerator, n.denominator) * e for n, e in zip(nu, eqs) if n != 0), sp.Integer(0))
    remainder = sp.expand(goal - total)
    poly = sp.Poly(remainder, *gens) if remainder != 0 else None
    if poly is not None:
        for monom, coeff in poly.terms():
            # a coefficient that is not a number (a term the generators do not cover) is not certified
            if not coeff.is_Rational or coeff < 0 or not _nonneg_monomial(monom, gens):
                return False, remainder
    if strict:
        const = poly.coeff_monomial(1) if poly is not None else 0
        if not (const > 0 or any(l > 0 and s for l, (_, s, _) in zip(lam, cands))):
            return False, remainder
    return True, remainder


def _constant_goal(goal: Fact) -> tuple[str, dict] | None:
    """A goal with nothing symbolic left (``1 > 1``; ``x + c > 1`` after ``x = 1``) is decided exactly."""
    try:
        s = sign(goal.expr)
    except NotReal:
        return None
    if s is not None and (s > 0 or (s == 0 and goal.kind == ">=")):
        return "0 (a constant, its sign computed exactly)", {"remainder": str(goal.expr), "multipliers": []}
    return None


def _scale(poly: sp.Poly) -> sp.Rational:
    """The largest absolute coefficient of a polynomial with rational coefficients (else 1), to bring
    the LP's numbers near 1: a coefficient such as 10**400 is no float."""
    coeffs = poly.coeffs()
    if not coeffs or not all(c.is_Rational for c in coeffs):
        return sp.Integer(1)
    return max(abs(c) for c in coeffs)


def _prove_one(goal: Fact, facts: list[Fact], eqs: list[sp.Expr]) -> tuple[str, dict] | None:
    if goal.expr.is_number:  # (D(0) - D(1) has no free symbols, but is no number)
        return _constant_goal(goal)
    ineqs = [f for f in facts if f.kind in (">=", ">")][:MAX_FACTS]
    pairs = list(combinations_with_replacement(range(len(ineqs)), 2))
    # candidates: each hypothesis and each pairwise product (left unexpanded: the exact check expands
    # only the ones used); (expression, strict, indices of the factors)
    cands: list[tuple[sp.Expr, bool, tuple]] = [(f.expr, f.kind == ">", (k,)) for k, f in enumerate(ineqs)]
    cands += [(ineqs[a].expr * ineqs[b].expr, ineqs[a].kind == ">" and ineqs[b].kind == ">", (a, b))
              for a, b in pairs]
    try:  # one pass finds the common generators and writes every expression over them
        base, options = sp.parallel_poly_from_expr([goal.expr] + [f.expr for f in ineqs] + eqs)
    except sp.polys.polyerrors.PolificationFailed:  # no generator: nothing symbolic to certify
        return None
    except sp.PolynomialError as exc:
        raise NotApplicable(str(exc)) from exc
    gens = tuple(options.gens)
    if not gens:
        return None
    n_i = len(ineqs)
    # the LP's rows; products multiplied as polynomials (only the LP sees them: it proposes, _certify checks)
    polys = [base[0], *base[1:1 + n_i], *(base[1 + a] * base[1 + b] for a, b in pairs), *base[1 + n_i:]]
    # the LP sees each polynomial divided by its largest coefficient; the multipliers found are scaled
    # back exactly below, and the certificate is checked on the original polynomials
    scales = [_scale(p) for p in polys]
    monoms = sorted({m for p in polys for m in p.monoms()} | {(0,) * len(gens)})
    index = {m: i for i, m in enumerate(monoms)}
    n_l, n_e = len(cands), len(eqs)
    nonneg = [m for m in monoms if _nonneg_monomial(m, gens)]
    n_r = len(nonneg)
    n_var = n_l + 2 * n_e + n_r + 1  # lam, nu+ , nu-, r, t
    a_eq = np.zeros((len(monoms), n_var))
    b_eq = np.zeros(len(monoms))
    for m, c in polys[0].terms():
        b_eq[index[m]] = float(c / scales[0])
    for k, p in enumerate(polys[1:1 + n_l]):
        for m, c in p.terms():
            a_eq[index[m], k] = float(c / scales[1 + k])
    for j, p in enumerate(polys[1 + n_l:]):
        for m, c in p.terms():
            a_eq[index[m], n_l + j] = float(c / scales[1 + n_l + j])
            a_eq[index[m], n_l + n_e + j] = -float(c / scales[1 + n_l + j])
    for j, m in enumerate(nonneg):
        a_eq[index[m], n_l + 2 * n_e + j] = 1.0
    cost = np.zeros(n_var)
    cost[:n_l] = 1e-3
    a_ub, b_ub = None, None
    bounds = [(0, None)] * (n_var - 1) + [(0, 1 if goal.kind == ">" else 0)]
    if goal.kind == ">":
        # t <= sum of strict multipliers + constant slack; maximise t
        row = np.zeros(n_var)
        row[-1] = 1.0
        for k, c in enumerate(cands):
            if c[1]:
                row[k] = -1.0
        const_idx = nonneg.index((0,) * len(gens))
        row[n_l + 2 * n_e + const_idx] = -1.0
        a_ub, b_ub = row[None, :], np.zeros(1)
        cost[-1] = -1.0
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        return None
    x = res.x
    goal_scale, cand_scales, eq_scales = scales[0], scales[1:1 + n_l], scales[1 + n_l:]
    for bound in (10, 1000, 10**6, 10**9):
        lam = [_rescaled(_rational(v, bound), goal_scale, c) if v > 1e-10 else Fraction(0)
               for v, c in zip(x[:n_l], cand_scales)]
        nu = [_rescaled(_rational(x[n_l + j] - x[n_l + n_e + j], bound), goal_scale, eq_scales[j])
              for j in range(n_e)]
        ok, remainder = _certify(goal.expr, goal.kind == ">", cands, eqs, gens, lam, nu)
        if ok:
            parts = [f"{sp.Rational(l.numerator, l.denominator)}*" + "*".join(f"({ineqs[i].expr})" for i in c[2])
                     for l, c in zip(lam, cands) if l != 0]
            parts += [f"{sp.Rational(n.numerator, n.denominator)}*({e})" for n, e in zip(nu, eqs) if n != 0]
            cert = " + ".join(parts) or "0"
            return cert, {"remainder": str(remainder), "multipliers": parts}
    return None


def cleared_hypotheses(problem) -> tuple[dict, list[Fact], list[sp.Expr]]:
    """(the hypotheses' equality substitution, their inequalities ``expr >= 0`` / ``> 0`` and equations
    ``expr = 0`` after it, denominators cleared, with the symbols' sign facts)."""
    sub = equality_substitution(problem.hyps)
    facts: list[Fact] = []
    eqs: list[sp.Expr] = []
    for h in plain_hypotheses(problem.hyps):
        if h.rel_op == "!=":
            continue
        for f in normalise(h):
            cleared = _cleared(Fact(f.expr.xreplace(sub), f.kind))
            if cleared is None or cleared.expr == 0:
                continue
            (eqs.append(cleared.expr) if cleared.kind == "==" else facts.append(cleared))
    facts += [f for f in sign_facts(problem.symbols) if f.expr.free_symbols - set(sub)]
    return sub, facts, eqs


def decide_farkas(problem) -> Outcome | None:
    """Prove each inequality conjunct from the hypotheses by a rational Farkas certificate."""
    rels = goal_relations(problem.goal)
    sub, facts, eqs = cleared_hypotheses(problem)
    details, data = [], []
    for rel in rels:
        if rel.rel_op in ("==", "!="):
            return None
        (goal,) = normalise(rel)
        goal_fact, how = _goal_fact(Fact(goal.expr.xreplace(sub), goal.kind))
        found = _prove_one(goal_fact, facts, eqs)
        if found is None:
            return None
        cert, info = found
        details.append(f"{goal_fact.expr} {goal_fact.kind} 0" + (f" ({how})" if how else "") +
                       f" equals {cert} plus the remainder {info['remainder']}, non-negative term by term")
        data.append(info)
    return Outcome("farkas", True, Evidence("farkas", "; ".join(details), {"certificates": data}))
